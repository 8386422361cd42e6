#include "draft/spec_sections.h"

#include <gtest/gtest.h>

namespace hm::draft {
namespace {

constexpr const char* kSpec =
    "HEDIS MY 2026 Volume 2\n"
    "Non-Recommended PSA-Based Screening in Older Men (PSA)\n"
    "Description\n"
    "The percentage of men 70 years and older who were screened unnecessarily using\n"
    "prostate-specific antigen (PSA)\n"
    "Product line Medicare.\n"
    "Ages: Men 70 years and older as of December 31 of the measurement year.\n"
    "12\n"
    "Non-Recommended PSA-Based Screening in Older Men (PSA)\n"
    "Exclusions Prostate cancer (Prostate Cancer\n"
    "Screening Value Set) and dysplasia (Pros-\n"
    "tate Dysplasia Value Set).\n"
    "Weight Assessment and Counseling for Nutrition (WCC)\n"
    "Ages 3-17 years as of December 31 of the measurement year.\n";

TEST(SpecSectionsTest, FindsTheMeasureAndItsFields) {
  Result<MeasureSection> psa = FindMeasureSection(kSpec, "psa");
  ASSERT_TRUE(psa.ok()) << psa.status().ToString();
  EXPECT_EQ(psa->id, "PSA");
  EXPECT_EQ(psa->title, "Non-Recommended PSA-Based Screening in Older Men");
  ASSERT_EQ(psa->fields.size(), 4u);
  EXPECT_EQ(psa->fields[0].kind, FieldKind::kDescription);
  // "(PSA)" ending a line of prose is not a heading: the title test refuses lowercase words.
  EXPECT_EQ(psa->fields[0].text,
            "The percentage of men 70 years and older who were screened unnecessarily using "
            "prostate-specific antigen (PSA)");
  EXPECT_EQ(psa->Find(FieldKind::kProductLines)->text, "Medicare.");
  EXPECT_EQ(psa->Find(FieldKind::kAges)->text,
            "Men 70 years and older as of December 31 of the measurement year.");
  // The page number and the running heading are left out; broken names are joined again.
  EXPECT_EQ(psa->Find(FieldKind::kExclusions)->text,
            "Prostate cancer (Prostate Cancer Screening Value Set) and dysplasia (Prostate "
            "Dysplasia Value Set).");
}

TEST(SpecSectionsTest, TheSectionEndsAtTheNextMeasure) {
  Result<MeasureSection> wcc = FindMeasureSection(kSpec, "WCC");
  ASSERT_TRUE(wcc.ok()) << wcc.status().ToString();
  ASSERT_EQ(wcc->fields.size(), 1u);
  EXPECT_EQ(wcc->fields[0].text, "3-17 years as of December 31 of the measurement year.");
  Result<MeasureSection> first = FindMeasureSection(kSpec, "");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->id, "PSA");
}

TEST(SpecSectionsTest, MissingMeasuresAreNamed) {
  Result<MeasureSection> missing = FindMeasureSection(kSpec, "CBP");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().hint(), "the PDF has: PSA, WCC");
  Result<MeasureSection> none = FindMeasureSection("just some text\n", "");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no measure heading"), std::string::npos);
}

TEST(SpecSectionsTest, Headings) {
  struct Case {
    const char* line;
    const char* id;
  } cases[] = {
      {"Breast Cancer Screening (BCS-E)", "BCS-E"},
      {"  Controlling High Blood Pressure (CBP)  ", "CBP"},
      {"prostate-specific antigen (PSA)", ""},
      {"Something (a)", ""},
      {"Ends with a sentence. (PSA)", ""},
      {"(PSA)", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(ReadHeading(c.line).id, c.id) << c.line;
}

TEST(SpecSectionsTest, JoinLines) {
  struct Case {
    std::vector<std::string_view> lines;
    const char* joined;
  } cases[] = {
      {{"Prostate Cancer", "Screening Value Set"}, "Prostate Cancer Screening Value Set"},
      {{"Pros-", "tate"}, "Prostate"},
      {{"Non-", "Recommended"}, "Non-Recommended"},
      {{"5-", "Alpha"}, "5-Alpha"},
      {{"  a ", "", " b"}, "a b"},
      {{"-", "x"}, "-x"},
  };
  for (const Case& c : cases) EXPECT_EQ(JoinLines(c.lines), c.joined) << c.joined;
}

}  // namespace
}  // namespace hm::draft
