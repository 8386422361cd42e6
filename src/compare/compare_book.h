// A whole QA workbook against an engine's output: every scenario's member checked
// (expectation_check.h), the totals, the JSON of `compare --json`, and the cells the annotated
// copy gets. The `compare` command is this plus reading and writing files.
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <vector>

#include "compare/annotate_workbook.h"
#include "compare/engine_output.h"
#include "compare/expectation_check.h"
#include "hedis_mockup/testcases.h"

namespace hm::compare {

struct ScenarioComparison {
  const Scenario* scenario = nullptr;  // points into the TestCaseBook given to CompareBook
  MemberCheck check;
};

struct BookComparison {
  std::vector<ScenarioComparison> members;  // in workbook order
  // Expectations: checked = passed + failed; an expected absence counts as one expectation.
  std::size_t checked = 0, passed = 0, failed = 0, not_checkable = 0;
  // Members (scenarios) by overall outcome.
  std::size_t members_passed = 0, members_failed = 0, members_not_checkable = 0;
};

// Checks every scenario of `book` against `output`. Both must outlive the result.
BookComparison CompareBook(const TestCaseBook& book, const EngineOutput& output,
                           const CheckOptions& options = {});

// The Actual Result and Status of every scenario row.
std::vector<Annotation> AnnotationsOf(const BookComparison& comparison);

// {"checked","passed","failed","not_checkable","members":[{"member_id","sheet","row","outcome",
// "status","actual","items":[{"key","expected","actual","outcome","detail"}]}]}
std::string ToJson(const BookComparison& comparison);

}  // namespace hm::compare
