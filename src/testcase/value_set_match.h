// Matching the value-set names QA writes ("PSA Lab Tests", "Inpatiant Stay", "5-ARI Medications")
// against the loaded VSD's names, and saying how sure the match is.
//
// Thread-safety: pure functions over a const ValueSetDirectory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"

namespace hm::testcase {

struct ValueSetMatch {
  enum class Kind : unsigned char {
    kNone,   // no VSD name is close; `suggestions` may list far ones
    kExact,  // the same name, ignoring case, spaces and punctuation
    kAlias,  // a known QA abbreviation ("5-ARI") or a plural ("Tests"): listed as an assumption
    kFuzzy,  // the closest name by edit distance: an assumption the reader lists
  };
  Kind kind = Kind::kNone;
  std::string name;  // the VSD's name; empty for kNone
  std::vector<std::string> suggestions;
};

// `written` is the name as QA wrote it, without "Value Set". A fuzzy match is accepted only when
// it is clearly the closest: within a quarter of the name's length (at least 2 edits) and nearer
// than the runner-up; failing that, the one shortest name that holds every word written ("PSA
// TEST" -> "PSA Lab Test", "HOSPICE" -> "Hospice Encounter") is a fuzzy match too.
ValueSetMatch MatchValueSet(std::string_view written, const ValueSetDirectory& vsd);

// For each event that names a value set and pins codes ("5-ARI Medications List: 1/1/MY (NDC
// code: 00054039513)") none of which that set holds in `vsd`, a line for the scenario's attention
// list: the engine, with this VSD, would not count the event the analyst meant.
void CheckPinnedCodes(const std::vector<Fact>& facts, const ValueSetDirectory& vsd,
                      std::vector<std::string>& attention);

}  // namespace hm::testcase
