// The cohort summary: outcomes, average completeness, failures per source (docs/artifacts.md).
#include <nlohmann/json.hpp>

#include "hedis_mockup/abstract.h"

namespace hm {
namespace {

// The fatal error's message for the summary (the artifact has the whole record).
std::string FatalReason(const PatientTimeline& patient) {
  for (const CompletenessError& e : patient.phase_0.errors) {
    if (e.severity == "fatal") return e.message;
  }
  return "no anchored diagnosis";
}

void CountFailures(const CompletenessSnapshot& snapshot, std::map<std::string, int>& failures) {
  for (const auto& [name, source] : snapshot.data_sources) {
    if (source.attempted && !source.succeeded) ++failures[name];
  }
}

}  // namespace

CohortSummary SummarizeCohort(const CohortResult& cohort) {
  CohortSummary s;
  s.profile = cohort.profile;
  s.patients = static_cast<int>(cohort.patients.size());
  for (const std::string& name : cohort.sources) s.source_failures[name] = 0;
  double score_sum = 0;
  for (const PatientTimeline& p : cohort.patients) {
    s.total_events += static_cast<std::int64_t>(p.events.size());
    if (p.outcome == PatientOutcome::kFatal) {
      ++s.fatal;
      s.fatal_patients.emplace_back(p.patient_id, FatalReason(p));
      CountFailures(p.phase_0, s.source_failures);
      continue;
    }
    ++(p.outcome == PatientOutcome::kOk ? s.ok : s.partial);
    if (p.phase_1) {
      score_sum += p.phase_1->score();
      CountFailures(*p.phase_1, s.source_failures);
    }
  }
  const int anchored = s.ok + s.partial;
  s.average_phase_1_completeness = anchored == 0 ? 1.0 : score_sum / anchored;
  return s;
}

std::string CohortSummaryJson(const CohortSummary& s) {
  using Json = nlohmann::ordered_json;
  Json fatal = Json::array();
  for (const auto& [id, why] : s.fatal_patients) {
    fatal.push_back(Json{{"patient_id", id}, {"error", why}});
  }
  Json failures = Json::object();
  for (const auto& [name, count] : s.source_failures) failures[name] = count;
  const Json json{{"profile", s.profile},
                  {"patients", s.patients},
                  {"patients_ok", s.ok},
                  {"patients_partial", s.partial},
                  {"patients_fatal", s.fatal},
                  {"average_completeness_score", s.average_phase_1_completeness},
                  {"total_timeline_events", s.total_events},
                  {"source_failures", std::move(failures)},
                  {"fatal_patients", std::move(fatal)}};
  return json.dump(2) + "\n";
}

}  // namespace hm
