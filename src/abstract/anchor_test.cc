// Phase 0's rule: recognising diagnoses, and choosing the anchor by the preference order.
#include "abstract/anchor.h"

#include <gtest/gtest.h>

namespace hm::abstract {
namespace {

AnchorRule Oncology() {
  AnchorRule a;
  a.code_prefixes = {"C70", "C71", "C72", "C79.3", "D32", "D33", "D43"};
  a.name_keywords = {"glioma", "medulloblastoma"};
  a.preference = {"pathology", "problem_list", "imaging"};
  a.evidence = {{"pathology", "path", "src", {"surgical"}, "date", "code", "name", false},
                {"problem_list", "path", "src", {"problem_list"}, "date", "code", "name", false},
                {"imaging", "img", "", {}, "date", "", "conclusion", false}};
  return a;
}

TEST(AnchorTest, RecognisesCodesByPrefixIgnoringDotsAndCase) {
  const AnchorRule a = Oncology();
  const std::pair<const char*, bool> cases[] = {
      {"C71.6", true}, {"c716", true},  {"C79.31", true}, {"C79.9", false}, {"D43.0", true},
      {"C7", false},   {"", false},     {"R51.9", false}, {"D33", true},    {" C72.0", true}};
  for (const auto& [code, expected] : cases) EXPECT_EQ(IsDiagnosisCode(a, code), expected) << code;
  EXPECT_TRUE(IsDiagnosisName(a, "Diffuse midline GLIOMA"));
  EXPECT_FALSE(IsDiagnosisName(a, "Headache"));
}

SourceRows Rows(std::vector<std::string> columns, std::vector<std::vector<SqlValue>> rows) {
  return {Status::Ok(), std::move(columns), std::move(rows)};
}

PatientRows Patient(bool with_pathology) {
  PatientRows rows;
  std::vector<std::vector<SqlValue>> path = {
      {"problem_list", "2020-01-10", "C71.6", "Medulloblastoma"},
      {"problem_list", "2019-05-01", "R51.9", "Headache"}};
  if (with_pathology) {
    path.push_back({"surgical", "2020-01-25 10:00:00", "34574-4", "Medulloblastoma, SHH"});
    path.push_back({"surgical", "2020-02-25", "81445", "panel, variants reported"});
  }
  rows["path"] = Rows({"src", "date", "code", "name"}, std::move(path));
  rows["img"] = Rows({"date", "conclusion"}, {{"2020-01-02", "Posterior fossa medulloblastoma"},
                                              {"2020-06-01", "Stable"}});
  return rows;
}

TEST(AnchorTest, PathologyWinsOverEarlierEvidenceAndBorrowsTheIcdCode) {
  const AnchorRule a = Oncology();
  const std::optional<AnchoredDiagnosis> d = ChooseAnchor(a, CollectEvidence(a, Patient(true)));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->kind, "pathology");
  EXPECT_EQ(d->date, "2020-01-25");
  EXPECT_EQ(d->code, "C71.6");  // the pathology report's LOINC code is no diagnosis code
  EXPECT_EQ(d->name, "Medulloblastoma, SHH");
  ASSERT_EQ(d->evidence.size(), 3u);  // not the headache, not the panel, not "Stable"
  EXPECT_EQ(d->evidence[0].kind, "imaging");  // in date order
}

TEST(AnchorTest, ProblemListThenImaging) {
  AnchorRule a = Oncology();
  std::optional<AnchoredDiagnosis> d = ChooseAnchor(a, CollectEvidence(a, Patient(false)));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->kind, "problem_list");
  EXPECT_EQ(d->date, "2020-01-10");
  a.preference = {"imaging", "pathology", "problem_list"};  // the order is configuration
  d = ChooseAnchor(a, CollectEvidence(a, Patient(false)));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->kind, "imaging");
}

TEST(AnchorTest, NoEvidenceNoAnchor) {
  const AnchorRule a = Oncology();
  PatientRows rows;
  rows["path"] = Rows({"src", "date", "code", "name"}, {{"problem_list", "2019-05-01", "R51.9",
                                                         "Headache"}});
  rows["img"] = {Status::IoError("down").Recoverable(), {}, {}};
  EXPECT_FALSE(ChooseAnchor(a, CollectEvidence(a, rows)));
  EXPECT_FALSE(ChooseAnchor(a, {}));
}

TEST(AnchorTest, MatchAnyTakesEveryRowWithADate) {
  AnchorRule a;
  a.preference = {"enrollment"};
  a.evidence = {{"enrollment", "enr", "", {}, "ENR_START", "PRODUCT_ID", "", true}};
  PatientRows rows;
  rows["enr"] = Rows({"ENR_START", "PRODUCT_ID"},
                     {{"03/01/2025", "MCD"}, {"01/01/2024", "COM"}, {SqlValue(), "X"}});
  const std::optional<AnchoredDiagnosis> d = ChooseAnchor(a, CollectEvidence(a, rows));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2024-01-01");
  EXPECT_EQ(d->code, "COM");
  EXPECT_EQ(d->evidence.size(), 2u);
}

}  // namespace
}  // namespace hm::abstract
