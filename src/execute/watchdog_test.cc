#include "execute/watchdog.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace hm::execute {
namespace {

using namespace std::chrono_literals;
using Clock = Watchdog::Clock;

// Counts Cancel() calls; runs no SQL.
class CountingConnection final : public SqlConnection {
 public:
  CountingConnection() : SqlConnection("fake") {}
  Status Query(std::string_view, std::span<const SqlParam>,
               const std::function<Status(const SqlRow&)>&) override {
    return Status::Ok();
  }
  Status Execute(std::string_view) override { return Status::Ok(); }
  Status CopyRows(std::string_view, std::span<const std::string>,
                  std::span<const std::vector<SqlValue>>) override {
    return Status::Ok();
  }
  void Cancel() override { ++cancels; }
  std::string InListPredicate(std::string_view, int) const override { return ""; }
  bool broken() const override { return false; }
  SqlBackend backend() const override { return SqlBackend::kSqlite; }

  std::atomic<int> cancels{0};
};

// Waits up to `limit` for `condition`.
template <class F>
bool Eventually(F condition, std::chrono::milliseconds limit = 3s) {
  const auto end = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(WatchdogTest, DisarmedBeforeTheDeadlineNeverCancels) {
  Watchdog watchdog;
  CountingConnection connection;
  const auto ticket = watchdog.Arm(connection, Clock::now() + 10s, 1);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(watchdog.Disarm(ticket), CancelReason::kNone);
  EXPECT_EQ(connection.cancels, 0);
}

TEST(WatchdogTest, CancelsAtTheDeadlineAndRepeatsUntilDisarmed) {
  Watchdog watchdog(20ms);
  CountingConnection connection;
  const auto armed = Clock::now();
  const auto ticket = watchdog.Arm(connection, armed + 100ms, 1);
  ASSERT_TRUE(Eventually([&] { return connection.cancels >= 1; }));
  EXPECT_GE(Clock::now() - armed, 100ms) << "cancelled before the deadline";
  ASSERT_TRUE(Eventually([&] { return connection.cancels >= 3; })) << "the cancel is repeated";
  EXPECT_EQ(watchdog.Disarm(ticket), CancelReason::kTimeout);
  const int after = connection.cancels;
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(connection.cancels, after) << "no cancel after Disarm returned";
}

TEST(WatchdogTest, StopCancelsOnlyItsGroup) {
  Watchdog watchdog;
  CountingConnection in_group, other;
  const auto a = watchdog.Arm(in_group, Clock::time_point::max(), 1);
  const auto b = watchdog.Arm(other, Clock::time_point::max(), 2);
  watchdog.Stop(1);
  ASSERT_TRUE(Eventually([&] { return in_group.cancels >= 1; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(other.cancels, 0);
  EXPECT_EQ(watchdog.Disarm(a), CancelReason::kStopped);
  EXPECT_EQ(watchdog.Disarm(b), CancelReason::kNone);
}

TEST(WatchdogTest, StopAllCancelsEveryGroupAndKeepsATimeoutsReason) {
  Watchdog watchdog(20ms);
  CountingConnection timed, waiting;
  const auto a = watchdog.Arm(timed, Clock::now(), 1);
  ASSERT_TRUE(Eventually([&] { return timed.cancels >= 1; }));
  const auto b = watchdog.Arm(waiting, Clock::time_point::max(), 2);
  watchdog.StopAll();
  ASSERT_TRUE(Eventually([&] { return waiting.cancels >= 1; }));
  EXPECT_EQ(watchdog.Disarm(a), CancelReason::kTimeout);
  EXPECT_EQ(watchdog.Disarm(b), CancelReason::kStopped);
}

TEST(WatchdogTest, ManyConcurrentArmsAndDisarms) {
  Watchdog watchdog(5ms);
  std::vector<std::thread> threads;
  std::atomic<int> timeouts{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      CountingConnection connection;
      for (int i = 0; i < 200; ++i) {
        const auto deadline = Clock::now() + std::chrono::microseconds((i * 37 + t) % 500);
        const auto ticket = watchdog.Arm(connection, deadline, static_cast<std::uint64_t>(t));
        std::this_thread::sleep_for(std::chrono::microseconds(i % 300));
        if (watchdog.Disarm(ticket) == CancelReason::kTimeout) ++timeouts;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_GT(timeouts, 0);
}

}  // namespace
}  // namespace hm::execute
