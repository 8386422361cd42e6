// `measure draft` end to end: a specification PDF made by LibreOffice, the real binary, the exit
// codes of README's table (0 loads, 1 written but does not load, 2 bad input).
#include <gtest/gtest.h>

#include <filesystem>

#include "testing/cli_runner.h"
#include "testing/pdf_fixture.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using hm::testing::RunCli;

class DraftCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hm::testing::SpecDocument document;
    document.Heading("Non-Recommended PSA-Based Screening in Older Men (PSA)")
        .Paragraph("Product line: Medicare.")
        .Paragraph("Ages: Men 70 years and older as of December 31 of the measurement year.")
        .Paragraph("Continuous enrollment: The measurement year.")
        .Paragraph("Allowable gap: No more than one gap in enrollment of up to 45 days during "
                   "the measurement year.")
        .Paragraph("Anchor date: December 31 of the measurement year.")
        .Columns({"Exclusions: \xE2\x80\xA2 Dysplasia of the prostate (Prostate Dys-\nplasia "
                  "Value Set) during the measurement year or the year prior to the measurement "
                  "year."},
                 {"Numerator: A PSA-based screening test (PSA Lab Test Value Set) during the "
                  "measurement year."})
        .PageBreak()
        .Heading("Weight Assessment and Counseling for Nutrition (WCC)")
        .Paragraph("Ages: 3-17 years as of December 31 of the measurement year.");
    Result<std::string> pdf = hm::testing::MakePdf(document, dir_.path(), "spec");
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    pdf_ = *pdf;
    vsd_ = hm::testing::SourceDir() + "/examples/vsd";
  }
  hm::testing::TempDir dir_;
  std::string pdf_, vsd_;
};

TEST_F(DraftCliTest, WritesADraftThatCompiles) {
  const std::string out = dir_.File("psa.yaml");
  const auto result = RunCli("measure draft --pdf '" + pdf_ + "' --measure PSA --vsd '" + vsd_ +
                                 "' --out '" + out + "'",
                             dir_.File("home"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("Wrote " + out + " (draft of PSA, 2 pages)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("(0 not in the VSD)"), std::string::npos) << result.out;
  const std::string yaml = hm::testing::ReadAll(out);
  EXPECT_NE(yaml.find("age: {as_of: 12/31/MY, min: 70}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("value_sets: [Prostate Dysplasia]"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\nreview:\n"), std::string::npos) << yaml;
}

TEST_F(DraftCliTest, JsonSummary) {
  const auto result = RunCli("measure draft --pdf '" + pdf_ + "' --out '" +
                                 dir_.File("psa.yaml") + "' --json",
                             dir_.File("home"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("\"loads\": true"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"compiled_with_vsd\": false"), std::string::npos) << result.out;
}

TEST_F(DraftCliTest, ADraftThatDoesNotLoadIsWrittenAndExitsOne) {
  const std::string out = dir_.File("wcc.yaml");
  const auto result = RunCli("measure draft --pdf '" + pdf_ + "' --measure WCC --out '" + out + "'",
                             dir_.File("home"));
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(std::filesystem::exists(out));
  EXPECT_NE(result.err.find("the draft does not load in the measure engine"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("numerators"), std::string::npos) << result.err;
}

TEST_F(DraftCliTest, BadInputExitsTwo) {
  struct Case {
    std::string args, message;
  } cases[] = {
      {"--pdf '" + dir_.File("none.pdf") + "'", "no such file"},
      {"--pdf '" + dir_.Write("x.pdf", "not a pdf") + "'", "not a PDF"},
      {"--pdf '" + pdf_ + "' --measure CBP", "no section for measure 'CBP'; the PDF has: PSA, WCC"},
  };
  for (const Case& c : cases) {
    const auto result = RunCli("measure draft " + c.args + " --out '" + dir_.File("o.yaml") + "'",
                               dir_.File("home"));
    EXPECT_EQ(result.exit_code, 2) << c.args << "\n" << result.err;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.args << "\n" << result.err;
  }
}

}  // namespace
}  // namespace hm
