// Picking a code for an event from the named value set, in a code system the target table takes.
// Deterministic and independent of the seed: the same value set and table give the same code
// (the first of the preferred system in the VSD's order), so a mockup changes only when its inputs
// do.
//
// Thread-safety: immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/value_sets.h"
#include "tables/targets.h"

namespace hm::synthesize {

struct PickedCode {
  CodeSystem system = CodeSystem::kCpt;
  std::string code;       // as the VSD writes it ("Z90.13")
  SourceTable table = SourceTable::kVisit;
  std::string value_set;  // the VSD's name
};

class CodePicker {
 public:
  CodePicker(const ValueSetDirectory& vsd, const Layout& layout);

  // A code of `value_set` for an event in `table` (none: the table that suits the code best). With
  // `has_value` (a result), lab systems come first (LOINC, then CPT on LAB_IN). A code in none of
  // the value sets named in `avoid` (other than `value_set` itself) comes before one in some of
  // them: a code in two sets of the measure would meet a criterion the scenario does not state
  // (G0447 is both nutrition and physical activity counseling).
  // Errors: kNotFound when the VSD has no such value set (with suggestions); kInvalidInput when
  // none of its codes is in a system the layout's tables (or `table`) take.
  Result<PickedCode> Pick(std::string_view value_set, std::optional<SourceTable> table, bool has_value,
                          const std::vector<std::string>& avoid = {}) const;

  // The table for a code of `system`: RX_IN for NDC, LAB_IN for LOINC (and for CPT with a
  // value), EMR_IN for SNOMED and RxNorm, VISIT_IN for the claim systems; else the first table of
  // the layout that takes it. nullopt when no table does.
  std::optional<SourceTable> TableFor(CodeSystem system, bool has_value) const;

  // Whether `table` has a column that takes codes of `system`.
  bool Takes(SourceTable table, CodeSystem system) const;

 private:
  const ValueSetDirectory& vsd_;
  // Per layout table: its code columns, resolved.
  std::vector<std::pair<SourceTable, std::vector<tables::ResolvedColumn>>> code_columns_;
};

}  // namespace hm::synthesize
