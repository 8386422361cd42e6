// PostgreSQL-only behaviour against a real server: cancellation seen in pg_stat_activity, a
// terminated backend, type mapping, connection failures; and the COPY and array encoders.
#include "source/postgres_connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "source/sql_test_util.h"

namespace hm::source {
namespace {

using std::chrono::steady_clock;

class PostgresConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(PostgresUri(uri_)); }
  std::unique_ptr<SqlConnection> Open() {
    auto opened = OpenSql(uri_);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  // How many other sessions run a statement containing `text` now.
  std::int64_t ActiveLike(SqlConnection& observer, const std::string& text) {
    const auto rows = QueryAll(observer,
                               "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                               "AND pid <> pg_backend_pid() AND strpos(query, $1) > 0",
                               {text});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? std::get<std::int64_t>((*rows)[0][0]) : -1;
  }

  std::string uri_;
};

TEST_F(PostgresConnectionTest, CancelStopsTheStatementOnTheServer) {
  auto sleeper = Open();
  auto observer = Open();
  ASSERT_TRUE(sleeper && observer);
  steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    for (int i = 0; i < 100 && ActiveLike(*observer, "pg_sleep(30)") == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    cancelled_at = steady_clock::now();
    sleeper->Cancel();
  });
  const auto start = steady_clock::now();
  const Status status =
      sleeper->Query("SELECT pg_sleep(30)", {}, [](const SqlRow&) { return Status::Ok(); });
  const auto returned_at = steady_clock::now();
  canceller.join();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(sleeper->last_error().kind, SqlErrorKind::kCancelled) << status.ToString();
  EXPECT_EQ(sleeper->last_error().sqlstate, "57014");
  EXPECT_LT(returned_at - cancelled_at, std::chrono::seconds(1));
  EXPECT_LT(returned_at - start, std::chrono::seconds(10));
  EXPECT_EQ(ActiveLike(*observer, "pg_sleep(30)"), 0);
  EXPECT_FALSE(sleeper->broken());
  EXPECT_TRUE(QueryAll(*sleeper, "SELECT 1").ok()) << "the connection survives a cancel";
}

TEST_F(PostgresConnectionTest, TerminatedBackendIsTransientAndBreaksTheConnection) {
  auto victim = Open();
  auto killer = Open();
  ASSERT_TRUE(victim && killer);
  const auto pid = QueryAll(*victim, "SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok());
  const auto killed = QueryAll(*killer, "SELECT pg_terminate_backend($1, 5000)",
                               {std::get<std::int64_t>((*pid)[0][0])});
  ASSERT_TRUE(killed.ok()) << killed.status().ToString();
  ASSERT_EQ(*killed, (Rows{{std::int64_t{1}}}));
  const auto rows = QueryAll(*victim, "SELECT 1");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(victim->last_error().kind, SqlErrorKind::kTransient) << rows.status().ToString();
  EXPECT_TRUE(victim->broken());
  EXPECT_EQ(rows.status().code(), StatusCode::kIoError);
}

TEST_F(PostgresConnectionTest, TypesMapToValues) {
  auto db = Open();
  ASSERT_TRUE(db);
  const auto rows = QueryAll(*db,
                             "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, "
                             "12345678901234567890.123::numeric, true, false, DATE '2024-01-31', "
                             "TIMESTAMP '2024-01-31 10:11:12', 'x'::varchar, NULL::int, "
                             "'{1,2}'::int[], 'Infinity'::float8");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const Rows expected = {{std::int64_t{1}, std::int64_t{2}, std::int64_t{3}, 1.5, 2.5,
                          std::string("12345678901234567890.123"), std::int64_t{1},
                          std::int64_t{0}, std::string("2024-01-31"),
                          std::string("2024-01-31 10:11:12"), std::string("x"), SqlValue(),
                          std::string("{1,2}"), std::numeric_limits<double>::infinity()}};
  EXPECT_EQ(*rows, expected);
}

TEST_F(PostgresConnectionTest, PasswordNeverShows) {
  std::string uri;
  ASSERT_NO_FATAL_FAILURE(PostgresUri(uri, "postgres:secret"));
  auto db = OpenSql(uri);  // trust authentication: the password is not asked for
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->display_name().find("secret"), std::string::npos);
  const auto rows = QueryAll(**db, "SELECT * FROM missing_table");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().ToString().find("secret"), std::string::npos);
  EXPECT_NE(rows.status().ToString().find("postgres:***@127.0.0.1"), std::string::npos)
      << rows.status().ToString();

  const std::string no_database = uri.substr(0, uri.rfind('/')) + "/no_such_db";
  auto missing = OpenSql(no_database);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no_such_db"), std::string::npos);
  EXPECT_EQ(missing.status().ToString().find("secret"), std::string::npos);
}

TEST(PostgresOpenTest, BadConnectionStringsGiveClearMessages) {
  const struct {
    const char* text;
    StatusCode code;
    const char* shows;
  } cases[] = {
      {"postgresql://u:secret@127.0.0.1:1/x", StatusCode::kIoError,
       "postgresql://u:***@127.0.0.1:1/x: cannot connect to PostgreSQL: connection to server at "
       "\"127.0.0.1\", port 1 failed"},
      {"mysql://u:secret@x/db", StatusCode::kInvalidInput, "unsupported connection string"},
      {"mysql://x", StatusCode::kInvalidInput, "'mysql://x'"},
  };
  for (const auto& c : cases) {
    const auto start = steady_clock::now();
    auto db = OpenSql(c.text);
    ASSERT_FALSE(db.ok()) << c.text;
    EXPECT_EQ(db.status().code(), c.code) << c.text;
    const std::string shown = db.status().ToString();
    EXPECT_NE(shown.find(c.shows), std::string::npos) << shown;
    EXPECT_EQ(shown.find("secret"), std::string::npos) << shown;
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(5)) << c.text;
  }
}

TEST(PostgresEncodingTest, ArrayLiteralQuotesEveryElement) {
  EXPECT_EQ(PostgresArrayLiteral({}), "{}");
  EXPECT_EQ(PostgresArrayLiteral({{"a", "b,c", "NULL", "q\"x", "back\\slash", "{}", " "}}),
            "{\"a\",\"b,c\",\"NULL\",\"q\\\"x\",\"back\\\\slash\",\"{}\",\" \"}");
}

TEST(PostgresEncodingTest, CopyLineEscapes) {
  std::string line;
  const std::vector<SqlValue> row = {std::int64_t{-5}, 0.1, SqlValue(),
                                     std::string("a\tb\nc\rd\\e\\N")};
  AppendCopyLine(row, line);
  EXPECT_EQ(line, "-5\t0.1\t\\N\ta\\tb\\nc\\rd\\\\e\\\\N\n");
}

}  // namespace
}  // namespace hm::source
