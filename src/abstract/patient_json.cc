// A patient's artifact as JSON (docs/artifacts.md), and the names of outcomes and strategies.
#include <nlohmann/json.hpp>

#include "hedis_mockup/abstract.h"

namespace hm {
namespace {

using Json = nlohmann::ordered_json;

// Absent values are null rather than "", so that "no code" and "code ''" read differently.
Json Text(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json EvidenceJson(const DiagnosisEvidence& e) {
  return Json{{"date", e.date}, {"kind", e.kind}, {"source", e.source}, {"code", Text(e.code)},
              {"name", Text(e.name)}};
}

Json DiagnosisJson(const AnchoredDiagnosis& d) {
  Json evidence = Json::array();
  for (const DiagnosisEvidence& e : d.evidence) evidence.push_back(EvidenceJson(e));
  return Json{{"code", Text(d.code)}, {"name", Text(d.name)}, {"date", d.date},
              {"source", d.source},   {"kind", d.kind},       {"evidence", std::move(evidence)}};
}

Json EventJson(const TimelineEvent& e) {
  return Json{{"source", e.source}, {"type", e.type}, {"date", e.date}, {"code", Text(e.code)},
              {"description", Text(e.description)}, {"value", Text(e.value)}};
}

// The tracker's own JSON, so that the shape is the one PRODUCT.md fixes everywhere.
Json CompletenessJson(const CompletenessSnapshot& snapshot) {
  return Json::parse(snapshot.ToJson());
}

}  // namespace

const char* PatientOutcomeName(PatientOutcome outcome) {
  switch (outcome) {
    case PatientOutcome::kOk:
      return "ok";
    case PatientOutcome::kPartial:
      return "partial";
    case PatientOutcome::kFatal:
      break;
  }
  return "fatal";
}

std::optional<AbstractStrategy> ParseAbstractStrategy(std::string_view name) {
  if (name == "batched") return AbstractStrategy::kBatched;
  if (name == "per-patient") return AbstractStrategy::kPerPatient;
  return std::nullopt;
}

const char* AbstractStrategyName(AbstractStrategy strategy) {
  return strategy == AbstractStrategy::kBatched ? "batched" : "per-patient";
}

std::string PatientTimelineJson(const PatientTimeline& patient) {
  Json events = Json::array();
  for (const TimelineEvent& e : patient.events) events.push_back(EventJson(e));
  Json json{{"patient_id", patient.patient_id},
            {"status", PatientOutcomeName(patient.outcome)},
            {"anchored_diagnosis",
             patient.anchored ? DiagnosisJson(*patient.anchored) : Json(nullptr)},
            {"timeline_events", std::move(events)},
            {"phase_0_completeness", CompletenessJson(patient.phase_0)},
            {"phase_1_completeness",
             patient.phase_1 ? CompletenessJson(*patient.phase_1) : Json(nullptr)}};
  return json.dump(2) + "\n";
}

}  // namespace hm
