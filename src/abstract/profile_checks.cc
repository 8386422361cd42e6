// CheckProfile: what no single field shows — unique source names, evidence that names a source
// and a kind of the preference order, and a recognition rule for evidence that needs one.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "abstract/profile_file.h"

namespace hm::abstract {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void CheckSources(const TimelineProfile& profile, measure::ReadContext& ctx,
                  const YAML::Node& at) {
  if (profile.sources.empty()) {
    ctx.Error(at, "the profile has no sources", "list the views under 'sources:'");
  }
  std::set<std::string> names;
  for (const ProfileSource& source : profile.sources) {
    if (!IsSqlName(source.name) || source.name.find('.') != std::string::npos) {
      ctx.Error(at, fmt::format("source name '{}' is not a word", source.name),
                "name sources with letters, digits and '_'");
    } else if (!names.insert(source.name).second) {
      ctx.Error(at, fmt::format("two sources are called '{}'", source.name),
                "give each source its own name");
    }
  }
}

void CheckEvidence(const TimelineProfile& profile, measure::ReadContext& ctx,
                   const YAML::Node& at) {
  const AnchorRule& anchor = profile.anchor;
  bool needs_recognition = false;
  for (const EvidenceRule& rule : anchor.evidence) {
    if (profile.Find(rule.source) == nullptr) {
      ctx.Error(at, fmt::format("evidence of kind '{}' names source '{}', which the profile "
                                "does not have",
                                rule.kind, rule.source),
                kProfileHint);
    }
    if (!Contains(anchor.preference, rule.kind)) {
      ctx.Error(at, fmt::format("evidence kind '{}' is not in the anchor's preference order",
                                rule.kind),
                "add it to 'preference:' where it ranks");
    }
    needs_recognition = needs_recognition || !rule.match_any;
  }
  for (const std::string& kind : anchor.preference) {
    const bool used = std::any_of(anchor.evidence.begin(), anchor.evidence.end(),
                                  [&](const EvidenceRule& r) { return r.kind == kind; });
    if (!used) {
      ctx.Error(at, fmt::format("preference names kind '{}', which no evidence has", kind),
                "add evidence of that kind, or remove it from 'preference:'");
    }
  }
  if (needs_recognition && anchor.code_prefixes.empty() && anchor.name_keywords.empty()) {
    ctx.Error(at, "the anchor recognises diagnoses but has no 'code_prefixes' or "
                  "'name_keywords'",
              "list the diagnosis codes' prefixes (C71) or name keywords (glioma)");
  }
}

}  // namespace

void CheckProfile(const TimelineProfile& profile, measure::ReadContext& ctx,
                  const YAML::Node& at) {
  CheckSources(profile, ctx, at);
  CheckEvidence(profile, ctx, at);
}

}  // namespace hm::abstract
