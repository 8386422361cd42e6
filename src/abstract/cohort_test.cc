// AbstractCohort end to end against the demo warehouse, on a SQLite file and on the PostgreSQL
// server the test binary starts: the strategies agree, Phase 0 is fatal per patient only,
// completeness counts match the rows, failing sources are recoverable or stop the run.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "abstract/demo_data.h"
#include "hedis_mockup/abstract.h"
#include "source/sql_test_util.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

enum class Backend { kSqlite, kPostgres };

class CohortTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      ASSERT_NO_FATAL_FAILURE(source::PostgresUri(uri_));
    } else {
      uri_ = source::SqliteUri(dir_, "warehouse.sqlite");
    }
    auto report = CreateDemoWarehouse(uri_, {12, 1, 0});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ids_ = report->patient_ids;
    profile_ = *LoadTimelineProfile("oncology");
  }

  CohortResult Abstract(AbstractOptions options, const TimelineProfile* profile = nullptr) {
    auto cohort = AbstractCohort(profile ? *profile : profile_, uri_, ids_, options);
    EXPECT_TRUE(cohort.ok()) << cohort.status().ToString();
    return cohort.ok() ? *std::move(cohort) : CohortResult{};
  }

  const PatientTimeline& Patient(const CohortResult& cohort, const std::string& id) {
    for (const PatientTimeline& p : cohort.patients) {
      if (p.patient_id == id) return p;
    }
    static const PatientTimeline kNone;
    ADD_FAILURE() << "no patient " << id;
    return kNone;
  }

  testing::TempDir dir_;
  std::string uri_;
  std::vector<std::string> ids_;
  TimelineProfile profile_;
};

AbstractOptions PerPatient(int concurrent) {
  AbstractOptions o;
  o.strategy = AbstractStrategy::kPerPatient;
  o.max_concurrent = concurrent;
  return o;
}

void ExpectSameArtifacts(const CohortResult& a, const CohortResult& b, const std::string& what) {
  ASSERT_EQ(a.patients.size(), b.patients.size()) << what;
  for (std::size_t i = 0; i < a.patients.size(); ++i) {
    EXPECT_EQ(PatientTimelineJson(a.patients[i]), PatientTimelineJson(b.patients[i]))
        << what << ": " << a.patients[i].patient_id;
  }
  EXPECT_EQ(CohortSummaryJson(SummarizeCohort(a)), CohortSummaryJson(SummarizeCohort(b))) << what;
}

TEST_P(CohortTest, StrategiesGiveEqualArtifacts) {
  const CohortResult batched = Abstract({});
  AbstractOptions small_chunks;
  small_chunks.batch_size = 5;  // three chunks, the last one short
  ExpectSameArtifacts(batched, Abstract(small_chunks), "batched in chunks of 5");
  ExpectSameArtifacts(batched, Abstract(PerPatient(3)), "per-patient, 3 at once");
  ExpectSameArtifacts(batched, Abstract(PerPatient(1)), "sequential");
  EXPECT_GT(SummarizeCohort(batched).total_events, 100);
}

TEST_P(CohortTest, NoAnchoredDiagnosisIsFatalForThatPatientOnly) {
  const CohortResult cohort = Abstract({});
  ASSERT_EQ(cohort.patients.size(), 12u);
  const PatientTimeline& fatal = Patient(cohort, "demo-patient-007");
  EXPECT_EQ(fatal.outcome, PatientOutcome::kFatal);
  EXPECT_FALSE(fatal.anchored);
  EXPECT_FALSE(fatal.phase_1);
  EXPECT_TRUE(fatal.events.empty());
  ASSERT_EQ(fatal.phase_0.errors.size(), 1u);
  EXPECT_EQ(fatal.phase_0.errors[0].severity, "fatal");
  EXPECT_EQ(fatal.phase_0.errors[0].phase, "PHASE_0");
  EXPECT_NE(fatal.phase_0.errors[0].message.find("no anchored diagnosis"), std::string::npos);
  EXPECT_EQ(fatal.phase_0.score(), 1.0);  // the sources worked; there was just no evidence
  const CohortSummary summary = SummarizeCohort(cohort);
  EXPECT_EQ(summary.ok, 11);
  EXPECT_EQ(summary.fatal, 1);
  EXPECT_EQ(summary.partial, 0);
  EXPECT_EQ(summary.average_phase_1_completeness, 1.0);
}

TEST_P(CohortTest, AnchorsFollowThePreferenceOrder) {
  const CohortResult cohort = Abstract({});
  const std::map<std::string, std::string> kinds = {{"demo-patient-001", "pathology"},
                                                    {"demo-patient-002", "problem_list"},
                                                    {"demo-patient-005", "imaging"}};
  for (const auto& [id, kind] : kinds) {
    const PatientTimeline& p = Patient(cohort, id);
    ASSERT_TRUE(p.anchored) << id;
    EXPECT_EQ(p.anchored->kind, kind) << id;
  }
  const AnchoredDiagnosis& d = *Patient(cohort, "demo-patient-001").anchored;
  EXPECT_EQ(d.code.substr(0, 1) == "C" || d.code.substr(0, 1) == "D", true) << d.code;
}

