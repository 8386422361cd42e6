// Reading a timeline profile's YAML into a TimelineProfile (the public ReadTimelineProfile), on
// the measure reader's checked-field helpers, so that unknown fields, missing ones and wrong
// types are reported the same way: every problem, each with file:line (docs/profiles.md).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "hedis_mockup/abstract.h"
#include "measure/yaml_fields.h"

namespace hm::abstract {

// Cross-field checks (names unique, evidence naming a source, preference covering the kinds),
// after the fields themselves were read. Reports into `ctx`; `at` is the profile's top map.
void CheckProfile(const TimelineProfile& profile, measure::ReadContext& ctx,
                  const YAML::Node& at);

// The `anchor:` map.
AnchorRule ReadAnchor(measure::ReadContext& ctx, const YAML::Node& node);

// True for a plain SQL name: letters, digits and '_' (not first a digit), optionally
// "schema.name". Profiles splice view names and the patient key into SQL, so nothing else
// is allowed there.
bool IsSqlName(std::string_view text);

inline constexpr const char* kProfileHint = "see docs/profiles.md";

// Fields::Require with the profile documentation in the hint (the measure helper names the
// measure language's). Returns whether `key` is present.
inline bool Require(const measure::Fields& f, std::string_view key) {
  if (f.Has(key)) return true;
  if (f.is_map()) {
    f.ctx().Error(f.where(), std::string(f.what()) + " has no field '" + std::string(key) +
                                 "', which it needs",
                  "add '" + std::string(key) + ": ...'; " + kProfileHint);
  }
  return false;
}

}  // namespace hm::abstract
