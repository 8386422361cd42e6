// The prompt of the language-model fallback: what one scenario row sends. It carries the whole
// scenario text (for context), what the grammar already read (so the model does not repeat it),
// and the numbered fragments it did not understand, which are all the model is asked to read.
//
// kPromptVersion is part of every cache key: change it whenever the wording, the examples or the
// schema change, so that answers to an older prompt are not reused.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/testcases.h"

namespace hm::ai {

inline constexpr std::string_view kPromptVersion = "hm-fallback-1";

struct Prompt {
  std::string system;  // the task, the fact kinds and the rules; the same for every row
  std::string user;    // this row: the measurement year, the text, the facts read, the fragments
};

// The fragments of `scenario` the fallback asks about: those of the scenario text (span inside
// it), in order. Fragments of other columns (span 0, 0) are left to the analyst.
std::vector<Fragment> TextFragments(const Scenario& scenario);

// REQUIRES: !fragments.empty().
Prompt BuildPrompt(const Scenario& scenario, const std::vector<Fragment>& fragments,
                   int measurement_year);

}  // namespace hm::ai
