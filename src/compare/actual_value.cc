#include "compare/actual_value.h"

#include <array>
#include <charconv>

#include "util/text.h"

namespace hm::compare {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && util::Lower(a) == util::Lower(b);
}

// A run of ASCII digits as a number; nullopt if `text` is empty or holds anything else.
std::optional<int> Digits(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 4) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// "M/D/YYYY" and "MM/DD/YYYY".
std::optional<Date> ReadUsDate(std::string_view text) {
  const std::size_t a = text.find('/');
  const std::size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view year = text.substr(b + 1);
  if (year.size() != 4) return std::nullopt;
  const auto m = Digits(text.substr(0, a));
  const auto d = Digits(text.substr(a + 1, b - a - 1));
  const auto y = Digits(year);
  if (!m || !d || !y) return std::nullopt;
  return Date::FromYmd(*y, *m, *d);
}

// "YYYY-MM-DD", optionally followed by a time of day.
std::optional<Date> ReadIsoDate(std::string_view text) {
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  text = text.substr(0, 10);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = Digits(text.substr(0, 4));
  const auto m = Digits(text.substr(5, 2));
  const auto d = Digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return Date::FromYmd(*y, *m, *d);
}

// M, F, O, U from the words engines write.
std::string GenderCode(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kWords = {{
      {"male", "M"}, {"female", "F"}, {"other", "O"}, {"unknown", "U"}}};
  for (const auto& [word, code] : kWords) {
    if (EqualsIgnoreCase(text, word)) return std::string(code);
  }
  return std::string(text);
}

}  // namespace

bool IsNullText(std::string_view text, const CheckOptions& options) {
  text = util::Trim(text);
  for (const std::string& null : options.null_texts) {
    if (EqualsIgnoreCase(text, null)) return true;
  }
  return false;
}

std::optional<bool> ReadFlag(std::string_view text) {
  text = util::Trim(text);
  for (std::string_view yes : {"1", "Y", "YES", "TRUE"}) {
    if (EqualsIgnoreCase(text, yes)) return true;
  }
  for (std::string_view no : {"0", "N", "NO", "FALSE"}) {
    if (EqualsIgnoreCase(text, no)) return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> ReadInteger(std::string_view text) {
  text = util::Trim(text);
  if (const std::size_t dot = text.find('.'); dot != std::string_view::npos) {
    const std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(0, dot);
  }
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<Date> ReadDate(std::string_view text) {
  text = util::Trim(text);
  if (auto iso = ReadIsoDate(text)) return iso;
  return ReadUsDate(text);
}

bool Matches(std::string_view key, const Value& expected, std::string_view actual,
             const CheckOptions& options) {
  actual = util::Trim(actual);
  if (std::holds_alternative<NullValue>(expected)) return IsNullText(actual, options);
  if (IsNullText(actual, options)) return false;
  if (const Flag* flag = std::get_if<Flag>(&expected)) return ReadFlag(actual) == flag->set;
  if (const auto* n = std::get_if<std::int64_t>(&expected)) return ReadInteger(actual) == *n;
  if (const Date* d = std::get_if<Date>(&expected)) return ReadDate(actual) == *d;
  const std::string& text = std::get<std::string>(expected);
  if (key == "GENDER") return EqualsIgnoreCase(GenderCode(actual), GenderCode(util::Trim(text)));
  return EqualsIgnoreCase(actual, util::Trim(text));
}

std::string ExpectedText(const Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return ValueToString(value);
}

std::string ProductLineOf(const ActualRow& row) {
  for (const char* column : {"PRODUCT_LINE", "LOB", "LINE_OF_BUSINESS"}) {
    auto it = row.values.find(column);
    if (it == row.values.end()) continue;
    std::string line = util::Lower(util::Trim(it->second));
    if (line == "marketplace") line = "exchange";
    for (const char* known : {"commercial", "medicaid", "medicare", "exchange"}) {
      if (line == known) return line;
    }
  }
  return {};
}

}  // namespace hm::compare
