#include "check/cell_check.h"

#include <algorithm>
#include <cctype>

#include "tables/values.h"

namespace hm::check {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

// Writes `value` with at least `width` digits; returns the characters written.
std::size_t WriteNumber(int value, int width, char* out) {
  char digits[12];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  while (n < width) digits[n++] = '0';
  for (int i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return static_cast<std::size_t>(n);
}

// The length of the run of `c` at the start of `text`.
std::size_t RunLength(std::string_view text, char c) {
  std::size_t n = 0;
  while (n < text.size() && std::toupper(static_cast<unsigned char>(text[n])) == c) ++n;
  return n;
}

std::optional<Date> ParseTyped(ColumnType type, std::string_view text) {
  const tables::RawValue raw{text, 0, tables::RawValue::Kind::kText};
  return type == ColumnType::kMonth ? tables::ParseTableMonth(raw) : tables::ParseTableDate(raw);
}

}  // namespace

CellChecker::CellChecker(const Layout& layout)
    : date_format_(layout.date_format.empty() ? "MM/DD/YYYY" : layout.date_format),
      null_values_(layout.null_values) {
  for (const std::string& value : null_values_) longest_null_ = std::max(longest_null_, value.size());
}

bool CellChecker::IsNull(std::string_view text) const {
  if (text.empty()) return true;
  if (text.size() > longest_null_) return false;
  for (const std::string& value : null_values_) {
    if (EqualsIgnoreCase(text, value)) return true;
  }
  return false;
}

CellResult CellChecker::Check(const LayoutColumn& column, std::string_view text) const {
  CellResult result;
  if (column.max_length > 0 && text.size() > static_cast<std::size_t>(column.max_length)) {
    // Bytes bound characters from above, so counting is needed only past the limit in bytes.
    result.length = CharacterCount(text);
    if (result.length > static_cast<std::size_t>(column.max_length)) {
      result.problem = CellProblem::kLength;
      return result;
    }
  }
  switch (column.type) {
    case ColumnType::kText: break;
    case ColumnType::kInteger:
      if (!tables::ParseInteger(text)) result.problem = CellProblem::kType;
      break;
    case ColumnType::kDecimal:
      if (!tables::ParseDecimal(text)) result.problem = CellProblem::kType;
      break;
    case ColumnType::kFlag:
      if (!tables::ParseFlag(text)) result.problem = CellProblem::kType;
      break;
    case ColumnType::kDate:
    case ColumnType::kMonth: {
      result.date = ParseTyped(column.type, text);
      if (!result.date) {
        result.problem = CellProblem::kType;
        break;
      }
      // A month may be a CMS payment month ("202509"); only full dates owe the date format.
      if (column.type == ColumnType::kMonth && text.size() == 6) break;
      char buffer[64];
      const std::size_t n = FormatInto(*result.date, buffer, sizeof buffer);
      if (n == 0 || std::string_view(buffer, n) != text) result.problem = CellProblem::kFormat;
      break;
    }
  }
  return result;
}

std::string CellChecker::Format(Date date) const {
  char buffer[64];
  return std::string(buffer, FormatInto(date, buffer, sizeof buffer));
}

// The format's tokens are YYYY, MM, DD (zero-padded) and M, D (not padded), in any case; every
// other character is written as is.
std::size_t CellChecker::FormatInto(Date date, char* out, std::size_t size) const {
  std::string_view rest = date_format_;
  std::size_t n = 0;
  while (!rest.empty()) {
    if (size - n < 12) return 0;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(rest[0])));
    const std::size_t run = (c == 'Y' || c == 'M' || c == 'D') ? RunLength(rest, c) : 0;
    if (c == 'Y' && run == 4) {
      n += WriteNumber(date.year(), 4, out + n);
    } else if ((c == 'M' || c == 'D') && run <= 2 && run > 0) {
      n += WriteNumber(c == 'M' ? date.month() : date.day(), static_cast<int>(run), out + n);
    } else {
      out[n++] = rest[0];
      rest.remove_prefix(1);
      continue;
    }
    rest.remove_prefix(run);
  }
  return n;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace hm::check
