#include "draft/spec_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace hm::draft {
namespace {

struct Label {
  std::string_view text;
  FieldKind kind;
};

// NCQA's row labels, longest first so that "Product lines" wins over "Product line".
constexpr Label kLabels[] = {
    {"Administrative Specification", FieldKind::kOther},
    {"Data Elements for Reporting", FieldKind::kOther},
    {"Continuous enrollment", FieldKind::kContinuousEnrollment},
    {"Hybrid Specification", FieldKind::kOther},
    {"Required exclusions", FieldKind::kRequiredExclusions},
    {"Eligible Population", FieldKind::kOther},
    {"Summary of Changes", FieldKind::kOther},
    {"Event/ diagnosis", FieldKind::kEvent},
    {"Event/diagnosis", FieldKind::kEvent},
    {"Allowable gaps", FieldKind::kAllowableGap},
    {"Allowable gap", FieldKind::kAllowableGap},
    {"Product lines", FieldKind::kProductLines},
    {"Product line", FieldKind::kProductLines},
    {"Definitions", FieldKind::kOther},
    {"Description", FieldKind::kDescription},
    {"Anchor date", FieldKind::kAnchorDate},
    {"Denominator", FieldKind::kDenominator},
    {"Exclusions", FieldKind::kExclusions},
    {"Numerators", FieldKind::kNumerator},
    {"Numerator", FieldKind::kNumerator},
    {"Benefits", FieldKind::kBenefit},
    {"Benefit", FieldKind::kBenefit},
    {"Ages", FieldKind::kAges},
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool IsAbbreviation(std::string_view id) {
  if (id.size() < 2 || id.size() > 10 || !IsUpper(id[0])) return false;
  const auto capitals = std::count_if(id.begin(), id.end(), IsUpper);
  return capitals >= 2 && std::all_of(id.begin(), id.end(), [](char c) {
           return IsUpper(c) || IsDigit(c) || c == '-';
         });
}

// Every word of four or more characters starts with a capital or a digit: "Non-Recommended
// PSA-Based Screening in Older Men", not "prostate-specific antigen".
bool IsTitle(std::string_view title) {
  if (title.empty() || title.size() > 200 || title.back() == '.' || title.back() == ',') {
    return false;
  }
  bool has_word = false;
  std::size_t start = 0;
  while (start < title.size()) {
    std::size_t end = title.find(' ', start);
    if (end == std::string_view::npos) end = title.size();
    const std::string_view word = title.substr(start, end - start);
    if (!word.empty() && IsLetter(word[0])) {
      has_word = true;
      if (word.size() >= 4 && !IsUpper(word[0])) return false;
    }
    start = end + 1;
  }
  return has_word;
}

// The label `line` starts with, and the rest of the line after it; null when none.
const Label* MatchLabel(std::string_view line, std::string_view& rest) {
  for (const Label& label : kLabels) {
    // The capital too: a wrapped line of prose may start with "continuous enrollment".
    if (line.size() < label.text.size() || line[0] != label.text[0] ||
        !util::EqualsIgnoringCase(line.substr(0, label.text.size()), label.text)) {
      continue;
    }
    rest = line.substr(label.text.size());
    if (!rest.empty() && rest[0] != ' ' && rest[0] != ':') continue;  // "Agesxyz", "Numerators2"
    while (!rest.empty() && (rest[0] == ' ' || rest[0] == ':')) rest.remove_prefix(1);
    return &label;
  }
  return nullptr;
}

bool IsPageNumber(std::string_view line) {
  return !line.empty() && line.size() <= 4 && std::all_of(line.begin(), line.end(), IsDigit);
}

struct OpenField {
  SpecField field;
  std::vector<std::string_view> lines;
};

std::vector<SpecField> ReadFields(const std::vector<std::string_view>& lines, std::size_t begin,
                                  std::size_t end, std::string_view id) {
  std::vector<OpenField> open;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string_view line = util::Trim(lines[i]);
    if (line.empty() || IsPageNumber(line) || ReadHeading(line).id == id) continue;
    std::string_view rest;
    if (const Label* label = MatchLabel(line, rest)) {
      open.push_back({{label->kind, std::string(label->text), {}}, {}});
      if (!rest.empty()) open.back().lines.push_back(rest);
    } else if (!open.empty()) {
      open.back().lines.push_back(line);
    }
  }
  std::vector<SpecField> fields;
  for (OpenField& field : open) {
    field.field.text = JoinLines(field.lines);
    fields.push_back(std::move(field.field));
  }
  return fields;
}

}  // namespace

const SpecField* MeasureSection::Find(FieldKind kind) const {
  for (const SpecField& field : fields) {
    if (field.kind == kind) return &field;
  }
  return nullptr;
}

Heading ReadHeading(std::string_view line) {
  line = util::Trim(line);
  if (line.size() < 6 || line.back() != ')') return {};
  const std::size_t open = line.rfind('(');
  if (open == std::string_view::npos || open == 0) return {};
  const std::string_view id = line.substr(open + 1, line.size() - open - 2);
  const std::string_view title = util::Trim(line.substr(0, open));
  if (!IsAbbreviation(id) || !IsTitle(title)) return {};
  return {std::string(id), std::string(title)};
}

std::string JoinLines(const std::vector<std::string_view>& lines) {
  std::string text;
  for (std::string_view raw : lines) {
    const std::string_view line = util::Trim(raw);
    if (line.empty()) continue;
    if (!text.empty()) {
      const bool hyphen = text.back() == '-';
      const bool split_word = hyphen && text.size() >= 2 && IsLetter(text[text.size() - 2]) &&
                              IsLower(line[0]);
      if (split_word) text.pop_back();
      else if (!hyphen) text += ' ';
    }
    text += line;
  }
  return text;
}

Result<MeasureSection> FindMeasureSection(std::string_view text, std::string_view measure) {
  const std::vector<std::string_view> lines = SplitLines(text);
  std::vector<std::string> seen;
  std::size_t start = lines.size();
  MeasureSection section;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Heading heading = ReadHeading(lines[i]);
    if (heading.id.empty()) continue;
    if (start == lines.size()) {
      if (measure.empty() || util::EqualsIgnoringCase(heading.id, measure)) {
        start = i;
        section.id = heading.id;
        section.title = heading.title;
      } else if (std::find(seen.begin(), seen.end(), heading.id) == seen.end()) {
        seen.push_back(heading.id);
      }
    } else if (heading.id != section.id) {
      section.fields = ReadFields(lines, start + 1, i, section.id);
      return section;
    }
  }
  if (start == lines.size()) {
    if (seen.empty()) {
      return Status::NotFound("no measure heading found (a title followed by the measure's "
                              "abbreviation in parentheses, such as 'Title (PSA)')",
                              "is this the specification PDF, with text rather than scanned images?");
    }
    return Status::NotFound(fmt::format("no section for measure '{}'", measure),
                            fmt::format("the PDF has: {}", fmt::join(seen, ", ")));
  }
  section.fields = ReadFields(lines, start + 1, lines.size(), section.id);
  return section;
}

}  // namespace hm::draft
