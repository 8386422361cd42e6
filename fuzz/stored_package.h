// An uncompressed .xlsx package built in memory from (name, content) parts, for the fuzzers that
// wrap the fuzz input as one worksheet of an otherwise fixed workbook.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace hm::fuzz {

// The package's bytes, or "" if libzip fails. `parts` are written in order, then `sheet_xml` as
// `sheet_name` (e.g. "xl/worksheets/sheet1.xml").
std::string StoredPackage(std::span<const std::string_view[2]> parts, std::string_view sheet_name,
                          std::string_view sheet_xml);

}  // namespace hm::fuzz
