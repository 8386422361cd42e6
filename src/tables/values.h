// Reading the values of the engine's input tables: dates (MM/DD/YYYY, ISO, YYYYMMDD, spreadsheet
// date cells and serials), CMS months (YYYYMM), Y/N flags and numbers. Written for the hot loop of
// ReadTimelines: no allocation, no locale.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "hedis_mockup/date.h"

namespace hm::tables {

// A cell as a source gives it: text always (what the user sees); for numeric spreadsheet cells and
// SQLite INTEGER/REAL values also the number; for spreadsheet date cells the day.
struct RawValue {
  enum class Kind : std::uint8_t { kText, kNumber, kDate };
  std::string_view text;  // trimmed
  double number = 0;      // kNumber: the value; kDate: days since 1970-01-01
  Kind kind = Kind::kText;
};

// A date: "03/15/2026", "3/5/2026", "2026-03-15" (a time after it is ignored), "20260315"; a
// number cell as an Excel serial (1900 system) or as YYYYMMDD; a date cell. nullopt otherwise.
std::optional<Date> ParseTableDate(const RawValue& value);

// A month as its first day: "202509" (CMS payment month, YYYYMM) or any ParseTableDate form (the
// day is kept as written).
std::optional<Date> ParseTableMonth(const RawValue& value);

// Y/N: "Y", "N", "Yes", "No", "1", "0", "TRUE", "FALSE", any case. nullopt otherwise.
std::optional<bool> ParseFlag(std::string_view text);

// A whole number; "30.0" (a numeric cell's rendering) is accepted. nullopt otherwise.
std::optional<std::int64_t> ParseInteger(std::string_view text);

// A finite decimal number ("4.1", "-2", ".5", "1e3"). nullopt otherwise.
std::optional<double> ParseDecimal(std::string_view text);

}  // namespace hm::tables
