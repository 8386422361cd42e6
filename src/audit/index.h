// The audit index: a disposable SQLite table of every session's scalar fields (and where its line
// lies in audit.jsonl), so history and statistics over 100,000 sessions are SQL queries instead
// of parsing ~100 MB of JSON each time.
//
// The log stays the source of truth. Before each query the index catches up: it parses only the
// bytes appended since it last looked, in one transaction, and rebuilds from scratch when the log
// was replaced, shrank, or no longer holds the line it last indexed (history rewritten). A state
// row records how far it got (bytes, lines, the last line's offset and hash, the file's identity).
//
// Thread-safety: an Index belongs to one thread at a time. Several processes may share one index
// file: catch-ups are serialized by SQLite's write lock (BEGIN IMMEDIATE) and each re-reads the
// state inside its transaction, so no line is indexed twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/sqlite_util.h"
#include "hedis_mockup/audit.h"

namespace hm::audit {

// Where a session's line lies in the log.
struct IndexedLine {
  std::int64_t line = 0;  // 1-based
  std::uint64_t offset = 0;
  std::uint64_t length = 0;  // without the '\n'
  std::string session_id;
};

struct CatchUpResult {
  bool rebuilt = false;               // the log was rewritten (or the index was new or reset)
  std::int64_t lines_indexed = 0;     // lines read in this catch-up
  std::vector<std::string> warnings;  // a rewritten log, a torn tail
};

class Index {
 public:
  // Opens the index at `db_path` (":memory:" for a private one), creating its tables. A file that
  // is not an index of this version (corrupt, foreign, older schema) is recreated.
  static Result<Index> Open(const std::string& db_path);

  // Brings the index up to date with the log at `log_path` (see the file comment). A missing log
  // is an empty one.
  Result<CatchUpResult> CatchUp(const std::string& log_path);

  // Forgets everything, so that the next CatchUp rebuilds.
  Status Reset();

  // The sessions matching `query` that started at or after `since_epoch` (seconds since 1970
  // UTC), newest start first (ties: later line first).
  Result<std::vector<IndexedLine>> Find(const HistoryQuery& query, std::int64_t since_epoch);

  // Statistics of the sessions that started at or after `since_epoch` (seconds since 1970 UTC)
  // and, unless `user` is empty, whose record names `user`; period_days and warnings are left to
  // the caller.
  Result<Statistics> Aggregate(std::int64_t since_epoch, const std::string& user = {});

  // One message per line of `log_path` skipped as invalid, in line order, at most `keep` and then
  // one saying how many more.
  Result<std::vector<std::string>> SkippedLineWarnings(const std::string& log_path,
                                                       std::size_t keep);

 private:
  explicit Index(Database db) : db_(std::move(db)) {}
  Database db_;
};

// Deletes the index at `db_path` with SQLite's side files (-wal, -shm); errors are ignored, as
// the index is disposable and a failed delete shows up when it is next opened.
void RemoveIndexFiles(const std::string& db_path);

// The key measures are grouped and filtered by: upper-case ASCII, so "psa" and "PSA" are one.
std::string MeasureKey(const std::string& measure);

}  // namespace hm::audit
