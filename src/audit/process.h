// Facts about processes that a session records (user, host, pid) and that the recovery of
// interrupted sessions needs (is the process that wrote a marker still running?).
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hm::audit {

// The login name: $USER, else $LOGNAME, else the password database, else "uid <n>".
std::string CurrentUser();

// This machine's host name, or "" if the system does not say.
std::string HostName();

// When process `pid` started, in clock ticks after boot (/proc/<pid>/stat, field 22), or nullopt
// if there is no such process or no /proc. Together with the pid it names one process even after
// the pid is reused.
std::optional<std::uint64_t> ProcessStartTicks(std::int64_t pid);

// True when process `pid` (which started at `start_ticks`, if known) has ended: no process has
// that pid, or the one that has it started at another time (the pid was reused).
bool ProcessEnded(std::int64_t pid, std::optional<std::uint64_t> start_ticks);

}  // namespace hm::audit
