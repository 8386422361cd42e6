// Benchmarks of generating the mockup (issue 6): hm::GenerateMockup end to end.
//
// (a) BM_GenerateDeck500: a 500-scenario PSA deck, .xlsx, in QA's free-text phrasing (ages, CE
//     spans with "1 gap of N days", hospice and dysplasia exclusions, PSA tests from claims and
//     from supplemental data, multi-line expected results), written once into $HM_BENCH_DIR
//     (default /tmp/hm-bench) as generate-deck-500.xlsx. Each iteration: ReadTestCases, then
//     GenerateMockup with formats {xlsx} and validate=true (synthesize, quality check, write the
//     xlsx, read it back, evaluate, validate, write the Quality and Validation reports).
//     Every row must be understood without assumptions and every member must validate: the
//     benchmark stops with an error otherwise. Target: <= 0.5 s.
//     The split between phases, from outside: the counters read_s and generate_s of the end-to-end
//     run, and the benchmarks
//       BM_GenerateDeck500_Read        ReadTestCases alone
//       BM_GenerateDeck500_NoValidate  GenerateMockup, validate=false (book read once, untimed)
//       BM_GenerateDeck500_Csv         the same with format csv instead of xlsx (the xlsx writer's
//                                      share is the difference)
// (b) BM_GenerateScale1M_Csv, BM_GenerateScale1M_Sqlite: GenerateMockup with scale = 1,000,000
//     members (HM_GENERATE_BENCH_SCALE=N for another figure), validate=false, cloned round-robin
//     from examples/testcases/psa_example.csv (8 scenarios). Targets: >= 500,000 rows/s, peak
//     memory <= 300 MB.
// (c) BM_GenerateScale_Xlsx: the same into .xlsx at 100,000 members
//     (HM_GENERATE_BENCH_XLSX_SCALE=N), to set beside render_bench's BM_XlsxWriter and
//     BM_LibxlsxwriterCeiling.
//
// Each scale run goes on in a forked child, which first resets its peak resident size
// (/proc/self/clear_refs, "5"): the counter peak_rss_mb is that run's own peak (VmHWM), including
// the process's baseline (the VSD, the compiled measure, the benchmark library), given apart as
// base_rss_mb. Counters: members, rows (the sum of rows_by_table), rows_per_s, members_per_s,
// output_mb, peak_rss_mb, cpu_s (the child's CPU time, user + system: on a loaded machine the
// figure to compare). Times are wall times (UseManualTime: the child's own).
//
// The VSD is the sample examples/vsd (its cache in $HM_BENCH_DIR/vsd-cache), the measure the
// shipped PSA for MY 2026; both are loaded once, untimed. Outputs go to $HM_BENCH_DIR/generate-<pid>
// and are removed afterwards.
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kMeasurementYear = 2026;
constexpr int kDeckRows = 500;
constexpr int kGroupEvery = 50;

std::string BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return dir ? dir : "/tmp/hm-bench";
}

std::size_t EnvSize(const char* name, std::size_t fallback) {
  const char* n = std::getenv(name);
  return n != nullptr && std::atoll(n) > 0 ? static_cast<std::size_t>(std::atoll(n)) : fallback;
}

double Seconds(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

// ---------------------------------------------------------------------------------------------
// Inputs: the sample VSD, the shipped PSA measure, the decks.

const hm::ValueSetDirectory& Vsd() {
  static const hm::ValueSetDirectory vsd = [] {
    hm::VsdLoadOptions options;
    options.cache_dir = BenchDir() + "/vsd-cache";
    auto loaded = hm::ValueSetDirectory::Load({std::string(HM_SOURCE_DIR) + "/examples/vsd"}, options);
    if (!loaded.ok()) {
      fmt::print(stderr, "examples/vsd: {}\n", loaded.status().ToString());
      std::exit(2);
    }
    return std::move(*loaded);
  }();
  return vsd;
}

const hm::CompiledMeasure& Measure() {
  static const hm::CompiledMeasure measure = [] {
    auto text = hm::ShippedMeasureText("PSA");
    auto compiled = text.ok() ? hm::CompiledMeasure::FromText(*text, "PSA", Vsd(), kMeasurementYear)
                              : hm::Result<hm::CompiledMeasure>(text.status());
    if (!compiled.ok()) {
      fmt::print(stderr, "PSA: {}\n", compiled.status().ToString());
      std::exit(2);
    }
    return std::move(*compiled);
  }();
  return measure;
}

hm::TestCaseOptions ReadOptions() {
  hm::TestCaseOptions options;
  options.measurement_year = kMeasurementYear;
  options.vsd = &Vsd();
  return options;
}

struct Case {
  std::string id, scenario, objective, expected;
};

// "M/D/MY", "M/D/MY-1" for a date of the MY or the year before.
std::string QaDate(std::chrono::year_month_day d) {
  const int year = static_cast<int>(d.year());
  const std::string suffix = year == kMeasurementYear ? "MY" : fmt::format("MY{:+}", year - kMeasurementYear);
  return fmt::format("{}/{}/{}", static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), suffix);
}

