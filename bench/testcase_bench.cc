// Benchmarks of reading QA test-case workbooks (issue 4 target: a 5,000-row workbook in <= 0.5 s).
// Run with bench/run.sh, which reports the figures.
//
// The workbook is generated once into $HM_BENCH_DIR (default /tmp/hm-bench), as .xlsx and as
// .csv: a title block, the header on row 3, a group row every 50 members, and free-text scenarios
// in the phrasing of the PSA original (ages, enrollment spans over several lines, value-set events
// with sources and codes, deaths, hospice rows) with multi-line expected results.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <xlsxwriter.h>

#include "hedis_mockup/testcases.h"

namespace {

constexpr int kRows = 5'000;
constexpr int kMeasurementYear = 2026;
constexpr int kGroupEvery = 50;

std::string BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return dir ? dir : "/tmp/hm-bench";
}

struct Case {
  std::string id, scenario, expected;
};

// The i-th scenario: one of the PSA original's shapes, with the numbers varied so no two rows are
// the same text.
Case MakeCase(int i) {
  const int age = 65 + i % 40;
  const int month = 1 + i % 12, day = 1 + i % 28;
  const char* gender = i % 3 == 0 ? "male" : i % 3 == 1 ? "Female" : "other";
  Case c;
  c.id = fmt::format("PSA_BENCH_{:05}", i);
  switch (i % 8) {
    case 0:
      c.scenario = fmt::format(
          "Verify, if a member is ({}) {} years as of December 31 of the measurement year.", gender,
          age);
      c.expected = fmt::format("AG={}\nAGE_END_REP_YR={}, Gender={}", age >= 70 ? 1 : 0, age,
                               gender[0] == 'm' ? 'M' : gender[0] == 'F' ? 'F' : 'O');
      break;
    case 1:
      c.scenario = fmt::format(
          "Verify, if a member is enrolled in the measurement year. {} days\nCE:\n1/1/MY-1 TO "
          "{}/{}/MY\n11/{}/MY TO 12/31/MY",
          30 + i % 20, 9 + i % 2, day, 1 + i % 20);
      c.expected = "CE=1";
      break;
    case 2:
      c.scenario = fmt::format(
          "CE :The measurement year \nAD : December 31 of the measurement year\nBE : Medical \n\n"
          "Verify enrollment span and AD=1 for following\n1st Enrollment : 1/1/MY-1 - 12/31/2050 "
          "--prod id {}\n2nd Enrollment : {}/1/MY - 12/31/2050 --prod id {}",
          10 + i % 5, month, 10 + i % 5);
      c.expected = fmt::format("AD=1, CE=1 and BE=1, product id {}", 10 + i % 5);
      break;
    case 3:
      c.scenario = fmt::format(
          "Medicare member, male {} years as of December 31 of the MY\nPSA Lab Test Value Set: "
          "{}/{}/MY --Primary, LAB_IN, POS=81 (CPT CODE:84153)\n"
          "PSA test on {}/{}/MY with PSA > 4.0",
          age, month, day, month, day);
      c.expected = fmt::format("NE=1\nSNE=0, NUMERATOR_DT={}/{}/MY", month, day);
      break;
    case 4:
      c.scenario = fmt::format(
          "Verify, if a member is (male) {} years as of December 31 of the measurement year.\n"
          "Hospice Intervention Value Set:- {}/{}/MY -- Suppl",
          age, month, day);
      c.expected = "HOSPICE_EXCL=1, RE=1,EXCLUSION_DT=NULL";
      break;
    case 5:
      c.scenario = fmt::format(
          "Enrollment -Product_id=2: 1/1/MY to {}/{}/MY --With Medical Benefit "
          "--coverage_indicatior=SN\n1/1/MY - 12/31/MY - Ben-Hospice=Y for Plan=1\n"
          "Hospice=Y in Monthly_mbr_in file with Rundate=12/31/MY-1 for Plan=2",
          month, day);
      c.expected = "For all valid product lines\nHOSPICE_EXCL=1\nPRODUCT_ID=2, CE=0";
      break;
    case 6:
      c.scenario = fmt::format(
          "DECEASED_DT={}/{}/MY from member_in\n2 Outpatient visits on 2/1/MY and 5/1/MY, denied\n"
          "Hospice intervention value set (183919006 : SNOMED): 12/31/MY",
          month, day);
      c.expected = "Member should not appear";
      break;
    default:
      c.scenario = fmt::format(
          "PL: Medicare\nAG: {} years as of 12/31/MY\nCE: 1/1/MY-1 to 12/31/MY\nV2: CPT=99203 on "
          "{}/{}/MY\n--Numerator compliant",
          age, month, day);
      c.expected = "PL=1, AG=1, CE=1\nNE=1";
      break;
  }
  return c;
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out;
    out.reserve(kRows);
    for (int i = 0; i < kRows; ++i) out.push_back(MakeCase(i));
    return out;
  }();
  return cases;
}

