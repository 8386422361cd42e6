// The measure's result for a member as one row of "engine output", so that validation (and the
// generator's in-memory pre-check) can use compare::CheckMember, the rule `compare` uses for the
// real engine's output.
#pragma once

#include "compare/expectation_check.h"
#include "hedis_mockup/measure.h"

namespace hm::validate {

// The member's output rows: MEM_NBR, GENDER, PRODUCT_LINE and every flag (upper case), values as
// the engine gives them; one row, or one per product (with PRODUCT_ID and that product's flags)
// when the result has product rows (measure.h, ProductRow); none for a member not reported.
std::vector<compare::ActualRow> ResultRows(const MemberResult& result);

}  // namespace hm::validate
