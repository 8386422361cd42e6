// The columns of the six demo views (the source system's main columns).
#include "abstract/demo_data.h"

namespace hm::abstract {
namespace {

std::vector<DemoColumn> Columns(std::initializer_list<const char*> spec) {
  // "name:type"; type "text" when omitted.
  std::vector<DemoColumn> columns;
  for (std::string_view s : spec) {
    const std::size_t colon = s.find(':');
    columns.push_back({std::string(s.substr(0, colon)),
                       colon == std::string_view::npos ? "text" : std::string(s.substr(colon + 1))});
  }
  return columns;
}

}  // namespace

std::vector<DemoTable> EmptyDemoTables() {
  return {
      {"v_pathology_diagnostics", "demo_pathology_diagnostics",
       Columns({"patient_fhir_id", "diagnostic_source", "source_id",
                "diagnostic_datetime:timestamp", "diagnostic_date:date", "diagnostic_name", "code",
                "coding_system_code", "coding_system_name", "component_name", "result_value",
                "diagnostic_category", "specimen_types", "specimen_sites",
                "specimen_collection_datetime:timestamp", "test_lab", "test_status",
                "test_orderer", "component_count:integer", "linked_procedure_id",
                "linked_procedure_name", "linked_procedure_datetime:timestamp",
                "days_from_procedure:integer", "encounter_id"}),
       {}},
      {"v_procedures_tumor", "demo_procedures_tumor",
       Columns({"patient_fhir_id", "procedure_fhir_id", "proc_performed_date_time:timestamp",
                "proc_code_text", "surgery_type", "surgery_extent", "is_tumor_surgery:boolean",
                "is_likely_performed:boolean", "cpt_code", "pbs_body_site_text",
                "proc_encounter_reference"}),
       {}},
      {"v_chemo_treatment_episodes", "demo_chemo_treatment_episodes",
       Columns({"patient_fhir_id", "episode_id", "episode_start_datetime:timestamp",
                "episode_end_datetime:timestamp", "episode_duration_days:integer",
                "medication_count:integer", "unique_drug_count:integer", "episode_drug_names",
                "episode_drug_categories", "chemo_preferred_name", "chemo_drug_category",
                "medication_route", "medication_status", "medication_dosage_instructions"}),
       {}},
      {"v_radiation_episode_enrichment", "demo_radiation_episode_enrichment",
       Columns({"patient_fhir_id", "episode_id", "episode_start_date:date",
                "episode_end_date:date", "total_dose_cgy:integer", "num_unique_fields:integer",
                "radiation_fields", "enrichment_score:double precision"}),
       {}},
      {"v_imaging", "demo_imaging",
       Columns({"patient_fhir_id", "imaging_id", "imaging_date:date", "imaging_modality",
                "imaging_procedure", "report_conclusion", "age_at_imaging_days:integer"}),
       {}},
      {"v_visits_unified", "demo_visits_unified",
       Columns({"patient_fhir_id", "visit_id", "appointment_fhir_id", "encounter_id",
                "visit_type", "appointment_status", "encounter_status",
                "appointment_start:timestamp", "appointment_end:timestamp",
                "encounter_start:timestamp", "encounter_end:timestamp",
                "age_at_visit_days:integer", "visit_date:date"}),
       {}},
  };
}

}  // namespace hm::abstract
