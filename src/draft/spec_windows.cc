#include "draft/spec_windows.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "util/text.h"

namespace hm::draft {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

struct YearPhrase {
  std::string_view text;
  std::string_view year;
};
// Longest first: "of the year prior to the measurement year" before "of the measurement year".
constexpr YearPhrase kYears[] = {
    {" two years prior to the measurement year", "MY-2"},
    {" of the year prior to the measurement year", "MY-1"},
    {" of the year before the measurement year", "MY-1"},
    {" of the measurement year", "MY"},
};

bool Has(std::string_view text, std::string_view phrase) {
  return text.find(phrase) != std::string_view::npos;
}

void Replace(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The date at `at` (the start of a month name `month`, 1-based), or nullopt.
std::optional<std::string> DateAt(std::string_view text, std::size_t at, std::string_view month,
                                  int month_number) {
  std::size_t pos = at + month.size();
  if (pos >= text.size() || text[pos] != ' ') return std::nullopt;
  ++pos;
  int day = 0, digits = 0;
  while (pos < text.size() && digits < 2 && text[pos] >= '0' && text[pos] <= '9') {
    day = day * 10 + (text[pos++] - '0');
    ++digits;
  }
  if (digits == 0 || day < 1 || day > 31) return std::nullopt;
  if (pos < text.size() && text[pos] == ',') ++pos;
  for (const YearPhrase& year : kYears) {
    if (text.substr(pos, year.text.size()) == year.text) {
      return fmt::format("{}/{}/{}", month_number, day, year.year);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string Normalized(std::string_view text) {
  std::string out = util::Lower(text);
  Replace(out, "\xE2\x80\x93", "-");  // en dash
  Replace(out, "\xE2\x80\x94", "-");  // em dash
  Replace(out, "\xC2\xA0", " ");      // no-break space
  Replace(out, "anytime", "any time");
  std::string squeezed;
  for (char c : out) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed += c;
  }
  return squeezed;
}

std::vector<std::string> SpecDates(std::string_view raw) {
  const std::string text = Normalized(raw);
  std::vector<std::pair<std::size_t, std::string>> found;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    for (std::size_t at = text.find(kMonths[m]); at != std::string::npos;
         at = text.find(kMonths[m], at + 1)) {
      if (at > 0 && text[at - 1] >= 'a' && text[at - 1] <= 'z') continue;  // "dismay"
      if (std::optional<std::string> date = DateAt(text, at, kMonths[m], static_cast<int>(m) + 1)) {
        found.emplace_back(at, std::move(*date));
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> dates;
  for (auto& [at, date] : found) dates.push_back(std::move(date));
  return dates;
}

std::optional<std::string> SpecWindow(std::string_view raw) {
  const std::string text = Normalized(raw);
  const std::vector<std::string> dates = SpecDates(text);
  if (dates.size() >= 2 && (Has(text, "between ") || Has(text, " through "))) {
    return fmt::format("{{from: {}, to: {}}}", dates[0], dates[1]);
  }
  if (Has(text, "history")) {
    return fmt::format("{{from: earliest, to: {}}}", dates.empty() ? "12/31/MY" : dates[0]);
  }
  if (Has(text, "measurement year or the year prior") ||
      Has(text, "measurement year and the year prior") ||
      Has(text, "year prior to the measurement year or the measurement year") ||
      Has(text, "year prior to the measurement year and the measurement year") ||
      Has(text, "year prior to the measurement year through the measurement year")) {
    return "{from: 1/1/MY-1, to: 12/31/MY}";
  }
  if (Has(text, "year prior to the measurement year")) return "prior_year";
  if (Has(text, "measurement year")) return "MY";
  return std::nullopt;
}

}  // namespace hm::draft
