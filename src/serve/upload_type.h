// What an uploaded file is, judged by its content and never by its name or the client's
// Content-Type (both are the client's word): an .xlsx workbook (a zip archive with
// xl/workbook.xml), CSV (UTF-8 text without NUL bytes), or a PDF (%PDF-). Everything else,
// a Windows program renamed .xlsx included, is refused with a message saying what it looks like.
//
// Thread-safety: the functions are reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::serve {

enum class FileKind : std::uint8_t { kXlsx, kCsv, kPdf };

// "xlsx", "csv", "pdf": the extension a saved upload gets.
const char* FileKindName(FileKind kind);

// The kind of the file at `path`. kInvalidInput (the server answers 415) when it is none of the
// three, saying what it seems to be ("a Windows program"); kIoError if it cannot be read.
Result<FileKind> DetectFileKind(const std::string& path);

// True for UTF-8 text without NUL bytes: the same test that tells CSV from binary, for text
// already in memory (an uploaded measure file).
bool IsUtf8Bytes(std::string_view bytes);

}  // namespace hm::serve
