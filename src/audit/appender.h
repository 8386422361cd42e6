// Appending one record to audit.jsonl, atomically across threads and processes.
//
// Under an exclusive flock on the log: find the last record line (reading backwards, so the cost
// does not grow with the log), chain to it with prev_hash, close a torn tail with '\n', and write
// the line with one write() on an O_APPEND descriptor. A failed write is cut back, so this code
// never leaves a torn line of its own.
//
// Thread-safety: thread-safe (each call opens and locks its own descriptor).
#pragma once

#include <string>

#include "hedis_mockup/audit.h"

namespace hm::audit {

// Appends `record` to the log at `log_path` (created if missing), setting its prev_hash. With
// `sync`, the data reaches the disk before returning. On success `record` holds what was written.
Status AppendRecord(const std::string& log_path, SessionRecord& record, bool sync);

// SHA-256 of the last record line that ends at or before byte `end` of the open log (a line that
// RecordFromJson accepts; torn and foreign lines are stepped over), or 64 zeros if there is none.
Result<std::string> LastRecordHash(int fd, std::uint64_t end, const std::string& path);

}  // namespace hm::audit
