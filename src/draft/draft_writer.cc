#include "draft/draft_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "hedis_mockup/value_sets.h"

namespace hm::draft {
namespace {

constexpr std::size_t kCommentWidth = 100;

// This plan's product ids, as the shipped measures (measures/*.yaml) map them: a plan's own, not
// NCQA's, so the specification cannot say them.
constexpr std::string_view kProductIds =
    "product_ids:\n"
    "  commercial: [2, 91]\n"
    "  medicaid: [3, 93]\n"
    "  medicare: [11, 18, 92]\n"
    "  exchange: [5, 7]\n";

// The length of the valid UTF-8 sequence at `at`, or 0.
std::size_t Utf8Length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                             : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) >> 6) != 0x2) return 0;
  }
  return length;
}

// PDF text is not always valid UTF-8, and YAML must be: bad bytes become '?', control characters
// spaces.
std::string Printable(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = Utf8Length(text, at);
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (length == 0) out += '?';
    else if (length == 1) out += (c < 0x20 || c == 0x7F) ? ' ' : text[at];
    else out.append(text.substr(at, length));
    at += length == 0 ? 1 : length;
  }
  return out;
}

bool PlainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view(" ./()'+-_").find(c) != std::string_view::npos;
}

std::string List(const std::vector<std::string>& items) {
  std::vector<std::string> scalars;
  for (const std::string& item : items) scalars.push_back(YamlScalar(item));
  return fmt::format("[{}]", fmt::join(scalars, ", "));
}

// Each name as the VSD spells it; names it lacks are kept, counted and put on the review list.
void CheckNames(std::vector<std::string>& names, const ValueSetDirectory& vsd,
                std::set<std::string>& unknown, std::vector<std::string>& review) {
  for (std::string& name : names) {
    if (const ValueSet* found = vsd.Find(name)) {
      name = found->name;
    } else if (unknown.insert(name).second) {
      const std::vector<std::string> close = vsd.Suggest(name);
      review.push_back(fmt::format("value set '{}' is not in the VSD{}", name,
                                   close.empty() ? "" : fmt::format("; closest: {}",
                                                                    fmt::join(close, ", "))));
    }
  }
}

void CheckAgainstVsd(SpecFacts& facts, const ValueSetDirectory& vsd, WrittenDraft& out) {
  std::set<std::string> unknown;
  auto check = [&](CriterionFact& fact) { CheckNames(fact.value_sets, vsd, unknown, facts.review); };
  if (facts.event) check(*facts.event);
  for (CriterionFact& fact : facts.exclusions) check(fact);
  for (CriterionFact& fact : facts.numerators) check(fact);
  out.unknown_value_sets = static_cast<int>(unknown.size());
  const MeasureValueSets* linked = vsd.FindMeasure(facts.id);
  if (linked == nullptr) return;
  std::set<std::string> cited;
  auto collect = [&](const CriterionFact& fact) { cited.insert(fact.value_sets.begin(), fact.value_sets.end()); };
  if (facts.event) collect(*facts.event);
  for (const CriterionFact& fact : facts.exclusions) collect(fact);
  for (const CriterionFact& fact : facts.numerators) collect(fact);
  for (std::uint32_t index : linked->value_sets) {
    const std::string& name = vsd.value_sets()[index].name;
    if (!cited.count(name)) {
      facts.review.push_back(fmt::format("the VSD links '{}' to {}, but the draft does not use it",
                                         name, facts.id));
    }
  }
}

std::string Header(const SpecFacts& facts, std::string_view source) {
  std::string out = YamlComment(
      fmt::format("DRAFT of {} from {}, made by `hedis-mockup measure draft`. Check every field "
                  "against the specification; `review:` at the end lists what could not be "
                  "decided. The language: docs/measure-language.md.",
                  facts.id, source),
      0);
  if (!facts.description.value.empty()) {
    out += YamlComment("Description: " + facts.description.value, 0);
  }
  out += fmt::format("measure: {}\nname: {}\n", YamlScalar(facts.id), YamlScalar(facts.title));
  return out;
}

std::string Population(const SpecFacts& facts) {
  std::string out;
  if (!facts.product_lines.empty()) {
    out += "\n# This plan's product ids (PL), as the shipped measures map them [review].\n";
    out += kProductIds;
    out += YamlComment(facts.product_sentence, 0);
    out += fmt::format("product_lines: {}\n", List(facts.product_lines));
  }
  if (facts.age_min || facts.age_max || !facts.sex.empty()) out += "\n" + YamlComment(facts.age_sentence, 0);
  if (facts.age_min || facts.age_max) {
    out += fmt::format("age: {{as_of: {}", facts.age_as_of);
    if (facts.age_min) out += fmt::format(", min: {}", *facts.age_min);
    if (facts.age_max) out += fmt::format(", max: {}", *facts.age_max);
    out += "}\n";
  }
  if (!facts.sex.empty()) out += fmt::format("sex: {}\n", facts.sex);
  if (!facts.bands.empty()) {
    out += "bands:\n";
    for (std::size_t i = 0; i < facts.bands.size(); ++i) {
      out += fmt::format("  - {{id: {}, min: {}, max: {}}}\n", i + 1, facts.bands[i].min,
                         facts.bands[i].max);
    }
  }
  return out;
}

