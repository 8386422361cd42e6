// Shared helpers of the audit tests: records with chosen facts, the log's lines, fork helpers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "hedis_mockup/audit.h"
#include "testing/temp_dir.h"

namespace hm::audit::testutil {

// Options for a log in `dir`/audit, without fsync (tests do not need power-cut safety).
AuditOptions TestOptions(const hm::testing::TempDir& dir);

// A valid record with the given facts; the other fields have plausible values.
SessionRecord MakeRecord(const std::string& session_id, const std::string& measure = "PSA",
                         const std::string& start = "2026-02-07T17:45:30Z", double duration = 1.5,
                         const std::string& status = "success", std::int64_t members = 0);

// The log's lines, without their '\n' (a torn tail is the last element).
std::vector<std::string> ReadLines(const std::string& path);

// Writes `lines`, each followed by '\n', over the file at `path`.
void WriteLines(const std::string& path, const std::vector<std::string>& lines);

// Runs `child` in a forked process and returns its exit status (0 on success). The child exits
// with _exit, so no test framework state runs twice.
int RunInChild(const std::function<int()>& child);

}  // namespace hm::audit::testutil
