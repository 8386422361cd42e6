#include "draft/spec_facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "draft/spec_windows.h"
#include "draft/value_set_citations.h"

namespace hm::draft {
namespace {

constexpr std::string_view kBullet = "\xE2\x80\xA2";         // U+2022
constexpr std::string_view kSymbolBullet = "\xEF\x82\xB7";   // U+F0B7, Symbol font's bullet

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool Has(std::string_view text, std::string_view phrase) {
  return text.find(phrase) != std::string_view::npos;
}

// `word` in normalized `text` with no letter on either side ("men" is not in "women").
bool HasWord(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool left = at == 0 || !IsLower(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool right = end >= text.size() || !IsLower(text[end]);
    if (left && right) return true;
  }
  return false;
}

// The label and the first sentence of a field: what a YAML comment quotes.
std::string Quote(const SpecField& field) {
  const std::vector<std::string> sentences = Sentences(field.text);
  return fmt::format("{}: {}", field.label, sentences.empty() ? "" : sentences.front());
}

// The number at `at` in `text`, advancing `at` past it; nullopt when there is none.
std::optional<int> NumberAt(std::string_view text, std::size_t& at) {
  int value = 0, digits = 0;
  while (at < text.size() && IsDigit(text[at]) && digits < 4) {
    value = value * 10 + (text[at++] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  return value;
}

struct AgeRange {
  std::optional<int> min, max;
};

// "70 years and older", "3-17 years", "18 to 85 years", "65 years and younger" in normalized text.
std::optional<AgeRange> ReadAgeRange(std::string_view text) {
  const std::size_t turn = text.find("turn");  // "who turn 13": found once, not per digit
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!IsDigit(text[at]) || (at > 0 && IsDigit(text[at - 1]))) continue;
    std::size_t pos = at;
    const int first = *NumberAt(text, pos);
    for (std::string_view joiner : {"-", " to ", " through "}) {
      if (text.substr(pos, joiner.size()) != joiner) continue;
      std::size_t second_at = pos + joiner.size();
      if (std::optional<int> second = NumberAt(text, second_at)) return AgeRange{first, *second};
    }
    const std::string_view after = text.substr(pos, 40);
    if (Has(after, "and older") || Has(after, "or older") || Has(after, "and over")) {
      return AgeRange{first, std::nullopt};
    }
    if (Has(after, "and younger") || Has(after, "or younger")) return AgeRange{std::nullopt, first};
    if (turn < at && Has(after, "year")) return AgeRange{first, first};
  }
  return std::nullopt;
}

void ReadAges(const SpecField& field, SpecFacts& facts) {
  facts.age_sentence = Quote(field);
  const std::vector<std::string> sentences = Sentences(field.text);
  const std::string first = Normalized(sentences.empty() ? "" : sentences.front());
  if (std::optional<AgeRange> range = ReadAgeRange(first)) {
    facts.age_min = range->min;
    facts.age_max = range->max;
  } else {
    facts.review.push_back(fmt::format("ages: no age range read from \"{}\"", facts.age_sentence));
  }
  if (HasWord(first, "men") || HasWord(first, "males") || HasWord(first, "male")) facts.sex = "male";
  if (HasWord(first, "women") || HasWord(first, "females") || HasWord(first, "female")) {
    facts.sex = "female";
  }
  const std::size_t as_of = first.find("as of ");
  const std::vector<std::string> dates =
      as_of == std::string::npos ? std::vector<std::string>{} : SpecDates(first.substr(as_of));
  if (!dates.empty()) {
    facts.age_as_of = dates.front();
  } else {
    facts.review.push_back("ages: no 'as of' date; 12/31/MY assumed");
  }
  if (!Has(Normalized(field.text), "stratif")) return;
  for (std::size_t i = 1; i < sentences.size(); ++i) {
    const std::optional<AgeRange> band = ReadAgeRange(Normalized(sentences[i]));
    if (band && band->min && band->max) facts.bands.push_back({*band->min, *band->max});
  }
}

void ReadProductLines(const SpecField& field, SpecFacts& facts) {
  facts.product_sentence = Quote(field);
  const std::string text = Normalized(field.text);
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const auto& [word, line_name] : {std::pair{"commercial", "commercial"}, {"medicaid", "medicaid"},
                                        {"medicare", "medicare"}, {"marketplace", "exchange"},
                                        {"exchange", "exchange"}}) {
    const std::size_t at = text.find(word);
    if (at == std::string::npos) continue;
    // A named copy: clang 14 cannot capture a structured binding in a lambda.
    const std::string line = line_name;
    if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.second == line; })) {
      found.emplace_back(at, line);
    }
  }
  std::sort(found.begin(), found.end());
  for (auto& entry : found) facts.product_lines.push_back(entry.second);
  if (found.empty()) {
    facts.review.push_back(fmt::format("product lines: none read from \"{}\"", facts.product_sentence));
  }
}