std::string Enrollment(const SpecFacts& facts) {
  if (facts.periods.empty()) return "";
  std::string out = "\n";
  for (const std::string* sentence : {&facts.ce_sentence, &facts.gap_sentence,
                                      &facts.anchor_sentence, &facts.benefit_sentence}) {
    if (!sentence->empty()) out += YamlComment(*sentence, 0);
  }
  out += "enrollment:\n  periods:\n";
  for (const CePeriodFact& period : facts.periods) {
    out += fmt::format("    - {{from: {}, to: {}, max_gaps: {}, max_gap_days: {}}}\n", period.from,
                       period.to, facts.max_gaps, facts.max_gap_days);
  }
  if (facts.anchor) out += fmt::format("  anchor: {}\n", *facts.anchor);
  const bool assumed = facts.benefit_sentence.empty();
  out += fmt::format("  benefits: {}\n",
                     List(assumed ? std::vector<std::string>{"medical"} : facts.benefits));
  return out;
}

// The criterion's `event:` map, at `indent`.
std::string EventMap(const CriterionFact& fact, int indent) {
  const std::string pad(indent, ' ');
  std::string out = fmt::format("{}event:\n{}  value_sets: {}\n", pad, pad, List(fact.value_sets));
  if (!fact.window.empty()) out += fmt::format("{}  window: {}\n", pad, fact.window);
  if (!fact.value_test.empty()) out += fmt::format("{}  value: {}\n", pad, YamlScalar(fact.value_test));
  return out;
}

std::string Exclusion(const CriterionFact& fact) {
  std::string out = YamlComment(fact.sentence, 2) + fmt::format("  - id: {}\n", fact.id);
  if (!fact.value_sets.empty()) out += EventMap(fact, 4);
  if (fact.hospice) out += "    enrollment_hospice_flag: true\n    monthly_hospice_flag: true\n";
  if (fact.death) out += "    death: {}\n";
  if (fact.hospice || fact.death) out += "    report_date: false\n";
  return out;
}

std::string Outcomes(const SpecFacts& facts) {
  std::string out;
  if (facts.event) {
    out += "\n" + YamlComment(facts.event->sentence, 0) + "event:\n" + EventMap(*facts.event, 2);
  }
  if (!facts.exclusions.empty()) out += "\nexclusions:\n";
  for (const CriterionFact& fact : facts.exclusions) out += Exclusion(fact);
  out += facts.numerators.empty() ? "\nnumerators: []\n" : "\nnumerators:\n";
  for (const CriterionFact& fact : facts.numerators) {
    out += YamlComment(fact.sentence, 2) + fmt::format("  - id: {}\n", fact.id) + EventMap(fact, 4);
  }
  return out;
}

std::string Review(const std::vector<std::string>& review) {
  std::string out = "\n# What the drafter could not decide; the engine ignores this list.\nreview:";
  if (review.empty()) return out + " []\n";
  out += '\n';
  for (const std::string& item : review) out += fmt::format("  - {}\n", YamlScalar(item));
  return out;
}

}  // namespace

std::string YamlScalar(std::string_view raw) {
  const std::string printable = Printable(raw);
  const std::string_view text = printable;
  static const std::set<std::string_view> kReserved = {"true", "false", "null", "yes", "no",
                                                       "on",   "off",   "~",    "y",   "n"};
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool plain = !text.empty() && std::isalpha(static_cast<unsigned char>(text[0])) &&
                     text.back() != ' ' && !kReserved.count(lower) &&
                     std::all_of(text.begin(), text.end(), PlainChar);
  if (plain) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string YamlComment(std::string_view raw, int indent) {
  const std::string printable = Printable(raw);
  const std::string_view text = printable;
  const std::string prefix = std::string(indent, ' ') + "# ";
  std::string out, line;
  auto flush = [&] {
    out += prefix + line + "\n";
    line.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(" \n\r\t", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!word.empty()) {
      if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > kCommentWidth) flush();
      if (!line.empty()) line += ' ';
      line += word;
    }
    start = end + 1;
  }
  if (!line.empty() || out.empty()) flush();
  return out;
}

WrittenDraft WriteDraft(SpecFacts facts, const ValueSetDirectory* vsd, std::string_view source) {
  WrittenDraft out;
  std::set<std::string> names;
  auto count = [&](const CriterionFact& fact) { names.insert(fact.value_sets.begin(), fact.value_sets.end()); };
  if (facts.event) count(*facts.event);
  for (const CriterionFact& fact : facts.exclusions) count(fact);
  for (const CriterionFact& fact : facts.numerators) count(fact);
  out.value_sets = static_cast<int>(names.size());
  if (vsd != nullptr) CheckAgainstVsd(facts, *vsd, out);
  if (!facts.product_lines.empty()) {
    facts.review.push_back("product_ids: this plan's map, copied from the shipped measures (the "
                           "specification cannot say it); check it");
  }
  out.yaml = Header(facts, source) + Population(facts) + Enrollment(facts) + Outcomes(facts) +
             Review(facts.review);
  out.review = facts.review;
  return out;
}

}  // namespace hm::draft
