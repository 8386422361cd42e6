#include "draft/spec_criteria.h"

#include <fmt/format.h>

#include <algorithm>

#include "draft/spec_facts.h"
#include "draft/spec_windows.h"
#include "draft/value_set_citations.h"

namespace hm::draft {
namespace {

bool Has(std::string_view text, std::string_view phrase) {
  return text.find(phrase) != std::string_view::npos;
}

bool HasWord(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    const bool left = at == 0 || !(text[at - 1] >= 'a' && text[at - 1] <= 'z');
    const bool right = end >= text.size() || !(text[end] >= 'a' && text[end] <= 'z');
    if (left && right) return true;
  }
  return false;
}

// An id for a criterion named after its first value set: "Prostate Cancer" -> prostate_cancer.
std::string Slug(std::string_view name) {
  std::string id;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') id += static_cast<char>(c - 'A' + 'a');
    else if (keep) id += c;
    else if (!id.empty() && id.back() != '_') id += '_';
    if (id.size() >= 60) break;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "vs_" + id;
  return id;
}

std::optional<CriterionFact> ReadExclusionSentence(const std::string& sentence,
                                                   std::vector<std::string>& review) {
  const std::string text = Normalized(sentence);
  CriterionFact fact;
  fact.sentence = sentence;
  fact.value_sets = CitedValueSets(sentence);
  if (Has(text, "hospice")) {
    fact.id = "hospice";
    fact.hospice = true;
    return fact;
  }
  if (HasWord(text, "die") || HasWord(text, "died") || HasWord(text, "dies") ||
      HasWord(text, "death") || HasWord(text, "deceased")) {
    fact.id = "deceased";
    fact.death = true;
    return fact;
  }
  if (fact.value_sets.empty()) {
    const bool lead_in = !sentence.empty() && sentence.back() == ':';
    if (!lead_in && !Has(text, "refer to") && sentence.size() > 20) {
      review.push_back(fmt::format("exclusion not drafted (no value set cited): \"{}\"", sentence));
    }
    return std::nullopt;
  }
  fact.id = Has(text, "palliative") ? "palliative_care" : Slug(fact.value_sets.front());
  fact.value_test = ValueTest(sentence);
  if (std::optional<std::string> window = SpecWindow(sentence)) {
    fact.window = *window;
  } else {
    review.push_back(fmt::format("exclusion {}: no time frame read; the MY assumed", fact.id));
  }
  return fact;
}

// More criteria than any specification has: past this the text is not a specification, and
// merging by id would grow quadratically.
constexpr std::size_t kMaxCriteria = 100;

void Merge(std::vector<CriterionFact>& all, CriterionFact fact) {
  for (CriterionFact& existing : all) {
    if (existing.id != fact.id) continue;
    for (std::string& name : fact.value_sets) {
      if (std::find(existing.value_sets.begin(), existing.value_sets.end(), name) ==
          existing.value_sets.end()) {
        existing.value_sets.push_back(std::move(name));
      }
    }
    return;
  }
  all.push_back(std::move(fact));
}

bool HasBullets(std::string_view text) {
  return Has(text, "\xE2\x80\xA2") || Has(text, "\xEF\x82\xB7");
}

}  // namespace

std::string ValueTest(std::string_view sentence) {
  const std::string text = Normalized(sentence);
  for (auto [phrase, op] : {std::pair{">=", ">="}, {"<=", "<="}, {">", ">"}, {"<", "<"},
                            {"greater than ", ">"}, {"less than ", "<"}}) {
    const std::size_t at = text.find(phrase);
    if (at == std::string::npos) continue;
    std::size_t pos = at + std::string_view(phrase).size();
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) ++pos;
    while (pos > start && text[pos - 1] == '.') --pos;  // the sentence's full stop
    if (pos > start) return fmt::format("{} {}", op, text.substr(start, pos - start));
  }
  return "";
}

