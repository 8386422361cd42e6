// Benchmarks of the audit log over a history of 100,000 sessions (issue target: `stats` in under
// a second). Run with bench/run.sh or build/bench/audit_bench; quote medians.
//
// The history is generated once into $HM_BENCH_DIR/audit-100k (default /tmp/hm-bench): records
// are written straight to audit.jsonl with their hash chain in a fast loop, and the index is then
// built by the first query, as it would be after an upgrade or a deleted index.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "hedis_mockup/audit.h"
#include "util/files.h"

namespace {

namespace fs = std::filesystem;
using hm::audit::AuditLog;
using hm::audit::AuditOptions;

constexpr int kSessions = 100'000;
constexpr int kHistoryDays = 365;

std::string BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return dir ? dir : "/tmp/hm-bench";
}

std::string Iso(std::int64_t epoch) {
  const std::time_t t = epoch;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// A session as a generation run records it: two inputs, one output, three events (~1.3 KB).
hm::audit::SessionRecord SyntheticSession(int i, std::int64_t start, std::mt19937& random) {
  static const char* kMeasures[] = {"PSA", "CBP", "BCS-E", "COL-E", "HBD",
                                    "SPD", "AMM", "CIS-E", "W30",   "PPC"};
  hm::audit::SessionRecord r;
  const std::string iso = Iso(start);  // 2026-02-07T17:45:30Z -> 20260207_174530_<6 hex>
  r.session_id =
      fmt::format("{}{}{}_{}{}{}_{:06x}", iso.substr(0, 4), iso.substr(5, 2), iso.substr(8, 2),
                  iso.substr(11, 2), iso.substr(14, 2), iso.substr(17, 2), i);
  r.measure = kMeasures[random() % 10];
  r.command = "generate";
  r.timestamp_start = Iso(start);
  const double duration = 5 + static_cast<double>(random() % 120'000) / 1000.0;
  r.timestamp_end = Iso(start + static_cast<std::int64_t>(duration));
  r.duration_seconds = duration;
  const bool failed = random() % 20 == 0;
  r.status = failed ? "failed" : "success";
  r.error = failed ? "PSA_MY2026_TestCase.xlsx: sheet 'Cases', row 17: unknown flag 'XX'" : "";
  r.user = "qa.analyst";
  r.host = "qa-workstation-01";
  r.pid = 10'000 + i % 30'000;
  r.tool_version = "0.1.0";
  r.members_generated = failed ? 0 : 50 + static_cast<std::int64_t>(random() % 400);
  const std::string hash = hm::util::Sha256Hex(r.session_id);
  r.testcase_file = r.measure + "_MY2026_TestCase.xlsx";
  r.testcase_hash = hash;
  r.inputs = {{"testcase", "/data/qa/" + r.testcase_file, hash, 183'552},
              {"vsd", "/data/ncqa/HEDIS_MY2026_VSD.xlsx", hash, 24'117'248}};
  if (!failed) {
    r.output_file = r.measure + "_MY2026_Mockup.xlsx";
    r.output_hash = hash;
    r.output_size_mb = 2.5;
    r.outputs = {{"output", "/data/out/" + r.output_file, hash, 2'500'000}};
  }
  for (const char* type : {"parsing", "generation", "validation"}) {
    r.events.push_back(
        {r.timestamp_start, type, fmt::format("{} done", type),
         R"({"total_scenarios":302,"ai_fallback_used":15,"ai_fallback_rate":4.97})"});
  }
  return r;
}

// Writes the log directly (no locking, no index), chaining each line to the previous one.
void WriteHistory(const std::string& log_path) {
  std::mt19937 random(42);
  const std::int64_t now = std::time(nullptr);
  std::vector<std::int64_t> starts;
  for (int i = 0; i < kSessions; ++i) starts.push_back(now - random() % (kHistoryDays * 86400));
  std::sort(starts.begin(), starts.end());
  std::ofstream out(log_path, std::ios::binary | std::ios::trunc);
  std::string prev(64, '0');
  for (int i = 0; i < kSessions; ++i) {
    hm::audit::SessionRecord record = SyntheticSession(i, starts[i], random);
    record.prev_hash = prev;
    const std::string line = hm::audit::RecordToJson(record);
    prev = hm::util::Sha256Hex(line);
    out << line << '\n';
  }
}

AuditOptions Options(const std::string& dir) {
  AuditOptions options;
  options.dir = dir;
  options.recover_interrupted = false;
  return options;
}

// The 100,000-session folder, generated on first use.
const std::string& HistoryDir() {
  static const std::string dir = [] {
    const std::string path = BenchDir() + "/audit-100k";
    if (!fs::exists(path + "/audit.jsonl")) {
      fs::create_directories(path);
      WriteHistory(path + "/audit.jsonl");
    }
    return path;
  }();
  return dir;
}

AuditLog OpenHistory() {
  auto log = AuditLog::Open(Options(HistoryDir()));
  if (!log.ok()) {
    fmt::print(stderr, "{}\n", log.status().ToString());
    std::abort();
  }
  return std::move(log).value();
}

void RemoveIndex(const std::string& dir) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(dir + "/index.sqlite" + suffix);
}

void BM_AuditStats30Days(benchmark::State& state) {
  AuditLog log = OpenHistory();
  auto warm = log.Stats(30);  // builds the index if needed; not timed
  if (!warm.ok()) state.SkipWithError(warm.status().ToString().c_str());
  for (auto _ : state) {
    auto stats = log.Stats(30);
    if (!stats.ok() || stats->total_generations == 0) state.SkipWithError("no statistics");
    benchmark::DoNotOptimize(stats);
  }
  state.counters["sessions_in_log"] = kSessions;
  state.counters["sessions_in_window"] = static_cast<double>(warm->total_generations);
}
BENCHMARK(BM_AuditStats30Days)->Unit(benchmark::kMillisecond);

void BM_AuditStats365Days(benchmark::State& state) {
  AuditLog log = OpenHistory();
  auto warm = log.Stats(kHistoryDays + 1);
  for (auto _ : state) {
    auto stats = log.Stats(kHistoryDays + 1);
    if (!stats.ok() || stats->total_generations != kSessions) state.SkipWithError("wrong total");
    benchmark::DoNotOptimize(stats);
  }
}
BENCHMARK(BM_AuditStats365Days)->Unit(benchmark::kMillisecond);

void BM_AuditHistory20(benchmark::State& state) {
  AuditLog log = OpenHistory();
  (void)log.History();
  for (auto _ : state) {
    auto history = log.History();
    if (!history.ok() || history->sessions.size() != 20) state.SkipWithError("wrong history");
    benchmark::DoNotOptimize(history);
  }
}
BENCHMARK(BM_AuditHistory20)->Unit(benchmark::kMillisecond);

// The first query after the index is deleted (or the log rewritten): a full rebuild.
void BM_AuditColdIndexStats(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    RemoveIndex(HistoryDir());
    AuditLog log = OpenHistory();
    state.ResumeTiming();
    auto stats = log.Stats(30);
    if (!stats.ok()) state.SkipWithError(stats.status().ToString().c_str());
    benchmark::DoNotOptimize(stats);
  }
}
BENCHMARK(BM_AuditColdIndexStats)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_AuditVerify(benchmark::State& state) {
  AuditLog log = OpenHistory();
  for (auto _ : state) {
    auto report = log.Verify();
    if (!report.ok() || !report->intact() || report->records != kSessions) {
      state.SkipWithError("verify failed");
    }
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_AuditVerify)->Unit(benchmark::kMillisecond)->Iterations(3);

// One session appended to a log of its own; Arg(1) with fdatasync (the default), Arg(0) without.
void BM_AuditAppend(benchmark::State& state) {
  const std::string dir = fmt::format("{}/audit-append-{}", BenchDir(), ::getpid());
  fs::remove_all(dir);
  AuditOptions options = Options(dir);
  options.sync = state.range(0) != 0;
  auto log = AuditLog::Open(options);
  std::mt19937 random(7);
  const hm::audit::SessionRecord record = SyntheticSession(0, std::time(nullptr), random);
  for (auto _ : state) {
    if (!log->Append(record).ok()) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
  fs::remove_all(dir);
}
BENCHMARK(BM_AuditAppend)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
