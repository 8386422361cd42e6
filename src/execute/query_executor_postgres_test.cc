// The executor against the PostgreSQL server the test binary starts: statements cancelled on the
// server (checked in pg_stat_activity from another connection), dropped connections retried on a
// fresh one, an unreachable server, the connection limit, and no parameter values in the logs.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "execute/executor_test_util.h"
#include "hedis_mockup/log.h"

namespace hm::execute {
namespace {

using source::QueryAll;

// Statements running now, other than the caller's, whose text holds `marker`.
std::int64_t ActiveWithMarker(SqlConnection& monitor, const std::string& marker) {
  auto rows = QueryAll(monitor,
                       "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                       "AND pid <> pg_backend_pid() AND strpos(query, $1) > 0",
                       {marker});
  return rows.ok() ? std::get<std::int64_t>((*rows)[0][0]) : -1;
}

class QueryExecutorPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(source::PostgresUri(uri_));
    auto monitor = OpenSql(uri_);
    ASSERT_TRUE(monitor.ok()) << monitor.status().ToString();
    monitor_ = std::move(monitor).value();
  }
  std::string uri_;
  std::unique_ptr<SqlConnection> monitor_;  // watches the server from outside the executor
};

TEST_F(QueryExecutorPostgresTest, ResultsEqualRunningOneByOne) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(3), executor));
  const std::string sql =
      "SELECT g AS id, 'n' || g AS name FROM generate_series(1, 100) AS g WHERE g % $1 = 0 "
      "ORDER BY g";
  std::vector<NamedQuery> queries;
  for (int i = 1; i <= 12; ++i) queries.push_back({"q" + std::to_string(i), sql, {std::int64_t{i}}});
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  for (std::size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(queries[i].name);
    EXPECT_EQ((*results)[i].name, queries[i].name);
    auto expected = QueryAll(*monitor_, sql, queries[i].params);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ((*results)[i].rows, *expected);
  }
}

TEST_F(QueryExecutorPostgresTest, AtMostMaxConcurrentRunAtOnce) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(3), executor));
  std::vector<NamedQuery> queries;
  for (int i = 0; i < 10; ++i) {
    queries.push_back({"sleep" + std::to_string(i), "SELECT pg_sleep(0.5) /* hm-concurrency */", {}});
  }
  std::atomic<bool> finished{false};
  std::int64_t most = 0;
  std::thread watcher([&] {
    while (!finished) {
      most = std::max(most, ActiveWithMarker(*monitor_, "hm-concurrency"));
      std::this_thread::sleep_for(20ms);
    }
  });
  const auto start = Clock::now();
  auto results = executor->Run(queries);
  const double seconds = SecondsSince(start);
  finished = true;
  watcher.join();
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_LE(most, 3);
  EXPECT_GE(most, 2) << "the queries ran in parallel";
  // Four waves of 0.5 s at three at once; one by one would take 5 s.
  EXPECT_GE(seconds, 1.5);
  EXPECT_LT(seconds, 4.5);
}

TEST_F(QueryExecutorPostgresTest, TimeoutCancelsOnTheServerAndIsRecoverable) {
  ExecutorOptions options = FastOptions();
  options.timeout = 1s;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, options, executor));
  const std::vector<NamedQuery> queries = {{"slow", "SELECT pg_sleep(30) /* hm-timeout */", {}},
                                           {"fast", "SELECT 1", {}}};
  CompletenessTracker tracker;
  const auto start = Clock::now();
  auto results = executor->Run(queries, &tracker);
  EXPECT_LT(SecondsSince(start), 10.0);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_TRUE(Eventually([&] { return ActiveWithMarker(*monitor_, "hm-timeout") == 0; }, 2000ms))
      << "the statement still runs on the server";
  const QueryResult& slow = (*results)[0];
  EXPECT_TRUE(slow.timed_out);
  EXPECT_EQ(slow.attempts, 1) << "a timeout is not retried";
  EXPECT_EQ(slow.error_kind, SqlErrorKind::kCancelled);
  EXPECT_EQ(slow.status.severity(), Severity::kRecoverable);
  EXPECT_NE(slow.status.message().find("timed out after 1 s"), std::string::npos)
      << slow.status.ToString();
  EXPECT_TRUE((*results)[1].status.ok());
  const CompletenessSnapshot snapshot = tracker.Snapshot();
  EXPECT_TRUE(snapshot.data_sources.at("slow").attempted);
  EXPECT_FALSE(snapshot.data_sources.at("slow").succeeded);
  ASSERT_EQ(snapshot.errors.size(), 1u);
  EXPECT_EQ(snapshot.errors[0].severity, "recoverable");
  EXPECT_EQ(snapshot.score(), 0.5);
}

TEST_F(QueryExecutorPostgresTest, DroppedConnectionIsRetriedOnAFreshOne) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(1), executor));
  std::atomic<std::int64_t> killed{0};
  std::thread killer([&] {
    Eventually([&] {
      auto pid = QueryAll(*monitor_,
                          "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND "
                          "pid <> pg_backend_pid() AND strpos(query, 'hm-terminate') > 0");
      if (!pid.ok() || pid->empty()) return false;
      killed = std::get<std::int64_t>((*pid)[0][0]);
      return QueryAll(*monitor_, "SELECT pg_terminate_backend($1, 5000)", {killed.load()}).ok();
    }, 10'000ms);
  });
  const std::vector<NamedQuery> queries = {
      {"a", "SELECT pg_backend_pid() AS pid FROM pg_sleep(1) /* hm-terminate */", {}}};
  auto results = executor->Run(queries);
  killer.join();
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const QueryResult& result = (*results)[0];
  ASSERT_NE(killed, 0) << "the backend was never seen";
  ASSERT_TRUE(result.status.ok()) << result.status.ToString();
  EXPECT_EQ(result.attempts, 2);
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_NE(std::get<std::int64_t>(result.rows[0][0]), killed.load()) << "a fresh connection";
  EXPECT_EQ(executor->open_connections(), 1u);
}