// The i-th scenario of the 500: eight shapes of the PSA original, the numbers varied so that no
// two rows are the same text. Every one is meant to be understood and to validate.
Case MakeCase(int i) {
  using namespace std::chrono;
  const int month = 1 + i % 12, day = 1 + (i * 7) % 28;
  const std::string md = fmt::format("{}/{}", month, day);
  Case c;
  c.id = fmt::format("PSA_GEN_{:04}", i);
  switch (i % 8) {
    case 0: {  // old enough
      const int age = 70 + i % 26;
      c.scenario = fmt::format(
          "Verify, if a member is (male) {} years as of December 31 of the measurement year.\nCE:\n"
          "1/1/MY TO 12/31/MY",
          age);
      c.objective = "Eligible age";
      c.expected = fmt::format("AG=1\nAGE_END_REP_YR={}, Gender=M", age);
      break;
    }
    case 1: {  // too young
      const int age = 50 + i % 20;
      c.scenario = fmt::format(
          "Verify, if a member is (male) {} years as of December 31 of the measurement year.", age);
      c.objective = "Too young";
      c.expected = fmt::format("AG=0, Gender=M");
      break;
    }
    case 2:
    case 3: {  // one gap: up to 45 days is continuous enrollment, more is not
      const int gap = i % 8 == 2 ? 1 + i % 45 : 46 + i % 60;
      const year_month_day end{sys_days{year{kMeasurementYear} / March / 1} + days{i % 150}};
      const year_month_day start{sys_days{end} + days{gap + 1}};
      c.scenario = fmt::format(
          "Verify, if a member is enrolled in the measurement year with 1 gap of {} days\nCE:\n"
          "1/1/MY-1 TO {}\n{} TO 12/31/MY",
          gap, QaDate(end), QaDate(start));
      c.objective = gap <= 45 ? "Allowed gap" : "Gap too long";
      c.expected = gap <= 45 ? "CE=1" : "CE=0";
      break;
    }
    case 4:  // hospice, from claims or from supplemental data
      c.scenario = fmt::format("Verify If a member has\nHospice Intervention Value Set: {}/MY{}", md,
                               i % 16 == 4 ? " -- Suppl" : "");
      c.objective = "Hospice";
      c.expected = "HOSPICE_EXCL=1, RE=1, Exclusion_dt=NULL";
      break;
    case 5: {  // dysplasia in the MY or the year prior
      const std::string when = fmt::format("{}/MY{}", md, i % 16 == 5 ? "-1" : "");
      c.scenario = fmt::format("Verify, if a member has\nProstate Dysplasia Value Set: {}", when);
      c.objective = "Dysplasia";
      c.expected = fmt::format("RE=1, Exclusion_dt={}", when);
      break;
    }
    case 6: {  // a PSA test on a claim, with age and enrollment
      const int age = 70 + i % 20;
      c.scenario = fmt::format(
          "Verify, if a member is (male) {} years as of December 31 of the measurement year.\nCE:\n"
          "1/1/MY TO 12/31/MY\nPSA Lab Test Value Set: {}/MY\nusing CPT CODE:84153",
          age, md);
      c.objective = "PSA test on a claim";
      c.expected = fmt::format("AG=1, CE=1\nNE=1, Numerator_dt={}/MY", md);
      break;
    }
    default:  // a PSA test from supplemental data (never counted), or one the year before (no NE)
      if (i % 16 == 7) {
        c.scenario = fmt::format("Verify, if a member has\nPSA Lab Test Value Set on {}/MY -- Suppl", md);
        c.objective = "PSA test from supplemental data";
        c.expected = "NE=0, SNE=0";
      } else {
        c.scenario = fmt::format("Verify, if a member has\nPSA Lab Test Value Set: {}/MY-1", md);
        c.objective = "PSA test the year before";
        c.expected = "NE=0";
      }
      break;
  }
  return c;
}

