#include "synthesize/code_picker.h"

#include <algorithm>
#include <array>
#include <span>

#include <fmt/format.h>

namespace hm::synthesize {
namespace {

// The order systems are preferred in when the scenario names no table: what a claim carries first.
constexpr std::array kClaimOrder = {
    CodeSystem::kCpt,     CodeSystem::kHcpcs,    CodeSystem::kIcd10Cm,  CodeSystem::kIcd10Pcs,
    CodeSystem::kUbRev,   CodeSystem::kUbTob,    CodeSystem::kCptCatII, CodeSystem::kPos,
    CodeSystem::kCvx,     CodeSystem::kLoinc,    CodeSystem::kSnomedCt, CodeSystem::kNdc,
    CodeSystem::kRxNorm,  CodeSystem::kIcd9Cm,   CodeSystem::kIcd9Pcs,  CodeSystem::kModifier,
    CodeSystem::kHl7};
// With a result value: lab systems first.
constexpr std::array kLabOrder = {
    CodeSystem::kLoinc,   CodeSystem::kCpt,      CodeSystem::kCptCatII, CodeSystem::kSnomedCt,
    CodeSystem::kHcpcs,   CodeSystem::kIcd10Cm,  CodeSystem::kIcd10Pcs, CodeSystem::kUbRev,
    CodeSystem::kUbTob,   CodeSystem::kPos,      CodeSystem::kCvx,      CodeSystem::kNdc,
    CodeSystem::kRxNorm,  CodeSystem::kIcd9Cm,   CodeSystem::kIcd9Pcs,  CodeSystem::kModifier,
    CodeSystem::kHl7};

}  // namespace

CodePicker::CodePicker(const ValueSetDirectory& vsd, const Layout& layout)
    : vsd_(vsd) {
  for (const LayoutTable& table : layout.tables) {
    std::vector<tables::ResolvedColumn> codes;
    for (const LayoutColumn& column : table.columns) {
      Result<tables::ResolvedColumn> resolved = tables::ResolveColumn(table.table, column);
      if (resolved.ok() && resolved->target == tables::Target::kCode) codes.push_back(*resolved);
    }
    code_columns_.emplace_back(table.table, std::move(codes));
  }
}

bool CodePicker::Takes(SourceTable table, CodeSystem system) const {
  for (const auto& [t, columns] : code_columns_) {
    if (t != table) continue;
    for (const tables::ResolvedColumn& c : columns) {
      if (tables::ColumnTakes(c, system)) return true;
    }
  }
  return false;
}

std::optional<SourceTable> CodePicker::TableFor(CodeSystem system, bool has_value) const {
  // A result needs a table with a value column: the lab table, else the EMR table.
  if (has_value) {
    for (SourceTable t : {SourceTable::kLab, SourceTable::kEmr}) {
      if (Takes(t, system)) return t;
    }
  }
  std::optional<SourceTable> preferred;
  switch (system) {
    case CodeSystem::kNdc: preferred = SourceTable::kPharmacy; break;
    case CodeSystem::kLoinc: preferred = SourceTable::kLab; break;
    case CodeSystem::kSnomedCt:
    case CodeSystem::kRxNorm: preferred = SourceTable::kEmr; break;
    case CodeSystem::kCpt: preferred = has_value ? SourceTable::kLab : SourceTable::kVisit; break;
    default: preferred = SourceTable::kVisit; break;
  }
  if (Takes(*preferred, system)) return preferred;
  for (const auto& [table, columns] : code_columns_) {
    if (Takes(table, system)) return table;
  }
  return std::nullopt;
}

Result<PickedCode> CodePicker::Pick(std::string_view value_set, std::optional<SourceTable> table,
                                    bool has_value, const std::vector<std::string>& avoid) const {
  HM_ASSIGN_OR_RETURN(const ValueSet* set, vsd_.Require(value_set));
  const std::span<const ValueSetCode> codes = vsd_.CodesOf(*set);
  std::vector<const ValueSet*> others;
  for (const std::string& name : avoid) {
    const ValueSet* other = vsd_.Find(name);
    if (other != nullptr && other != set) others.push_back(other);
  }
  const auto elsewhere = [&](const ValueSetCode& code) {
    return std::any_of(others.begin(), others.end(),
                       [&](const ValueSet* other) { return vsd_.Contains(*other, code.system, code.code); });
  };
  const auto try_order = [&](const auto& order, bool shared_too) -> std::optional<PickedCode> {
    for (CodeSystem system : order) {
      const std::optional<SourceTable> target = table ? (Takes(*table, system) ? table : std::nullopt)
                                                      : TableFor(system, has_value);
      if (!target) continue;
      for (const ValueSetCode& code : codes) {
        if (code.system == system && (shared_too || !elsewhere(code))) {
          return PickedCode{system, code.code, *target, set->name};
        }
      }
    }
    return std::nullopt;
  };
  const auto& order = has_value ? std::span<const CodeSystem>(kLabOrder) : std::span<const CodeSystem>(kClaimOrder);
  std::optional<PickedCode> picked = try_order(order, false);
  if (!picked && !others.empty()) picked = try_order(order, true);
  if (picked) return *picked;
  std::vector<std::string> systems;
  for (const ValueSetCode& code : codes) {
    const std::string name(CodeSystemName(code.system));
    if (std::find(systems.begin(), systems.end(), name) == systems.end()) systems.push_back(name);
  }
  return Status::InvalidInput(
      fmt::format("value set '{}' has no code that {} takes (its systems: {})", set->name,
                  table ? std::string(SourceTableName(*table)) : std::string("any table of the layout"),
                  systems.empty() ? std::string("none") : fmt::format("{}", fmt::join(systems, ", "))),
      "name another table for the event, or a value set with codes of a system the table takes");
}

}  // namespace hm::synthesize