void ReadContinuousEnrollment(const SpecField& field, SpecFacts& facts) {
  facts.ce_sentence = Quote(field);
  const std::string text = Normalized(field.text);
  const std::vector<std::string> dates = SpecDates(text);
  if (dates.size() >= 2) {
    facts.periods.push_back({dates[0], dates[1]});
    return;
  }
  if (Has(text, "year prior to the measurement year")) {
    facts.periods.push_back({"1/1/MY-1", "12/31/MY-1"});
  }
  if (Has(text, "the measurement year")) {
    facts.periods.push_back({"1/1/MY", "12/31/MY"});
  } else {
    facts.periods.push_back({"1/1/MY", "12/31/MY"});
    facts.review.push_back(fmt::format(
        "continuous enrollment: period not read from \"{}\"; the MY assumed", facts.ce_sentence));
  }
}

std::optional<int> CountWord(std::string_view text) {
  constexpr std::pair<std::string_view, int> kCounts[] = {
      {"no more than one gap", 1}, {"no more than two gaps", 2}, {"no more than 1 gap", 1},
      {"no more than 2 gaps", 2},  {"no gaps", 0},               {"no gap", 0}};
  for (const auto& [phrase, count] : kCounts) {
    if (Has(text, phrase)) return count;
  }
  return std::nullopt;
}

void ReadAllowableGap(const SpecField& field, SpecFacts& facts) {
  facts.gap_sentence = Quote(field);
  const std::vector<std::string> sentences = Sentences(field.text);
  const std::string first = Normalized(sentences.empty() ? "" : sentences.front());
  const std::optional<int> gaps = CountWord(first);
  std::optional<int> days;
  for (std::size_t at = first.find(" days"); at != std::string::npos;
       at = first.find(" days", at + 1)) {
    std::size_t start = at;
    while (start > 0 && IsDigit(first[start - 1])) --start;
    if (start < at) {
      days = NumberAt(first, start);
      break;
    }
  }
  if (gaps) facts.max_gaps = *gaps;
  if (days) facts.max_gap_days = *days;
  if (gaps == 0 && !days) facts.max_gap_days = 0;
  if (!gaps || (!days && gaps != 0)) {
    facts.review.push_back(fmt::format("allowable gap: not read from \"{}\"; {} gap(s) of up to {} "
                                       "days assumed", facts.gap_sentence, facts.max_gaps,
                                       facts.max_gap_days));
  }
  if (sentences.size() > 1 && Has(Normalized(field.text), "month")) {
    facts.review.push_back("allowable gap: the text has a rule for enrollment verified monthly; "
                           "set medicaid_max_gap_months if it applies to Medicaid members");
  }
}

