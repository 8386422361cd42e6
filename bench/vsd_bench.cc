// Benchmarks of loading the Value Set Directory (issue targets: 150,000 codes cold <= 1 s,
// cached <= 0.1 s, peak memory <= 200 MB). Run with bench/run.sh, which reports the figures.
//
// The workbook is generated once into $HM_BENCH_DIR (default /tmp/hm-bench) by a child process,
// so this process's peak RSS (reported as the counter peak_rss_mb) is the loads' own.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <benchmark/benchmark.h>

#include "hedis_mockup/value_sets.h"
#include "synthetic_vsd.h"

namespace {

constexpr int kCodes = 150'000;

std::string BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return dir ? dir : "/tmp/hm-bench";
}

// The synthetic workbook, written in a child process the first time so that the generator's
// memory does not count towards this process's peak.
const std::string& Workbook() {
  static const std::string path = [] {
    std::string file = BenchDir() + "/vsd-150k.xlsx";
    if (!std::filesystem::exists(file)) {
      std::filesystem::create_directories(BenchDir());
      if (pid_t child = fork(); child == 0) {
        _exit(hm::bench::WriteSyntheticVsd(file, kCodes) ? 0 : 1);
      } else {
        int status = 0;
        waitpid(child, &status, 0);
      }
    }
    return file;
  }();
  return path;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_VsdLoadCold(benchmark::State& state) {
  hm::VsdLoadOptions options;
  options.use_cache = false;
  for (auto _ : state) {
    auto vsd = hm::ValueSetDirectory::Load({Workbook()}, options);
    if (!vsd.ok()) state.SkipWithError(vsd.status().ToString().c_str());
    benchmark::DoNotOptimize(vsd);
  }
  state.counters["codes"] = kCodes;
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_VsdLoadCold)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_VsdLoadCached(benchmark::State& state) {
  hm::VsdLoadOptions options;
  options.cache_dir = BenchDir() + "/cache";
  if (!hm::ValueSetDirectory::Load({Workbook()}, options).ok()) state.SkipWithError("load failed");
  for (auto _ : state) {
    hm::VsdLoadReport report;
    auto vsd = hm::ValueSetDirectory::Load({Workbook()}, options, &report);
    if (!vsd.ok() || !report.from_cache) state.SkipWithError("not served from the cache");
    benchmark::DoNotOptimize(vsd);
  }
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_VsdLoadCached)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_VsdLookup(benchmark::State& state) {
  hm::VsdLoadOptions options;
  options.cache_dir = BenchDir() + "/cache";
  auto vsd = hm::ValueSetDirectory::Load({Workbook()}, options);
  if (!vsd.ok()) state.SkipWithError("load failed");
  int i = 0;
  for (auto _ : state) {
    const std::string code = "X" + std::to_string(1000000 + (i++ * 7) % 1000000);
    benchmark::DoNotOptimize(vsd->Lookup(hm::CodeSystem::kCpt, code));
  }
}
BENCHMARK(BM_VsdLookup);

}  // namespace

BENCHMARK_MAIN();
