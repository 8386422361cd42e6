// QueryExecutor: worker threads pulling queries from a shared index, each attempt on a pooled
// connection watched by the Watchdog, transient failures retried after a jittered backoff.
// docs/executor.md
#include "hedis_mockup/executor.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "execute/backoff.h"
#include "execute/watchdog.h"
#include "hedis_mockup/log.h"
#include "source/connection_string.h"
#include "source/sql_pool.h"

namespace hm {
namespace {

using Clock = std::chrono::steady_clock;
using execute::CancelReason;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `status` with "query 'NAME': " before its message; code, hint and source kept.
Status NameQuery(const Status& status, std::string_view name) {
  std::string message = fmt::format("query '{}': {}", name, status.message());
  std::string hint = status.hint();
  Status named;
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      named = Status::InvalidInput(std::move(message), std::move(hint));
      break;
    case StatusCode::kNotFound:
      named = Status::NotFound(std::move(message), std::move(hint));
      break;
    case StatusCode::kLimitExceeded:
      named = Status::LimitExceeded(std::move(message), std::move(hint));
      break;
    case StatusCode::kInternal:
      named = Status::Internal(std::move(message));
      break;
    default:
      named = Status::IoError(std::move(message), std::move(hint));
  }
  if (status.location().file.empty()) return named;
  return std::move(named).InFile(status.location().file);
}

// "1", "0.5", "300": the timeout as a person wrote it.
std::string SecondsText(std::chrono::milliseconds duration) {
  return fmt::format("{:g}", static_cast<double>(duration.count()) / 1000.0);
}

Status ValidateOptions(const ExecutorOptions& options) {
  if (options.max_concurrent < 1) {
    return Status::InvalidInput(
        fmt::format("max_concurrent must be at least 1, not {}", options.max_concurrent));
  }
  if (options.timeout.count() < 0) return Status::InvalidInput("timeout must not be negative");
  if (options.retries < 0) {
    return Status::InvalidInput(fmt::format("retries must not be negative, not {}", options.retries));
  }
  if (options.backoff_initial.count() < 0 || options.backoff_max < options.backoff_initial) {
    return Status::InvalidInput("backoff must satisfy 0 <= backoff_initial <= backoff_max");
  }
  return Status::Ok();
}

// Names are the results' keys and the completeness sources: empty or repeated ones would merge.
Status ValidateNames(std::span<const NamedQuery> queries) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (queries[i].name.empty()) {
      return Status::InvalidInput(fmt::format("query {} has no name", i + 1),
                                  "give every query a unique name");
    }
    if (!seen.insert(queries[i].name).second) {
      return Status::InvalidInput(fmt::format("two queries are named '{}'", queries[i].name),
                                  "give every query a unique name");
    }
  }
  return Status::Ok();
}

std::uint64_t SeedFromClock() {
  return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()) ^
         (static_cast<std::uint64_t>(std::random_device{}()) << 32);
}

// One attempt's outcome; on success the rows are in the attempt's QueryResult.
struct Attempt {
  Status status;
  SqlErrorKind kind = SqlErrorKind::kNone;
  std::string sqlstate;
  CancelReason cancel = CancelReason::kNone;
};

}  // namespace

class QueryExecutor::Impl {
 public:
  Impl(std::string connection_string, std::string display, ExecutorOptions options)
      : display_(std::move(display)),
        options_(std::move(options)),
        jitter_seed_(options_.jitter_seed != 0 ? options_.jitter_seed : SeedFromClock()),
        pool_(std::move(connection_string), options_.sql_options,
              static_cast<std::size_t>(options_.max_concurrent)) {}

  Result<std::vector<QueryResult>> Run(std::span<const NamedQuery> queries,
                                       CompletenessTracker* completeness);
  void CancelAll();
  std::size_t open_connections() const { return pool_.open_count(); }

 private:
  // The state one Run() shares between its workers.
  struct RunState {
    std::uint64_t id = 0;  // the watchdog group of its statements; mixed into the jitter
    std::span<const NamedQuery> queries;
    CompletenessTracker* completeness = nullptr;
    std::vector<QueryResult> results;
    std::atomic<std::size_t> next{0};  // the next query to start
    std::atomic<bool> stopped{false};  // a required query failed
    std::mutex mutex;                  // guards the fields below; serializes on_progress
    int done = 0, failed = 0;
    std::optional<Status> fatal;  // the required query's error
  };

