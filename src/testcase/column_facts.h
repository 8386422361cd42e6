// Facts in the extra columns of a free-text sheet. Most such columns are test bookkeeping (Actual
// Result, Status - Oracle, Executed By); some sheets instead describe each enrollment in columns,
// one row per enrollment (WCC's dual-enrollment sheet: Plan, Product DESC, Product,
// COVERAGE_INDICATOR, PRIMARY_COVERAGE ...). This reads those, and reports every other non-empty
// column as not read, so no column is dropped silently.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "hedis_mockup/testcases.h"
#include "testcase/scenario_rows.h"

namespace hm::testcase {

// Test bookkeeping columns (by header): nothing in them describes the member's data.
bool IsBookkeepingHeader(std::string_view header);

// Adds to `reading` the facts of `row`'s enrollment columns (one EnrollmentFact per row of the
// scenario that fills any), and an attention reason for each other non-empty, non-bookkeeping
// column. Structured-layout rows are not for this function.
void ReadColumnFacts(const ScenarioRow& row, const TestCaseOptions& options, TextReading& reading);

}  // namespace hm::testcase