TEST_P(CohortTest, CompletenessCountsTheRowsOfEachSource) {
  const CohortResult cohort = Abstract(PerPatient(2));
  std::map<std::string, std::int64_t> expected;  // rows of patient 001 by view
  for (const abstract::DemoTable& t : abstract::DemoTables({12, 1, 0})) {
    for (const auto& row : t.rows) expected[t.view] += SqlValueText(row[0]) == "demo-patient-001";
  }
  const PatientTimeline& p = Patient(cohort, "demo-patient-001");
  ASSERT_TRUE(p.phase_1);
  EXPECT_EQ(p.phase_1->sources_attempted(), 6);
  EXPECT_EQ(p.phase_1->sources_succeeded(), 6);
  for (const ProfileSource& s : profile_.sources) {
    EXPECT_EQ(p.phase_1->data_sources.at(s.name).record_count, expected[s.view]) << s.name;
  }
  EXPECT_EQ(p.phase_0.sources_attempted(), 2);  // pathology and imaging hold the evidence
  EXPECT_EQ(p.phase_0.records_extracted(),
            expected["v_pathology_diagnostics"] + expected["v_imaging"]);
}

TEST_P(CohortTest, AFailingOptionalSourceMakesPatientsPartial) {
  TimelineProfile profile = profile_;
  profile.sources[2].view = "v_no_such_view";  // chemotherapy
  for (const AbstractOptions& options : {AbstractOptions{}, PerPatient(4)}) {
    const CohortResult cohort = Abstract(options, &profile);
    const CohortSummary summary = SummarizeCohort(cohort);
    EXPECT_EQ(summary.partial, 11);
    EXPECT_EQ(summary.fatal, 1);
    EXPECT_EQ(summary.source_failures.at("chemotherapy"), 11);
    EXPECT_NEAR(summary.average_phase_1_completeness, 5.0 / 6, 1e-9);
    const PatientTimeline& p = Patient(cohort, "demo-patient-001");
    ASSERT_TRUE(p.phase_1);
    ASSERT_EQ(p.phase_1->errors.size(), 1u);
    EXPECT_EQ(p.phase_1->errors[0].severity, "recoverable");
    EXPECT_FALSE(p.phase_1->data_sources.at("chemotherapy").succeeded);
  }
}

TEST_P(CohortTest, AFailingRequiredSourceStopsTheRun) {
  TimelineProfile profile = profile_;
  profile.sources[2].view = "v_no_such_view";
  profile.sources[2].required = true;
  for (const AbstractOptions& options : {AbstractOptions{}, PerPatient(4)}) {
    auto cohort = AbstractCohort(profile, uri_, ids_, options);
    ASSERT_FALSE(cohort.ok());
    EXPECT_EQ(ExitCodeFor(cohort.status()), 2);
    EXPECT_NE(cohort.status().ToString().find("chemotherapy"), std::string::npos)
        << cohort.status().ToString();
  }
}

TEST_P(CohortTest, SqlSourcesWorkInBothStrategies) {
  TimelineProfile profile = profile_;
  profile.sources[4].view.clear();  // imaging, as SQL with the patient id as $1
  profile.sources[4].sql = "SELECT * FROM v_imaging WHERE patient_fhir_id = $1";
  const CohortResult batched = Abstract({}, &profile);
  ExpectSameArtifacts(batched, Abstract({}), "sql vs view");
  ExpectSameArtifacts(batched, Abstract(PerPatient(3), &profile), "sql per patient");
}

TEST_P(CohortTest, DuplicateAndUnknownIds) {
  ids_ = {"demo-patient-003", "demo-patient-003", "nobody"};
  const CohortResult cohort = Abstract({});
  ASSERT_EQ(cohort.patients.size(), 2u);
  EXPECT_EQ(Patient(cohort, "nobody").outcome, PatientOutcome::kFatal);
  ids_.clear();
  EXPECT_FALSE(AbstractCohort(profile_, uri_, ids_, {}).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, CohortTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST(CohortErrorsTest, UnreachableServerIsOneClearError) {
  const TimelineProfile profile = *LoadTimelineProfile("oncology");
  const std::vector<std::string> ids = {"p1"};
  auto cohort = AbstractCohort(profile, "postgresql://etl:secret@127.0.0.1:1/warehouse?connect_timeout=2",
                               ids, {});
  ASSERT_FALSE(cohort.ok());
  EXPECT_EQ(cohort.status().code(), StatusCode::kIoError);
  const std::string message = cohort.status().ToString();
  EXPECT_NE(message.find("etl:***@127.0.0.1"), std::string::npos) << message;
  EXPECT_EQ(message.find("secret"), std::string::npos) << message;
  testing::TempDir dir;
  EXPECT_FALSE(AbstractCohort(profile, "sqlite:" + dir.File("missing.db"), ids, {}).ok());
}

TEST(CohortErrorsTest, SleepingViewsSleepOncePerQuery) {
  std::string uri;
  ASSERT_NO_FATAL_FAILURE(source::PostgresUri(uri));
  ASSERT_TRUE(CreateDemoWarehouse(uri, {4, 1, 150}).ok());
  const TimelineProfile profile = *LoadTimelineProfile("oncology");
  const std::vector<std::string> ids = {"demo-patient-001", "demo-patient-002",
                                        "demo-patient-003", "demo-patient-004"};
  const auto time = [&](AbstractOptions o) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(AbstractCohort(profile, uri, ids, o).ok());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const double batched = time({});        // two rounds (Phase 0, Phase 1) of parallel queries
  const double sequential = time(PerPatient(1));  // 24 queries one after another
  EXPECT_GE(batched, 0.3);
  EXPECT_LT(batched, 0.3 + 0.6);
  EXPECT_GE(sequential, 24 * 0.15);
  ASSERT_TRUE(CreateDemoWarehouse(uri, {4, 1, 0}).ok());  // leave the fast views for others
  testing::TempDir dir;
  EXPECT_FALSE(CreateDemoWarehouse("sqlite:" + dir.File("w.db"), {4, 1, 150}).ok());  // PG only
}

}  // namespace
}  // namespace hm

