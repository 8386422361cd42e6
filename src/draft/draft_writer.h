// Writes a measure's facts as a draft measure file in the measure language
// (docs/measure-language.md): every drafted field under a comment quoting the sentence it came
// from, and a top-level `review:` list of what a person must decide. With a VSD, each value-set
// name is checked and written as the VSD spells it.
//
// Thread-safety: pure functions (the VSD is only read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "draft/spec_facts.h"

namespace hm {
class ValueSetDirectory;
}

namespace hm::draft {

struct WrittenDraft {
  std::string yaml;
  std::vector<std::string> review;  // the facts' review items and the VSD's, as in the file
  int value_sets = 0;               // distinct names cited
  int unknown_value_sets = 0;       // of those, not in the VSD (0 without a VSD)
};

// `vsd` may be null (names are then written as cited, unchecked). `source` names the PDF in the
// file's banner.
WrittenDraft WriteDraft(SpecFacts facts, const ValueSetDirectory* vsd, std::string_view source);

// `text` as a YAML scalar: plain when that reads back as the same string in a flow list, otherwise
// double-quoted.
std::string YamlScalar(std::string_view text);

// `text` as comment lines ("# ..." wrapped at 100 columns), each starting with `indent` spaces.
std::string YamlComment(std::string_view text, int indent);

}  // namespace hm::draft
