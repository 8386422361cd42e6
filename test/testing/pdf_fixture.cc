#include "testing/pdf_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace hm::testing {
namespace {

constexpr const char* kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section"><style:section-properties>
  <style:columns fo:column-count="2" fo:column-gap="1cm"/></style:section-properties></style:style>
 <style:style style:name="P" style:family="paragraph"><style:paragraph-properties
  fo:margin-bottom="0.15cm"/></style:style>
 <style:style style:name="H" style:family="paragraph"><style:paragraph-properties
  fo:margin-bottom="0.2cm"/><style:text-properties fo:font-weight="bold" fo:font-size="13pt"/></style:style>
 <style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties
  fo:break-before="page"/></style:style>
 <style:style style:name="HPageBreak" style:family="paragraph"><style:paragraph-properties
  fo:break-before="page"/><style:text-properties fo:font-weight="bold" fo:font-size="13pt"/></style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm"
  table:align="left"/></style:style>
 <style:style style:name="Label" style:family="table-column"><style:table-column-properties
  style:column-width="4.5cm"/></style:style>
 <style:style style:name="Value" style:family="table-column"><style:table-column-properties
  style:column-width="11.5cm"/></style:style>
 <style:style style:name="ColumnBreak" style:family="paragraph"><style:paragraph-properties
  fo:break-before="column" fo:margin-bottom="0.15cm"/></style:style>
</office:automatic-styles>
<office:body><office:text>
)";
constexpr const char* kTail = "</office:text></office:body></office:document>\n";

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n') out += "<text:line-break/>";
    else out += c;
  }
  return out;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string SpecDocument::Open(const std::string& style) {
  const std::string chosen = break_next_ ? (style == "H" ? "HPageBreak" : "PageBreak") : style;
  break_next_ = false;
  return "<text:p text:style-name=\"" + chosen + "\">";
}

SpecDocument& SpecDocument::Heading(const std::string& text) {
  body_ += Open("H") + Escape(text) + "</text:p>\n";
  return *this;
}

SpecDocument& SpecDocument::Paragraph(const std::string& text) {
  body_ += Open("P") + Escape(text) + "</text:p>\n";
  return *this;
}

SpecDocument& SpecDocument::Columns(const std::vector<std::string>& left,
                                    const std::vector<std::string>& right) {
  if (break_next_) body_ += Open("P") + "</text:p>\n";  // a section cannot carry the page break
  body_ += "<text:section text:name=\"Columns" + std::to_string(++sections_) +
           "\" text:style-name=\"Cols\">\n";
  for (const std::string& text : left) body_ += "<text:p text:style-name=\"P\">" + Escape(text) + "</text:p>\n";
  for (std::size_t i = 0; i < right.size(); ++i) {
    body_ += std::string("<text:p text:style-name=\"") + (i == 0 ? "ColumnBreak" : "P") + "\">" +
             Escape(right[i]) + "</text:p>\n";
  }
  body_ += "</text:section>\n";
  return *this;
}

SpecDocument& SpecDocument::Table(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  if (break_next_) body_ += Open("P") + "</text:p>\n";
  body_ += "<table:table table:name=\"Table" + std::to_string(++sections_) +
           "\" table:style-name=\"Tbl\"><table:table-column table:style-name=\"Label\"/>"
           "<table:table-column table:style-name=\"Value\"/>\n";
  for (const auto& [label, value] : rows) {
    body_ += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" +
             Escape(label) + "</text:p></table:table-cell><table:table-cell "
             "office:value-type=\"string\"><text:p>" + Escape(value) +
             "</text:p></table:table-cell></table:table-row>\n";
  }
  body_ += "</table:table>\n";
  return *this;
}

SpecDocument& SpecDocument::PageBreak() {
  break_next_ = true;
  return *this;
}

std::string SpecDocument::Fodt() const { return kHead + body_ + kTail; }

Result<std::string> MakePdf(const SpecDocument& document, const std::filesystem::path& dir,
                            const std::string& name) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    return Status::NotFound("soffice (LibreOffice) is not installed; the PDF drafter's tests make "
                            "their PDFs with it",
                            "run scripts/setup.sh --test, or apt-get install "
                            "libreoffice-writer-nogui");
  }
  const std::filesystem::path source = dir / (name + ".fodt");
  std::ofstream(source, std::ios::binary) << document.Fodt();
  const std::filesystem::path log = dir / (name + ".soffice.log");
  // A private HOME and profile: soffice locks its profile, so parallel tests must not share one.
  const std::string command =
      "HOME='" + (dir / "soffice-home").string() + "' soffice --headless --norestore "
      "'-env:UserInstallation=file://" + (dir / "soffice-profile").string() + "' "
      "--convert-to pdf --outdir '" + dir.string() + "' '" + source.string() + "' >'" +
      log.string() + "' 2>&1";
  const int rc = std::system(command.c_str());
  const std::filesystem::path pdf = dir / (name + ".pdf");
  if (rc != 0 || !std::filesystem::exists(pdf)) {
    return Status::Internal("soffice could not convert " + source.string() + " (exit " +
                            std::to_string(rc) + "): " + ReadText(log));
  }
  return pdf.string();
}

SpecDocument PsaSpecDocument() {
  constexpr const char* kBullet = "\xE2\x80\xA2 ";
  SpecDocument document;
  document.Heading("Non-Recommended PSA-Based Screening in Older Men (PSA)")
      .Paragraph("Description")
      .Paragraph("The percentage of men 70 years and older who were screened unnecessarily for "
                 "prostate cancer using prostate-specific antigen-based screening.")
      .Paragraph("Eligible Population")
      .Paragraph("Product line: Medicare.")
      .Paragraph("Ages: Men 70 years and older as of December 31 of the measurement year.")
      .Paragraph("Continuous enrollment: The measurement year.")
      .Paragraph("Allowable gap: No more than one gap in enrollment of up to 45 days during the "
                 "measurement year.")
      .Paragraph("Anchor date: December 31 of the measurement year.")
      .Paragraph("Benefit: Medical.")
      .Paragraph("Event/diagnosis: None.")
      .Paragraph(std::string("Required exclusions: Exclude members who meet any of the following "
                             "criteria: ") + kBullet + "Members in hospice or using hospice "
                 "services (Hospice Encounter Value Set; Hospice Intervention Value Set) any time "
                 "during the measurement year. " + kBullet + "Members who die any time during "
                 "the measurement year.")
      .PageBreak()
      .Paragraph("Administrative Specification")
      .Columns({"Denominator: The eligible population.",
                std::string("Exclusions: Exclude men who meet any of the following criteria: ") +
                    kBullet + "Prostate cancer (Prostate Cancer and History of\nProstate Cancer "
                    "Value Set) any time during the member's history through December 31 of the "
                    "measurement year.",
                std::string(kBullet) + "Dysplasia of the prostate (Prostate Dys-\nplasia Value "
                    "Set) during the measurement year or the year prior to the measurement year."},
               {std::string(kBullet) + "A PSA test during the year prior to the measurement "
                    "year, where laboratory data indicate an elevated result (>4.0 ng/mL) (PSA Lab "
                    "Test Exclusion Value Set).",
                std::string(kBullet) + "Dispensed prescription for a 5-alpha reductase inhibitor "
                    "(5-Alpha Reductase Inhibitor Medications List) during the measurement year.",
                "Numerator: A PSA-based screening test (PSA Lab Test Value Set; PSA Test Result "
                    "or Finding Value Set) during the measurement year."});
  return document;
}

}  // namespace hm::testing
