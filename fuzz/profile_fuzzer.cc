// libFuzzer target for the timeline-profile reader (YAML through yaml-cpp into a
// TimelineProfile). Profiles are written by users, so any bytes must give a profile or an error
// with a message, never a crash, a hang or a thrown exception. A profile that loads must keep
// what the reader promises: a name, a patient key, sources, each evidence rule naming a source
// of the profile and a kind of the preference order.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hedis_mockup/abstract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const hm::Result<hm::TimelineProfile> profile = hm::ReadTimelineProfile(text, "fuzz.yaml");
  if (!profile.ok()) {
    if (profile.status().message().empty()) std::abort();
    return 0;
  }
  if (profile->name.empty() || profile->patient_key.empty() || profile->sources.empty()) {
    std::abort();
  }
  const auto& preference = profile->anchor.preference;
  for (const hm::EvidenceRule& rule : profile->anchor.evidence) {
    if (profile->Find(rule.source) == nullptr) std::abort();
    if (std::find(preference.begin(), preference.end(), rule.kind) == preference.end()) {
      std::abort();
    }
  }
  return 0;
}
