// Specification-like PDFs for tests, made by LibreOffice (soffice, headless) from a flat ODT
// document the test describes: headings, paragraphs with forced line breaks, two-column sections
// and page breaks, so that tests know exactly what the PDF says and how it is laid out.
//
// soffice missing is an error, never a skip: scripts/setup.sh --test installs it
// (libreoffice-writer-nogui). Each conversion uses its own profile and HOME under the output
// folder, so tests may convert in parallel.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::testing {

class SpecDocument {
 public:
  // A bold heading line.
  SpecDocument& Heading(const std::string& text);
  // A paragraph; '\n' in `text` is a forced line break.
  SpecDocument& Paragraph(const std::string& text);
  // A two-column section: `left` fills the first column, then a column break, then `right`.
  SpecDocument& Columns(const std::vector<std::string>& left, const std::vector<std::string>& right);
  // A two-column table of labels (4.5 cm) and values (11.5 cm), as NCQA sets the eligible
  // population.
  SpecDocument& Table(const std::vector<std::pair<std::string, std::string>>& rows);
  // The next block starts a new page.
  SpecDocument& PageBreak();

  // The document as flat ODT XML.
  std::string Fodt() const;

 private:
  std::string body_;
  bool break_next_ = false;
  int sections_ = 0;
  std::string Open(const std::string& style);
};

// The PSA section of an NCQA specification, as the drafter's tests and the web server's draft test
// read it: the eligible population as paragraphs, then the administrative specification in two
// columns with value-set names broken across lines ("History of\nProstate Cancer", "Prostate
// Dys-\nplasia"). It drafts into a measure that compiles with examples/vsd.
SpecDocument PsaSpecDocument();

// Writes `document` to dir/name.fodt and converts it to dir/name.pdf; returns the PDF's path.
// Errors: kNotFound when soffice is not installed; kInternal when the conversion fails (with
// soffice's output).
Result<std::string> MakePdf(const SpecDocument& document, const std::filesystem::path& dir,
                            const std::string& name);

}  // namespace hm::testing