const char* kHeader[] = {"#  member number/TestCase ID", "Scenario", "Test Objective", "ADD/UPDATE",
                         "Expected Result"};

bool WriteXlsx(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return false;
  workbook_add_worksheet(wb, "Revision History");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PSA_Measure");
  worksheet_write_string(ws, 0, 0, "PSA MY2026 test cases (benchmark)", nullptr);
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 2, c, kHeader[c], nullptr);
  lxw_row_t row = 3;
  for (int i = 0; i < kRows; ++i) {
    if (i % kGroupEvery == 0) worksheet_write_string(ws, row++, 1, "CE & Gap", nullptr);
    const Case& c = Cases()[i];
    worksheet_write_string(ws, row, 0, c.id.c_str(), nullptr);
    worksheet_write_string(ws, row, 1, c.scenario.c_str(), nullptr);
    worksheet_write_string(ws, row, 4, c.expected.c_str(), nullptr);
    ++row;
  }
  return workbook_close(wb) == LXW_NO_ERROR;
}

std::string Quoted(const std::string& cell) {
  std::string out = "\"";
  for (char ch : cell) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

bool WriteCsv(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "PSA MY2026 test cases (benchmark),,,,\n,,,,\n";
  for (int c = 0; c < 5; ++c) out << (c ? "," : "") << kHeader[c];
  out << "\n";
  for (int i = 0; i < kRows; ++i) {
    if (i % kGroupEvery == 0) out << ",CE & Gap,,,\n";
    const Case& c = Cases()[i];
    out << c.id << "," << Quoted(c.scenario) << ",,," << Quoted(c.expected) << "\n";
  }
  return static_cast<bool>(out);
}

// The generated file (written once; delete $HM_BENCH_DIR to regenerate).
std::string Workbook(const std::string& extension) {
  const std::string path = BenchDir() + "/testcases-5k." + extension;
  if (!std::filesystem::exists(path)) {
    std::filesystem::create_directories(BenchDir());
    const bool written = extension == "xlsx" ? WriteXlsx(path) : WriteCsv(path);
    if (!written) return "";
  }
  return path;
}

hm::TestCaseOptions Options() {
  hm::TestCaseOptions options;
  options.measurement_year = kMeasurementYear;
  return options;
}

void ReadBook(benchmark::State& state, const std::string& path) {
  std::size_t rows = 0, understood = 0;
  for (auto _ : state) {
    auto book = hm::ReadTestCases(path, Options());
    if (!book.ok()) {
      state.SkipWithError(book.status().ToString().c_str());
      return;
    }
    rows = book->summary.rows;
    understood = book->summary.understood + book->summary.with_assumptions;
    benchmark::DoNotOptimize(book);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["understood_pct"] = rows ? 100.0 * static_cast<double>(understood) / rows : 0;
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReadTestCasesXlsx(benchmark::State& state) { ReadBook(state, Workbook("xlsx")); }
BENCHMARK(BM_ReadTestCasesXlsx)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ReadTestCasesCsv(benchmark::State& state) { ReadBook(state, Workbook("csv")); }
BENCHMARK(BM_ReadTestCasesCsv)->Unit(benchmark::kMillisecond)->Iterations(5);

// The grammar alone: one scenario text per iteration, cycling through the 5,000.
void BM_ReadScenarioText(benchmark::State& state) {
  const hm::TestCaseOptions options = Options();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = Cases()[i].scenario;
    benchmark::DoNotOptimize(hm::ReadScenarioText(text, options));
    bytes += text.size();
    i = (i + 1) % Cases().size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ReadScenarioText)->Unit(benchmark::kMicrosecond);

// One cell of state.range(0) bytes (scenarios joined by line breaks): the grammar promises to be
// linear in the text's size, so the time per byte should not grow with the cell.
void BM_ReadScenarioTextLongCell(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  std::string text;
  for (std::size_t i = 0; text.size() < size; ++i) {
    text += Cases()[i % Cases().size()].scenario + "\n";
  }
  const hm::TestCaseOptions options = Options();
  for (auto _ : state) benchmark::DoNotOptimize(hm::ReadScenarioText(text, options));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadScenarioTextLongCell)->RangeMultiplier(8)->Range(1 << 10, 1 << 16)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
