#include "source/sql_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "source/sql_test_util.h"

namespace hm::source {
namespace {

using namespace std::chrono_literals;

TEST(SqlPoolTest, OpensLazilyAndReusesConnections) {
  hm::testing::TempDir dir;
  SqlPool pool(SqliteUri(dir), CreateOptions(), 3);
  EXPECT_EQ(pool.open_count(), 0u);
  SqlConnection* first = nullptr;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().ToString();
    first = lease->get();
    EXPECT_TRUE(QueryAll(**lease, "SELECT 1").ok());
  }
  auto again = pool.Acquire();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), first);
  EXPECT_EQ(pool.open_count(), 1u);
}

TEST(SqlPoolTest, HandsOutAtMostSizeThenBlocksUntilOneReturns) {
  hm::testing::TempDir dir;
  SqlPool pool(SqliteUri(dir), CreateOptions(), 2);
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->get(), b->get());
  std::atomic<bool> got_third{false};
  auto third = std::async(std::launch::async, [&] {
    auto c = pool.Acquire();
    got_third = true;
    return c.ok() ? c->get() : nullptr;
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(got_third) << "a third lease while two are out";
  EXPECT_EQ(pool.open_count(), 2u);
  SqlConnection* returned = b->get();
  { auto release = std::move(b).value(); }
  ASSERT_EQ(third.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(third.get(), returned);
  EXPECT_EQ(pool.open_count(), 2u);
}

TEST(SqlPoolTest, ManyThreadsNeverExceedTheSize) {
  hm::testing::TempDir dir;
  SqlPool pool(SqliteUri(dir), CreateOptions(), 3);
  std::atomic<int> in_use{0}, most{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto lease = pool.Acquire();
        if (!lease.ok()) {
          ++failures;
          continue;
        }
        const int now = ++in_use;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        if (!QueryAll(**lease, "SELECT 1").ok()) ++failures;
        std::this_thread::sleep_for(1ms);
        --in_use;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_LE(most, 3);
  EXPECT_LE(pool.open_count(), 3u);
}

TEST(SqlPoolTest, FailedOpenFreesTheSlot) {
  hm::testing::TempDir dir;
  SqlPool pool(SqliteUri(dir, "missing.db"), SqlOptions(), 1);
  for (int i = 0; i < 2; ++i) {  // a leaked slot would block the second try forever
    auto lease = pool.Acquire();
    ASSERT_FALSE(lease.ok());
    EXPECT_EQ(lease.status().code(), StatusCode::kNotFound);
  }
  EXPECT_EQ(pool.open_count(), 0u);
}

TEST(SqlPoolTest, BrokenConnectionIsReplaced) {
  std::string uri;
  ASSERT_NO_FATAL_FAILURE(PostgresUri(uri));
  SqlPool pool(uri, SqlOptions(), 1);
  auto killer = OpenSql(uri);
  ASSERT_TRUE(killer.ok()) << killer.status().ToString();
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().ToString();
    const auto pid = QueryAll(**lease, "SELECT pg_backend_pid()");
    ASSERT_TRUE(pid.ok());
    ASSERT_TRUE(QueryAll(**killer, "SELECT pg_terminate_backend($1, 5000)",
                         {std::get<std::int64_t>((*pid)[0][0])})
                    .ok());
    EXPECT_FALSE(QueryAll(**lease, "SELECT 1").ok());
    EXPECT_EQ((*lease)->last_error().kind, SqlErrorKind::kTransient);
  }
  EXPECT_EQ(pool.open_count(), 0u) << "the broken connection is dropped";
  auto fresh = pool.Acquire();
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_TRUE(QueryAll(**fresh, "SELECT 1").ok());
}

}  // namespace
}  // namespace hm::source
