// What Phase 0 and Phase 1 make of one patient's rows, whichever strategy loaded them: the
// completeness of each phase, the anchored diagnosis (or the patient's fatal error), the events.
// Run under the patient's log context (patient_id, phase), which the error policy uses.
//
// Thread-safety: pure functions over their arguments (logging is thread-safe).
#pragma once

#include <span>

#include "abstract/source_rows.h"
#include "hedis_mockup/abstract.h"

namespace hm::abstract {

// Fills patient.phase_0, .anchored, and .outcome (kFatal when there is no anchored diagnosis,
// else kOk for now) from the rows of the evidence sources.
void RunPhase0(const TimelineProfile& profile, std::span<const ProfileSource* const> sources,
               const PatientRows& rows, PatientTimeline& patient);

// Fills patient.phase_1, .events and the final outcome from the rows of every source.
// REQUIRES: the patient is anchored.
void RunPhase1(const TimelineProfile& profile, const PatientRows& rows, PatientTimeline& patient);

}  // namespace hm::abstract
