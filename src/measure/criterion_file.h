// Reading the parts of a measure file that describe *when* and *what*: criteria (event,
// most_recent, all_of, any_of, not, ref, age), windows and their ends, and value tests. The
// grammar is in docs/measure-language.md; measure_file.cc reads the rest of the file.
//
// Dates are checked at load, against a fixed measurement year, so that a bad date or a window that
// ends before it starts fails when the file is read rather than when a measure is evaluated.
//
// Thread-safety: pure functions over one ReadContext.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "measure/definition.h"
#include "measure/yaml_fields.h"

namespace hm::measure {

// The keys that name a criterion's kind; a criterion map has exactly one of them.
inline const std::vector<std::string_view> kCriterionKinds = {
    "event", "most_recent", "all_of", "any_of", "not", "ref", "age", "monthly"};

// Criteria may nest this deep (all_of inside any_of inside not ...). Real measures use 3 or 4.
inline constexpr int kMaxCriterionDepth = 32;

// The criterion that `fields` holds under one of kCriterionKinds, for maps that carry other
// fields too (a numerator, an exclusion). std::nullopt when there is none, and when it is wrong
// (reported, as are two kinds in one map).
std::optional<Criterion> ReadCriterionIn(const Fields& fields, int depth);

// A map that is only a criterion: exactly one of kCriterionKinds (reported otherwise).
std::optional<Criterion> ReadCriterion(ReadContext& ctx, const YAML::Node& node,
                                       const std::string& what, int depth);

// An age range as of a date: the measure's `age` and the `age` criterion.
struct AgeRange {
  std::string as_of = "12/31/MY";
  int min = 0, max = 200;
};
// Reads {as_of, min, max}; each is optional, but a criterion (`need_bound`) needs min or max.
std::optional<AgeRange> ReadAgeRange(ReadContext& ctx, const YAML::Node& node,
                                     const std::string& what, bool need_bound);

// A window: MY, prior_year, or {from: END, to: END}. Reports a window that ends before it starts.
std::optional<WindowSpec> ReadWindow(ReadContext& ctx, const YAML::Node& node,
                                     const std::string& what);

// The `from` and `to` fields of `fields` as a window (an enrollment period's ends). Both are
// required; reports a window that ends before it starts.
std::optional<WindowSpec> ReadWindowEnds(const Fields& fields);

// Whether `fields` has one of kCriterionKinds (read or not, right or wrong).
bool HasCriterion(const Fields& fields);

// One end of a window: a date relative to the MY ("1/1/MY-1"), earliest, latest, or "birthday N"
// with an optional "- K days" / "+ K days".
Result<WindowEnd> ParseWindowEnd(std::string_view text);

// A date expression that must depend on the MY ("12/31/MY", not "2026-12-31").
Status CheckMyDate(std::string_view text);

// "< N", "<= N", "> N", ">= N" or "= N".
Result<ValueTest> ParseValueTest(std::string_view text);

// OK unless `window` provably ends before it starts (dates at a fixed MY; birthday N to birthday
// M with M < N; earliest as an end, latest as a start).
Status CheckWindowOrder(const WindowSpec& window);

}  // namespace hm::measure