bool WriteDeck(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return false;
  workbook_add_worksheet(wb, "Revision History");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PSA_Measure");
  worksheet_write_string(ws, 0, 0, "PSA MY2026 test cases (generate benchmark)", nullptr);
  const char* header[] = {"Test Case ID", "Scenario", "Test Objective", "Expected Result"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 2, c, header[c], nullptr);
  lxw_row_t row = 3;
  for (int i = 0; i < kDeckRows; ++i) {
    if (i % kGroupEvery == 0) worksheet_write_string(ws, row++, 1, "AG, CE & Gap, RE, NE", nullptr);
    const Case c = MakeCase(i);
    worksheet_write_string(ws, row, 0, c.id.c_str(), nullptr);
    worksheet_write_string(ws, row, 1, c.scenario.c_str(), nullptr);
    worksheet_write_string(ws, row, 2, c.objective.c_str(), nullptr);
    worksheet_write_string(ws, row, 3, c.expected.c_str(), nullptr);
    ++row;
  }
  return workbook_close(wb) == LXW_NO_ERROR;
}

// The 500-scenario deck (written once; delete it to regenerate).
const std::string& Deck500() {
  static const std::string path = [] {
    const std::string file = BenchDir() + "/generate-deck-500.xlsx";
    if (!fs::exists(file)) {
      fs::create_directories(BenchDir());
      if (!WriteDeck(file)) {
        fmt::print(stderr, "cannot write {}\n", file);
        std::exit(2);
      }
    }
    return file;
  }();
  return path;
}

// Reads a deck and checks that every row was understood without assumptions.
hm::Result<hm::TestCaseBook> ReadDeck(const std::string& path, std::size_t rows) {
  auto book = hm::ReadTestCases(path, ReadOptions());
  if (!book.ok()) return book.status();
  const hm::TestCaseSummary& s = book->summary;
  if (s.rows != rows || s.understood != rows || s.with_assumptions != 0 || s.needs_attention != 0) {
    return hm::Status::Internal(fmt::format(
        "{}: {} rows, {} understood, {} with assumptions, {} need attention (want all {} understood)",
        path, s.rows, s.understood, s.with_assumptions, s.needs_attention, rows));
  }
  return book;
}

const hm::TestCaseBook& SmallDeck() {
  static const hm::TestCaseBook book = [] {
    auto read = ReadDeck(std::string(HM_SOURCE_DIR) + "/examples/testcases/psa_example.csv", 8);
    if (!read.ok()) {
      fmt::print(stderr, "{}\n", read.status().ToString());
      std::exit(2);
    }
    return std::move(*read);
  }();
  return book;
}

// ---------------------------------------------------------------------------------------------
// Running GenerateMockup

fs::path OutDir(const std::string& name) {
  return fs::path(BenchDir()) / fmt::format("generate-{}", ::getpid()) / name;
}

std::uintmax_t BytesUnder(const fs::path& path) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

std::int64_t TotalRows(const hm::GenerateReport& report) {
  std::int64_t rows = 0;
  for (const auto& [table, n] : report.rows_by_table) rows += n;
  return rows;
}

hm::GenerateOptions Options(const fs::path& out, std::vector<hm::MockupFormat> formats,
                            bool validate, std::size_t scale) {
  hm::GenerateOptions options;
  options.measurement_year = kMeasurementYear;
  options.formats = std::move(formats);
  options.out_dir = out.string();
  options.validate = validate;
  options.scale = scale;
  return options;
}

// Empties the output folder (untimed: call before the clock starts).
void FreshOutDir(const hm::GenerateOptions& options) {
  fs::remove_all(options.out_dir);
  fs::create_directories(options.out_dir);
}

// Generates; an error when nothing was exported or a member did not validate.
hm::Result<hm::GenerateReport> Generate(const hm::TestCaseBook& book, const hm::GenerateOptions& options) {
  auto report = hm::GenerateMockup(book, Measure(), Vsd(), options);
  if (!report.ok()) return report.status();
  if (!report->exported) {
    return hm::Status::Internal(fmt::format("not exported: {} quality errors", report->quality_errors));
  }
  if (report->precheck_failed > 0 || (report->validation && report->validation->failed > 0)) {
    return hm::Status::Internal(fmt::format(
        "{} members failed the precheck, {} expectations failed validation (see {})",
        report->precheck_failed, report->validation ? report->validation->failed : 0, options.out_dir));
  }
  return report;
}

