#include "abstract/patient_phases.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "abstract/anchor.h"
#include "abstract/timeline_events.h"
#include "hedis_mockup/error_policy.h"
#include "hedis_mockup/log.h"

namespace hm::abstract {
namespace {

// Records each source's outcome in `tracker`; failures go through the error policy, which logs
// them with the patient's context. Returns the number of rows.
std::int64_t Record(std::span<const ProfileSource* const> sources, const PatientRows& rows,
                    CompletenessTracker& tracker) {
  ErrorPolicy policy(tracker);
  std::int64_t total = 0;
  for (const ProfileSource* source : sources) {
    const auto found = rows.find(source->name);
    if (found == rows.end()) continue;
    const SourceRows& r = found->second;
    if (r.status.ok()) {
      tracker.MarkSuccess(source->name, static_cast<std::int64_t>(r.rows.size()));
      total += static_cast<std::int64_t>(r.rows.size());
    } else {
      (void)policy.Handle(r.status, source->name);  // recoverable: a required one stopped the run
    }
  }
  return total;
}

Status NoAnchor(std::span<const ProfileSource* const> sources, std::int64_t rows) {
  std::vector<std::string> names;
  for (const ProfileSource* s : sources) names.push_back(s->name);
  return Status::NotFound(
      fmt::format("no anchored diagnosis: no diagnostic evidence in {} ({} rows)",
                  fmt::join(names, ", "), rows),
      "check the patient id, the evidence sources' errors, or the anchor's code_prefixes and "
      "name_keywords; the patient is skipped");
}

}  // namespace

void RunPhase0(const TimelineProfile& profile, std::span<const ProfileSource* const> sources,
               const PatientRows& rows, PatientTimeline& patient) {
  log::ScopedContext context;
  context.Patient(patient.patient_id).Phase("PHASE_0");
  CompletenessTracker tracker;
  const std::int64_t row_count = Record(sources, rows, tracker);
  patient.anchored = ChooseAnchor(profile.anchor, CollectEvidence(profile.anchor, rows));
  if (patient.anchored) {
    patient.outcome = PatientOutcome::kOk;
    log::Debug("Anchored diagnosis from {} evidence ({} items)", patient.anchored->kind,
               patient.anchored->evidence.size());
  } else {
    patient.outcome = PatientOutcome::kFatal;
    ErrorPolicy policy(tracker);
    (void)policy.Handle(NoAnchor(sources, row_count));  // fatal for this patient only
  }
  patient.phase_0 = tracker.Snapshot();
}

void RunPhase1(const TimelineProfile& profile, const PatientRows& rows, PatientTimeline& patient) {
  log::ScopedContext context;
  context.Patient(patient.patient_id).Phase("PHASE_1");
  std::vector<const ProfileSource*> all;
  for (const ProfileSource& source : profile.sources) all.push_back(&source);
  CompletenessTracker tracker;
  Record(all, rows, tracker);
  patient.events = BuildEvents(profile, rows);
  CompletenessSnapshot snapshot = tracker.Snapshot();
  const bool whole = snapshot.sources_succeeded() == snapshot.sources_attempted();
  patient.outcome = whole ? PatientOutcome::kOk : PatientOutcome::kPartial;
  log::Debug("{} events from {} of {} sources", patient.events.size(),
             snapshot.sources_succeeded(), snapshot.sources_attempted());
  patient.phase_1 = std::move(snapshot);
}

}  // namespace hm::abstract
