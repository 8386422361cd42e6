// The check of one CodeClaim: the code written in a cell is in the value set the row claims, in
// the claimed code system, and sits in a column that takes that system and that the table reader
// will read in that system (a "G0103" in CPT_1 is read as HCPCS, whatever the claim says).
//
// Value-set look-ups are cached (by name, and by value set, system and code), so a run of
// 1,000,000 members that draws from a few hundred codes looks each up once.
//
// Thread-safety: a CodeChecker holds caches; use one per thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "check/sheet_plan.h"
#include "hedis_mockup/value_sets.h"
#include "render/table_writer.h"

namespace hm::check {

struct CodeProblem {
  const char* check;     // "code.system" or "code.value_set"
  std::string message;   // what is wrong and what to do
};

class CodeChecker {
 public:
  // `vsd` may be null: only the column and system checks run. Must outlive the checker.
  explicit CodeChecker(const ValueSetDirectory* vsd) : vsd_(vsd) {}

  // The first problem with `claim`, whose code `code` (not empty) is written in `column`; `icd9`
  // is the row's ICD_FORMAT verdict. nullopt when the claim holds.
  std::optional<CodeProblem> Check(const ColumnPlan& column, const render::CodeClaim& claim,
                                   std::string_view code, bool icd9);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename T>
  using Cache = std::unordered_map<std::string, T, Hash, std::equal_to<>>;

  std::optional<CodeProblem> CheckColumn(const ColumnPlan& column, const render::CodeClaim& claim,
                                         std::string_view code, bool icd9) const;
  std::optional<CodeProblem> CheckValueSet(const render::CodeClaim& claim, std::string_view code);
  const ValueSet* FindValueSet(std::string_view name);
  bool Contains(const ValueSet& set, CodeSystem system, std::string_view code);

  const ValueSetDirectory* vsd_;
  Cache<const ValueSet*> value_sets_;
  Cache<bool> contains_;
  std::string key_;  // reused, so a cache hit allocates nothing
};

}  // namespace hm::check
