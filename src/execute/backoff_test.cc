#include "execute/backoff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace hm::execute {
namespace {

using std::chrono::milliseconds;

TEST(BackoffTest, CeilingDoublesUpToTheMax) {
  const BackoffPolicy policy{milliseconds(250), milliseconds(10'000)};
  const struct {
    int retry;
    std::int64_t ceiling_ms;
  } cases[] = {{0, 250}, {1, 500}, {2, 1000}, {3, 2000}, {5, 8000}, {6, 10'000}, {40, 10'000},
               {std::numeric_limits<int>::max(), 10'000}, {-1, 0}};
  for (const auto& c : cases) {
    EXPECT_EQ(BackoffCeiling(policy, c.retry).count(), c.ceiling_ms) << "retry " << c.retry;
  }
}

TEST(BackoffTest, ZeroInitialMeansNoWait) {
  const BackoffPolicy policy{milliseconds(0), milliseconds(0)};
  EXPECT_EQ(BackoffCeiling(policy, 3).count(), 0);
  EXPECT_EQ(BackoffDelay(policy, 3, ~std::uint64_t{0}).count(), 0);
}

TEST(BackoffTest, DelaysForAPinnedSeedStayWithinTheCeilingAndGrow) {
  const BackoffPolicy policy{milliseconds(50), milliseconds(1'000)};
  double previous_mean = -1;
  for (int retry = 0; retry < 6; ++retry) {
    const std::int64_t ceiling = BackoffCeiling(policy, retry).count();
    double sum = 0;
    constexpr int kSamples = 2000;
    for (int i = 0; i < kSamples; ++i) {
      const std::int64_t delay =
          BackoffDelay(policy, retry, JitterRandom(42, "query" + std::to_string(i), retry)).count();
      ASSERT_GE(delay, 0) << "retry " << retry;
      ASSERT_LE(delay, ceiling) << "retry " << retry;
      sum += static_cast<double>(delay);
    }
    // Full jitter: the mean is half the ceiling (within 10% of it for 2,000 samples).
    const double mean = sum / kSamples;
    EXPECT_NEAR(mean, static_cast<double>(ceiling) / 2, static_cast<double>(ceiling) / 10)
        << "retry " << retry;
    EXPECT_GT(mean, previous_mean) << "retry " << retry;
    previous_mean = mean;
  }
}

TEST(BackoffTest, JitterIsDeterministicAndDependsOnEveryInput) {
  EXPECT_EQ(JitterRandom(7, "v_imaging", 1), JitterRandom(7, "v_imaging", 1));
  EXPECT_NE(JitterRandom(7, "v_imaging", 1), JitterRandom(8, "v_imaging", 1));
  EXPECT_NE(JitterRandom(7, "v_imaging", 1), JitterRandom(7, "v_visits", 1));
  EXPECT_NE(JitterRandom(7, "v_imaging", 1), JitterRandom(7, "v_imaging", 2));
}

TEST(BackoffTest, TwoRetriesFromFiftyMillisecondsWaitAtMostOneHundredFifty) {
  const BackoffPolicy policy{milliseconds(50), milliseconds(10'000)};
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const auto total = BackoffDelay(policy, 0, JitterRandom(seed, "q", 0)) +
                       BackoffDelay(policy, 1, JitterRandom(seed, "q", 1));
    EXPECT_LE(total.count(), 150) << "seed " << seed;
  }
}

}  // namespace
}  // namespace hm::execute
