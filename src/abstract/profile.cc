// Finding a profile: shipped by name, or a file; and the small accessors of TimelineProfile.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "abstract/shipped_profiles.h"
#include "hedis_mockup/abstract.h"
#include "util/files.h"

namespace hm {
namespace {

// A profile is a few kilobytes; anything far larger is the wrong file, refused before reading.
constexpr std::uintmax_t kMaxProfileBytes = 1 << 20;

}  // namespace

const ProfileSource* TimelineProfile::Find(std::string_view source_name) const {
  for (const ProfileSource& source : sources) {
    if (source.name == source_name) return &source;
  }
  return nullptr;
}

std::vector<std::string> ShippedProfileNames() {
  std::vector<std::string> names;
  for (const abstract::ShippedProfile& p : abstract::kShippedProfiles) names.emplace_back(p.name);
  return names;
}

Result<TimelineProfile> LoadTimelineProfile(const std::string& name_or_path) {
  for (const abstract::ShippedProfile& p : abstract::kShippedProfiles) {
    if (p.name == name_or_path) {
      return ReadTimelineProfile(p.text, fmt::format("profiles/{}.yaml", p.name));
    }
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(name_or_path, error)) {
    return Status::NotFound(
        fmt::format("no profile '{}': neither a shipped profile nor a file", name_or_path),
        fmt::format("use one of {} or the path of a profile file",
                    fmt::join(ShippedProfileNames(), ", ")));
  }
  if (std::filesystem::file_size(name_or_path, error) > kMaxProfileBytes) {
    return Status::LimitExceeded("the profile is larger than 1 MiB",
                                 "a profile is a few kilobytes; is this the right file?")
        .InFile(name_or_path);
  }
  HM_ASSIGN_OR_RETURN(const std::string text, util::ReadFile(name_or_path));
  return ReadTimelineProfile(text, name_or_path);
}

}  // namespace hm
