// Issue 7's benchmark: a 30-patient cohort over the six oncology views, each view sleeping 2 s
// per query (pg_sleep) to stand in for a slow warehouse, abstracted three ways: sequentially
// (per-patient, one query at a time), per-patient with 5 at once, and batched. Targets:
// per-patient/5 at least 4x faster than sequential; batched under 3x one query's latency.
//
// Starts its own PostgreSQL (test/testing/postgres_server.h). Knobs: HM_BENCH_SLEEP_MS (2000),
// HM_BENCH_PATIENTS (30). Each benchmark runs once (real time): a run is minutes, not noise.
//   build/bench/timeline_bench --benchmark_filter=Batched
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "hedis_mockup/abstract.h"
#include "hedis_mockup/log.h"
#include "testing/postgres_server.h"

namespace {

int Knob(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

// The server and the warehouse, made once for all benchmarks.
struct Warehouse {
  std::unique_ptr<hm::testing::PostgresServer> server;
  std::string uri;
  std::vector<std::string> ids;
  hm::TimelineProfile profile;
};

const Warehouse& Shared() {
  static const Warehouse* warehouse = [] {
    auto* w = new Warehouse;
    auto server = hm::testing::PostgresServer::Start();
    if (!server.ok()) {
      std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
      std::abort();
    }
    w->server = std::move(server).value();
    w->uri = w->server->Uri();
    auto report = hm::CreateDemoWarehouse(
        w->uri, {Knob("HM_BENCH_PATIENTS", 30), 1, Knob("HM_BENCH_SLEEP_MS", 2000)});
    if (!report.ok()) std::abort();
    w->ids = report->patient_ids;
    w->profile = *hm::LoadTimelineProfile("oncology");
    return w;
  }();
  return *warehouse;
}

void Abstract(benchmark::State& state, hm::AbstractStrategy strategy, int concurrent) {
  const Warehouse& w = Shared();
  hm::AbstractOptions options;
  options.strategy = strategy;
  options.max_concurrent = concurrent;
  int fatal = 0;
  for (auto _ : state) {
    auto cohort = hm::AbstractCohort(w.profile, w.uri, w.ids, options);
    if (!cohort.ok()) state.SkipWithError(cohort.status().ToString().c_str());
    if (cohort.ok()) fatal = hm::SummarizeCohort(*cohort).fatal;
  }
  state.counters["patients"] = static_cast<double>(w.ids.size());
  state.counters["fatal"] = fatal;
}

// One query through one view: the latency the others are measured against.
void BM_SingleQuery(benchmark::State& state) {
  const Warehouse& w = Shared();
  hm::AbstractOptions options;
  const std::vector<std::string> one = {w.ids.front()};
  hm::TimelineProfile profile = w.profile;
  profile.sources.resize(1);  // pathology alone: one query in Phase 0 and nothing in Phase 1
  profile.anchor.evidence.resize(2);
  profile.anchor.preference.resize(2);
  for (auto _ : state) benchmark::DoNotOptimize(hm::AbstractCohort(profile, w.uri, one, options));
}

void BM_Sequential(benchmark::State& state) {
  Abstract(state, hm::AbstractStrategy::kPerPatient, 1);
}
void BM_PerPatient5(benchmark::State& state) {
  Abstract(state, hm::AbstractStrategy::kPerPatient, 5);
}
void BM_Batched(benchmark::State& state) { Abstract(state, hm::AbstractStrategy::kBatched, 5); }

}  // namespace

BENCHMARK(BM_SingleQuery)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Batched)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_PerPatient5)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Sequential)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

int main(int argc, char** argv) {
  hm::log::LogOptions quiet;
  quiet.level = hm::log::Level::kError;  // the fatal patients' lines are expected here
  (void)hm::log::Configure(quiet);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
