// Logging throughput: lines per second into a rotating file (the default 10 MiB x 5 files, so
// rotation is part of the cost) as text and as JSON lines, with three context fields set, and the
// cost of a call filtered out by the level. Reported as items_per_second (lines/s).
//
//   build/bench/log_bench [--benchmark_filter=...]
// Files go to $HM_BENCH_DIR/log (default /tmp/hm-bench/log) and are removed at the end.
#include <cstdlib>
#include <filesystem>

#include <benchmark/benchmark.h>

#include "hedis_mockup/log.h"

namespace {

namespace log = hm::log;

std::string LogDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return std::string(dir ? dir : "/tmp/hm-bench") + "/log";
}

void ConfigureFile(benchmark::State& state, log::Format format, log::Level level) {
  log::LogOptions options;
  options.to_stderr = false;
  options.file = LogDir() + (format == log::Format::kJson ? "/bench.jsonl" : "/bench.log");
  options.format = format;
  options.level = level;
  if (hm::Status status = log::Configure(options); !status.ok()) {
    state.SkipWithError(status.ToString().c_str());
  }
}

void WriteLines(benchmark::State& state, log::Format format) {
  ConfigureFile(state, format, log::Level::kInfo);
  log::ScopedContext context;
  context.Session("20260207_174530_a3b2c1").Measure("PSA").Phase("PHASE_1");
  std::int64_t row = 0;
  for (auto _ : state) log::Info("Loaded row {} of {}", ++row, "v_pathology_diagnostics");
  state.SetItemsProcessed(state.iterations());
  // Back to stderr so that the file is closed before the next benchmark reopens it.
  (void)log::Configure(log::LogOptions{});
}

void BM_LogText(benchmark::State& state) { WriteLines(state, log::Format::kText); }
BENCHMARK(BM_LogText);

void BM_LogJson(benchmark::State& state) { WriteLines(state, log::Format::kJson); }
BENCHMARK(BM_LogJson);

// JSON lines with --hash-ids and a member in the context: the price of the keyed hash.
void BM_LogJsonHashedMember(benchmark::State& state) {
  log::LogOptions options;
  options.to_stderr = false;
  options.file = LogDir() + "/hashed.jsonl";
  options.format = log::Format::kJson;
  options.hash_identifiers = true;
  options.hash_key_file = LogDir() + "/id-key";
  if (hm::Status status = log::Configure(options); !status.ok()) {
    state.SkipWithError(status.ToString().c_str());
  }
  log::ScopedContext context;
  context.Session("20260207_174530_a3b2c1").Measure("PSA").Member("M0012345678");
  std::int64_t row = 0;
  for (auto _ : state) log::Info("Loaded row {} of {}", ++row, "v_pathology_diagnostics");
  state.SetItemsProcessed(state.iterations());
  (void)log::Configure(log::LogOptions{});
}
BENCHMARK(BM_LogJsonHashedMember);

// A Debug call at --log-level info: what the hot paths pay for their debug lines.
void BM_LogFilteredDebug(benchmark::State& state) {
  ConfigureFile(state, log::Format::kText, log::Level::kInfo);
  std::int64_t row = 0;
  for (auto _ : state) log::Debug("Loaded row {} of {}", ++row, "v_pathology_diagnostics");
  state.SetItemsProcessed(state.iterations());
  benchmark::DoNotOptimize(row);
  (void)log::Configure(log::LogOptions{});
}
BENCHMARK(BM_LogFilteredDebug);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::filesystem::create_directories(LogDir());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(LogDir(), ignored);
  return 0;
}
