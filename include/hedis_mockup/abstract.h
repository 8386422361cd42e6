// Patient-timeline abstraction: a profile (YAML) names the sources of a warehouse that hold one
// patient's clinical data, how their rows become dated timeline events, and how Phase 0 finds
// the anchored diagnosis. AbstractCohort runs Phase 0 (diagnostic evidence → anchored diagnosis;
// none is fatal for that patient only) and Phase 1 (every source → timeline events) over the
// parallel query executor, per patient or batched, and WriteTimelineArtifacts writes one JSON
// artifact per patient and a cohort summary (JSON and .xlsx), all or nothing.
// docs/profiles.md (the profile format), docs/artifacts.md (what is written).
//
//   HM_ASSIGN_OR_RETURN(hm::TimelineProfile profile, hm::LoadTimelineProfile("oncology"));
//   HM_ASSIGN_OR_RETURN(hm::CohortResult cohort,
//                       hm::AbstractCohort(profile, "sqlite:warehouse.db", ids, {}));
//   HM_RETURN_IF_ERROR(hm::WriteTimelineArtifacts(cohort, "out/", run_info_json).status());
//
// Thread-safety: profiles and results are values; AbstractCohort may run on several threads at
// once (each call has its own executor). CreateDemoWarehouse must not run concurrently with
// readers of the same database.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/completeness.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/status.h"

namespace hm {

// ---------------------------------------------------------------------------------------------
// Profiles

// How one row of a source becomes one event. Column names are matched exactly, then ignoring
// case (PostgreSQL folds unquoted names to lower case).
struct EventRule {
  std::string type;                // the event type, or the default when type_column is null
  std::string type_column;         // the type from this column; empty: `type` for every row
  std::string date_column;         // required; a row whose date is null gives no event
  std::string code_column;         // optional, as are the two below
  std::string description_column;
  std::string value_column;
};

struct ProfileSource {
  std::string name;  // unique in the profile; the key in completeness metadata
  std::string view;  // a view or table: SELECT * FROM view WHERE <patient_key> matches
  std::string sql;   // or SQL text with $1 = one patient id (exactly one of view / sql)
  bool required = false;  // a failure stops the whole run (else recoverable, per patient)
  std::vector<EventRule> events;
};

// Which rows of a source are diagnostic evidence of one kind ("pathology", "problem_list" ...).
struct EvidenceRule {
  std::string kind;
  std::string source;
  std::string where_column;               // optional: only rows whose value is one of
  std::vector<std::string> where_values;  // these (compared exactly)
  std::string date_column;                // required
  std::string code_column;
  std::string name_column;
  // True: every selected row is evidence. False (default): only rows whose code starts with one
  // of AnchorRule::code_prefixes or whose name holds one of AnchorRule::name_keywords.
  bool match_any = false;
};

struct AnchorRule {
  std::vector<EvidenceRule> evidence;
  std::vector<std::string> code_prefixes;  // "C71", "C79.3": dots and case are ignored
  std::vector<std::string> name_keywords;  // matched as lower-case substrings
  // Evidence kinds, most trusted first: the anchor is the earliest evidence of the first kind
  // that has any.
  std::vector<std::string> preference;
};

struct TimelineProfile {
  std::string name;         // "oncology"
  std::string description;
  std::string patient_key;  // the column that holds the patient id in every view source
  std::vector<ProfileSource> sources;
  AnchorRule anchor;

