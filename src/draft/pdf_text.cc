#include "draft/pdf_text.h"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "draft/page_layout.h"

namespace hm::draft {
namespace {

// poppler prints its parse errors to stderr by default; a damaged file is our error to report
// (once, with the file name), and its messages may quote the file's content.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

std::string Utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

std::string PageText(const poppler::page& page) {
  std::vector<WordBox> words;
  for (const poppler::text_box& box : page.text_list()) {
    if (box.rotation() != 0) continue;  // rotated text is a watermark or a margin note
    const poppler::rectf r = box.bbox();
    words.push_back({Utf8(box.text()), r.left(), r.top(), r.right(), r.bottom()});
  }
  std::string text;
  for (const std::string& line : LayoutPage(std::move(words))) {
    text += line;
    text += '\n';
  }
  return text;
}

Status CheckFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status::NotFound("no such file", "give the path of the specification PDF").InFile(path);
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status::IoError("cannot read the file's size").InFile(path);
  if (size > kMaxPdfBytes) {
    return Status::LimitExceeded(fmt::format("the PDF has {} bytes; the limit is {}", size,
                                             kMaxPdfBytes),
                                 "split the specification and give the measure's pages")
        .InFile(path);
  }
  return Status::Ok();
}

}  // namespace

std::string PdfText::Joined() const {
  std::string all;
  for (const std::string& page : pages) all += page;
  return all;
}

Result<PdfText> ExtractPdfText(const std::string& path) {
  HM_RETURN_IF_ERROR(CheckFile(path));
  SilencePoppler();
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document) {
    return Status::InvalidInput("not a PDF, or damaged, or protected by a password",
                                "give the specification PDF as NCQA publishes it")
        .InFile(path);
  }
  if (document->is_locked()) {
    return Status::InvalidInput("the PDF is locked with a password", "give an unlocked copy")
        .InFile(path);
  }
  const int pages = document->pages();
  if (pages > kMaxPdfPages) {
    return Status::LimitExceeded(fmt::format("the PDF has {} pages; the limit is {}", pages,
                                             kMaxPdfPages))
        .InFile(path);
  }
  PdfText text;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    text.pages.push_back(page ? PageText(*page) : std::string());
  }
  return text;
}

}  // namespace hm::draft
