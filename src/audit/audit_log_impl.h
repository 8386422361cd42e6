// The state an AuditLog and its copies share, for the parts of the audit module that implement
// AuditLog's methods in separate files (sessions and markers, export).
//
// Thread-safety: the paths and options are immutable after Open; `mutex` guards `index`.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audit/index.h"
#include "hedis_mockup/audit.h"

namespace hm::audit {

struct AuditLog::Impl {
  AuditOptions options;     // dir and tool_version resolved
  std::string log_path;     // dir/audit.jsonl
  std::string index_path;   // dir/index.sqlite
  std::string running_dir;  // dir/running

  std::mutex mutex;
  std::optional<Index> index;  // opened on the first query

  // The index, caught up with the log; appends the catch-up's and skipped lines' warnings.
  // REQUIRES: mutex held.
  Result<Index*> CaughtUpIndex(std::vector<std::string>& warnings);

  // The records matching `query` that started at or after `since_epoch`, read from the log at the
  // offsets the index gives. REQUIRES: mutex held.
  Result<HistoryResult> ReadSessions(const HistoryQuery& query, std::int64_t since_epoch);
};

using SessionVisitor = std::function<Status(const SessionRecord&)>;

// Reads the records at `lines` from the log at `log_path`, one at a time, and gives each to
// `visit` (so memory does not grow with the history). False, having stopped, if a line no longer
// holds the session the index expects: the log changed under the index. `visit`'s errors are
// returned as they are.
Result<bool> VisitIndexedLines(const std::string& log_path, const std::vector<IndexedLine>& lines,
                               const SessionVisitor& visit);

inline constexpr std::int64_t kAllTime = std::numeric_limits<std::int64_t>::min();

}  // namespace hm::audit
