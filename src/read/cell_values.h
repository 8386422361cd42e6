// Conversions between how spreadsheets store values and what the values mean: A1 references,
// Excel date serials (1900 and 1904 systems), number formats that show dates, the _xHHHH_
// escapes of OOXML strings, and the text a user sees for a date.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "read/workbook.h"

namespace hm::read {

// A 1-based cell position. Parts a reference leaves out (a whole-column "B" or whole-row "12"
// reference) are 0.
struct CellRef {
  std::int64_t row = 0;
  std::int64_t column = 0;
};

// Parses "B12", "$B$12", "B" or "12". Absurd numbers saturate at a value far above Excel's
// maxima so that the caller's limits, not this parser, refuse them. nullopt if malformed.
std::optional<CellRef> ParseCellRef(std::string_view ref);

// Parses a merge range "A1:C3" (a single cell "B2" is a 1x1 range). nullopt if malformed.
std::optional<CellRange> ParseRangeRef(std::string_view ref);

// Days since 1970-01-01, plus the time of day as a fraction, for an Excel date serial (see
// Date::FromExcelSerial); nullopt for a serial that is no calendar date, such as the 29 February
// 1900 that Excel counts but that never was.
std::optional<double> SerialToUnixDays(double serial, bool date1904);

// Days since 1970-01-01 for ISO 8601 text as stored in t="d" cells: "2024-01-15",
// "2024-01-15T10:30:00", optional fraction of a second and a "Z". nullopt if not such a date.
std::optional<double> IsoToUnixDays(std::string_view text);

// "YYYY-MM-DD" for `days` since 1970-01-01, with "THH:MM:SS" when the time of day, rounded to
// the second, is not midnight.
std::string FormatUnixDays(double days);

// Whether built-in number format `id` (no numFmt element defines it) shows a date or time.
bool IsBuiltinDateFormat(int id);

// Whether a custom number format code shows a date or time: it has d, m, y, h or s outside
// quoted text, [brackets] (colours, locales, conditions) and escaped characters.
bool IsDateFormatCode(std::string_view code);

// Decodes OOXML's _xHHHH_ escapes (how Excel stores control characters, and "_x005F_" for a
// literal "_x") in place. An escaped carriage return before a line feed is dropped so that line
// breaks inside a cell are always "\n".
void DecodeOoxmlEscapes(std::string& text);

}  // namespace hm::read
