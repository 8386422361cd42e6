// Whether a member's MEMBER_IN row says what its scenario says: the age as of the scenario's date,
// the birth date and the sex. A generator that drifts (an off-by-one birthday, a leap-day birth)
// makes a mockup that tests something other than what QA wrote; this catches it before export.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/date.h"
#include "hedis_mockup/testcases.h"

namespace hm::check {

struct ScenarioProblem {
  const char* check;     // "scenario.age", "scenario.birth_date", "scenario.sex"
  std::string message;   // what differs and what to do
};

// The member row's birth date and sex against `scenario`'s AgeFact, BirthDateFact and GenderFact.
//   birth_date: MEM_DOB as parsed; nullopt when absent or unreadable (the age and birth-date
//               facts are then not checked: the schema checks report the cell).
//   sex:        MEM_GENDER's text; nullopt when the sheet has no such column (not checked).
// Dates in messages are written relative to `measurement_year` (12/31/MY), as QA writes them.
std::vector<ScenarioProblem> CheckScenario(const Scenario& scenario,
                                           std::optional<Date> birth_date,
                                           std::optional<std::string_view> sex,
                                           int measurement_year);

}  // namespace hm::check
