// Fixtures for reader tests: zip archives written entry by entry with libzip, for SpreadsheetML
// that libxlsxwriter does not write (inline strings, the 1904 date system, rich text, hostile
// input), a minimal xlsx package around hand-written sheet XML, and byte-level edits of a zip
// (to make a header lie about an entry's size).
//
// Failures throw std::runtime_error: they mean a broken test machine, not a failing test.
// Thread-safety: functions are reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hm::testing {

struct ZipEntry {
  std::string name;
  std::string content;
  bool stored = false;  // true: no compression, so the XML is visible in the archive's bytes
};

// The bytes of a zip archive holding `entries`, in order.
std::string ZipBytes(const std::vector<ZipEntry>& entries);

// What a minimal workbook holds. Each sheet is (name, worksheet XML).
struct XlsxParts {
  std::vector<std::pair<std::string, std::string>> sheets;
  std::string shared_strings;  // xl/sharedStrings.xml, left out if empty
  std::string styles;          // xl/styles.xml, left out if empty
  bool date1904 = false;
  bool stored = false;  // write every entry uncompressed
};

// The entries of an xlsx package: content types, relationships, workbook and the given parts.
std::vector<ZipEntry> XlsxEntries(const XlsxParts& parts);

// A worksheet part: <worksheet><sheetData>ROWS</sheetData>AFTER</worksheet> in the
// SpreadsheetML namespace.
std::string WorksheetXml(std::string_view rows, std::string_view after = "");

// A styles part whose cell formats (s="0", s="1", ...) use the given number format ids, with
// custom formats (id, code) declared in numFmts.
std::string StylesXml(const std::vector<int>& cell_format_ids,
                      const std::vector<std::pair<int, std::string>>& custom_formats = {});

// Rewrites the uncompressed size that the local and central headers of entry `name` declare.
// REQUIRES: `zip` was written without ZIP64 or data descriptors (as ZipBytes writes it).
void SetDeclaredSize(std::string& zip, std::string_view name, std::uint32_t size);

}  // namespace hm::testing