// (a) The 500-scenario deck end to end: read, then generate with validation.
void BM_GenerateDeck500(benchmark::State& state) {
  const fs::path out = OutDir("deck500");
  const std::string& deck = Deck500();
  Measure();
  double read_s = 0, generate_s = 0;
  std::size_t scenarios = 0, checked = 0;
  std::int64_t rows = 0;
  const hm::GenerateOptions options = Options(out, {hm::MockupFormat::kXlsx}, true, 0);
  for (auto _ : state) {
    FreshOutDir(options);
    const auto t0 = Clock::now();
    auto book = ReadDeck(deck, kDeckRows);
    if (!book.ok()) {
      state.SkipWithError(book.status().ToString().c_str());
      return;
    }
    read_s += Seconds(t0);
    const auto t1 = Clock::now();
    auto report = Generate(*book, options);
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    generate_s += Seconds(t1);
    state.SetIterationTime(Seconds(t0));
    scenarios = report->members;
    checked = report->validation ? report->validation->passed : 0;
    rows = TotalRows(*report);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["scenarios"] = static_cast<double>(scenarios);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["validated"] = static_cast<double>(checked);  // expectations that passed
  state.counters["read_s"] = read_s / n;
  state.counters["generate_s"] = generate_s / n;
  state.counters["seconds"] = (read_s + generate_s) / n;
  fs::remove_all(out.parent_path());
}
BENCHMARK(BM_GenerateDeck500)->Unit(benchmark::kMillisecond)->Iterations(3)->UseManualTime();

void BM_GenerateDeck500_Read(benchmark::State& state) {
  const std::string& deck = Deck500();
  for (auto _ : state) {
    auto book = ReadDeck(deck, kDeckRows);
    if (!book.ok()) {
      state.SkipWithError(book.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(book);
  }
  state.counters["scenarios"] = kDeckRows;
}
BENCHMARK(BM_GenerateDeck500_Read)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// GenerateMockup alone on the deck read once: `format`, validate or not.
void GenerateDeck(benchmark::State& state, hm::MockupFormat format, bool validate, const char* name) {
  const fs::path out = OutDir(name);
  auto book = ReadDeck(Deck500(), kDeckRows);
  if (!book.ok()) {
    state.SkipWithError(book.status().ToString().c_str());
    return;
  }
  Measure();
  std::int64_t rows = 0;
  const hm::GenerateOptions options = Options(out, {format}, validate, 0);
  for (auto _ : state) {
    FreshOutDir(options);
    const auto t0 = Clock::now();
    auto report = Generate(*book, options);
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    state.SetIterationTime(Seconds(t0));
    rows = TotalRows(*report);
  }
  state.counters["scenarios"] = kDeckRows;
  state.counters["rows"] = static_cast<double>(rows);
  fs::remove_all(out.parent_path());
}

void BM_GenerateDeck500_NoValidate(benchmark::State& state) {
  GenerateDeck(state, hm::MockupFormat::kXlsx, false, "deck500-novalidate");
}
BENCHMARK(BM_GenerateDeck500_NoValidate)->Unit(benchmark::kMillisecond)->Iterations(3)->UseManualTime();

void BM_GenerateDeck500_Csv(benchmark::State& state) {
  GenerateDeck(state, hm::MockupFormat::kCsv, false, "deck500-csv");
}
BENCHMARK(BM_GenerateDeck500_Csv)->Unit(benchmark::kMillisecond)->Iterations(3)->UseManualTime();

// ---------------------------------------------------------------------------------------------
// (b), (c) Scale runs, each in a forked child for its own peak memory.

struct ChildResult {
  bool ok = false;
  double seconds = 0, cpu_s = 0, members = 0, rows = 0, output_mb = 0, peak_rss_mb = 0,
         base_rss_mb = 0;
  char error[1024] = {};
};

// VmHWM or VmRSS of this process, in MB.
double ProcStatusMb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t length = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, length, key) == 0 && line.size() > length && line[length] == ':') {
      return std::atof(line.c_str() + length + 1) / 1024.0;  // kB
    }
  }
  return 0;
}

