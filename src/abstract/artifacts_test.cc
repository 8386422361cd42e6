// Artifacts: the JSON shapes, file names, all-or-nothing writing, byte-identical output.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "hedis_mockup/abstract.h"
#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

CohortResult Cohort() {
  CohortResult cohort{"oncology", {"imaging", "pathology"}, {}};
  PatientTimeline ok{"p-1", PatientOutcome::kOk, AnchoredDiagnosis{"C71.6", "Medulloblastoma",
                                                                  "2020-01-25", "pathology",
                                                                  "pathology", {}},
                     {{"2020-01-02", "imaging", "imaging", "MR", "", "mass"}}, {}, {}};
  ok.anchored->evidence.push_back({"2020-01-25", "pathology", "pathology", "", "Medulloblastoma"});
  CompletenessTracker phase1;
  phase1.MarkSuccess("imaging", 1);
  phase1.MarkFailure("pathology", Status::IoError("timed out").Recoverable(), "PHASE_1");
  ok.outcome = PatientOutcome::kPartial;
  ok.phase_1 = phase1.Snapshot();
  PatientTimeline fatal{"odd/id with space", PatientOutcome::kFatal, std::nullopt, {}, {}, {}};
  CompletenessTracker phase0;
  phase0.AddError(Status::NotFound("no anchored diagnosis"), "PHASE_0");
  fatal.phase_0 = phase0.Snapshot();
  cohort.patients = {fatal, ok};
  return cohort;
}

TEST(ArtifactsTest, PatientJsonShape) {
  const nlohmann::json j = nlohmann::json::parse(PatientTimelineJson(Cohort().patients[1]));
  EXPECT_EQ(j["patient_id"], "p-1");
  EXPECT_EQ(j["status"], "partial");
  EXPECT_EQ(j["anchored_diagnosis"]["code"], "C71.6");
  EXPECT_EQ(j["anchored_diagnosis"]["evidence"][0]["code"], nullptr);
  EXPECT_EQ(j["timeline_events"][0]["description"], nullptr);
  EXPECT_EQ(j["timeline_events"][0]["value"], "mass");
  EXPECT_EQ(j["phase_1_completeness"]["completeness_score"], 0.5);
  EXPECT_EQ(j["phase_1_completeness"]["total_sources_attempted"], 2);
  EXPECT_EQ(j["phase_1_completeness"]["errors"][0]["severity"], "recoverable");
  const nlohmann::json f = nlohmann::json::parse(PatientTimelineJson(Cohort().patients[0]));
  EXPECT_EQ(f["anchored_diagnosis"], nullptr);
  EXPECT_EQ(f["phase_1_completeness"], nullptr);
  EXPECT_EQ(f["phase_0_completeness"]["errors"][0]["severity"], "fatal");
}

TEST(ArtifactsTest, Summary) {
  const CohortSummary s = SummarizeCohort(Cohort());
  EXPECT_EQ(s.patients, 2);
  EXPECT_EQ(s.partial, 1);
  EXPECT_EQ(s.fatal, 1);
  EXPECT_EQ(s.average_phase_1_completeness, 0.5);
  EXPECT_EQ(s.source_failures.at("pathology"), 1);
  EXPECT_EQ(s.source_failures.at("imaging"), 0);
  const nlohmann::json j = nlohmann::json::parse(CohortSummaryJson(s));
  EXPECT_EQ(j["fatal_patients"][0]["error"], "no anchored diagnosis");
}

TEST(ArtifactsTest, FileNames) {
  EXPECT_EQ(PatientArtifactName("demo-patient-001"), "demo-patient-001.json");
  EXPECT_EQ(PatientArtifactName("a1B2.c_d"), "a1B2.c_d.json");
  for (const char* unsafe : {"../x", "a/b", ".hidden", "a b", ""}) {
    EXPECT_TRUE(PatientArtifactName(unsafe).starts_with("patient-")) << unsafe;
    EXPECT_EQ(PatientArtifactName(unsafe).size(), std::string("patient-.json").size() + 16);
  }
}

TEST(ArtifactsTest, WrittenWholeAndByteIdentical) {
  testing::TempDir dir;
  const std::string out = dir.File("out");
  auto written = WriteTimelineArtifacts(Cohort(), out, "{\"seconds\":1}");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->size(), 5u);
  EXPECT_EQ(testing::FilesIn(out), (std::vector<std::string>{"cohort_summary.json",
                                                             "cohort_summary.xlsx", "patients",
                                                             "run_info.json"}));
  std::vector<std::string> first;
  for (const std::string& path : *written) first.push_back(testing::ReadAll(path));
  ASSERT_TRUE(WriteTimelineArtifacts(Cohort(), out, "{\"seconds\":2}").ok());
  for (std::size_t i = 0; i < written->size(); ++i) {
    if ((*written)[i].ends_with("run_info.json")) continue;
    EXPECT_EQ(testing::ReadAll((*written)[i]), first[i]) << (*written)[i];
  }
}

TEST(ArtifactsTest, AFailureLeavesNothing) {
  testing::TempDir dir;
  const std::string out = dir.Write("a-file", "x");  // the output folder cannot be made
  EXPECT_FALSE(WriteTimelineArtifacts(Cohort(), out + "/sub", "{}").ok());
  EXPECT_EQ(testing::FilesIn(dir.path()), (std::vector<std::string>{"a-file"}));
}

}  // namespace
}  // namespace hm
