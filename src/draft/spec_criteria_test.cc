#include "draft/spec_criteria.h"

#include <gtest/gtest.h>

namespace hm::draft {
namespace {

SpecField Field(FieldKind kind, std::string label, std::string text) {
  return SpecField{kind, std::move(label), std::move(text)};
}

TEST(SpecCriteriaTest, ExclusionsFromBullets) {
  const SpecField required = Field(FieldKind::kRequiredExclusions, "Required exclusions",
      "Exclude members who meet any of the following criteria: \xE2\x80\xA2 Members in hospice or "
      "using hospice services any time during the measurement year. \xE2\x80\xA2 Members who die "
      "any time during the measurement year.");
  const SpecField exclusions = Field(FieldKind::kExclusions, "Exclusions",
      "Exclude men who meet either of the following criteria: \xE2\x80\xA2 Prostate cancer "
      "(Prostate Cancer Value Set) any time during the member's history through December 31 of "
      "the measurement year. \xE2\x80\xA2 A PSA test during the year prior to the measurement "
      "year with an elevated result (>4.0 ng/mL) (PSA Lab Test Exclusion Value Set). "
      "\xE2\x80\xA2 Members with an unusual condition noted by a physician.");
  std::vector<std::string> review;
  const std::vector<CriterionFact> facts = ReadExclusions({&required, &exclusions}, review);
  ASSERT_EQ(facts.size(), 4u);
  EXPECT_EQ(facts[0].id, "hospice");
  EXPECT_TRUE(facts[0].hospice);
  EXPECT_EQ(facts[1].id, "deceased");
  EXPECT_TRUE(facts[1].death);
  EXPECT_EQ(facts[2].id, "prostate_cancer");
  EXPECT_EQ(facts[2].value_sets, std::vector<std::string>{"Prostate Cancer"});
  EXPECT_EQ(facts[2].window, "{from: earliest, to: 12/31/MY}");
  EXPECT_EQ(facts[3].id, "psa_lab_test_exclusion");
  EXPECT_EQ(facts[3].window, "prior_year");
  EXPECT_EQ(facts[3].value_test, "> 4.0");
  EXPECT_NE(facts[2].sentence.find("Prostate cancer (Prostate Cancer Value Set)"), std::string::npos);
  // The sentence without a value set, and the built-ins' open questions, are for review.
  ASSERT_EQ(review.size(), 3u);
  EXPECT_NE(review[0].find("unusual condition"), std::string::npos);
}

TEST(SpecCriteriaTest, NumeratorsOnePerBulletOrOneForTheField) {
  const SpecField one = Field(FieldKind::kNumerator, "Numerator",
      "A PSA-based screening test (PSA Lab Test Value Set; PSA Test Result or Finding Value Set) "
      "during the measurement year.");
  std::vector<std::string> review;
  std::vector<CriterionFact> single = ReadNumerators({&one}, review);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].id, "NE");
  EXPECT_EQ(single[0].window, "MY");
  EXPECT_EQ(single[0].value_sets,
            (std::vector<std::string>{"PSA Lab Test", "PSA Test Result or Finding"}));
  EXPECT_TRUE(review.empty());

  const SpecField bullets = Field(FieldKind::kNumerator, "Numerators",
      "\xE2\x80\xA2 BMI percentile (BMI Percentile Value Set). \xE2\x80\xA2 Counseling for "
      "nutrition (Nutrition Counseling Value Set). During the measurement year.");
  std::vector<CriterionFact> several = ReadNumerators({&bullets}, review);
  ASSERT_EQ(several.size(), 2u);
  EXPECT_EQ(several[0].id, "NE1");
  EXPECT_EQ(several[1].id, "NE2");
  EXPECT_EQ(several[1].window, "MY");  // from the field when the bullet has none
}

TEST(SpecCriteriaTest, EventNoneAndCited) {
  std::vector<std::string> review;
  const SpecField none = Field(FieldKind::kEvent, "Event/diagnosis", "None.");
  EXPECT_FALSE(ReadEvent(&none, nullptr, review).has_value());
  const SpecField visit = Field(FieldKind::kEvent, "Event/diagnosis",
      "Members who had an outpatient visit (Outpatient Value Set) during the measurement year.");
  std::optional<CriterionFact> event = ReadEvent(&visit, nullptr, review);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->value_sets, std::vector<std::string>{"Outpatient"});
  EXPECT_EQ(event->window, "MY");
}

TEST(SpecCriteriaTest, ValueTests) {
  EXPECT_EQ(ValueTest("(>4.0 ng/mL)"), "> 4.0");
  EXPECT_EQ(ValueTest("a result >= 7.5."), ">= 7.5");
  EXPECT_EQ(ValueTest("less than 140 mm Hg"), "< 140");
  EXPECT_EQ(ValueTest("no threshold"), "");
}

}  // namespace
}  // namespace hm::draft
