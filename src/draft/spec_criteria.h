// The criteria of a measure's section: the denominator event, the required exclusions and the
// numerators, each drafted from the sentence (or bullet) that cites its value sets.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "draft/spec_sections.h"

namespace hm::draft {

// A criterion drafted from one sentence (a bullet of the exclusions, the numerator ...).
struct CriterionFact {
  std::string id;                       // "prostate_cancer", "hospice", "NE"
  std::vector<std::string> value_sets;  // as cited (any of them)
  std::string window;                   // a `window:` value; empty: the MY, as the engine defaults
  std::string value_test;               // "> 4.0" when the sentence gives a threshold
  bool hospice = false;                 // the hospice built-ins (enrollment and monthly flags)
  bool death = false;                   // the death built-in
  std::string sentence;                 // where it came from
};

// The denominator event from the "Event/diagnosis" field (nullopt for "None") and the value sets
// the "Denominator" field cites. Either may be null.
std::optional<CriterionFact> ReadEvent(const SpecField* event, const SpecField* denominator,
                                       std::vector<std::string>& review);

// One exclusion per bullet or sentence: hospice and death as the engine's built-ins, the others by
// the value sets they cite, with their window and value threshold. Sentences that exclude without
// a value set go to `review`. Exclusions with the same id are merged.
std::vector<CriterionFact> ReadExclusions(const std::vector<const SpecField*>& fields,
                                          std::vector<std::string>& review);

// The numerators: one per bullet that cites value sets (NE1, NE2 ...), or one (NE) for a field
// without bullets.
std::vector<CriterionFact> ReadNumerators(const std::vector<const SpecField*>& fields,
                                          std::vector<std::string>& review);

// "> 4.0" for "(>4.0 ng/mL)" or "greater than 4.0"; empty when the sentence has no threshold.
std::string ValueTest(std::string_view sentence);

}  // namespace hm::draft
