#include "draft/spec_facts.h"

#include <gtest/gtest.h>

namespace hm::draft {
namespace {

MeasureSection Section(const std::string& text) {
  Result<MeasureSection> section = FindMeasureSection(text, "");
  EXPECT_TRUE(section.ok()) << section.status().ToString();
  return section.ok() ? *section : MeasureSection{};
}

constexpr const char* kWcc =
    "Weight Assessment and Counseling for Nutrition and Physical Activity (WCC)\n"
    "Product lines Commercial, Medicaid (report each product line separately).\n"
    "Ages 3\xE2\x80\x93" "17 years as of December 31 of the measurement year. Report two age\n"
    "stratifications and a total rate: \xE2\x80\xA2 3\xE2\x80\x93" "11 years. \xE2\x80\xA2 12\xE2\x80\x93" "17 years. \xE2\x80\xA2 Total.\n"
    "Continuous enrollment The measurement year.\n"
    "Allowable gap No more than one gap in enrollment of up to 45 days during the\n"
    "measurement year. To determine continuous enrollment for a Medicaid beneficiary for whom\n"
    "enrollment is verified monthly, the member may not have more than a 1-month gap.\n"
    "Anchor date December 31 of the measurement year.\n"
    "Benefit Medical.\n"
    "Event/diagnosis Members who had an outpatient visit (Outpatient Value Set) during the\n"
    "measurement year.\n";

TEST(SpecFactsTest, PopulationAndEnrollment) {
  const SpecFacts facts = ExtractSpecFacts(Section(kWcc));
  EXPECT_EQ(facts.id, "WCC");
  EXPECT_EQ(facts.product_lines, (std::vector<std::string>{"commercial", "medicaid"}));
  EXPECT_EQ(facts.age_min, 3);
  EXPECT_EQ(facts.age_max, 17);
  EXPECT_EQ(facts.age_as_of, "12/31/MY");
  EXPECT_EQ(facts.sex, "");
  ASSERT_EQ(facts.bands.size(), 2u);
  EXPECT_EQ(facts.bands[0].min, 3);
  EXPECT_EQ(facts.bands[0].max, 11);
  EXPECT_EQ(facts.bands[1].min, 12);
  ASSERT_EQ(facts.periods.size(), 1u);
  EXPECT_EQ(facts.periods[0].from, "1/1/MY");
  EXPECT_EQ(facts.periods[0].to, "12/31/MY");
  EXPECT_EQ(facts.max_gaps, 1);
  EXPECT_EQ(facts.max_gap_days, 45);
  EXPECT_EQ(facts.anchor, "12/31/MY");
  EXPECT_EQ(facts.benefits, std::vector<std::string>{"medical"});
  ASSERT_TRUE(facts.event.has_value());
  EXPECT_EQ(facts.event->value_sets, std::vector<std::string>{"Outpatient"});
  EXPECT_EQ(facts.age_sentence,
            "Ages: 3\xE2\x80\x93" "17 years as of December 31 of the measurement year.");
}

TEST(SpecFactsTest, WhatCannotBeDecidedIsForReview) {
  const SpecFacts facts = ExtractSpecFacts(Section(kWcc));
  auto has = [&](const std::string& part) {
    for (const std::string& item : facts.review) {
      if (item.find(part) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("medicaid_max_gap_months"));   // the monthly rule
  EXPECT_TRUE(has("event: check what qualifies"));
  EXPECT_TRUE(has("numerator: no value set cited"));
}

TEST(SpecFactsTest, AgesAndSex) {
  struct Case {
    const char* ages;
    std::optional<int> min, max;
    const char* sex;
    const char* as_of;
  } cases[] = {
      {"Men 70 years and older as of December 31 of the measurement year.", 70, {}, "male", "12/31/MY"},
      {"Women 52\xE2\x80\x93" "74 years as of December 31 of the measurement year.", 52, 74, "female", "12/31/MY"},
      {"18 to 85 years as of December 31 of the measurement year.", 18, 85, "", "12/31/MY"},
      {"Children who turn 13 years of age during the measurement year.", 13, 13, "", "12/31/MY"},
      {"Members 65 years and older as of June 30 of the year prior to the measurement year.", 65, {}, "", "6/30/MY-1"},
      {"Adults.", {}, {}, "", "12/31/MY"},
  };
  for (const Case& c : cases) {
    const SpecFacts facts =
        ExtractSpecFacts(Section(std::string("A Measure Title (ABC)\nAges ") + c.ages + "\n"));
    EXPECT_EQ(facts.age_min, c.min) << c.ages;
    EXPECT_EQ(facts.age_max, c.max) << c.ages;
    EXPECT_EQ(facts.sex, c.sex) << c.ages;
    EXPECT_EQ(facts.age_as_of, c.as_of) << c.ages;
  }
}

TEST(SpecFactsTest, EnrollmentVariants) {
  const SpecFacts two = ExtractSpecFacts(Section(
      "A Measure Title (ABC)\nContinuous enrollment The measurement year and the year prior to "
      "the measurement year.\nAllowable gap No gaps.\nAnchor date None.\nBenefit Medical and "
      "pharmacy.\n"));
  ASSERT_EQ(two.periods.size(), 2u);
  EXPECT_EQ(two.periods[0].from, "1/1/MY-1");
  EXPECT_EQ(two.periods[1].to, "12/31/MY");
  EXPECT_EQ(two.max_gaps, 0);
  EXPECT_EQ(two.max_gap_days, 0);
  EXPECT_FALSE(two.anchor.has_value());
  EXPECT_EQ(two.benefits, (std::vector<std::string>{"medical", "pharmacy"}));
}

TEST(SpecFactsTest, Sentences) {
  EXPECT_EQ(Sentences("One (i.e. a. b) two. Three: \xE2\x80\xA2 four \xE2\x80\xA2 five."),
            (std::vector<std::string>{"One (i.e. a. b) two.", "Three:", "four", "five."}));
  EXPECT_TRUE(Sentences("").empty());
}

}  // namespace
}  // namespace hm::draft