TEST_F(QueryExecutorPostgresTest, SyntaxErrorIsNotRetried) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(), executor));
  const std::vector<NamedQuery> queries = {{"bad", "SELEC 1", {}}};
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ((*results)[0].attempts, 1);
  EXPECT_EQ((*results)[0].error_kind, SqlErrorKind::kPermanent);
  EXPECT_NE((*results)[0].status.message().find("42601"), std::string::npos);
}

TEST_F(QueryExecutorPostgresTest, RequiredFailureCancelsTheQueriesInFlight) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(2), executor));
  const std::vector<NamedQuery> queries = {
      {"slow", "SELECT pg_sleep(30) /* hm-required */", {}},
      {"anchor", "SELECT 1 / 0", {}, /*required=*/true},
      {"later", "SELECT 1", {}}};
  CompletenessTracker tracker;
  const auto start = Clock::now();
  auto results = executor->Run(queries, &tracker);
  EXPECT_LT(SecondsSince(start), 10.0) << "the sleeping query was not cancelled";
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("query 'anchor'"), std::string::npos)
      << results.status().ToString();
  EXPECT_EQ(ActiveWithMarker(*monitor_, "hm-required"), 0);
  const CompletenessSnapshot snapshot = tracker.Snapshot();
  EXPECT_FALSE(snapshot.data_sources.at("anchor").succeeded);
  EXPECT_FALSE(snapshot.data_sources.contains("later"));
}

TEST_F(QueryExecutorPostgresTest, CancelAllStopsRunningQueries) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(2), executor));
  std::vector<NamedQuery> queries;
  for (int i = 0; i < 4; ++i) {
    queries.push_back({"sleep" + std::to_string(i), "SELECT pg_sleep(30) /* hm-cancel-all */", {}});
  }
  std::thread canceller([&] {
    Eventually([&] { return ActiveWithMarker(*monitor_, "hm-cancel-all") == 2; });
    executor->CancelAll();
  });
  const auto start = Clock::now();
  auto results = executor->Run(queries);
  canceller.join();
  EXPECT_LT(SecondsSince(start), 15.0);
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("cancelled"), std::string::npos);
  EXPECT_TRUE(Eventually([&] { return ActiveWithMarker(*monitor_, "hm-cancel-all") == 0; }, 2000ms));
}

TEST_F(QueryExecutorPostgresTest, UnreachableServerIsRetriedThenNamesTheMaskedSource) {
  ExecutorOptions options = FastOptions();
  options.retries = 2;
  options.backoff_initial = 50ms;
  options.backoff_max = 10s;
  std::unique_ptr<QueryExecutor> executor;
  // Port 1: nothing listens there, so the connection is refused at once.
  ASSERT_NO_FATAL_FAILURE(
      MakeExecutor("postgresql://etl:s3cret@127.0.0.1:1/clinical", options, executor));
  const std::vector<NamedQuery> queries = {{"v_imaging", "SELECT 1", {}}};
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const QueryResult& result = (*results)[0];
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(result.error_kind, SqlErrorKind::kTransient);
  const std::string text = result.status.ToString();
  EXPECT_NE(text.find("postgresql://etl:***@127.0.0.1:1/clinical"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
  EXPECT_NE(text.find("query 'v_imaging'"), std::string::npos) << text;
  // Two backoffs of at most 50 and 100 ms, and three refused connections.
  EXPECT_LT(result.seconds, 3.0);
}

TEST_F(QueryExecutorPostgresTest, ManyQueriesShareAtMostMaxConcurrentConnections) {
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(5), executor));
  std::vector<NamedQuery> queries;
  for (int i = 0; i < 200; ++i) queries.push_back({"q" + std::to_string(i), "SELECT pg_backend_pid()", {}});
  std::set<std::int64_t> first_pids;
  for (int run = 0; run < 2; ++run) {
    auto results = executor->Run(queries);
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    std::set<std::int64_t> pids;
    for (const QueryResult& result : *results) {
      ASSERT_TRUE(result.status.ok()) << result.status.ToString();
      pids.insert(std::get<std::int64_t>(result.rows[0][0]));
    }
    EXPECT_LE(pids.size(), 5u);
    if (run == 0) first_pids = pids;
    for (std::int64_t pid : pids) EXPECT_TRUE(first_pids.contains(pid)) << "reused across runs";
  }
  EXPECT_LE(executor->open_connections(), 5u);
}

TEST_F(QueryExecutorPostgresTest, ParameterValuesNeverReachTheLog) {
  hm::testing::TempDir dir;
  log::LogOptions log_options;
  log_options.level = log::Level::kDebug;
  log_options.to_stderr = false;
  log_options.file = dir.File("run.log");
  ASSERT_TRUE(log::Configure(log_options).ok());
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri_, FastOptions(), executor));
  // The server's message quotes the bad value: "invalid input syntax for type integer".
  const std::vector<NamedQuery> queries = {
      {"lookup", "SELECT $1::int", {std::string("patient-XYZ-123")}},
      {"echo", "SELECT $1::text", {std::string("patient-ABC-456")}}};
  auto results = executor->Run(queries);
  log::Flush();
  ASSERT_TRUE(log::Configure(log::LogOptions{}).ok());
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE((*results)[0].status.ok());
  std::ifstream file(log_options.file);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find("lookup"), std::string::npos) << "the query is logged by name";
  EXPECT_EQ(text.str().find("patient-XYZ"), std::string::npos) << text.str();
  EXPECT_EQ(text.str().find("patient-ABC"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace hm::execute
