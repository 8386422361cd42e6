#include "compare_command.h"

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "hedis_mockup/compare.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/testcases.h"
#include "testcase_command.h"

namespace hm::cli {
namespace {

struct CompareArgs {
  std::string testcases;
  std::string actual;
  std::string out;
  std::string sheet;
  std::string status_column = "Status";
  std::string measure;
  int my = 0;
  bool json = false;
};

// <testcases stem>_Compared.<ext> beside the input (.xlsx; .csv for CSV test cases).
std::string DefaultOut(const std::string& testcases) {
  const std::filesystem::path in(testcases);
  const std::string ext = in.extension() == ".csv" ? ".csv" : ".xlsx";
  return (in.parent_path() / (in.stem().string() + "_Compared" + ext)).string();
}

Result<TestCaseBook> ReadBook(const CompareArgs& options, Run& run) {
  log::ScopedContext context;
  context.Phase("PARSE_TESTCASES");
  run.completeness.MarkAttempted("testcases");
  hm::TestCaseOptions read;
  read.measurement_year = MeasurementYearOf(options.my, options.testcases);
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(options.testcases, read));
  run.completeness.MarkSuccess("testcases", static_cast<std::int64_t>(book.summary.rows));
  return book;
}

void PrintSummary(const EngineComparison& c, const std::string& out) {
  for (const EngineComparison::Member& m : c.members) {
    if (m.outcome == "pass") continue;
    fmt::print("{} ({}!{}): {}\n", m.member_id, m.sheet, m.row, m.status);
  }
  fmt::print("\n{} members: {} pass, {} fail, {} not checkable\n", c.members.size(),
             c.members_passed, c.members_failed, c.members_not_checkable);
  fmt::print("{} expectations checked: {} passed, {} failed; {} not checkable\n", c.checked,
             c.passed, c.failed, c.not_checkable);
  fmt::print("Wrote {}\n", out);
}

Result<int> RunCompare(const CompareArgs& options, Run& run) {
  if (run.session != nullptr) {
    run.session->AddInput("testcase", options.testcases);
    run.session->AddInput("engine_output", options.actual);
  }
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadBook(options, run));
  const std::string out = options.out.empty() ? DefaultOut(options.testcases) : options.out;
  log::ScopedContext context;
  context.Phase("COMPARE");
  run.completeness.MarkAttempted("engine_output");
  HM_ASSIGN_OR_RETURN(EngineComparison comparison,
                      CompareWithEngineOutput(book, options.testcases, options.actual, out,
                                              hm::CompareOptions{options.sheet, options.status_column}));
  run.completeness.MarkSuccess("engine_output", static_cast<std::int64_t>(comparison.actual_rows));
  log::Info("{}: sheet '{}', {} rows of {} members", options.actual, comparison.actual_sheet,
            comparison.actual_rows, comparison.actual_members);
  if (run.session != nullptr) {
    run.session->AddOutput("compared_workbook", out);
    run.session->AddEvent("compare_summary",
                          fmt::format("{} checked, {} passed, {} failed, {} not checkable",
                                      comparison.checked, comparison.passed, comparison.failed,
                                      comparison.not_checkable));
  }
  if (options.json) fmt::print("{}", comparison.json);
  else PrintSummary(comparison, out);
  return comparison.failed > 0 ? kExitFailures : kExitOk;
}

}  // namespace

void AddCompareCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<CompareArgs>();
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
