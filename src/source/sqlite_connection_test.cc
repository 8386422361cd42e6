// SQLite-only behaviour: interrupting a long query, lock contention, opening files.
#include "source/sqlite_connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "source/sql_test_util.h"

namespace hm::source {
namespace {

using std::chrono::steady_clock;

TEST(SqliteConnectionTest, LongQueryIsInterruptedFromAnotherThread) {
  auto db = OpenSql("sqlite::memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    (*db)->Cancel();
  });
  const auto start = steady_clock::now();
  const auto rows = QueryAll(**db,
                             "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                             "SELECT count(*) FROM c");
  const auto elapsed = steady_clock::now() - start;
  canceller.join();
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ((*db)->last_error().kind, SqlErrorKind::kCancelled) << rows.status().ToString();
  EXPECT_EQ((*db)->last_error().sqlite_code, SQLITE_INTERRUPT);
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  // An interrupt belongs to the statement that was running; the next one runs.
  EXPECT_TRUE(QueryAll(**db, "SELECT 1").ok());
}

TEST(SqliteConnectionTest, CancelWithNothingRunningDoesNotStopTheNextQuery) {
  auto db = OpenSql("sqlite::memory:");
  ASSERT_TRUE(db.ok());
  (*db)->Cancel();
  EXPECT_TRUE(QueryAll(**db, "SELECT 1").ok());
}

TEST(SqliteConnectionTest, LockedDatabaseIsTransient) {
  hm::testing::TempDir dir;
  SqlOptions options = CreateOptions();
  options.sqlite_busy_timeout_ms = 0;
  auto holder = OpenSql(SqliteUri(dir), options);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->Execute("CREATE TABLE t (x)").ok());
  auto waiter = OpenSql(SqliteUri(dir), options);
  ASSERT_TRUE(waiter.ok());
  ASSERT_TRUE((*holder)->Execute("BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)").ok());
  const Status locked = (*waiter)->Execute("INSERT INTO t VALUES (2)");
  EXPECT_FALSE(locked.ok());
  EXPECT_EQ((*waiter)->last_error().kind, SqlErrorKind::kTransient) << locked.ToString();
  ASSERT_TRUE((*holder)->Execute("COMMIT").ok());
  EXPECT_TRUE((*waiter)->Execute("INSERT INTO t VALUES (2)").ok());
}

TEST(SqliteConnectionTest, NumberedParametersInBothSpellings) {
  auto db = OpenSql("sqlite::memory:");
  ASSERT_TRUE(db.ok());
  const auto rows = QueryAll(**db, "SELECT ?2, $1, ?1", {std::int64_t{1}, std::string("two")});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{std::string("two"), std::int64_t{1}, std::int64_t{1}}}));
  const auto named = QueryAll(**db, "SELECT :name", {std::int64_t{1}});
  ASSERT_FALSE(named.ok());
  EXPECT_NE(named.status().message().find("parameter :name is not supported"), std::string::npos)
      << named.status().ToString();
}

TEST(SqliteConnectionTest, BlobsAndRealsKeepTheirValues) {
  auto db = OpenSql("sqlite::memory:");
  ASSERT_TRUE(db.ok());
  const auto rows = QueryAll(**db, "SELECT x'610062', 0.1, $1", {0.30000000000000004});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{std::string("a\0b", 3), 0.1, 0.30000000000000004}}));
}

TEST(SqliteConnectionTest, OpenErrorsNameTheSource) {
  hm::testing::TempDir dir;
  const std::string missing = SqliteUri(dir, "missing.db");
  auto absent = OpenSql(missing);
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(absent.status().location().file, missing);
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing.db"))) << "must not create it";

  const std::string junk = "sqlite:" + dir.Write("junk.db", std::string(4096, 'j'));
  auto not_a_database = OpenSql(junk);
  ASSERT_FALSE(not_a_database.ok());
  EXPECT_EQ(not_a_database.status().code(), StatusCode::kIoError);
  EXPECT_NE(not_a_database.status().ToString().find("not a database"), std::string::npos)
      << not_a_database.status().ToString();
}

}  // namespace
}  // namespace hm::source