  // The source called `name`, or nullptr.
  const ProfileSource* Find(std::string_view name) const;
};

// Reads a profile from YAML text. Every problem is reported (unknown fields with the known names
// and the closest one, missing fields, a view that is not a name, evidence naming an unknown
// source ...), each with `file_name` and its line: kInvalidInput with the others in more().
Result<TimelineProfile> ReadTimelineProfile(std::string_view text, const std::string& file_name);

// A shipped profile by name ("oncology", "hedis"), or else a profile file. kNotFound naming the
// shipped profiles when it is neither.
Result<TimelineProfile> LoadTimelineProfile(const std::string& name_or_path);

// The names of the profiles built into the binary, sorted.
std::vector<std::string> ShippedProfileNames();

// ---------------------------------------------------------------------------------------------
// The synthetic oncology warehouse (for the demo, the tests and the benchmark)

struct DemoWarehouseOptions {
  int patients = 30;       // demo-patient-001 ...; REQUIRES: 1 <= patients <= 9999
  std::uint64_t seed = 1;  // the same seed gives the same rows
  // PostgreSQL only: every view sleeps this long once per query (pg_sleep), standing in for a
  // slow warehouse. Default 0.
  int sleep_ms = 0;
};

struct DemoWarehouseReport {
  std::vector<std::string> patient_ids;       // all of them, sorted
  std::vector<std::string> without_evidence;  // the ones Phase 0 cannot anchor
  std::map<std::string, std::int64_t> rows_by_view;
};

// Creates (replacing) the six oncology views of profiles/oncology.yaml and their backing tables
// in `connection_string` (a SQLite file is created if missing), filled with deterministic
// patients; every tenth patient from the seventh on (007, 017 ...) has no diagnostic evidence.
// kInvalidInput for impossible options; the database's error otherwise.
Result<DemoWarehouseReport> CreateDemoWarehouse(const std::string& connection_string,
                                                const DemoWarehouseOptions& options);

// ---------------------------------------------------------------------------------------------
// Abstraction

struct TimelineEvent {
  std::string date;  // YYYY-MM-DD when the source's value reads as a date, else as given
  std::string source, type, code, description, value;
  auto operator<=>(const TimelineEvent&) const = default;  // the artifact's order
};

struct DiagnosisEvidence {
  std::string date, kind, source, code, name;
  auto operator<=>(const DiagnosisEvidence&) const = default;
};

struct AnchoredDiagnosis {
  std::string code;  // the anchor's code if recognised, else the earliest recognised code
  std::string name, date, source, kind;
  std::vector<DiagnosisEvidence> evidence;  // all of it, in date order
};

enum class PatientOutcome : std::uint8_t {
  kOk,       // anchored, every source loaded
  kPartial,  // anchored, some source failed (recoverable): see phase_1 completeness
  kFatal,    // no anchored diagnosis: Phase 1 skipped
};
// "ok", "partial", "fatal".
const char* PatientOutcomeName(PatientOutcome outcome);

struct PatientTimeline {
  std::string patient_id;
  PatientOutcome outcome = PatientOutcome::kFatal;
  std::optional<AnchoredDiagnosis> anchored;
  std::vector<TimelineEvent> events;  // sorted
  CompletenessSnapshot phase_0;
  std::optional<CompletenessSnapshot> phase_1;  // absent for a fatal patient
};

struct CohortResult {
  std::string profile;
  std::vector<std::string> sources;        // the profile's source names, in profile order
  std::vector<PatientTimeline> patients;   // sorted by id, one per distinct id
};

enum class AbstractStrategy : std::uint8_t {
  kBatched,     // one query per source for a chunk of patients; few round trips (default)
  kPerPatient,  // each patient's sources as queries of their own, patients in parallel
};
// "batched" / "per-patient"; nullopt for anything else.
std::optional<AbstractStrategy> ParseAbstractStrategy(std::string_view name);
const char* AbstractStrategyName(AbstractStrategy strategy);

struct AbstractOptions {
  AbstractStrategy strategy = AbstractStrategy::kBatched;
  // Queries at once, and patients at once with kPerPatient. Default 5. REQUIRES: >= 1.
  int max_concurrent = 5;
  // Per query attempt; 0 = none. Default 5 minutes.
  std::chrono::milliseconds timeout{300'000};
  int retries = 3;  // after transient errors. REQUIRES: >= 0.
  // Patients per batched query. Default 500: one list parameter of a few kB, and a chunk's rows
  // fit comfortably in memory. REQUIRES: >= 1.
  std::size_t batch_size = 500;
  ProgressCallback progress;  // patients done; may be empty
};

// Phase 0 then Phase 1 for every distinct id of `patient_ids` against `source` (a connection
// string). A patient without an anchored diagnosis is fatal for that patient only (recorded in
// its phase_0 completeness, logged, skipped). Fails as a whole — nothing to write — when the
// source cannot be reached (kIoError naming the masked connection string), a required source
// fails (its error), the options are impossible or no patient id is given (kInvalidInput).
// Logs carry patient_id (through log::Id) and phase (PHASE_0, PHASE_1).
Result<CohortResult> AbstractCohort(const TimelineProfile& profile, const std::string& source,
                                    std::span<const std::string> patient_ids,
                                    const AbstractOptions& options);

// ---------------------------------------------------------------------------------------------
// Artifacts (docs/artifacts.md)

// One patient's artifact, pretty-printed with a final newline; the same timeline gives the
// same bytes.
std::string PatientTimelineJson(const PatientTimeline& patient);

struct CohortSummary {
  std::string profile;
  int patients = 0, ok = 0, partial = 0, fatal = 0;
  double average_phase_1_completeness = 0;  // over anchored patients; 1 when none
  std::int64_t total_events = 0;
  std::map<std::string, int> source_failures;  // every profile source, failures across patients
  std::vector<std::pair<std::string, std::string>> fatal_patients;  // id, why
};

CohortSummary SummarizeCohort(const CohortResult& cohort);
std::string CohortSummaryJson(const CohortSummary& summary);

// Writes DIR/patients/<id>.json (ids with characters other than letters, digits, '.', '-' and
// '_' are named by a hash), DIR/cohort_summary.json and .xlsx, and DIR/run_info.json (the
// run-varying facts the caller passes as a JSON object: timings, strategy). Everything is first
// written to a temporary folder in DIR and moved into place only when all of it is written, so a
// failure leaves no partial artifacts. Returns the paths written, sorted.
Result<std::vector<std::string>> WriteTimelineArtifacts(const CohortResult& cohort,
                                                        const std::string& out_dir,
                                                        const std::string& run_info_json);

// The artifact's file name for `patient_id` (without folder).
std::string PatientArtifactName(std::string_view patient_id);

}  // namespace hm
