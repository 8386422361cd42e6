// Finding scenarios: the first step of reading a QA test-case workbook. Finds each sheet's header
// row, then sorts the rows below it into member rows (one scenario each), continuation rows (more
// lines of the member above, such as a second enrollment), group rows (a section label such as
// "PL" or "CE & Gap") and blank rows. Sheets that hold no scenarios (revision history, DST
// templates, file-id summaries) are reported as skipped, with the reason.
//
// Understanding the scenario text (dates, flags) is the next step's job; this one only keeps the
// texts, line breaks included.
//
// Thread-safety: functions are reentrant; a Workbook is not thread-safe (see workbook.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

namespace hm::testcase {

// One member (one scenario) and the rows that belong to it.
struct ScenarioRow {
  std::string sheet;
  std::int64_t row = 0;  // the member row's 1-based sheet row (CSV: the line it starts on)
  std::string member_id;  // trimmed
  std::string scenario;
  std::string objective;
  std::string expected;
  std::string add_update;
  std::string expected_header;  // the Expected Result column's header as written
  // Rows with a blank (or merged-down) id under this member; their texts are appended to the
  // member's, after a "\n".
  std::vector<std::int64_t> continuation_rows;
  std::string group;  // first line of the nearest group label above, e.g. "CE & Gap"; may be empty
  // Every other column with a header: header text -> cell text (structured layouts keep AGE,
  // GENDER, ENROLLMENT_1_START ... here). Empty cells are left out.
  std::map<std::string, std::string> other_columns;
  // The same columns row by row: [0] the member row, then one per continuation row, so a sheet
  // that writes one enrollment per row (dual-enrollment sheets) can be read row by row.
  std::vector<std::map<std::string, std::string>> row_columns;
};

struct SkippedSheet {
  std::string sheet;
  std::string reason;
};

struct ScenarioTable {
  std::vector<ScenarioRow> rows;  // in sheet order, then row order
  std::vector<SkippedSheet> skipped;
  // Recoverable oddities, each naming file, sheet and row: a duplicate member id, a label in the
  // id column of a row that looks like a scenario.
  std::vector<Status> warnings;
};

// Finds the scenarios on every sheet of `workbook` (each sheet is loaded whole: test-case
// workbooks are small).
//
// The header is the first of the first 30 non-blank rows that has a member id column and at least
// one of scenario, test objective or expected result (see kMemberIdHeaders and the .cc for the
// names recognised). Returns kInvalidInput naming the file, with each sheet's skip reason in
// more(), when no sheet holds a member row; read errors as the reader reports them.
Result<ScenarioTable> FindScenarios(read::Workbook& workbook);

// Whether `text` (already trimmed) is a member id rather than a label. The rule: 2 to 64
// characters, only ASCII letters, digits, '_', '-' and '.', and at least one digit or one of
// '_', '-', '.'. So "PSA_AG_01", "95001", "WCC_CE_01" and "Misc_01" are ids, while "PL", "AG",
// "IDSS", "CE & Gap", "CE Misc", "For CE", "Medicaid" and "ED=1" are not: section labels are
// words, and the flag words of the QA workbooks (PL, AG, CE, NUM ...) are letters only.
bool LooksLikeMemberId(std::string_view text);

// The header names that mark the member id column, for messages.
extern const std::vector<std::string> kMemberIdHeaders;

}  // namespace hm::testcase
