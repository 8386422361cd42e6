// Text extraction on PDFs that LibreOffice makes from documents written here, so the expected text
// and layout are known exactly.
#include "draft/pdf_text.h"

#include <gtest/gtest.h>

#include "draft/spec_sections.h"
#include "testing/pdf_fixture.h"
#include "testing/temp_dir.h"

namespace hm::draft {
namespace {

std::string Pdf(const hm::testing::SpecDocument& document, const hm::testing::TempDir& dir) {
  Result<std::string> pdf = hm::testing::MakePdf(document, dir.path(), "spec");
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
  return pdf.ok() ? *pdf : "";
}

TEST(PdfTextTest, ColumnsAreReadInOrder) {
  hm::testing::TempDir dir;
  hm::testing::SpecDocument document;
  document.Heading("A heading across the page, above two columns")
      .Columns({"Alpha one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty alpha-end."},
               {"Beta one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty beta-end."})
      .Paragraph("A closing paragraph across the page, below the two columns.");
  Result<PdfText> text = ExtractPdfText(Pdf(document, dir));
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  ASSERT_EQ(text->pages.size(), 1u);
  const std::string& page = text->pages[0];
  const std::size_t heading = page.find("A heading across"), alpha = page.find("Alpha one"),
                    alpha_end = page.find("alpha-end."), beta = page.find("Beta one"),
                    beta_end = page.find("beta-end."), closing = page.find("A closing");
  ASSERT_NE(beta_end, std::string::npos) << page;
  ASSERT_NE(closing, std::string::npos) << page;
  // The whole left column (wrapped over several lines) comes before the right one.
  EXPECT_LT(heading, alpha) << page;
  EXPECT_LT(alpha, alpha_end) << page;
  EXPECT_LT(alpha_end, beta) << page;
  EXPECT_LT(beta, beta_end) << page;
  EXPECT_LT(beta_end, closing) << page;
}

TEST(PdfTextTest, NamesBrokenAcrossLinesAreWholeAgainInTheSection) {
  hm::testing::TempDir dir;
  hm::testing::SpecDocument document;
  document.Heading("Non-Recommended PSA-Based Screening in Older Men (PSA)")
      .Columns({"Exclusions Prostate cancer (Prostate Cancer and History of\nProstate Cancer "
                "Value Set) and dysplasia (Prostate Dys-\nplasia Value Set)."},
               {"Numerator A test (PSA Lab Test Value Set)."});
  Result<PdfText> text = ExtractPdfText(Pdf(document, dir));
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  Result<MeasureSection> section = FindMeasureSection(text->Joined(), "PSA");
  ASSERT_TRUE(section.ok()) << section.status().ToString() << "\n" << text->Joined();
  ASSERT_NE(section->Find(FieldKind::kExclusions), nullptr) << text->Joined();
  EXPECT_EQ(section->Find(FieldKind::kExclusions)->text,
            "Prostate cancer (Prostate Cancer and History of Prostate Cancer Value Set) and "
            "dysplasia (Prostate Dysplasia Value Set).");
  ASSERT_NE(section->Find(FieldKind::kNumerator), nullptr) << text->Joined();
  EXPECT_EQ(section->Find(FieldKind::kNumerator)->text, "A test (PSA Lab Test Value Set).");
}

// NCQA sets the eligible population as a label/value table: each label must stay with its value,
// including values that wrap over several lines.
TEST(PdfTextTest, ALabelTableKeepsLabelsBesideTheirValues) {
  hm::testing::TempDir dir;
  hm::testing::SpecDocument document;
  document.Heading("Non-Recommended PSA-Based Screening in Older Men (PSA)")
      .Table({{"Product line", "Medicare."},
              {"Ages", "Men 70 years and older as of December 31 of the measurement year."},
              {"Continuous enrollment", "The measurement year."},
              {"Allowable gap", "No more than one gap in enrollment of up to 45 days during the "
                                "measurement year. To determine continuous enrollment for a "
                                "Medicare enrollee for whom enrollment is verified monthly, the "
                                "member may not have more than a 1-month gap in coverage."},
              {"Anchor date", "December 31 of the measurement year."}});
  Result<PdfText> text = ExtractPdfText(Pdf(document, dir));
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  Result<MeasureSection> section = FindMeasureSection(text->Joined(), "PSA");
  ASSERT_TRUE(section.ok()) << section.status().ToString();
  const struct {
    FieldKind kind;
    const char* text;
  } expected[] = {
      {FieldKind::kProductLines, "Medicare."},
      {FieldKind::kAges, "Men 70 years and older as of December 31 of the measurement year."},
      {FieldKind::kContinuousEnrollment, "The measurement year."},
      {FieldKind::kAllowableGap, "No more than one gap in enrollment of up to 45 days during the "
                                 "measurement year. To determine continuous enrollment for a "
                                 "Medicare enrollee for whom enrollment is verified monthly, the "
                                 "member may not have more than a 1-month gap in coverage."},
      {FieldKind::kAnchorDate, "December 31 of the measurement year."},
  };
  for (const auto& e : expected) {
    const SpecField* field = section->Find(e.kind);
    ASSERT_NE(field, nullptr) << e.text << "\n" << text->Joined();
    EXPECT_EQ(field->text, e.text) << text->Joined();
  }
}

TEST(PdfTextTest, Errors) {
  hm::testing::TempDir dir;
  Result<PdfText> missing = ExtractPdfText(dir.File("none.pdf"));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  Result<PdfText> not_pdf = ExtractPdfText(dir.Write("fake.pdf", "%PDF-1.4 not really a pdf"));
  EXPECT_EQ(not_pdf.status().code(), StatusCode::kInvalidInput) << not_pdf.status().ToString();
  EXPECT_NE(not_pdf.status().ToString().find("fake.pdf"), std::string::npos);
}

}  // namespace
}  // namespace hm::draft
