// DraftMeasureFromPdf end to end on a specification PDF that LibreOffice makes from a document
// written here: a PSA section whose administrative specification is set in two columns, with
// value-set names broken across lines (one by a hyphen), followed by another measure's section.
#include "hedis_mockup/draft.h"

#include <gtest/gtest.h>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/value_sets.h"
#include "measure/measure_file.h"
#include "testing/pdf_fixture.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

hm::testing::SpecDocument PsaSpec() {
  hm::testing::SpecDocument document = hm::testing::PsaSpecDocument();
  document.PageBreak()
      .Heading("Weight Assessment and Counseling for Nutrition and Physical Activity (WCC)")
      .Paragraph("Ages: 3\xE2\x80\x93" "17 years as of December 31 of the measurement year.");
  return document;
}

ValueSetDirectory SampleVsd() {
  VsdLoadOptions no_cache;
  no_cache.use_cache = false;
  Result<ValueSetDirectory> vsd =
      ValueSetDirectory::Load({hm::testing::SourceDir() + "/examples/vsd"}, no_cache);
  EXPECT_TRUE(vsd.ok()) << vsd.status().ToString();
  return vsd.ok() ? *vsd : ValueSetDirectory();
}

class DraftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> pdf = hm::testing::MakePdf(PsaSpec(), dir_.path(), "spec");
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    pdf_ = *pdf;
  }
  hm::testing::TempDir dir_;
  std::string pdf_;
};

TEST_F(DraftTest, FactsAreExtractedExactlyAndTheDraftCompiles) {
  const ValueSetDirectory vsd = SampleVsd();
  DraftOptions options;
  options.measure = "PSA";
  options.vsd = &vsd;
  Result<Draft> draft = DraftMeasureFromPdf(pdf_, options);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_TRUE(draft->load_status.ok()) << draft->load_status.ToString() << "\n" << draft->yaml;
  EXPECT_TRUE(draft->compiled_with_vsd);
  EXPECT_EQ(draft->pages, 3);
  EXPECT_EQ(draft->unknown_value_sets, 0) << draft->yaml;

  Result<measure::MeasureDefinition> def = measure::ReadMeasureText(draft->yaml, "draft.yaml");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->id, "PSA");
  EXPECT_EQ(def->name, "Non-Recommended PSA-Based Screening in Older Men");
  EXPECT_EQ(def->product_lines, std::vector<std::string>{"medicare"});
  EXPECT_EQ(def->age_min, 70);
  EXPECT_EQ(def->age_max, 200);
  EXPECT_EQ(def->age_as_of, "12/31/MY");
  EXPECT_EQ(def->sex, "male");
  ASSERT_EQ(def->enrollment.periods.size(), 1u);
  EXPECT_EQ(def->enrollment.periods[0].window.from.date, "1/1/MY");
  EXPECT_EQ(def->enrollment.periods[0].window.to.date, "12/31/MY");
  EXPECT_EQ(def->enrollment.periods[0].max_gaps, 1);
  EXPECT_EQ(def->enrollment.periods[0].max_gap_days, 45);
  ASSERT_TRUE(def->enrollment.anchor.has_value());
  EXPECT_EQ(def->enrollment.anchor->date, "12/31/MY");
  EXPECT_EQ(def->enrollment.benefits, std::vector<std::string>{"medical"});
  EXPECT_FALSE(def->event.has_value());

  std::vector<std::string> ids;
  for (const measure::Exclusion& exclusion : def->exclusions) ids.push_back(exclusion.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"hospice", "deceased",
                                           "prostate_cancer_and_history_of_prostate_cancer",
                                           "prostate_dysplasia", "psa_lab_test_exclusion",
                                           "vs_5_alpha_reductase_inhibitor_medications"}));
  // Names split across a line break (plain and hyphenated) come out whole, spelled as the VSD does.
  EXPECT_EQ(def->exclusions[2].criterion.value_sets,
            std::vector<std::string>{"Prostate Cancer and History of Prostate Cancer"});
  EXPECT_EQ(def->exclusions[3].criterion.value_sets,
            std::vector<std::string>{"Prostate Dysplasia"});
  EXPECT_EQ(def->exclusions[0].criterion.value_sets,
            (std::vector<std::string>{"Hospice Encounter", "Hospice Intervention"}));
  EXPECT_EQ(def->exclusions[5].criterion.value_sets,
            std::vector<std::string>{"5 Alpha Reductase Inhibitor Medications"});
  ASSERT_EQ(def->numerators.size(), 1u);
  EXPECT_EQ(def->numerators[0].id, "NE");
  EXPECT_EQ(def->numerators[0].criterion.value_sets,
            (std::vector<std::string>{"PSA Lab Test", "PSA Test Result or Finding"}));
}

TEST_F(DraftTest, CommentsQuoteTheSentencesAndTheReviewListIsInTheFile) {
  Result<Draft> draft = DraftMeasureFromPdf(pdf_);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->measure, "PSA");  // the first measure in the PDF
  EXPECT_TRUE(draft->load_status.ok()) << draft->load_status.ToString();
  EXPECT_FALSE(draft->compiled_with_vsd);
  EXPECT_NE(draft->yaml.find("# Ages: Men 70 years and older as of December 31 of the measurement "
                             "year.\nage: {as_of: 12/31/MY, min: 70}\n"),
            std::string::npos) << draft->yaml;
  EXPECT_NE(draft->yaml.find("# Allowable gap: No more than one gap in enrollment of up to 45 days"),
            std::string::npos) << draft->yaml;
  ASSERT_FALSE(draft->review.empty());
  EXPECT_NE(draft->yaml.find("\nreview:\n  - "), std::string::npos);
  for (const std::string& item : draft->review) {
    EXPECT_NE(draft->yaml.find(item.substr(0, 30)), std::string::npos) << item;
  }
}

TEST_F(DraftTest, AnotherMeasureAndMissingOnes) {
  DraftOptions wcc;
  wcc.measure = "wcc";
  Result<Draft> draft = DraftMeasureFromPdf(pdf_, wcc);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->measure, "WCC");
  // No numerator in its section: the draft is written, and the engine says why it does not load.
  EXPECT_FALSE(draft->load_status.ok());
  EXPECT_NE(draft->load_status.ToString().find("numerators"), std::string::npos)
      << draft->load_status.ToString();
  DraftOptions cbp;
  cbp.measure = "CBP";
  Result<Draft> missing = DraftMeasureFromPdf(pdf_, cbp);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().ToString().find("PSA, WCC"), std::string::npos)
      << missing.status().ToString();
}

}  // namespace
}  // namespace hm
