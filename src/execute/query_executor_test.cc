// The executor against a SQLite file: results, order, failures, completeness, progress, options.
// Server-side behaviour (cancel, dropped connections, pooling) is in query_executor_postgres_test.
#include <gtest/gtest.h>

#include <mutex>

#include "execute/executor_test_util.h"

namespace hm::execute {
namespace {

using source::QueryAll;

// The integers 1..100 and a name for each, those divisible by $1: the same SQL on both backends.
constexpr const char* kMultiplesSql =
    "WITH RECURSIVE g(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM g WHERE id < 100) "
    "SELECT id, 'n' || id AS name FROM g WHERE id % $1 = 0 ORDER BY id";

// A SQLite database file in `dir` (empty), as a connection string.
std::string SqliteSource(const hm::testing::TempDir& dir) {
  const std::string uri = source::SqliteUri(dir);
  auto db = OpenSql(uri, source::CreateOptions());
  EXPECT_TRUE(db.ok() && (*db)->Execute("CREATE TABLE t(x)").ok());
  return uri;
}

std::vector<NamedQuery> MultiplesQueries(int count) {
  std::vector<NamedQuery> queries;
  for (int i = 0; i < count; ++i) {
    queries.push_back({"multiples_of_" + std::to_string(i + 1), kMultiplesSql,
                       {std::int64_t{i + 1}}});
  }
  return queries;
}

TEST(QueryExecutorTest, ResultsEqualRunningOneByOneInInputOrder) {
  hm::testing::TempDir dir;
  const std::string uri = SqliteSource(dir);
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(uri, FastOptions(4), executor));
  const std::vector<NamedQuery> queries = MultiplesQueries(25);
  CompletenessTracker tracker;
  auto results = executor->Run(queries, &tracker);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  ASSERT_EQ(results->size(), queries.size());
  auto db = OpenSql(uri);
  ASSERT_TRUE(db.ok());
  const CompletenessSnapshot snapshot = tracker.Snapshot();
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const QueryResult& result = (*results)[i];
    SCOPED_TRACE(queries[i].name);
    EXPECT_EQ(result.name, queries[i].name);
    ASSERT_TRUE(result.status.ok()) << result.status.ToString();
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(result.columns, (std::vector<std::string>{"id", "name"}));
    auto expected = QueryAll(**db, kMultiplesSql, queries[i].params);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(result.rows, *expected);
    EXPECT_EQ(snapshot.data_sources.at(result.name).record_count,
              static_cast<std::int64_t>(expected->size()));
  }
  EXPECT_EQ(snapshot.score(), 1.0);
  EXPECT_LE(executor->open_connections(), 4u);
}

TEST(QueryExecutorTest, SyntaxErrorIsNotRetriedAndIsRecoverable) {
  hm::testing::TempDir dir;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), FastOptions(), executor));
  const std::vector<NamedQuery> queries = {{"bad", "SELEC 1", {}}, {"good", "SELECT 1", {}}};
  CompletenessTracker tracker;
  auto results = executor->Run(queries, &tracker);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const QueryResult& bad = (*results)[0];
  EXPECT_FALSE(bad.status.ok());
  EXPECT_EQ(bad.attempts, 1);
  EXPECT_EQ(bad.error_kind, SqlErrorKind::kPermanent);
  EXPECT_FALSE(bad.timed_out);
  EXPECT_EQ(bad.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(bad.status.severity(), Severity::kRecoverable);
  EXPECT_NE(bad.status.message().find("query 'bad'"), std::string::npos) << bad.status.ToString();
  EXPECT_TRUE((*results)[1].status.ok());
  const CompletenessSnapshot snapshot = tracker.Snapshot();
  EXPECT_FALSE(snapshot.data_sources.at("bad").succeeded);
  EXPECT_TRUE(snapshot.data_sources.at("bad").attempted);
  ASSERT_EQ(snapshot.errors.size(), 1u);
  EXPECT_EQ(snapshot.errors[0].severity, "recoverable");
  EXPECT_EQ(snapshot.score(), 0.5);
}

TEST(QueryExecutorTest, RequiredFailureFailsTheRunNamingTheQuery) {
  hm::testing::TempDir dir;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), FastOptions(1), executor));
  const std::vector<NamedQuery> queries = {
      {"pathology", "SELECT * FROM no_such_view", {}, /*required=*/true},
      {"imaging", "SELECT 1", {}}};
  CompletenessTracker tracker;
  auto results = executor->Run(queries, &tracker);
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("query 'pathology'"), std::string::npos)
      << results.status().ToString();
  EXPECT_EQ(results.status().severity(), Severity::kFatal);
  const CompletenessSnapshot snapshot = tracker.Snapshot();
  ASSERT_EQ(snapshot.errors.size(), 1u);
  EXPECT_EQ(snapshot.errors[0].severity, "fatal");
  EXPECT_FALSE(snapshot.data_sources.contains("imaging")) << "not started after the failure";
}

