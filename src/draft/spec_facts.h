// What a measure's section says, as facts the measure language can hold: the population (product
// lines, ages and their as-of date, sex), continuous enrollment (periods, allowable gap, anchor
// date, benefit), and the value sets cited by the denominator event, the exclusions and the
// numerators. Each fact keeps the sentence it came from; what cannot be decided goes to `review`.
//
// This is the part of the drafter that reads outside text; fuzz/spec_facts_fuzzer.cc drives it.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "draft/spec_criteria.h"
#include "draft/spec_sections.h"

namespace hm::draft {

struct Sourced {
  std::string value;
  std::string sentence;  // empty when the value is an assumption (see review)
};

struct CePeriodFact {
  std::string from, to;  // measure-language ends
};

struct SpecFacts {
  std::string id, title;
  Sourced description;
  std::vector<std::string> product_lines;  // commercial, medicaid, medicare, exchange
  std::string product_sentence;
  std::optional<int> age_min, age_max;
  std::string age_as_of = "12/31/MY";
  std::string sex;  // "male", "female" or empty (any)
  std::string age_sentence;
  struct Band {
    int min = 0, max = 200;
  };
  std::vector<Band> bands;  // age stratifications
  std::vector<CePeriodFact> periods;
  std::string ce_sentence;
  int max_gaps = 1, max_gap_days = 45;
  std::string gap_sentence;
  std::optional<std::string> anchor;  // nullopt: none
  std::string anchor_sentence;
  std::vector<std::string> benefits;
  std::string benefit_sentence;
  std::optional<CriterionFact> event;  // the denominator event; nullopt: none (ED=1)
  std::vector<CriterionFact> exclusions;
  std::vector<CriterionFact> numerators;
  std::vector<std::string> review;  // what could not be decided, one item each
};

// Reads the facts of `section`. Never fails: what is missing or unclear becomes a review item and,
// where the language needs a value, NCQA's usual one (the MY, one gap of 45 days, 12/31/MY).
SpecFacts ExtractSpecFacts(const MeasureSection& section);

// The sentences of a field's text: split after '.', '•' and at bullets, never inside parentheses.
std::vector<std::string> Sentences(std::string_view text);

}  // namespace hm::draft
