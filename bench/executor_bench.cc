// The parallel query executor's own overhead: N tiny queries against a SQLite file through
// QueryExecutor::Run at concurrency 1 and 5 (workers, pool leases, watchdog arm/disarm, row
// materialization, completeness records). The warehouse-latency benchmark of issue 7 (PostgreSQL
// views with pg_sleep, sequential vs per-patient vs batched) comes with the timeline profiles.
//
//   build/bench/executor_bench [--benchmark_filter=...]
// The database goes to $HM_BENCH_DIR/executor.db (default /tmp/hm-bench) and is rebuilt each run.
// Reported as items_per_second (queries/s).
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "hedis_mockup/executor.h"

namespace {

std::string DatabasePath() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  const std::filesystem::path folder = dir ? dir : "/tmp/hm-bench";
  std::filesystem::create_directories(folder);
  return (folder / "executor.db").string();
}

// A 1,000-row table, so that each query reads a few rows through an index.
std::string MakeDatabase(benchmark::State& state) {
  const std::string path = DatabasePath();
  std::filesystem::remove(path);
  hm::SqlOptions options;
  options.create_if_missing = true;
  auto db = hm::OpenSql("sqlite:" + path, options);
  hm::Status status = db.ok() ? (*db)->Execute(
                                    "CREATE TABLE events(patient TEXT, day INTEGER);"
                                    "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 "
                                    "FROM g WHERE i < 999) INSERT INTO events "
                                    "SELECT 'p' || (i % 100), i FROM g;"
                                    "CREATE INDEX events_patient ON events(patient);")
                              : db.status();
  if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  return "sqlite:" + path;
}

std::vector<hm::NamedQuery> TinyQueries(int count) {
  std::vector<hm::NamedQuery> queries;
  for (int i = 0; i < count; ++i) {
    queries.push_back({"q" + std::to_string(i), "SELECT day FROM events WHERE patient = $1",
                       {"p" + std::to_string(i % 100)}});
  }
  return queries;
}

// Args: {queries per Run, max_concurrent}.
void BM_ExecutorTinySqliteQueries(benchmark::State& state) {
  const std::string source = MakeDatabase(state);
  hm::ExecutorOptions options;
  options.max_concurrent = static_cast<int>(state.range(1));
  auto executor = hm::QueryExecutor::Create(source, options);
  if (!executor.ok()) {
    state.SkipWithError(executor.status().ToString().c_str());
    return;
  }
  const std::vector<hm::NamedQuery> queries = TinyQueries(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    hm::CompletenessTracker tracker;
    auto results = (*executor)->Run(queries, &tracker);
    if (!results.ok()) {
      state.SkipWithError(results.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(results->data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ExecutorTinySqliteQueries)
    ->Args({1000, 1})
    ->Args({1000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
