// Markers of sessions in progress (running/<session_id>.json), and the recovery of sessions whose
// process died without finishing: a killed process cannot write its own record, so the next
// AuditLog::Open on the same host writes it, as failed, from the marker.
//
// A marker is the session record so far plus the process's start time, written atomically
// (temporary name, then rename) whenever the session learns a file or an event.
//
// Recovery claims a marker by renaming it to <name>.claimed.<pid> before appending, so that two
// processes recovering at once record it once. A claim whose process died too is taken over after
// checking the log for the session, so a crash during recovery neither loses nor doubles it.
//
// Thread-safety: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/audit_log_impl.h"
#include "hedis_mockup/audit.h"

namespace hm::audit {

std::string MarkerPath(const std::string& running_dir, const std::string& session_id);

// Writes the marker for `record`, whose process started at `start_ticks` (see process.h).
Status WriteMarker(const std::string& path, const SessionRecord& record,
                   std::optional<std::uint64_t> start_ticks);

// The error recorded for a session recovered from its marker.
inline constexpr std::string_view kInterruptedError =
    "interrupted: the process ended before finishing";

// Records every marker in impl.running_dir left by an ended process of this host (see above).
Status RecoverMarkers(const AuditLog::Impl& impl);

}  // namespace hm::audit