  bool Stopped(const RunState& run) const { return run.stopped || shutdown_; }
  void Worker(RunState& run);
  QueryResult Execute(RunState& run, const NamedQuery& query);
  Attempt RunAttempt(RunState& run, const NamedQuery& query, QueryResult& result);
  Status FinalError(const NamedQuery& query, const Attempt& attempt) const;
  bool Retryable(const Attempt& attempt, int attempts) const;
  // Waits `delay` unless the run stops first; false if it stopped.
  bool WaitBackoff(const RunState& run, std::chrono::milliseconds delay);
  void Finish(RunState& run, std::size_t index, QueryResult result);
  void Record(const RunState& run, const QueryResult& result) const;
  void StopRun(RunState& run);

  const std::string display_;  // the connection string, password masked
  const ExecutorOptions options_;
  const std::uint64_t jitter_seed_;
  source::SqlPool pool_;
  execute::Watchdog watchdog_;
  std::atomic<bool> shutdown_{false};
  std::atomic<std::uint64_t> next_run_id_{1};
  std::mutex wait_mutex_;  // backoff waits, so that a stop ends them early
  std::condition_variable wait_cv_;
};

Result<std::vector<QueryResult>> QueryExecutor::Impl::Run(std::span<const NamedQuery> queries,
                                                          CompletenessTracker* completeness) {
  HM_RETURN_IF_ERROR(ValidateNames(queries));
  RunState run;
  run.id = next_run_id_++;
  run.queries = queries;
  run.completeness = completeness;
  run.results.resize(queries.size());
  const std::size_t workers =
      std::min(queries.size(), static_cast<std::size_t>(options_.max_concurrent));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < workers; ++i) {
    // Bind: the workers' log lines carry the caller's context (session, patient, phase).
    threads.emplace_back(log::Bind([this, &run] { Worker(run); }));
  }
  for (std::thread& thread : threads) thread.join();
  if (run.fatal) return *std::move(run.fatal);
  if (shutdown_) {
    const auto succeeded = std::count_if(run.results.begin(), run.results.end(),
                                         [](const QueryResult& r) { return r.status.ok(); });
    return Status::IoError(fmt::format("the run was cancelled after {} of {} queries succeeded",
                                       succeeded, queries.size()))
        .InFile(display_);
  }
  return std::move(run.results);
}

void QueryExecutor::Impl::Worker(RunState& run) {
  for (std::size_t i = run.next++; i < run.queries.size(); i = run.next++) {
    Finish(run, i, Execute(run, run.queries[i]));
  }
}

// Attempts until success, a failure that is not worth retrying, or the retries are spent.
QueryResult QueryExecutor::Impl::Execute(RunState& run, const NamedQuery& query) {
  QueryResult result;
  result.name = query.name;
  const Clock::time_point start = Clock::now();
  const execute::BackoffPolicy backoff{options_.backoff_initial, options_.backoff_max};
  Attempt attempt{Status::IoError("not started"), SqlErrorKind::kCancelled, "",
                  CancelReason::kStopped};
  while (!Stopped(run)) {
    if (result.attempts++ == 0 && run.completeness) run.completeness->MarkAttempted(query.name);
    attempt = RunAttempt(run, query, result);
    if (attempt.status.ok() || !Retryable(attempt, result.attempts)) break;
    const int retry = result.attempts - 1;
    const auto delay = execute::BackoffDelay(
        backoff, retry, execute::JitterRandom(jitter_seed_ ^ run.id, query.name, retry));
    log::Write(log::Level::kWarn,
               fmt::format("Query {} attempt {} failed ({}), retrying in {} ms", query.name,
                           result.attempts, SqlErrorKindName(attempt.kind), delay.count()),
               {{"query", query.name}, {"attempt", std::to_string(result.attempts)},
                {"outcome", SqlErrorKindName(attempt.kind)}, {"sqlstate", attempt.sqlstate}});
    if (!WaitBackoff(run, delay)) break;
  }
  result.seconds = SecondsSince(start);
  if (!attempt.status.ok()) {
    result.status = FinalError(query, attempt);
    result.error_kind = attempt.kind;
    result.timed_out = attempt.cancel == CancelReason::kTimeout;
  }
  return result;
}