std::optional<CriterionFact> ReadEvent(const SpecField* event, const SpecField* denominator,
                                       std::vector<std::string>& review) {
  CriterionFact fact;
  fact.id = "event";
  if (event != nullptr && Normalized(event->text).rfind("none", 0) != 0) {
    fact.value_sets = CitedValueSets(event->text);
    fact.sentence = fmt::format("{}: {}", event->label, event->text);
    fact.window = SpecWindow(event->text).value_or("");
    if (fact.value_sets.empty()) {
      review.push_back(fmt::format("event: no value set cited in \"{}\"", fact.sentence));
    } else {
      review.push_back("event: check what qualifies the visit (provider type, place of service) "
                       "and which sources count");
    }
  }
  if (denominator != nullptr) {
    for (std::string& name : CitedValueSets(denominator->text)) {
      if (std::find(fact.value_sets.begin(), fact.value_sets.end(), name) == fact.value_sets.end()) {
        fact.value_sets.push_back(std::move(name));
      }
    }
    if (fact.sentence.empty()) fact.sentence = fmt::format("{}: {}", denominator->label, denominator->text);
  }
  if (fact.value_sets.empty()) return std::nullopt;
  return fact;
}

std::vector<CriterionFact> ReadExclusions(const std::vector<const SpecField*>& fields,
                                          std::vector<std::string>& review) {
  std::vector<CriterionFact> exclusions;
  for (const SpecField* field : fields) {
    for (const std::string& sentence : Sentences(field->text)) {
      if (exclusions.size() >= kMaxCriteria) {
        review.push_back("exclusions: more than 100; the rest were not drafted");
        return exclusions;
      }
      if (std::optional<CriterionFact> fact = ReadExclusionSentence(sentence, review)) {
        Merge(exclusions, std::move(*fact));
      }
    }
  }
  for (const CriterionFact& fact : exclusions) {
    if (fact.hospice && fact.value_sets.empty()) {
      review.push_back("exclusion hospice: no value set cited; the enrollment and monthly hospice "
                       "flags are drafted; add the General Guidelines' hospice value sets (Hospice "
                       "Encounter, Hospice Intervention) for hospice claims");
    }
    if (fact.death) {
      review.push_back("exclusion deceased: the death date only; add discharge_statuses if a "
                       "claim's 'expired' status counts");
    }
  }
  return exclusions;
}

std::vector<CriterionFact> ReadNumerators(const std::vector<const SpecField*>& fields,
                                          std::vector<std::string>& review) {
  std::vector<CriterionFact> numerators;
  for (const SpecField* field : fields) {
    const std::optional<std::string> field_window = SpecWindow(field->text);
    const bool bullets = HasBullets(field->text);
    for (const std::string& sentence : Sentences(field->text)) {
      std::vector<std::string> names = CitedValueSets(sentence);
      if (names.empty()) continue;
      if (numerators.size() >= kMaxCriteria) {
        review.push_back("numerators: more than 100; the rest were not drafted");
        break;
      }
      if (!bullets && !numerators.empty()) {
        CriterionFact& one = numerators.back();
        for (std::string& name : names) one.value_sets.push_back(std::move(name));
        continue;
      }
      CriterionFact fact;
      fact.sentence = sentence;
      fact.value_sets = std::move(names);
      fact.value_test = ValueTest(sentence);
      fact.window = SpecWindow(sentence).value_or(field_window.value_or(""));
      if (fact.window.empty()) review.push_back("numerator: no time frame read; the MY assumed");
      numerators.push_back(std::move(fact));
    }
  }
  for (std::size_t i = 0; i < numerators.size(); ++i) {
    numerators[i].id = numerators.size() == 1 ? "NE" : fmt::format("NE{}", i + 1);
  }
  if (numerators.size() > 1) {
    review.push_back(fmt::format("numerators: {} drafted, one per bullet; check whether they are "
                                 "separate rates or alternatives of one", numerators.size()));
  }
  if (numerators.empty()) review.push_back("numerator: no value set cited; write it by hand");
  return numerators;
}

}  // namespace hm::draft
