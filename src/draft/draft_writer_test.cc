#include "draft/draft_writer.h"

#include <gtest/gtest.h>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/value_sets.h"
#include "testing/temp_dir.h"

namespace hm::draft {
namespace {

SpecFacts PsaFacts() {
  SpecFacts facts;
  facts.id = "PSA";
  facts.title = "Non-Recommended PSA-Based Screening in Older Men";
  facts.product_lines = {"medicare"};
  facts.product_sentence = "Product line: Medicare.";
  facts.age_min = 70;
  facts.sex = "male";
  facts.age_sentence = "Ages: Men 70 years and older as of December 31 of the measurement year.";
  facts.periods = {{"1/1/MY", "12/31/MY"}};
  facts.anchor = "12/31/MY";
  facts.benefits = {"medical"};
  facts.benefit_sentence = "Benefit: Medical.";
  CriterionFact hospice{"hospice", {}, "", "", true, false, "Members in hospice."};
  CriterionFact cancer{"prostate_cancer", {"prostate cancer and history of prostate cancer"},
                       "{from: earliest, to: 12/31/MY}", "", false, false, "Prostate cancer."};
  CriterionFact elevated{"psa", {"PSA Lab Test Exclusion"}, "prior_year", "> 4.0", false, false,
                         "A PSA test (>4.0 ng/mL)."};
  facts.exclusions = {hospice, cancer, elevated};
  facts.numerators = {{"NE", {"PSA Lab Test", "No Such Set"}, "MY", "", false, false, "A test."}};
  facts.review = {"ages: say \"why\""};
  return facts;
}

TEST(DraftWriterTest, WithoutAVsdTheDraftReads) {
  const WrittenDraft draft = WriteDraft(PsaFacts(), nullptr, "spec.pdf");
  Result<MeasureSummary> summary = SummarizeMeasure(draft.yaml, "draft.yaml");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << "\n" << draft.yaml;
  EXPECT_EQ(summary->id, "PSA");
  EXPECT_EQ(summary->age_min, 70);
  EXPECT_EQ(summary->product_lines, std::vector<std::string>{"medicare"});
  EXPECT_EQ(draft.value_sets, 4);
  EXPECT_EQ(draft.unknown_value_sets, 0);
  EXPECT_NE(draft.yaml.find("# Ages: Men 70 years and older as of December 31 of the measurement "
                            "year.\nage: {as_of: 12/31/MY, min: 70}\n"),
            std::string::npos) << draft.yaml;
  EXPECT_NE(draft.yaml.find("review:\n  - \"ages: say \\\"why\\\"\"\n"), std::string::npos);
}

TEST(DraftWriterTest, TheVsdSpellsNamesAndFlagsUnknownOnes) {
  VsdLoadOptions no_cache;
  no_cache.use_cache = false;
  Result<ValueSetDirectory> vsd =
      ValueSetDirectory::Load({hm::testing::SourceDir() + "/examples/vsd"}, no_cache);
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  const WrittenDraft draft = WriteDraft(PsaFacts(), &*vsd, "spec.pdf");
  EXPECT_EQ(draft.unknown_value_sets, 1);
  EXPECT_NE(draft.yaml.find("[Prostate Cancer and History of Prostate Cancer]"), std::string::npos);
  bool unknown_named = false, unused_named = false;
  for (const std::string& item : draft.review) {
    unknown_named |= item.rfind("value set 'No Such Set' is not in the VSD", 0) == 0;
    unused_named |= item.find("links 'Prostate Dysplasia' to PSA") != std::string::npos;
  }
  EXPECT_TRUE(unknown_named);
  EXPECT_TRUE(unused_named);
  Result<CompiledMeasure> compiled = CompiledMeasure::FromText(draft.yaml, "d.yaml", *vsd, 2026);
  ASSERT_FALSE(compiled.ok());
  EXPECT_NE(compiled.status().ToString().find("No Such Set"), std::string::npos);
}

TEST(DraftWriterTest, Scalars) {
  struct Case {
    const char* text;
    const char* yaml;
  } cases[] = {
      {"PSA Lab Test", "PSA Lab Test"},
      {"5 Alpha Reductase Inhibitor Medications", "\"5 Alpha Reductase Inhibitor Medications\""},
      {"Hospice: Encounter", "\"Hospice: Encounter\""},
      {"a, b", "\"a, b\""},
      {"yes", "\"yes\""},
      {"say \"x\"", "\"say \\\"x\\\"\""},
      {"", "\"\""},
  };
  for (const Case& c : cases) EXPECT_EQ(YamlScalar(c.text), c.yaml) << c.text;
}

TEST(DraftWriterTest, CommentsWrapAndDropControlCharacters) {
  EXPECT_EQ(YamlComment("a\nb", 2), "  # a b\n");
  const std::string long_text(150, 'x');
  EXPECT_EQ(YamlComment("word " + long_text, 0), "# word\n# " + long_text + "\n");
  EXPECT_EQ(YamlComment("", 0), "# \n");
}

}  // namespace
}  // namespace hm::draft
