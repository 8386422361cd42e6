// The value-set and medication-list names a sentence of a specification cites: "(Prostate Cancer
// Value Set)", "(PSA Lab Test Value Set; PSA Test Result or Finding Value Set)",
// "(5-Alpha Reductase Inhibitor Medications List)".
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hm::draft {

// The names cited in `text`, in order, without repeats, as the VSD names them: "Prostate Cancer"
// for "Prostate Cancer Value Set", "5-Alpha Reductase Inhibitor Medications" for "... Medications
// List". A name is the run of capitalised words (and the small words between them: and, or, of,
// ...) before "Value Set" or "Medication(s) List", stopping at '(', ';', ',' ':' or a lowercase
// word. At most 12 words; longer runs are not names.
std::vector<std::string> CitedValueSets(std::string_view text);

}  // namespace hm::draft
