// Expectations that contradict the row's own facts or each other: no mockup can give them, so the
// row needs the analyst, not a generator's guess (issue 6 acceptance: "an age that contradicts a
// birth date → a clear error naming the scenario row").
#pragma once

#include <string>
#include <vector>

#include "hedis_mockup/testcases.h"

namespace hm::testcase {

// Appends one line per contradiction to `attention`:
//  - AGE_END_REP_YR (the age on 12/31 of the MY) that the stated birth date, or a stated age on
//    that day, does not give;
//  - RE=0 with an EXCLUSION_DT date: the engine reports an exclusion date only with RE=1;
//  - flags or values of rows, then an absence of the whole member (an absence right after a line
//    of addresses only is about that row, not the member);
//  - rows of two or more plans (PLAN_ID) when no fact says which plan a record is in.
// Rows whose expectations name two or more products are checked per member only where no product
// is named, as each product's row may differ.
void CheckExpectationsAgainstFacts(const Scenario& s, int measurement_year, std::vector<std::string>& attention);

}  // namespace hm::testcase
