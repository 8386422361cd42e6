#include "serve/upload_type.h"

#include <zip.h>

#include <array>
#include <fstream>
#include <string_view>

namespace hm::serve {
namespace {

// Checks UTF-8 across chunk boundaries: `pending` counts the continuation bytes still owed.
bool ValidUtf8Chunk(std::string_view bytes, int& pending) {
  for (unsigned char c : bytes) {
    if (pending > 0) {
      if ((c & 0xC0) != 0x80) return false;
      --pending;
    } else if (c == 0) {
      return false;  // NUL: binary, not text
    } else if (c < 0x80) {
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      pending = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      pending = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      pending = 3;
    } else {
      return false;
    }
  }
  return true;
}

Result<bool> IsUtf8Text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read the upload").InFile(path);
  std::array<char, 64 * 1024> buffer{};
  int pending = 0;
  while (in) {
    in.read(buffer.data(), buffer.size());
    if (!ValidUtf8Chunk(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())), pending)) return false;
  }
  return pending == 0;
}

bool IsXlsxArchive(const std::string& path) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return false;
  const bool has_workbook = zip_name_locate(archive, "xl/workbook.xml", 0) >= 0;
  zip_discard(archive);
  return has_workbook;
}

Status Refuse(std::string what) {
  return Status::InvalidInput("the file is " + std::move(what) + ", not an .xlsx workbook, a CSV file or a PDF",
                              "upload the test cases as .xlsx or .csv, the VSD as .xlsx or .csv, the spec as .pdf");
}

}  // namespace

bool IsUtf8Bytes(std::string_view bytes) {
  int pending = 0;
  return ValidUtf8Chunk(bytes, pending) && pending == 0;
}

const char* FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kXlsx: return "xlsx";
    case FileKind::kCsv: return "csv";
    case FileKind::kPdf: return "pdf";
  }
  return "?";
}

Result<FileKind> DetectFileKind(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read the upload").InFile(path);
  std::array<char, 8> head{};
  in.read(head.data(), head.size());
  const std::string_view magic(head.data(), static_cast<std::size_t>(in.gcount()));
  if (magic.empty()) return Refuse("empty");
  if (magic.starts_with("PK\x03\x04")) {
    if (IsXlsxArchive(path)) return FileKind::kXlsx;
    return Refuse("a zip archive without xl/workbook.xml (not an Excel workbook)");
  }
  if (magic.starts_with("%PDF-")) return FileKind::kPdf;
  if (magic.starts_with("MZ")) return Refuse("a Windows program (it starts with MZ)");
  if (magic.starts_with("\x7f" "ELF")) return Refuse("a Linux program (ELF)");
  if (magic.starts_with("\xD0\xCF\x11\xE0")) return Refuse("an old binary Office file (.xls); save it as .xlsx");
  HM_ASSIGN_OR_RETURN(bool text, IsUtf8Text(path));
  if (text) return FileKind::kCsv;
  return Refuse("binary data or text that is not UTF-8");
}

}  // namespace hm::serve
