#include "read/cell_values.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "hedis_mockup/date.h"

namespace hm::read {
namespace {

// Far above Excel's maxima (1,048,576 rows, 16,384 columns) yet far from overflowing.
constexpr std::int64_t kRefCeiling = std::int64_t{1} << 40;

std::int64_t Saturating(std::int64_t value, int digit, int base) {
  return value >= kRefCeiling ? kRefCeiling : value * base + digit;
}

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `width` digits at `text[*pos]`.
std::optional<int> Digits(std::string_view text, std::size_t* pos, std::size_t width) {
  if (*pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[*pos + i];
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  return value;
}

bool Expect(std::string_view text, std::size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

// The seconds of "HH:MM[:SS[.fff]]" at `text[*pos]`, or nullopt.
std::optional<double> TimeOfDay(std::string_view text, std::size_t* pos) {
  const auto hour = Digits(text, pos, 2);
  if (!hour || !Expect(text, pos, ':')) return std::nullopt;
  const auto minute = Digits(text, pos, 2);
  if (!minute) return std::nullopt;
  double seconds = *hour * 3600.0 + *minute * 60.0;
  if (Expect(text, pos, ':')) {
    const auto second = Digits(text, pos, 2);
    if (!second) return std::nullopt;
    seconds += *second;
    if (*pos < text.size() && text[*pos] == '.') {
      double fraction = 0;
      const char* begin = text.data() + *pos;
      const auto [end, error] = std::from_chars(begin, text.data() + text.size(), fraction);
      if (error != std::errc()) return std::nullopt;
      seconds += fraction;
      *pos += static_cast<std::size_t>(end - begin);
    }
  }
  if (*hour > 24 || *minute > 59 || seconds > 86400) return std::nullopt;
  return seconds;
}

void AppendUtf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// The code unit of an escape "_xHHHH_" at text[i], or nullopt.
std::optional<unsigned> EscapeAt(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') {
    return std::nullopt;
  }
  unsigned code = 0;
  const auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
  if (error != std::errc() || end != text.data() + i + 6) return std::nullopt;
  return code;
}

}  // namespace

std::optional<CellRef> ParseCellRef(std::string_view ref) {
  CellRef cell;
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t letters_begin = i;
  for (; i < ref.size() && IsAsciiLetter(ref[i]); ++i) {
    cell.column = Saturating(cell.column, (ref[i] & ~0x20) - 'A' + 1, 26);
  }
  if (i < ref.size() && ref[i] == '$' && i > letters_begin) ++i;
  const std::size_t digits_begin = i;
  for (; i < ref.size() && IsDigit(ref[i]); ++i) {
    cell.row = Saturating(cell.row, ref[i] - '0', 10);
  }
  const bool empty = letters_begin == digits_begin && digits_begin == i;
  if (i != ref.size() || empty || (digits_begin != i && cell.row == 0)) return std::nullopt;
  return cell;
}

std::optional<CellRange> ParseRangeRef(std::string_view ref) {
  const std::size_t colon = ref.find(':');
  const auto first = ParseCellRef(ref.substr(0, colon));
  const auto last = colon == std::string_view::npos ? first : ParseCellRef(ref.substr(colon + 1));
  if (!first || !last || first->row == 0 || first->column == 0 || last->row == 0 ||
      last->column == 0) {
    return std::nullopt;
  }
  return CellRange{std::min(first->row, last->row), std::min(first->column, last->column),
                   std::max(first->row, last->row), std::max(first->column, last->column)};
}

std::optional<double> SerialToUnixDays(double serial, bool date1904) {
  const auto day = Date::FromExcelSerial(serial, date1904);
  if (!day) return std::nullopt;
  return day->days() + (serial - std::floor(serial));
}

std::optional<double> IsoToUnixDays(std::string_view text) {
  std::size_t pos = 0;
  const auto year = Digits(text, &pos, 4);
  if (!year || !Expect(text, &pos, '-')) return std::nullopt;
  const auto month = Digits(text, &pos, 2);
  if (!month || !Expect(text, &pos, '-')) return std::nullopt;
  const auto day = Digits(text, &pos, 2);
  if (!day) return std::nullopt;
  const auto date = Date::FromYmd(*year, *month, *day);
  if (!date) return std::nullopt;
  double days = date->days();
  if (Expect(text, &pos, 'T')) {
    const auto seconds = TimeOfDay(text, &pos);
    if (!seconds) return std::nullopt;
    days += *seconds / 86400;
  }
  Expect(text, &pos, 'Z');
  if (pos != text.size()) return std::nullopt;
  return days;
}

std::string FormatUnixDays(double days) {
  // Beyond a few hundred thousand years the value is not a date anyone typed; show the number
  // rather than overflow the arithmetic below.
  if (!std::isfinite(days) || std::fabs(days) > 1e8) return fmt::format("{}", days);
  const auto seconds = static_cast<std::int64_t>(std::llround(days * 86400));
  std::int64_t whole_days = seconds / 86400;
  std::int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --whole_days;
  }
  const auto date = Date::FromDays(whole_days);
  if (!date) return fmt::format("{}", days);  // outside years 1-9999: no calendar date to show
  std::string text = date->ToIso();
  if (second_of_day != 0) {
    text += fmt::format("T{:02}:{:02}:{:02}", second_of_day / 3600, second_of_day / 60 % 60,
                        second_of_day % 60);
  }
  return text;
}

bool IsBuiltinDateFormat(int id) {
  // 14-22 and 45-47 in every locale; 27-36 and 50-58 are the dates of the East Asian locales.
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool IsDateFormatCode(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    switch (code[i]) {
      case '"':
        i = code.find('"', i + 1);
        if (i == std::string_view::npos) return false;
        break;
      case '[':
        i = code.find(']', i + 1);
        if (i == std::string_view::npos) return false;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is literal text, padding or fill
        break;
      case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
      case 'h': case 'H': case 's': case 'S':
        return true;
      default:
        break;
    }
  }
  return false;
}

void DecodeOoxmlEscapes(std::string& text) {
  std::size_t i = text.find("_x");
  if (i == std::string::npos) return;
  std::string out = text.substr(0, i);
  while (i < text.size()) {
    const auto code = EscapeAt(text, i);
    if (!code) {
      out += text[i++];
      continue;
    }
    i += 7;
    if (*code == '\r' && i < text.size() && text[i] == '\n') continue;
    // A lone UTF-16 surrogate has no UTF-8 form; Excel never escapes one.
    AppendUtf8(out, *code >= 0xD800 && *code <= 0xDFFF ? 0xFFFD : *code);
  }
  text = std::move(out);
}

}  // namespace hm::read