TEST(QueryExecutorTest, TimeoutInterruptsSqlite) {
  hm::testing::TempDir dir;
  ExecutorOptions options = FastOptions();
  options.timeout = 300ms;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), options, executor));
  const std::vector<NamedQuery> queries = {
      {"endless",
       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c",
       {}}};
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const QueryResult& result = (*results)[0];
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(result.error_kind, SqlErrorKind::kCancelled);
  EXPECT_NE(result.status.message().find("timed out after 0.3 s"), std::string::npos)
      << result.status.ToString();
  EXPECT_LT(result.seconds, 10.0);
}

TEST(QueryExecutorTest, ProgressCountsUpToTotalInOrder) {
  hm::testing::TempDir dir;
  std::vector<QueryProgress> events;
  ExecutorOptions options = FastOptions(4);
  options.on_progress = [&](const QueryProgress& progress) { events.push_back(progress); };
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), options, executor));
  std::vector<NamedQuery> queries = MultiplesQueries(20);
  queries[7].sql = "SELEC 1";
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  ASSERT_EQ(events.size(), queries.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].done, static_cast<int>(i + 1));
    EXPECT_EQ(events[i].total, 20);
    if (i > 0) {
      EXPECT_GE(events[i].failed, events[i - 1].failed);
    }
  }
  EXPECT_EQ(events.back().failed, 1);
}

TEST(QueryExecutorTest, RejectsBadOptionsNamesAndConnectionStrings) {
  const struct {
    const char* what;
    std::string uri;
    ExecutorOptions options;
  } cases[] = {
      {"zero concurrency", "sqlite::memory:", [] { auto o = FastOptions(); o.max_concurrent = 0; return o; }()},
      {"negative retries", "sqlite::memory:", [] { auto o = FastOptions(); o.retries = -1; return o; }()},
      {"backoff max < initial", "sqlite::memory:",
       [] { auto o = FastOptions(); o.backoff_max = 1ms; return o; }()},
      {"unsupported scheme", "mysql://u:secret@host/db", FastOptions()},
  };
  for (const auto& c : cases) {
    auto created = QueryExecutor::Create(c.uri, c.options);
    ASSERT_FALSE(created.ok()) << c.what;
    EXPECT_EQ(created.status().code(), StatusCode::kInvalidInput) << c.what;
    EXPECT_EQ(created.status().ToString().find("secret"), std::string::npos) << c.what;
  }
  hm::testing::TempDir dir;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), FastOptions(), executor));
  const std::vector<NamedQuery> twice = {{"a", "SELECT 1", {}}, {"a", "SELECT 2", {}}};
  auto results = executor->Run(twice);
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("'a'"), std::string::npos);
  auto none = executor->Run({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(QueryExecutorTest, MissingSqliteFileIsPermanentAndNamesTheSource) {
  hm::testing::TempDir dir;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(
      MakeExecutor(source::SqliteUri(dir, "missing.db"), FastOptions(), executor));
  const std::vector<NamedQuery> queries = {{"q", "SELECT 1", {}}};
  auto results = executor->Run(queries);
  ASSERT_TRUE(results.ok());
  const QueryResult& result = (*results)[0];
  EXPECT_EQ(result.attempts, 1) << "a missing file does not appear by retrying";
  EXPECT_EQ(result.error_kind, SqlErrorKind::kPermanent);
  EXPECT_NE(result.status.ToString().find("missing.db"), std::string::npos)
      << result.status.ToString();
}

TEST(QueryExecutorTest, CancelAllMakesLaterRunsFailFast) {
  hm::testing::TempDir dir;
  std::unique_ptr<QueryExecutor> executor;
  ASSERT_NO_FATAL_FAILURE(MakeExecutor(SqliteSource(dir), FastOptions(), executor));
  executor->CancelAll();
  CompletenessTracker tracker;
  const std::vector<NamedQuery> queries = MultiplesQueries(3);
  auto results = executor->Run(queries, &tracker);
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("cancelled"), std::string::npos);
  EXPECT_TRUE(tracker.Snapshot().data_sources.empty()) << "nothing was attempted";
}

}  // namespace
}  // namespace hm::execute
