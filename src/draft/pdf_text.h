// The text of a PDF, page by page, in reading order (poppler-cpp for the words, page_layout.h for
// their order).
//
// Thread-safety: ExtractPdfText may run on distinct threads for distinct files.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::draft {

// Refused above these (kLimitExceeded): a year's HEDIS Volume 2 is about 1,000 pages and 20 MB.
inline constexpr std::size_t kMaxPdfBytes = std::size_t{256} << 20;
inline constexpr int kMaxPdfPages = 5000;

struct PdfText {
  std::vector<std::string> pages;  // each page's lines joined by '\n'
  // All pages, each ending in '\n'.
  std::string Joined() const;
};

// Reads the PDF at `path`. Errors: kNotFound / kIoError when the file cannot be read;
// kInvalidInput when it is not a PDF, is damaged, or is encrypted; kLimitExceeded over the limits
// above. Text drawn at an angle (watermarks) is left out. Never prints what the file says.
Result<PdfText> ExtractPdfText(const std::string& path);

}  // namespace hm::draft
