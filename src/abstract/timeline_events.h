// Phase 1's last step: a patient's rows become dated events by the profile's event rules.
//
// Thread-safety: pure function.
#pragma once

#include <vector>

#include "abstract/source_rows.h"
#include "hedis_mockup/abstract.h"

namespace hm::abstract {

// Every event of every source that loaded, sorted by date, then source, type, code,
// description and value (so that the same rows give the same artifact in any order). A row
// without a date gives no event for that rule.
std::vector<TimelineEvent> BuildEvents(const TimelineProfile& profile, const PatientRows& rows);

}  // namespace hm::abstract
