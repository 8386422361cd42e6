// Checking one cell against its layout column: null values, type (with the table reader's
// parsers, src/tables/values.h, so the check accepts exactly what a later read accepts), the
// layout's date format, and length. Written for the checker's hot loop: no allocation.
//
// Thread-safety: a CellChecker is immutable after construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/date.h"
#include "hedis_mockup/tables.h"

namespace hm::check {

enum class CellProblem : std::uint8_t {
  kNone,
  kType,    // does not parse as the column's type
  kFormat,  // a date that parses but is not written in the layout's date format
  kLength,  // longer than max_length characters
};

struct CellResult {
  CellProblem problem = CellProblem::kNone;
  std::optional<Date> date;  // date and month columns whose text parsed
  std::size_t length = 0;    // in characters, set with kLength
};

class CellChecker {
 public:
  explicit CellChecker(const Layout& layout);

  // Whether `text` is empty or one of the layout's null values (any case): "no value".
  bool IsNull(std::string_view text) const;

  // Checks a non-null cell of `column`. REQUIRES: !IsNull(text).
  CellResult Check(const LayoutColumn& column, std::string_view text) const;

  // `date` written in the layout's date format ("03/05/2026" for MM/DD/YYYY).
  std::string Format(Date date) const;
  const std::string& date_format() const { return date_format_; }

 private:
  // Writes `date` in the date format into `out`; returns the length, 0 if it does not fit.
  std::size_t FormatInto(Date date, char* out, std::size_t size) const;

  std::string date_format_;
  std::vector<std::string> null_values_;
  std::size_t longest_null_ = 0;
};

// The number of characters (UTF-8 code points) in `text`.
std::size_t CharacterCount(std::string_view text);

}  // namespace hm::check
