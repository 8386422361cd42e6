// A member timeline written as a few lines of text, for the measure engine's declarative tests
// (test/cases/measures/<measure>/*.test). Dates are MY-relative ("12/31/MY-70").
//
//   member: born 12/31/MY-70, male                       (sex: male, female, other, unknown)
//   died: 5/1/MY
//   enroll: 1/1/MY - 12/31/MY product 11 [plan 2] [coverage SN] [no medical] [hospice]
//           [benefits medical,rx]
//   event: CPT 84153 on 3/15/MY [to 3/20/MY] [value 4.5] [supplemental | emr] [denied]
//          [table LAB_IN] [disch 20] [pos 81] [provider 4]
//   monthly: 7/1/MY hospice [plan 2]
//
// Code systems are the VSD's names (CPT, HCPCS, ICD10CM, LOINC, SNOMED, NDC, CVX ...). Each line
// stands alone; errors name the line.
#pragma once

#include <string>
#include <string_view>

#include "hedis_mockup/status.h"
#include "hedis_mockup/timeline.h"

namespace hm::testing {

// Reads the lines of `text` (blank lines ignored) into a timeline for member `id`.
Result<MemberTimeline> ParseTimelineText(std::string_view text, const std::string& id, int my);

}  // namespace hm::testing
