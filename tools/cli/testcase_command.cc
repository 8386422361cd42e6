#include "testcase_command.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ai_flags.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "vsd_command.h"

namespace hm::cli {

// The MY: --my, else "MY2026" in the file name (how QA names test-case workbooks), else this year.
int MeasurementYearOf(int my, const std::string& testcases) {
  if (my != 0) return my;
  static const std::regex kMyInName("MY[ _-]?(\\d{4})", std::regex::icase);
  std::smatch match;
  const std::string name = std::filesystem::path(testcases).filename().string();
  if (std::regex_search(name, match, kMyInName)) return std::stoi(match[1]);
  const auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  return static_cast<int>(today.year());
}

namespace {

struct TestCaseOptions {
  std::string testcases;
  std::string measure;
  int my = 0;
  std::vector<std::string> vsd_paths;
  bool json = false;
  bool attention_only = false;
  std::string out;
  AiFlags ai;                       // --ai: the language-model fallback (docs/ai.md)
  std::optional<AiCounts> ai_counts;  // set by Read when --ai was given
};

int MeasurementYear(const TestCaseOptions& options) {
  return MeasurementYearOf(options.my, options.testcases);
}

// Reads the workbook with the VSD when one is given; records inputs and completeness.
Result<TestCaseBook> Read(TestCaseOptions& options, Run& run,
                          std::optional<ValueSetDirectory>& vsd) {
  hm::TestCaseOptions read;
  read.measurement_year = MeasurementYear(options);
  if (!options.vsd_paths.empty()) {
    VsdLoadReport report;
    HM_ASSIGN_OR_RETURN(ValueSetDirectory loaded, LoadVsd(options.vsd_paths, true, run, report));
    vsd = std::move(loaded);
    read.vsd = &*vsd;
  }
  if (run.session != nullptr) run.session->AddInput("testcase", options.testcases);
  log::ScopedContext context;
  context.Phase("PARSE_TESTCASES");
  run.completeness.MarkAttempted("testcases");
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(options.testcases, read));
  HM_ASSIGN_OR_RETURN(options.ai_counts, RunAiFallback(book, options.ai, read.vsd, run));
  run.completeness.MarkSuccess("testcases", static_cast<std::int64_t>(book.summary.rows));
  const std::string message = SummaryText(book.summary, book.measurement_year);
  if (run.session != nullptr) run.session->AddEvent("parse_summary", message);
  log::Info("{}", message);
  if (!vsd) log::Info("no --vsd given: value-set names were not checked");
  return book;
}

void PrintScenario(const Scenario& s, int my) {
  fmt::print("{} ({}!{}) {}\n", s.member_id, s.sheet, s.row, StatusName(s.status));
  for (const Fact& f : s.facts) {
    const std::string ai = f.provenance == Provenance::kAi ? fmt::format("  [ai {:.2f}]", f.confidence.value_or(0)) : "";
    fmt::print("    {:<22}{}{}\n", FactKindName(f.body), Describe(f.body, my), ai);
  }
  for (const Expectation& e : s.expected.items) fmt::print("    {:<22}{}\n", "expect", ToString(e));
  if (s.expected.absent) fmt::print("    {:<22}{}\n", "expect", "member absent from the output");
  for (const std::string& a : s.assumptions) fmt::print("    assumed: {}\n", a);
  for (const Fragment& f : s.unparsed) fmt::print("    NOT UNDERSTOOD: '{}'\n", f.text);
  for (const std::string& a : s.attention) fmt::print("    ATTENTION: {}\n", a);
}

// parse --json with the AI counts in its summary ("summary": {..., "ai": {...}}).
std::string JsonWithAi(const TestCaseBook& book, const std::optional<AiCounts>& ai) {
  if (!ai) return ToJson(book);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(ToJson(book));
  j["summary"]["ai"] = nlohmann::ordered_json::parse(AiCountsJson(*ai));
  return j.dump(2) + "\n";
}

Result<int> RunParse(TestCaseOptions& options, Run& run) {
  std::optional<ValueSetDirectory> vsd;
  HM_ASSIGN_OR_RETURN(TestCaseBook book, Read(options, run, vsd));
  if (options.json) {
    fmt::print("{}", JsonWithAi(book, options.ai_counts));
  } else {
    for (const SheetReport& sheet : book.sheets) {
      if (sheet.skipped) fmt::print("sheet '{}' skipped: {}\n", sheet.name, sheet.reason);
      else fmt::print("sheet '{}': {} scenarios{}\n", sheet.name, sheet.scenarios, sheet.structured ? " (standard layout)" : "");
    }
    for (const Status& warning : book.warnings) fmt::print("warning: {}\n", warning.ToString());
    fmt::print("\n");
    for (const Scenario& s : book.scenarios) {
      if (options.attention_only && s.status != ScenarioStatus::kNeedsAttention) continue;
      PrintScenario(s, book.measurement_year);
    }
    const TestCaseSummary& sum = book.summary;
    fmt::print("\n{} scenarios (MY {}): {} understood, {} with assumptions, {} need attention\n",
               sum.rows, book.measurement_year, sum.understood, sum.with_assumptions,
               sum.needs_attention);
    if (options.ai_counts) fmt::print("{}\n", AiSummaryText(*options.ai_counts));
  }
  return book.summary.needs_attention > 0 ? kExitFailures : kExitOk;
}

Result<int> RunReformat(TestCaseOptions& options, Run& run) {
  if (std::filesystem::path(options.out).extension() != ".xlsx") {
    return Status::InvalidInput(fmt::format("--out {}: the standard layout is an .xlsx workbook", options.out),
                                "name the output FILE.xlsx");
  }
  std::optional<ValueSetDirectory> vsd;
  HM_ASSIGN_OR_RETURN(TestCaseBook book, Read(options, run, vsd));
  // AI-derived facts go into NEEDS_ATTENTION for the reviewer to confirm and delete.
  if (options.ai_counts) MarkAiFactsForReview(book);
  HM_RETURN_IF_ERROR(WriteStandardLayout(book, options.out));
  if (run.session != nullptr) run.session->AddOutput("standard_layout", options.out);
  const TestCaseSummary& sum = book.summary;
  fmt::print("Wrote {} ({} scenarios; {} need attention: see the NEEDS_ATTENTION column)\n",
             options.out, sum.rows, sum.needs_attention);
  if (options.ai_counts) fmt::print("{}\n", AiSummaryText(*options.ai_counts));
  return kExitOk;
}

void AddReadOptions(CLI::App& command, TestCaseOptions& options) {
  // No CLI::ExistingPath check: the reader's own error names the file in the CLI's error format.
  command.add_option("--testcases", options.testcases,
                     "QA test-case workbook: .xlsx, .csv or a folder of CSV files")
      ->required();
  command.add_option("--my", options.my,
                     "measurement year (default: MYnnnn in the file name, else this year)")
      ->check(CLI::Range(1900, 2200));
  command.add_option("--vsd", options.vsd_paths,
                     "VSD (and MLD) to match value-set names against; repeatable")
      ->check(CLI::ExistingPath);
  command.add_option("--measure", options.measure, "measure abbreviation, e.g. PSA (recorded in the audit log)");
  AddAiFlags(command, options.ai);
}

}  // namespace

void AddTestCaseCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<TestCaseOptions>();
  CLI::App* parse = app.add_subcommand(
      "parse", "Read a test-case workbook: scenarios, facts, expectations, what needs attention");
  AddReadOptions(*parse, *options);
  parse->add_flag("--json", options->json, "print machine-readable JSON");
  parse->add_flag("--attention", options->attention_only, "print only the rows that need attention");
  parse->callback([&chosen, options] {
    chosen = {"parse", options->measure, true, [options](Run& r) { return RunParse(*options, r); }};
  });

  CLI::App* reformat = app.add_subcommand(
      "reformat", "Write a test-case workbook in the standard layout, for review and editing");
  AddReadOptions(*reformat, *options);
  reformat->add_option("--out", options->out, "the .xlsx to write")->required();
  reformat->callback([&chosen, options] {
    chosen = {"reformat", options->measure, true,
              [options](Run& r) { return RunReformat(*options, r); }};
  });
}

}  // namespace hm::cli
