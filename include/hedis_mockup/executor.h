// The parallel query executor: runs a set of named queries against one SQL source (sql.h) with a
// concurrency limit, a per-attempt timeout that cancels the statement on the server, retries with
// exponential backoff and full jitter for transient errors only, progress events, and results
// keyed by name. Each query's outcome is recorded in a CompletenessTracker: a failed query is a
// recoverable error unless the query is marked required. docs/executor.md
//
//   HM_ASSIGN_OR_RETURN(auto executor, hm::QueryExecutor::Create(source, {}));
//   std::vector<hm::NamedQuery> queries = {{"v_imaging", "SELECT ... WHERE id = $1", {id}}};
//   HM_ASSIGN_OR_RETURN(auto results, executor->Run(queries, &tracker));
//
// Rows are materialized (typed SqlValues in memory): right for clinical views of one patient or
// one batch of patients, not for streaming a whole warehouse table (use SqlConnection::Query).
//
// Thread-safety: Run() may be called from several threads at once (the connection pool, and so the
// concurrency limit, is shared by all of them); CancelAll() may be called from any thread,
// including a signal-watching one. The destructor must not run while a Run() is in progress.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "hedis_mockup/completeness.h"
#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm {

struct NamedQuery {
  std::string name;               // unique within one Run(): the result's key and the source name
                                  // in the completeness tracker and the logs
  std::string sql;                // one statement, parameters written $1, $2, ...
  std::vector<SqlParam> params;   // bound, never spliced; never logged (they may be patient ids)
  bool required = false;          // its failure is fatal for the whole run (else recoverable)
};

struct QueryResult {
  std::string name;
  Status status;                  // Ok, or the final error (after retries); recoverable unless
                                  // the query was required
  SqlErrorKind error_kind = SqlErrorKind::kNone;  // of the final error
  bool timed_out = false;         // cancelled by the executor's timeout
  int attempts = 0;               // 0: never started (the run was stopped before it)
  double seconds = 0;             // wall time over all attempts, backoff waits included
  std::vector<std::string> columns;  // from the first row: empty when there are no rows
  std::vector<std::vector<SqlValue>> rows;
};

// After each query finishes: `done` of `total` queries are finished, `failed` of them failed.
struct QueryProgress {
  std::string name;  // the query that just finished
  int done = 0, total = 0, failed = 0;
};

struct ExecutorOptions {
  // Queries running at once, and the most connections the executor opens. Default 5: the source
  // system's choice, which warehouses serve without queueing; more helps only while the server
  // has idle cores. REQUIRES: >= 1.
  int max_concurrent = 5;
  // Per attempt, from when the statement is sent; 0 = none. When it passes, the statement is
  // cancelled on the server (PQcancel / sqlite3_interrupt) and the query fails with "timed out
  // after N s"; a timeout is not retried (the same query would most likely time out again).
  // Default 5 minutes, the source system's. REQUIRES: >= 0.
  std::chrono::milliseconds timeout{300'000};
  // Extra attempts after a transient error (lost connection, server shutting down, serialization
  // failure, deadlock, too many connections, a connection that cannot be opened). Permanent
  // errors, cancellations and timeouts are never retried. Default 3. REQUIRES: >= 0.
  int retries = 3;
  // Before retry k (0 for the first), wait random(0, min(backoff_max, backoff_initial * 2^k))
  // ("full jitter", so that queries failing together do not retry together).
  // REQUIRES: 0 <= backoff_initial <= backoff_max.
  std::chrono::milliseconds backoff_initial{250};
  std::chrono::milliseconds backoff_max{10'000};
  std::uint64_t jitter_seed = 0;                  // 0: from the clock; tests pin it
  // Called after each query finishes, on a worker thread, never concurrently, with `done`
  // increasing by one each call. Must be quick and must not throw.
  std::function<void(const QueryProgress&)> on_progress;
  // How connections are opened (connect timeout, SQLite busy timeout).
  SqlOptions sql_options;
};

class QueryExecutor {
 public:
  // A pool of at most max_concurrent connections to `connection_string`, opened lazily and
  // reused across Run() calls (a cohort must not open a connection per query). Fails with
  // kInvalidInput for impossible options or a malformed connection string (the message shows it
  // masked); an unreachable server is only found by Run().
  static Result<std::unique_ptr<QueryExecutor>> Create(std::string connection_string,
                                                       ExecutorOptions options);
  // REQUIRES: no Run() is in progress.
  ~QueryExecutor();
  QueryExecutor(const QueryExecutor&) = delete;
  QueryExecutor& operator=(const QueryExecutor&) = delete;

  // Runs every query, at most max_concurrent at once; results in input order (use the name as
  // key). A failed recoverable query is a QueryResult with !status.ok(), recorded in
  // `completeness` (MarkAttempted/MarkFailure under the query's name, MarkSuccess with the row
  // count otherwise; the phase is the log context's). A failed required query makes Run return
  // that error, naming the query; the queries still running are then cancelled and the pending
  // ones are not started. Run also fails (kIoError) when CancelAll() stopped it. Names that are
  // empty or repeated are kInvalidInput before anything runs. `completeness` may be null.
  Result<std::vector<QueryResult>> Run(std::span<const NamedQuery> queries,
                                       CompletenessTracker* completeness = nullptr);

  // Cancels everything running on the server and makes pending queries, backoff waits and every
  // later Run() fail fast (for graceful shutdown). Returns at once; the Run() calls return as
  // their statements stop.
  void CancelAll();

  // Connections open now (for tests and progress): at most max_concurrent.
  std::size_t open_connections() const;

 private:
  class Impl;
  explicit QueryExecutor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hm