// One statement on a pooled connection, watched by the watchdog. The lease goes back (and a
// broken connection is dropped) when this returns, after the watchdog let go of the connection.
Attempt QueryExecutor::Impl::RunAttempt(RunState& run, const NamedQuery& query,
                                        QueryResult& result) {
  Result<source::SqlPool::Lease> lease = pool_.Acquire();
  if (!lease.ok()) {
    // kIoError: the server is unreachable or refused us, which a later try may not meet.
    const bool transient = lease.status().code() == StatusCode::kIoError;
    return {lease.status(), transient ? SqlErrorKind::kTransient : SqlErrorKind::kPermanent, ""};
  }
  SqlConnection& connection = **lease;
  const auto deadline = options_.timeout.count() == 0 ? Clock::time_point::max()
                                                      : Clock::now() + options_.timeout;
  const auto ticket = watchdog_.Arm(connection, deadline, run.id);
  // Checked after arming: a stop from now on reaches this statement through the watchdog.
  if (Stopped(run)) {
    watchdog_.Disarm(ticket);
    return {Status::IoError("stopped"), SqlErrorKind::kCancelled, "", CancelReason::kStopped};
  }
  const auto start = Clock::now();
  Status status = connection.Query(query.sql, query.params, [&](const SqlRow& row) {
    if (result.rows.empty()) result.columns.assign(row.names().begin(), row.names().end());
    result.rows.emplace_back(row.values().begin(), row.values().end());
    return Status::Ok();
  });
  const CancelReason cancel = watchdog_.Disarm(ticket);
  const SqlError error = connection.last_error();
  const char* outcome = status.ok() ? "ok" : SqlErrorKindName(error.kind);
  log::Write(log::Level::kDebug,
             fmt::format("Query {} attempt {}: {} in {:.3f} s", query.name, result.attempts,
                         outcome, SecondsSince(start)),
             {{"query", query.name}, {"attempt", std::to_string(result.attempts)},
              {"outcome", outcome}, {"rows", std::to_string(result.rows.size())}});
  if (status.ok()) return {};
  // A failed attempt's rows are partial: the next attempt starts over.
  result.columns.clear();
  result.rows.clear();
  return {std::move(status), cancel != CancelReason::kNone ? SqlErrorKind::kCancelled : error.kind,
          error.sqlstate, cancel};
}

bool QueryExecutor::Impl::Retryable(const Attempt& attempt, int attempts) const {
  return attempt.kind == SqlErrorKind::kTransient && attempt.cancel == CancelReason::kNone &&
         attempts <= options_.retries;
}

// The error a caller sees: named after the query, located at the source, recoverable unless the
// query is required. A timeout or a stop says so instead of the database's "canceling statement".
Status QueryExecutor::Impl::FinalError(const NamedQuery& query, const Attempt& attempt) const {
  Status error;
  if (attempt.cancel == CancelReason::kTimeout) {
    error = Status::IoError(fmt::format("query '{}' timed out after {} s and was cancelled on the "
                                        "server",
                                        query.name, SecondsText(options_.timeout)),
                            "raise the timeout (--timeout), or find out why the query is slow")
                .InFile(display_);
  } else if (attempt.cancel == CancelReason::kStopped) {
    error = Status::IoError(fmt::format("query '{}' was cancelled: {}", query.name,
                                        shutdown_ ? "the executor is shutting down"
                                                  : "a required query failed"))
                .InFile(display_);
  } else {
    error = NameQuery(attempt.status, query.name);
  }
  return query.required ? error : std::move(error).Recoverable();
}

bool QueryExecutor::Impl::WaitBackoff(const RunState& run, std::chrono::milliseconds delay) {
  std::unique_lock lock(wait_mutex_);
  return !wait_cv_.wait_for(lock, delay, [&] { return Stopped(run); });
}