namespace hm {
namespace {

// The hedis profile over engine input tables as the mockup writes them (dates MM/DD/YYYY).
TEST(HedisProfileTest, MembersAreAnchoredByEnrollmentElseByVisit) {
  testing::TempDir dir;
  const std::string uri = "sqlite:" + dir.File("mockup.sqlite");
  SqlOptions create;
  create.create_if_missing = true;
  auto db = OpenSql(uri, create);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Execute(
      "CREATE TABLE MEMBER_IN (MEM_NBR TEXT, MEM_DOB TEXT, DECEASED_DT TEXT, MEM_GENDER TEXT);"
      "CREATE TABLE ENROLLMENT_IN (MEM_NBR TEXT, ENR_START TEXT, ENR_END TEXT, PRODUCT_ID TEXT,"
      "  COVERAGE_INDICATOR TEXT);"
      "CREATE TABLE VISIT_IN (MEM_NBR TEXT, SERV_DT TEXT, CPT_1 TEXT, DIAG_I_1 TEXT, POS TEXT);"
      "CREATE TABLE LAB_IN (MEM_NBR TEXT, LAB_SCR_DT TEXT, LOINC TEXT, LAB_CPT TEXT, LAB_VALUE TEXT);"
      "CREATE TABLE RX_IN (MEM_NBR TEXT, RX_SERV_DT TEXT, RX_NDC TEXT, RX_DAYS_SUPP INTEGER);"
      "CREATE TABLE EMR_IN (MEM_NBR TEXT, SERV_DT TEXT, SNOMED_1 TEXT, LOINC TEXT, RESULT TEXT);"
      "INSERT INTO MEMBER_IN VALUES ('M1', '05/01/1950', NULL, 'M'), ('M2', '01/02/1960', NULL, 'F'),"
      "  ('M3', '03/03/1970', NULL, 'F');"
      "INSERT INTO ENROLLMENT_IN VALUES ('M1', '01/01/2026', '12/31/2026', 'MCR', 'Y'),"
      "  ('M1', '01/01/2025', '12/31/2025', 'MCR', 'Y');"
      "INSERT INTO VISIT_IN VALUES ('M1', '03/04/2026', '99213', 'I10', '11'),"
      "  ('M2', '06/07/2026', '99214', NULL, '11');"
      "INSERT INTO LAB_IN VALUES ('M1', '03/04/2026', '4548-4', NULL, '7.1');")
                  .ok());
  const TimelineProfile profile = *LoadTimelineProfile("hedis");
  const std::vector<std::string> ids = {"M1", "M2", "M3"};
  for (AbstractStrategy strategy : {AbstractStrategy::kBatched, AbstractStrategy::kPerPatient}) {
    AbstractOptions options;
    options.strategy = strategy;
    auto cohort = AbstractCohort(profile, uri, ids, options);
    ASSERT_TRUE(cohort.ok()) << cohort.status().ToString();
    const PatientTimeline& m1 = cohort->patients[0];
    ASSERT_TRUE(m1.anchored);
    EXPECT_EQ(m1.anchored->kind, "enrollment");
    EXPECT_EQ(m1.anchored->date, "2025-01-01");
    EXPECT_EQ(m1.anchored->code, "MCR");
    EXPECT_EQ(m1.events.front().type, "birth");
    EXPECT_EQ(m1.events.front().date, "1950-05-01");
    EXPECT_EQ(m1.events.size(), 1u + 4u + 1u + 1u);  // birth, 2 spans x 2, visit, lab
    EXPECT_EQ(cohort->patients[1].anchored->kind, "visit");
    EXPECT_EQ(cohort->patients[2].outcome, PatientOutcome::kFatal);  // neither enrolled nor seen
  }
}

}  // namespace
}  // namespace hm
