#include "check/code_check.h"

#include <fmt/format.h>

namespace hm::check {
namespace {

// Enough for every code of a real VSD in every value set it is in; past it the cache starts over
// rather than grow without bound on codes that are not in any VSD.
constexpr std::size_t kMaxCached = 1 << 20;

}  // namespace

std::optional<CodeProblem> CodeChecker::Check(const ColumnPlan& column,
                                              const render::CodeClaim& claim,
                                              std::string_view code, bool icd9) {
  if (auto problem = CheckColumn(column, claim, code, icd9)) return problem;
  if (vsd_ == nullptr || claim.value_set.empty()) return std::nullopt;
  return CheckValueSet(claim, code);
}

std::optional<CodeProblem> CodeChecker::CheckColumn(const ColumnPlan& column,
                                                    const render::CodeClaim& claim,
                                                    std::string_view code, bool icd9) const {
  const std::string_view claimed = CodeSystemName(claim.system);
  if (!column.code) {
    return CodeProblem{"code.system",
                       fmt::format("{} takes no codes, but the row puts {} code {} there; write "
                                   "it in a column that maps to code:{}",
                                   column.name, claimed, code, claimed)};
  }
  if (!TakesSystem(column, claim.system)) {
    return CodeProblem{"code.system",
                       fmt::format("{} takes {} codes, not {} ({}); write it in a {} column",
                                   column.name, SystemsTaken(column), claimed, code, claimed)};
  }
  const CodeSystem read_as = SystemAsRead(column, code, icd9);
  if (read_as != claim.system) {
    return CodeProblem{"code.system",
                       fmt::format("{} in {} is read as {}, not {} as claimed; {}", code,
                                   column.name, CodeSystemName(read_as), claimed,
                                   column.code_rule == tables::CodeRule::kCptByShape
                                       ? "write it in the column of its system"
                                       : "set ICD_FORMAT to match the code")};
  }
  return std::nullopt;
}

std::optional<CodeProblem> CodeChecker::CheckValueSet(const render::CodeClaim& claim,
                                                      std::string_view code) {
  const ValueSet* set = FindValueSet(claim.value_set);
  if (set == nullptr) {
    return CodeProblem{"code.value_set",
                       fmt::format("the VSD has no value set named '{}' (code {}); use the VSD "
                                   "the mockup was generated with",
                                   claim.value_set, code)};
  }
  if (Contains(*set, claim.system, code)) return std::nullopt;
  // Rare, so the slow look-up over every system is fine: it tells a wrong system from a wrong set.
  for (const ValueSetCode* row : vsd_->Lookup(code)) {
    if (&vsd_->value_sets()[row->value_set] != set) continue;
    return CodeProblem{"code.system",
                       fmt::format("{} is in '{}' as {}, not {}; claim {} (and write it in a {} "
                                   "column)",
                                   code, set->name, CodeSystemName(row->system),
                                   CodeSystemName(claim.system), CodeSystemName(row->system),
                                   CodeSystemName(row->system))};
  }
  return CodeProblem{"code.value_set",
                     fmt::format("{} code {} is not in the value set '{}'; pick one of the set's "
                                 "codes from the VSD",
                                 CodeSystemName(claim.system), code, set->name)};
}

const ValueSet* CodeChecker::FindValueSet(std::string_view name) {
  if (auto it = value_sets_.find(name); it != value_sets_.end()) return it->second;
  if (value_sets_.size() >= kMaxCached) value_sets_.clear();
  const ValueSet* set = vsd_->Find(name);
  value_sets_.emplace(std::string(name), set);
  return set;
}

bool CodeChecker::Contains(const ValueSet& set, CodeSystem system, std::string_view code) {
  key_.clear();
  fmt::format_to(std::back_inserter(key_), "{}\x1f{}\x1f{}",
                 &set - vsd_->value_sets().data(), static_cast<int>(system), code);
  if (auto it = contains_.find(std::string_view(key_)); it != contains_.end()) return it->second;
  if (contains_.size() >= kMaxCached) contains_.clear();
  const bool contained = vsd_->Contains(set, system, code);
  contains_.emplace(key_, contained);
  return contained;
}

}  // namespace hm::check
