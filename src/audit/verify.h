// Verification of the hash chain of audit.jsonl (`hedis-mockup audit verify`).
//
// Each record carries the SHA-256 of the previous record line's exact bytes. Walking the log,
// a record whose prev_hash differs from the hash of the record line before it is a broken link:
// that earlier line was edited, or lines between them were removed or inserted. Lines that are not
// records (a torn tail, another tool's output) are reported as invalid and stepped over, as every
// reader and the appender step over them, so they are warnings, not tampering.
//
// Thread-safety: thread-safe; reads without locking (see log_file.h).
#pragma once

#include <string>

#include "hedis_mockup/audit.h"

namespace hm::audit {

// Walks the log at `log_path`; a missing log is an intact, empty one.
Result<VerifyReport> VerifyLog(const std::string& log_path);

}  // namespace hm::audit