ChildResult RunScale(hm::MockupFormat format, std::size_t scale, const fs::path& out) {
  ChildResult result;
  malloc_trim(0);  // what the parent freed before the fork does not count
  if (std::ofstream clear("/proc/self/clear_refs"); clear) clear << "5";  // reset VmHWM
  result.base_rss_mb = ProcStatusMb("VmRSS");
  fs::remove_all(out);
  fs::create_directories(out);
  const auto t0 = Clock::now();
  auto report = hm::GenerateMockup(SmallDeck(), Measure(), Vsd(), Options(out, {format}, false, scale));
  result.seconds = Seconds(t0);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // the child's own: it started at the fork
  result.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                 static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  result.peak_rss_mb = ProcStatusMb("VmHWM");
  if (!report.ok() || !report->exported) {
    const std::string why = report.ok() ? fmt::format("not exported: {} quality errors", report->quality_errors)
                                        : report.status().ToString();
    std::snprintf(result.error, sizeof result.error, "%s", why.c_str());
    return result;
  }
  result.ok = true;
  result.members = static_cast<double>(report->members);
  result.rows = static_cast<double>(TotalRows(*report));
  result.output_mb = static_cast<double>(BytesUnder(out)) / (1024.0 * 1024.0);
  return result;
}

void ScaleBenchmark(benchmark::State& state, hm::MockupFormat format, std::size_t scale, const char* name) {
  // Loaded before the fork: the child's time and memory are the run's, over this baseline.
  Vsd();
  Measure();
  SmallDeck();
  const fs::path out = OutDir(name);
  ChildResult result;
  for (auto _ : state) {
    int fds[2];
    if (pipe(fds) != 0) {
      state.SkipWithError("pipe");
      return;
    }
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child == 0) {
      close(fds[0]);
      const ChildResult r = RunScale(format, scale, out);
      const char* p = reinterpret_cast<const char*>(&r);
      for (std::size_t done = 0; done < sizeof r;) {
        const ssize_t n = write(fds[1], p + done, sizeof r - done);
        if (n <= 0) _exit(1);
        done += static_cast<std::size_t>(n);
      }
      _exit(0);
    }
    close(fds[1]);
    result = {};
    char* p = reinterpret_cast<char*>(&result);
    std::size_t done = 0;
    while (done < sizeof result) {
      const ssize_t n = read(fds[0], p + done, sizeof result - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (done != sizeof result || !result.ok) {
      state.SkipWithError(done == sizeof result ? result.error : "the child died");
      fs::remove_all(out.parent_path());
      return;
    }
    state.SetIterationTime(result.seconds);
  }
  state.counters["members"] = result.members;
  state.counters["rows"] = result.rows;
  state.counters["rows_per_s"] = result.rows / result.seconds;
  state.counters["members_per_s"] = result.members / result.seconds;
  state.counters["cpu_s"] = result.cpu_s;  // the child's CPU time: wall time on an idle machine
  state.counters["output_mb"] = result.output_mb;
  state.counters["peak_rss_mb"] = result.peak_rss_mb;
  state.counters["base_rss_mb"] = result.base_rss_mb;
  fs::remove_all(out.parent_path());
}

void BM_GenerateScale1M_Csv(benchmark::State& state) {
  ScaleBenchmark(state, hm::MockupFormat::kCsv, EnvSize("HM_GENERATE_BENCH_SCALE", 1'000'000), "scale-csv");
}
BENCHMARK(BM_GenerateScale1M_Csv)->Unit(benchmark::kMillisecond)->Iterations(1)->UseManualTime();

void BM_GenerateScale1M_Sqlite(benchmark::State& state) {
  ScaleBenchmark(state, hm::MockupFormat::kSqlite, EnvSize("HM_GENERATE_BENCH_SCALE", 1'000'000),
                 "scale-sqlite");
}
BENCHMARK(BM_GenerateScale1M_Sqlite)->Unit(benchmark::kMillisecond)->Iterations(1)->UseManualTime();

void BM_GenerateScale_Xlsx(benchmark::State& state) {
  ScaleBenchmark(state, hm::MockupFormat::kXlsx, EnvSize("HM_GENERATE_BENCH_XLSX_SCALE", 100'000),
                 "scale-xlsx");
}
BENCHMARK(BM_GenerateScale_Xlsx)->Unit(benchmark::kMillisecond)->Iterations(1)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