// Records the finished query, reports progress, and stops the run if a required query failed.
void QueryExecutor::Impl::Finish(RunState& run, std::size_t index, QueryResult result) {
  const NamedQuery& query = run.queries[index];
  Record(run, result);
  const bool failed = !result.status.ok();
  std::lock_guard lock(run.mutex);
  ++run.done;
  if (failed) ++run.failed;
  if (failed && query.required && !run.fatal && result.attempts > 0) {
    run.fatal = result.status;
    StopRun(run);
  }
  if (options_.on_progress) {
    options_.on_progress(
        QueryProgress{query.name, run.done, static_cast<int>(run.queries.size()), run.failed});
  }
  run.results[index] = std::move(result);
}

// The completeness record and the query's one log line at its end. A query never started (the
// run stopped first) is not a source that was tried.
void QueryExecutor::Impl::Record(const RunState& run, const QueryResult& result) const {
  if (result.attempts == 0) return;
  const std::string seconds = fmt::format("{:.3f}", result.seconds);
  if (result.status.ok()) {
    if (run.completeness) {
      run.completeness->MarkSuccess(result.name, static_cast<std::int64_t>(result.rows.size()));
    }
    log::Write(log::Level::kDebug,
               fmt::format("Query {}: {} rows in {} s", result.name, result.rows.size(), seconds),
               {{"query", result.name}, {"attempt", std::to_string(result.attempts)},
                {"outcome", "ok"}, {"seconds", seconds}});
    return;
  }
  if (run.completeness) {
    run.completeness->MarkFailure(result.name, result.status, log::Current().phase);
  }
  // Kind and code only: a database's message may quote a parameter value (a patient id).
  const bool fatal = result.status.severity() == Severity::kFatal;
  const char* outcome = result.timed_out ? "timeout" : SqlErrorKindName(result.error_kind);
  log::Write(fatal ? log::Level::kError : log::Level::kWarn,
             fmt::format("Query {} failed ({}) after {} attempt(s) in {} s", result.name, outcome,
                         result.attempts, seconds),
             {{"query", result.name}, {"attempt", std::to_string(result.attempts)},
              {"outcome", outcome}, {"seconds", seconds},
              {"severity", SeverityName(result.status.severity())}});
}

// Cancels the run's statements on the server and ends its backoff waits. Caller holds run.mutex.
void QueryExecutor::Impl::StopRun(RunState& run) {
  run.stopped = true;
  {
    // Taking the lock orders the flag before a waiter's predicate check: no wake-up is lost.
    std::lock_guard lock(wait_mutex_);
  }
  wait_cv_.notify_all();
  watchdog_.Stop(run.id);
}

void QueryExecutor::Impl::CancelAll() {
  shutdown_ = true;
  {
    // Taking the lock orders the flag before a waiter's predicate check: no wake-up is lost.
    std::lock_guard lock(wait_mutex_);
  }
  wait_cv_.notify_all();
  watchdog_.StopAll();
}

// --- The public class: a thin shell over Impl.

QueryExecutor::QueryExecutor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueryExecutor::~QueryExecutor() = default;

Result<std::unique_ptr<QueryExecutor>> QueryExecutor::Create(std::string connection_string,
                                                             ExecutorOptions options) {
  HM_RETURN_IF_ERROR(ValidateOptions(options));
  // Parsed now so that a malformed string is an error before any work, not at the first query.
  HM_ASSIGN_OR_RETURN(source::ConnectionTarget target,
                      source::ParseConnectionString(connection_string));
  auto impl = std::make_unique<Impl>(std::move(connection_string),
                                     std::move(target.masked.display), std::move(options));
  return std::unique_ptr<QueryExecutor>(new QueryExecutor(std::move(impl)));
}

Result<std::vector<QueryResult>> QueryExecutor::Run(std::span<const NamedQuery> queries,
                                                    CompletenessTracker* completeness) {
  return impl_->Run(queries, completeness);
}

void QueryExecutor::CancelAll() { impl_->CancelAll(); }

std::size_t QueryExecutor::open_connections() const { return impl_->open_connections(); }

}  // namespace hm
