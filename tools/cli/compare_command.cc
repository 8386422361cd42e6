#include "compare_command.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>

#include <fmt/format.h>

#include "compare/compare_book.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/testcases.h"

namespace hm::cli {
namespace {

struct CompareOptions {
  std::string testcases;
  std::string actual;
  std::string out;
  std::string sheet;
  std::string status_column = "Status";
  std::string measure;
  int my = 0;
  bool json = false;
};

// The MY: --my, else "MY2026" in the file name (how QA names workbooks), else this year.
int MeasurementYear(const CompareOptions& options) {
  if (options.my != 0) return options.my;
  static const std::regex kMyInName("MY[ _-]?(\\d{4})", std::regex::icase);
  std::smatch match;
  const std::string name = std::filesystem::path(options.testcases).filename().string();
  if (std::regex_search(name, match, kMyInName)) return std::stoi(match[1]);
  const auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  return static_cast<int>(today.year());
}

// <testcases stem>_Compared.<ext> beside the input (.xlsx; .csv for CSV test cases).
std::string DefaultOut(const std::string& testcases) {
  const std::filesystem::path in(testcases);
  const std::string ext = in.extension() == ".csv" ? ".csv" : ".xlsx";
  return (in.parent_path() / (in.stem().string() + "_Compared" + ext)).string();
}

Result<TestCaseBook> ReadBook(const CompareOptions& options, Run& run) {
  log::ScopedContext context;
  context.Phase("PARSE_TESTCASES");
  run.completeness.MarkAttempted("testcases");
  hm::TestCaseOptions read;
  read.measurement_year = MeasurementYear(options);
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(options.testcases, read));
  run.completeness.MarkSuccess("testcases", static_cast<std::int64_t>(book.summary.rows));
  return book;
}

Result<compare::EngineOutput> ReadActual(const CompareOptions& options, Run& run) {
  log::ScopedContext context;
  context.Phase("READ_ENGINE_OUTPUT");
  run.completeness.MarkAttempted("engine_output");
  HM_ASSIGN_OR_RETURN(compare::EngineOutput output,
                      compare::ReadEngineOutput(options.actual, {options.sheet}));
  run.completeness.MarkSuccess("engine_output", static_cast<std::int64_t>(output.row_count));
  log::Info("{}: sheet '{}', {} rows of {} members", options.actual, output.sheet,
            output.row_count, output.members.size());
  return output;
}

void PrintSummary(const compare::BookComparison& c, const std::string& out) {
  for (const compare::ScenarioComparison& m : c.members) {
    if (m.check.overall == compare::Outcome::kPass) continue;
    fmt::print("{} ({}!{}): {}\n", m.scenario->member_id, m.scenario->sheet, m.scenario->row,
               compare::StatusText(m.check));
  }
  fmt::print("\n{} members: {} pass, {} fail, {} not checkable\n", c.members.size(),
             c.members_passed, c.members_failed, c.members_not_checkable);
  fmt::print("{} expectations checked: {} passed, {} failed; {} not checkable\n", c.checked,
             c.passed, c.failed, c.not_checkable);
  fmt::print("Wrote {}\n", out);
}

Result<int> RunCompare(const CompareOptions& options, Run& run) {
  if (run.session != nullptr) {
    run.session->AddInput("testcases", options.testcases);
    run.session->AddInput("engine_output", options.actual);
  }
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadBook(options, run));
  HM_ASSIGN_OR_RETURN(compare::EngineOutput output, ReadActual(options, run));
  const compare::BookComparison comparison = compare::CompareBook(book, output);
  const std::string out = options.out.empty() ? DefaultOut(options.testcases) : options.out;
  if (std::filesystem::exists(out) && std::filesystem::equivalent(out, options.testcases)) {
    return Status::InvalidInput(fmt::format("--out {} is the test-case workbook itself", out),
                                "write the annotated copy to another file");
  }
  HM_RETURN_IF_ERROR(compare::AnnotateWorkbook(options.testcases, out,
                                               compare::AnnotationsOf(comparison),
                                               {options.status_column}));
  if (run.session != nullptr) {
    run.session->AddOutput("compared_workbook", out);
    run.session->AddEvent("compare_summary",
                          fmt::format("{} checked, {} passed, {} failed, {} not checkable",
                                      comparison.checked, comparison.passed, comparison.failed,
                                      comparison.not_checkable));
  }
  if (options.json) fmt::print("{}", compare::ToJson(comparison));
  else PrintSummary(comparison, out);
  return comparison.failed > 0 ? kExitFailures : kExitOk;
}

}  // namespace

void AddCompareCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* compare = app.add_subcommand(
      "compare", "Compare an engine's member-level output with the test cases' expected results "
                 "and write Actual Result / Status into a copy of the workbook");
  compare->add_option("--testcases", options->testcases, "QA test-case workbook: .xlsx or .csv")
      ->required();
  compare->add_option("--actual", options->actual,
                      "the engine's member-level output: .csv or .xlsx (an NCQA result file too)")
      ->required();
  compare->add_option("--out", options->out,
                      "the annotated copy (default: <testcases>_Compared.xlsx beside it)");
  compare->add_option("--my", options->my,
                      "measurement year (default: MYnnnn in the file name, else this year)")
      ->check(CLI::Range(1900, 2200));
  compare->add_option("--sheet", options->sheet, "the output sheet, when --actual has several");
  compare->add_option("--status-column", options->status_column,
                      "the status column to fill, e.g. \"Status - SQL\" (default: Status)");
  compare->add_option("--measure", options->measure, "measure abbreviation (for the audit log)");
  compare->add_flag("--json", options->json, "print machine-readable JSON");
  compare->callback([&chosen, options] {
    chosen = {"compare", options->measure, true,
              [options](Run& r) { return RunCompare(*options, r); }};
  });
}

}  // namespace hm::cli
