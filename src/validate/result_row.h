// The measure's result for a member as one row of "engine output", so that validation (and the
// generator's in-memory pre-check) can use compare::CheckMember, the rule `compare` uses for the
// real engine's output.
#pragma once

#include "compare/expectation_check.h"
#include "hedis_mockup/measure.h"

namespace hm::validate {

// MEM_NBR, GENDER, PRODUCT_LINE and every flag (upper case), values as the engine gives them.
compare::ActualRow ResultRow(const MemberResult& result);

}  // namespace hm::validate
