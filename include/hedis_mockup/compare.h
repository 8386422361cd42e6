// Comparing a HEDIS engine's real output with the QA workbook (issue 6): the public API behind
// `hedis-mockup compare`. The engine's member-level output (CSV or .xlsx; QA's output sheet or
// NCQA's certification result file) is read, every scenario's expectations are checked with the
// rule `validate` uses too, and a copy of the workbook gets "Actual Result" and "Status" on each
// scenario row, every other cell unchanged. docs/compare.md has the rules.
//
// Thread-safety: reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/testcases.h"

namespace hm {

struct CompareOptions {
  std::string sheet;                    // the output sheet when the file has several
  std::string status_column = "Status";  // the workbook column to fill ("Status - SQL")
};

struct EngineComparison {
  // The engine output read.
  std::string actual_sheet;
  std::size_t actual_rows = 0, actual_members = 0;
  // Expectations: checked = passed + failed (an expected absence counts as one).
  std::size_t checked = 0, passed = 0, failed = 0, not_checkable = 0;
  std::size_t members_passed = 0, members_failed = 0, members_not_checkable = 0;
  struct Member {
    std::string member_id, sheet;
    std::int64_t row = 0;
    std::string outcome;  // "pass", "fail", "not_checkable"
    std::string status;   // the Status cell: "Pass", "Fail: AG expected 1 got 0", ...
  };
  std::vector<Member> members;
  std::string json;  // `compare --json`: {"checked",...,"members":[...]}
};

// Reads `actual`, checks `book` (read from `testcases`) against it, and writes the annotated copy
// of `testcases` to `out` (through a temporary file). Errors: the output cannot be read (naming
// file, sheet, row), `out` is the workbook itself, the copy cannot be written.
Result<EngineComparison> CompareWithEngineOutput(const TestCaseBook& book,
                                                 const std::string& testcases,
                                                 const std::string& actual, const std::string& out,
                                                 const CompareOptions& options = {});

}  // namespace hm
