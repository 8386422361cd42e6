#include "audit/process.h"

#include <pwd.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace hm::audit {

std::string CurrentUser() {
  for (const char* name : {"USER", "LOGNAME"}) {
    if (const char* value = std::getenv(name); value && *value) return value;
  }
  passwd entry{};
  passwd* found = nullptr;
  std::array<char, 4096> buffer{};
  if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found) {
    return found->pw_name;
  }
  return "uid " + std::to_string(getuid());
}

std::string HostName() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "";
  return name.data();
}

std::optional<std::uint64_t> ProcessStartTicks(std::int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!in || !std::getline(in, stat)) return std::nullopt;
  // The command name (field 2) is in parentheses and may itself hold spaces and ')', so fields
  // are counted from the last ')'; it ends field 2, and field 22 is the 20th after it.
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i) {
    if (!(fields >> field)) return std::nullopt;
  }
  char* end = nullptr;
  const unsigned long long ticks = std::strtoull(field.c_str(), &end, 10);
  if (end == field.c_str() || *end != '\0') return std::nullopt;
  return ticks;
}

bool ProcessEnded(std::int64_t pid, std::optional<std::uint64_t> start_ticks) {
  if (pid <= 0) return true;
  if (kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) return true;
  if (!start_ticks) return false;  // alive as far as we can tell
  const std::optional<std::uint64_t> now = ProcessStartTicks(pid);
  // A zombie or a process of another user still has a /proc entry; only a different start time
  // proves that the pid now belongs to someone else.
  return now && *now != *start_ticks;
}

}  // namespace hm::audit
