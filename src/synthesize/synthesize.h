// Synthesis: one scenario's facts, and the measure's definition for what the scenario leaves
// unsaid, become one member timeline that realises every stated fact and nothing that would change
// another flag. The rules, in order (docs/synthesis.md says the same for QA):
//
//   birth date   a stated birth date; else the stated age as of its date (the birthday falls on
//                that date, so "70 as of 12/31/MY" is born 12/31 seventy years before); else the
//                middle of a stated age range, else of the measure's ages, as of the measure's date
//   sex          stated, else the measure's, else F
//   enrollment   the stated spans (their dates, product ids, plans, coverage, benefits, columns);
//                else one span over every continuous-enrollment period and the anchor date, in
//                the stated or the measure's first product line, with the benefits the measure
//                requires. Stated gaps are cut from the last CE period (Apr 1, then Sep 1, ...);
//                "not continuously enrolled" cuts one gap one day longer than allowed; "not
//                enrolled on D" cuts that day
//   events       each stated event on each stated date (a count beyond the dates: spaced after the
//                first), with the pinned code or a code of the named value set in a code system
//                the target table takes; supplemental and denied when stated, other columns as
//                stated
//   defaults     the denominator's events when no stated event gives them and the scenario does
//                not expect ED=0; a numerator's events when the scenario expects it met (NUM=1,
//                NE=1, "numerator compliant") and no stated event gives them
//
// Thread-safety: Synthesize is reentrant; the inputs are read only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/timeline.h"
#include "hedis_mockup/value_sets.h"

namespace hm::synthesize {

class CodePicker;

struct SynthesisInputs {
  const CompiledMeasure* measure = nullptr;  // required
  const ValueSetDirectory* vsd = nullptr;    // required: codes are picked from it
  const Layout* layout = nullptr;            // required: tables, code columns and FILE_IDs
  int measurement_year = 0;
  // Built once per run by the caller (it resolves the layout's code columns); null: one per
  // member.
  const CodePicker* picker = nullptr;
};

struct SynthesizedMember {
  MemberTimeline timeline;
  // The value set each event's code was picked from (or pinned for), parallel to the events.
  std::vector<std::string> event_value_sets;
  SourceTable death_table = SourceTable::kMember;  // where the death is recorded
  // What came from the measure rather than the scenario, in words ("enrollment: 01/01/2026 to
  // 12/31/2026, product 11, from the measure's CE period").
  std::vector<std::string> defaults;
};

// Builds the member for `scenario` with MEM_NBR `member_id` (unique in the run), claim ids
// numbered from `claim_base`. Filler (names, addresses) is added separately (filler.h).
// Errors (kInvalidInput, naming the scenario's sheet and row): a value set the VSD does not have,
// an age that contradicts a stated birth date, a code system no table of the layout takes, a
// monthly membership row without a run date.
Result<SynthesizedMember> Synthesize(const Scenario& scenario, const std::string& member_id,
                                     std::uint64_t claim_base, const SynthesisInputs& inputs);

// "sheet 'PSA' row 12" for messages.
std::string WhereIs(const Scenario& scenario);

}  // namespace hm::synthesize
