#include "serve/rate_limiter.h"

#include <gtest/gtest.h>

namespace hm::serve {
namespace {

TEST(RateLimiterTest, BurstThenRefillAtTheRate) {
  auto now = std::chrono::steady_clock::time_point{};
  RateLimiter limiter(2, 3, [&] { return now; });
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a"), 0) << i;
  EXPECT_EQ(limiter.Take("a"), 1) << "empty: a token in half a second, rounded up";
  EXPECT_EQ(limiter.Take("b"), 0) << "keys have their own buckets";
  now += std::chrono::milliseconds(500);
  EXPECT_EQ(limiter.Take("a"), 0);
  EXPECT_GT(limiter.Take("a"), 0);
  now += std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a"), 0) << "refilled to the burst, not beyond";
  EXPECT_GT(limiter.Take("a"), 0);
}

TEST(RateLimiterTest, RetryAfterGrowsWithASlowRate) {
  auto now = std::chrono::steady_clock::time_point{};
  RateLimiter limiter(0.1, 1, [&] { return now; });
  EXPECT_EQ(limiter.Take("a"), 0);
  EXPECT_EQ(limiter.Take("a"), 10);
}

}  // namespace
}  // namespace hm::serve
