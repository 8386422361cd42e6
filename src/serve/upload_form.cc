#include "serve/upload_form.h"

#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

namespace hm::serve {
namespace {

constexpr std::size_t kMaxFieldBytes = 1024;
constexpr std::size_t kMaxParts = 32;

// The state of one pass over the parts; the receivers only record what went wrong, and the
// reader's result is turned into a Status afterwards.
struct FormReader {
  std::string input_dir;
  std::uint64_t max_bytes = 0;
  std::uint64_t file_bytes = 0;
  UploadForm form;
  std::unique_ptr<std::ofstream> out;  // the file part being written
  std::string* field = nullptr;        // the text field being read
  Status error;

  bool Header(const httplib::MultipartFormData& part) {
    out.reset();
    field = nullptr;
    if (form.files.size() + form.fields.size() >= kMaxParts) return Fail(Status::InvalidInput("too many form parts"));
    if (part.filename.empty()) {
      field = &form.fields[part.name];
      field->clear();
      return true;
    }
    const std::string path = (std::filesystem::path(input_dir) / fmt::format("part_{}", form.files.size())).string();
    out = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*out) return Fail(Status::IoError("cannot save the upload"));
    form.files.push_back({part.name, SanitizeFileName(part.filename), path, 0});
    return true;
  }

  bool Data(const char* data, std::size_t size) {
    if (field != nullptr) {
      if (field->size() + size > kMaxFieldBytes) return Fail(Status::InvalidInput("a form field is longer than 1 KiB"));
      field->append(data, size);
      return true;
    }
    if (!out) return Fail(Status::InvalidInput("form data outside a part"));
    file_bytes += size;
    if (file_bytes > max_bytes) {
      return Fail(UploadTooLarge(max_bytes));
    }
    out->write(data, static_cast<std::streamsize>(size));
    form.files.back().size += size;
    return static_cast<bool>(*out) || Fail(Status::IoError("cannot save the upload (disk full?)"));
  }

  bool Fail(Status status) {
    if (error.ok()) error = std::move(status);
    return false;
  }
};

}  // namespace

Status UploadTooLarge(std::uint64_t max_bytes) {
  return Status::LimitExceeded(
      fmt::format("the upload is larger than the limit of {:g} MB", static_cast<double>(max_bytes) / 1e6),
      "upload smaller files, or ask the administrator to raise max_upload_mb");
}

std::string SanitizeFileName(const std::string& name) {
  const std::size_t slash = name.find_last_of("/\\");
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  std::string out;
  for (unsigned char c : base) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '\\' || c == '/' || c == ';') continue;
    if (out.size() >= 120) break;
    out += static_cast<char>(c);
  }
  return out == "." || out == ".." ? "" : out;
}

Result<UploadForm> ReadUploadForm(const httplib::ContentReader& reader, const std::string& input_dir,
                                  std::uint64_t max_bytes) {
  FormReader r;
  r.input_dir = input_dir;
  r.max_bytes = max_bytes;
  const bool ok = reader([&](const httplib::MultipartFormData& part) { return r.Header(part); },
                         [&](const char* data, std::size_t size) { return r.Data(data, size); });
  r.out.reset();
  if (!r.error.ok()) return r.error;
  if (!ok) return Status::InvalidInput("the upload ended early or is not valid multipart/form-data");
  return std::move(r.form);
}

}  // namespace hm::serve