void ReadAnchor(const SpecField& field, SpecFacts& facts) {
  facts.anchor_sentence = Quote(field);
  const std::string text = Normalized(field.text);
  if (text.rfind("none", 0) == 0) return;
  const std::vector<std::string> dates = SpecDates(text);
  facts.anchor = dates.empty() ? "12/31/MY" : dates.front();
  if (dates.empty()) {
    facts.review.push_back(fmt::format("anchor date: not read from \"{}\"; 12/31/MY assumed",
                                       facts.anchor_sentence));
  }
}

void ReadBenefit(const SpecField& field, SpecFacts& facts) {
  facts.benefit_sentence = Quote(field);
  const std::string text = Normalized(field.text);
  if (text.rfind("none", 0) == 0) return;
  for (std::string_view benefit : {"medical", "pharmacy", "dental"}) {
    if (HasWord(text, benefit)) facts.benefits.emplace_back(benefit);
  }
  if (facts.benefits.empty() || Has(text, "mental health") || Has(text, "chemical dependency")) {
    facts.review.push_back(fmt::format("benefit: \"{}\" not fully read; drafted as [{}]",
                                       facts.benefit_sentence, fmt::join(facts.benefits, ", ")));
  }
}

std::vector<const SpecField*> FieldsOf(const MeasureSection& section,
                                       std::initializer_list<FieldKind> kinds) {
  std::vector<const SpecField*> fields;
  for (const SpecField& field : section.fields) {
    if (std::find(kinds.begin(), kinds.end(), field.kind) != kinds.end()) fields.push_back(&field);
  }
  return fields;
}

// Reads one single-valued field with `read`, or notes in the review list that it is missing.
template <typename Read>
void ReadField(const MeasureSection& section, FieldKind kind, std::string_view name,
               std::string_view assumed, SpecFacts& facts, Read read) {
  if (const SpecField* field = section.Find(kind)) {
    read(*field, facts);
  } else {
    facts.review.push_back(fmt::format("{}: not found in the section; {}", name, assumed));
  }
}

}  // namespace

SpecFacts ExtractSpecFacts(const MeasureSection& section) {
  SpecFacts facts;
  facts.id = section.id;
  facts.title = section.title;
  if (const SpecField* description = section.Find(FieldKind::kDescription)) {
    facts.description = {description->text, Quote(*description)};
  }
  ReadField(section, FieldKind::kProductLines, "product lines", "none drafted", facts,
            ReadProductLines);
  ReadField(section, FieldKind::kAges, "ages", "any age", facts, ReadAges);
  ReadField(section, FieldKind::kContinuousEnrollment, "continuous enrollment",
            "no enrollment requirement drafted", facts, ReadContinuousEnrollment);
  if (!facts.periods.empty()) {
    ReadField(section, FieldKind::kAllowableGap, "allowable gap", "one gap of up to 45 days assumed",
              facts, ReadAllowableGap);
    ReadField(section, FieldKind::kAnchorDate, "anchor date", "no anchor date drafted", facts,
              ReadAnchor);
    ReadField(section, FieldKind::kBenefit, "benefit", "medical assumed", facts, ReadBenefit);
  }
  facts.event = ReadEvent(section.Find(FieldKind::kEvent), section.Find(FieldKind::kDenominator),
                          facts.review);
  facts.exclusions = ReadExclusions(
      FieldsOf(section, {FieldKind::kRequiredExclusions, FieldKind::kExclusions}), facts.review);
  facts.numerators = ReadNumerators(FieldsOf(section, {FieldKind::kNumerator}), facts.review);
  return facts;
}

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> sentences;
  std::string current;
  int depth = 0;
  auto finish = [&] {
    std::string_view trimmed = current;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    if (!trimmed.empty()) sentences.emplace_back(trimmed);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == kBullet || text.substr(i, 3) == kSymbolBullet) {
      finish();
      i += 2;
      continue;
    }
    const char c = text[i];
    current += c;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    const bool ends = (c == '.' || c == ':') && (i + 1 == text.size() || text[i + 1] == ' ');
    if (ends && depth == 0) finish();
  }
  finish();
  return sentences;
}

}  // namespace hm::draft
