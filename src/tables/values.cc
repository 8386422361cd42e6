#include "tables/values.h"

#include <charconv>
#include <cmath>

namespace hm::tables {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at `pos`, advancing it. nullopt if there are none.
std::optional<int> Digits(std::string_view text, std::size_t& pos, int max_digits) {
  int value = 0, count = 0;
  while (pos < text.size() && IsDigit(text[pos]) && count < max_digits) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return value;
}

// "M/D/YYYY" or "MM/DD/YYYY" (also with '-'), the whole text.
std::optional<Date> ParseUs(std::string_view text) {
  std::size_t pos = 0;
  const auto month = Digits(text, pos, 2);
  if (!month || pos >= text.size() || (text[pos] != '/' && text[pos] != '-')) return std::nullopt;
  const char separator = text[pos++];
  const auto day = Digits(text, pos, 2);
  if (!day || pos >= text.size() || text[pos++] != separator) return std::nullopt;
  const std::size_t year_start = pos;
  const auto year = Digits(text, pos, 4);
  if (!year || pos - year_start != 4 || pos != text.size()) return std::nullopt;
  return Date::FromYmd(*year, *month, *day);
}

// "YYYY-MM-DD", optionally followed by a time ("T10:00:00", " 00:00:00").
std::optional<Date> ParseIso(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::size_t pos = 0;
  const auto year = Digits(text, pos, 4);
  if (pos != 4) return std::nullopt;
  pos = 5;
  const auto month = Digits(text, pos, 2);
  if (pos != 7) return std::nullopt;
  pos = 8;
  const auto day = Digits(text, pos, 2);
  if (pos != 10 || !year || !month || !day) return std::nullopt;
  return Date::FromYmd(*year, *month, *day);
}

// Exactly `n` digits as a number, or nullopt.
std::optional<int> AllDigits(std::string_view text, std::size_t n) {
  if (text.size() != n) return std::nullopt;
  std::size_t pos = 0;
  const auto value = Digits(text, pos, static_cast<int>(n));
  if (pos != n) return std::nullopt;
  return value;
}

std::optional<Date> FromYyyymmdd(std::int64_t v) {
  return Date::FromYmd(static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100),
                       static_cast<int>(v % 100));
}

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsUpper(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (Upper(text[i]) != upper[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Date> ParseTableDate(const RawValue& value) {
  if (value.kind == RawValue::Kind::kDate) {
    return Date::FromDays(static_cast<std::int64_t>(std::floor(value.number)));
  }
  if (value.kind == RawValue::Kind::kNumber) {
    if (value.number >= 10000101 && value.number <= 99991231 &&
        value.number == std::floor(value.number)) {
      return FromYyyymmdd(static_cast<std::int64_t>(value.number));
    }
    return Date::FromExcelSerial(value.number);
  }
  const std::string_view text = value.text;
  if (auto us = ParseUs(text)) return us;
  if (auto iso = ParseIso(text)) return iso;
  if (text.size() == 8) {
    std::size_t pos = 0;
    const auto year = Digits(text, pos, 4);
    const auto month = Digits(text, pos, 2);
    const auto day = Digits(text, pos, 2);
    if (pos == 8 && year && month && day) return Date::FromYmd(*year, *month, *day);
  }
  return std::nullopt;
}

std::optional<Date> ParseTableMonth(const RawValue& value) {
  if (value.kind == RawValue::Kind::kNumber && value.number >= 100001 && value.number <= 999912 &&
      value.number == std::floor(value.number)) {
    const auto v = static_cast<int>(value.number);
    return Date::FromYmd(v / 100, v % 100, 1);
  }
  if (value.kind == RawValue::Kind::kText) {
    if (const auto v = AllDigits(value.text, 6)) return Date::FromYmd(*v / 100, *v % 100, 1);
  }
  return ParseTableDate(value);
}

std::optional<bool> ParseFlag(std::string_view text) {
  for (std::string_view yes : {"Y", "YES", "1", "TRUE"}) {
    if (EqualsUpper(text, yes)) return true;
  }
  for (std::string_view no : {"N", "NO", "0", "FALSE"}) {
    if (EqualsUpper(text, no)) return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || text.empty()) return std::nullopt;
  if (ptr == end) return value;
  // "30.0" / "30.00": a whole number as a numeric cell renders it.
  if (*ptr != '.') return std::nullopt;
  for (const char* p = ptr + 1; p < end; ++p) {
    if (*p != '0') return std::nullopt;
  }
  return value;
}

std::optional<double> ParseDecimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace hm::tables
