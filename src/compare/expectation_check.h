// Checking one member's expectations (the QA workbook's Expected Result cell, read into an
// ExpectedResult) against the rows an engine wrote for that member. This is the one place that
// decides whether an expectation holds: `compare` (the real engine's output) and `validate` (our
// own evaluation of a mockup) both call CheckMember, so the two can never disagree on a rule.
//
// The rules, each with its reason (docs/compare.md has the user's view):
//  - Keys are matched through aliases, because engines and NCQA name some columns differently:
//    NUM <-> NE, ED <-> EVENT, GENDER <-> MEM_GENDER / SEX, PRODUCT_ID <-> PRODUCT / PROD_ID,
//    MEM_NBR <-> MEMBER_ID / MEMID / MEM_ID, SUB_MEASURE_ID <-> SUBMEASURE_ID, RE <-> REXCL.
//    The expectation's own key is tried first. A key no row has is "not checkable", not a
//    failure: the output may simply not carry that column, and saying "fail" would blame the
//    engine for a gap in the file.
//  - Values are compared by the kind the expectation holds: a flag equals 1/Y/YES/TRUE or
//    0/N/NO/FALSE; an integer equals the same integer ("70", "70.0"); a date equals the same day
//    written as YYYY-MM-DD (a time of day is ignored), MM/DD/YYYY or M/D/YYYY; text equals text
//    ignoring case and surrounding blanks (GENDER also reads Male/Female/Other/Unknown); NULL
//    equals any text of CheckOptions::null_texts. A non-NULL expectation never equals a NULL
//    text: "CE=1" against "NA" fails.
//  - Unknown expectations (Expectation::known == false, which includes items about another output
//    table) are not checkable: we cannot say what their value should be compared with.
//  - Rows: an expectation belongs to a group of lines that address one output row. A line that
//    names PRODUCT_ID or PLAN_ID addresses the row with that id (a line holding only such an
//    address, "For Product_id: 3,", addresses the lines after it too, up to the next address).
//    Otherwise: with ExpectedResult::all_product_lines or named product_lines, every row (of those
//    lines, where the rows say their line) must match; else, one row is the row; several rows are
//    compared only when they agree on the key (otherwise "not checkable": the analyst did not say
//    which row).
//  - Absence: "member should not appear" passes iff the member has no rows; the other items are
//    then not checked. An absence phrase right after an address ("For Product_id=92, No member
//    should populate ...") is about that row only: it passes iff no row has that id.
//  - A member expected in the output that has no rows fails every known expectation ("Not in
//    output").
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/testcases.h"

namespace hm::compare {

// One row of an engine's member-level output: KEY (upper case, no leading '*') -> value as text.
struct ActualRow {
  std::map<std::string, std::string> values;
  std::int64_t source_row = 0;  // 1-based sheet row or CSV line it came from; 0: unknown
};

enum class Outcome : std::uint8_t { kPass, kFail, kNotCheckable };

// "pass", "fail", "not_checkable" (the JSON spelling).
std::string_view OutcomeName(Outcome outcome);

struct CheckOptions {
  // Actual texts that mean "no value", compared after trimming and ignoring case. Default: NULL,
  // the empty cell, NA and ND (QA output sheets write NA for "not applicable" and ND for "no
  // date"; both are what an engine writes where it has no value). Narrow it when an engine uses
  // NA as a real value.
  std::vector<std::string> null_texts = {"NULL", "", "NA", "ND"};
};

struct ExpectationResult {
  const Expectation* expectation = nullptr;  // points into the ExpectedResult given to CheckMember
  Outcome outcome = Outcome::kNotCheckable;
  std::string expected;  // the expected value as text: "1", "70", "M", "2026-03-15", "NULL"
  std::string actual;    // the value compared with; several rows' values joined by " / "
  std::string detail;    // why it failed or could not be checked; empty on a pass
};

struct MemberCheck {
  std::vector<ExpectationResult> items;  // one per ExpectedResult::items, in order
  bool absent_expected = false;  // the member (not one of its rows) should not appear
  bool absent_ok = true;         // meaningful when absent_expected
  std::size_t row_count = 0;     // the member's rows in the output
  Outcome overall = Outcome::kNotCheckable;
  // Fail: "AG: expected 1, got 0; CE: expected 1, got 0". Not checkable: why ("OUT_VISIT: not
  // a key we can check"). Pass: empty.
  std::string summary;
  // What the output says about the checked keys, as an analyst would write it: one line per
  // addressed row ("PRODUCT_ID=2, AD=1, CE=1"), or "Not in output".
  std::string actual_text;

  std::size_t Count(Outcome outcome) const;
};

// Checks `expected` against `rows`, the member's output rows (empty: the member is not in the
// output). The result points into `expected`, which must outlive it. Never fails: every problem
// is an outcome with its detail.
MemberCheck CheckMember(const ExpectedResult& expected, std::span<const ActualRow> rows,
                        const CheckOptions& options = {});

// The text of a Status cell: "Pass", "Fail: AG expected 1 got 0; ...", "Not checkable: ...",
// "Not in output" (a member expected in the output that has none).
std::string StatusText(const MemberCheck& check);

// Per item of `expected`: whether it is about the row of one product or plan (its line, or the
// address-only line above it, names PRODUCT_ID or PLAN_ID) rather than about the member.
std::vector<bool> AddressedItems(const ExpectedResult& expected);

// The value of `key` in `row` through the aliases above, or nullptr when the row has none of them.
// `key` is canonical upper case.
const std::string* FindValue(const ActualRow& row, std::string_view key);

}  // namespace hm::compare
