// CompareWithEngineOutput (compare.h): read, check, annotate.
#include <filesystem>

#include <fmt/format.h>

#include "compare/compare_book.h"
#include "hedis_mockup/compare.h"

namespace hm {

Result<EngineComparison> CompareWithEngineOutput(const TestCaseBook& book,
                                                 const std::string& testcases,
                                                 const std::string& actual, const std::string& out,
                                                 const CompareOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(out, ec) && std::filesystem::equivalent(out, testcases, ec)) {
    return Status::InvalidInput(fmt::format("--out {} is the test-case workbook itself", out),
                                "write the annotated copy to another file");
  }
  HM_ASSIGN_OR_RETURN(compare::EngineOutput output, compare::ReadEngineOutput(actual, {options.sheet}));
  const compare::BookComparison comparison = compare::CompareBook(book, output);
  HM_RETURN_IF_ERROR(compare::AnnotateWorkbook(testcases, out, compare::AnnotationsOf(comparison),
                                               {options.status_column}));
  EngineComparison result;
  result.actual_sheet = output.sheet;
  result.actual_rows = output.row_count;
  result.actual_members = output.members.size();
  result.checked = comparison.checked;
  result.passed = comparison.passed;
  result.failed = comparison.failed;
  result.not_checkable = comparison.not_checkable;
  result.members_passed = comparison.members_passed;
  result.members_failed = comparison.members_failed;
  result.members_not_checkable = comparison.members_not_checkable;
  for (const compare::ScenarioComparison& m : comparison.members) {
    result.members.push_back({m.scenario->member_id, m.scenario->sheet, m.scenario->row,
                              std::string(compare::OutcomeName(m.check.overall)),
                              compare::StatusText(m.check)});
  }
  result.json = compare::ToJson(comparison);
  return result;
}

}  // namespace hm
