#include "audit/index.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>

#include "audit/clock.h"
#include "audit/log_file.h"
#include "util/files.h"

namespace hm::audit {
namespace {

// 2: sessions.user, for per-user statistics. An older index is dropped and rebuilt from the log.
constexpr int kSchemaVersion = 2;
constexpr int kBusyTimeoutMs = 60'000;  // another process may be rebuilding a large index

constexpr const char* kSchema = R"sql(
  CREATE TABLE IF NOT EXISTS state(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_bytes INTEGER NOT NULL, indexed_lines INTEGER NOT NULL,
    last_line_offset INTEGER NOT NULL, last_line_hash TEXT NOT NULL,
    device INTEGER NOT NULL, inode INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sessions(
    line INTEGER PRIMARY KEY, offset INTEGER NOT NULL, length INTEGER NOT NULL,
    session_id TEXT NOT NULL, measure_key TEXT, status TEXT NOT NULL,
    start_epoch INTEGER NOT NULL, duration REAL NOT NULL, members INTEGER NOT NULL, user TEXT);
  -- Covering index: statistics over a time window (one user's or everyone's) read only this index.
  CREATE INDEX IF NOT EXISTS sessions_by_start
    ON sessions(start_epoch, measure_key, status, duration, members, user);
  CREATE TABLE IF NOT EXISTS skipped(line INTEGER PRIMARY KEY, reason TEXT NOT NULL);
)sql";

constexpr const char* kDropAll =
    "DROP TABLE IF EXISTS state; DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS skipped;";

// How far the index has read the log.
struct IndexState {
  std::uint64_t indexed_bytes = 0;  // the log's bytes [0, indexed_bytes) are indexed
  std::int64_t indexed_lines = 0;
  std::uint64_t last_line_offset = 0;
  std::string last_line_hash;  // SHA-256 of the last indexed line, valid or not
  std::int64_t device = 0;
  std::int64_t inode = 0;
};

struct LogFile {
  UniqueFd fd;
  std::uint64_t size = 0;
  std::int64_t device = 0;
  std::int64_t inode = 0;
};

// Rolls back unless committed, so that an error midway leaves the index as it was.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db) {
    HM_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    return Transaction(db);
  }
  Transaction(Transaction&& other) noexcept
      : db_(other.db_), open_(std::exchange(other.open_, false)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (open_) (void)db_.Exec("ROLLBACK");
  }
  Status Commit() {
    Status committed = db_.Exec("COMMIT");
    if (committed.ok()) open_ = false;  // otherwise the destructor rolls back
    return committed;
  }

 private:
  explicit Transaction(Database& db) : db_(db) {}
  Database& db_;
  bool open_ = true;
};

Status CreateSchema(Database& db) {
  HM_ASSIGN_OR_RETURN(Statement version, db.Prepare("PRAGMA user_version"));
  HM_ASSIGN_OR_RETURN(bool has_row, version.Step());
  const std::int64_t found = has_row ? version.Int(0) : 0;
  if (found != 0 && found != kSchemaVersion) HM_RETURN_IF_ERROR(db.Exec(kDropAll));
  HM_RETURN_IF_ERROR(db.Exec(kSchema));
  return db.Exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str());
}

Result<Database> OpenAndPrepare(const std::string& db_path) {
  HM_ASSIGN_OR_RETURN(Database db, Database::Open(db_path, kBusyTimeoutMs));
  // WAL lets queries read while another process catches up; NORMAL sync cannot corrupt a WAL
  // database, only lose the last transactions, which the next catch-up redoes.
  HM_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"));
  HM_RETURN_IF_ERROR(CreateSchema(db));
  return db;
}

Result<IndexState> ReadState(Database& db) {
  HM_ASSIGN_OR_RETURN(Statement select,
                      db.Prepare("SELECT indexed_bytes, indexed_lines, last_line_offset, "
                                 "last_line_hash, device, inode FROM state WHERE id = 1"));
  HM_ASSIGN_OR_RETURN(bool found, select.Step());
  IndexState state;
  if (!found) return state;
  state.indexed_bytes = static_cast<std::uint64_t>(select.Int(0));
  state.indexed_lines = select.Int(1);
  state.last_line_offset = static_cast<std::uint64_t>(select.Int(2));
  state.last_line_hash = select.Text(3);
  state.device = select.Int(4);
  state.inode = select.Int(5);
  return state;
}

Status WriteState(Database& db, const IndexState& state) {
  HM_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT OR REPLACE INTO state VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)"));
  upsert.Bind(1, static_cast<std::int64_t>(state.indexed_bytes))
      .Bind(2, state.indexed_lines)
      .Bind(3, static_cast<std::int64_t>(state.last_line_offset))
      .Bind(4, state.last_line_hash)
      .Bind(5, state.device)
      .Bind(6, state.inode);
  return upsert.Run();
}

Status ClearTables(Database& db) {
  return db.Exec("DELETE FROM sessions; DELETE FROM skipped; DELETE FROM state");
}

Result<LogFile> OpenLog(const std::string& log_path) {
  HM_ASSIGN_OR_RETURN(UniqueFd fd, OpenForReading(log_path));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return Status::IoError("cannot stat").InFile(log_path);
  return LogFile{std::move(fd), static_cast<std::uint64_t>(info.st_size),
                 static_cast<std::int64_t>(info.st_dev), static_cast<std::int64_t>(info.st_ino)};
}

// Whether the log is no longer the one indexed so far: another file, shorter, or the last indexed
// line changed. Edits further back that keep the size are not seen here; `audit verify` sees them.
Result<bool> Rewritten(const LogFile& log, const IndexState& state, const std::string& path) {
  if (state.indexed_bytes == 0) return false;
  if (log.device != state.device || log.inode != state.inode) return true;
  if (log.size < state.indexed_bytes) return true;
  const std::uint64_t length = state.indexed_bytes - 1 - state.last_line_offset;
  HM_ASSIGN_OR_RETURN(std::string line, ReadAt(log.fd.get(), state.last_line_offset,
                                               static_cast<std::size_t>(length), path));
  return util::Sha256Hex(line) != state.last_line_hash;
}

// Parses and inserts every complete line after state.indexed_bytes; advances `state`.
Result<LineScan> IndexNewLines(Database& db, const LogFile& log, const std::string& path,
                               IndexState& state) {
  HM_ASSIGN_OR_RETURN(Statement insert_session,
                      db.Prepare("INSERT INTO sessions VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"));
  HM_ASSIGN_OR_RETURN(Statement insert_skipped, db.Prepare("INSERT INTO skipped VALUES (?1,?2)"));
  std::uint64_t last_offset = state.last_line_offset;
  auto visit = [&](std::string_view line, std::uint64_t offset) -> Status {
    const std::int64_t number = ++state.indexed_lines;
    last_offset = offset;
    Result<SessionRecord> record = RecordFromJson(line);
    if (!record.ok()) {
      return insert_skipped.Bind(1, number).Bind(2, record.status().message()).Run();
    }
    const std::string key = MeasureKey(record->measure);
    insert_session.Bind(1, number)
        .Bind(2, static_cast<std::int64_t>(offset))
        .Bind(3, static_cast<std::int64_t>(line.size()))
        .Bind(4, record->session_id);
    if (key.empty())
      insert_session.BindNull(5);
    else
      insert_session.Bind(5, key);
    insert_session.Bind(6, record->status)
        .Bind(7, *ParseUtcSeconds(record->timestamp_start))
        .Bind(8, record->duration_seconds)
        .Bind(9, record->members_generated);
    if (record->user.empty())
      insert_session.BindNull(10);
    else
      insert_session.Bind(10, record->user);
    return insert_session.Run();
  };
  HM_ASSIGN_OR_RETURN(LineScan scan, ScanLines(log.fd.get(), state.indexed_bytes, path, visit));
  if (scan.end > state.indexed_bytes) {
    HM_ASSIGN_OR_RETURN(std::string last,
                        ReadAt(log.fd.get(), last_offset,
                               static_cast<std::size_t>(scan.end - 1 - last_offset), path));
    state.last_line_offset = last_offset;
    state.last_line_hash = util::Sha256Hex(last);
    state.indexed_bytes = scan.end;
  }
  return scan;
}

std::string RewrittenWarning(const std::string& log_path) {
  return fmt::format(
      "{}: changed since it was last read (replaced, shortened or edited); the index was rebuilt. "
      "Run `hedis-mockup audit verify` to check the history",
      log_path);
}

std::string TornTailWarning(const std::string& log_path, std::int64_t line) {
  return fmt::format(
      "{}: line {}: incomplete last line (no end of line: torn by a crash, or written by another "
      "tool); skipped",
      log_path, line);
}

}  // namespace

void RemoveIndexFiles(const std::string& db_path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(db_path + suffix, ignored);
  }
}

std::string MeasureKey(const std::string& measure) {
  std::string key = measure;
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

Result<Index> Index::Open(const std::string& db_path) {
  Result<Database> db = OpenAndPrepare(db_path);
  if (db.ok()) return Index(std::move(db).value());
  // Disposable by design: whatever is there (corrupt, foreign) is replaced, and a second failure
  // (no permission, say) is the caller's to handle.
  RemoveIndexFiles(db_path);
  HM_ASSIGN_OR_RETURN(Database fresh, OpenAndPrepare(db_path));
  return Index(std::move(fresh));
}

Status Index::Reset() { return ClearTables(db_); }

Result<CatchUpResult> Index::CatchUp(const std::string& log_path) {
  CatchUpResult result;
  Result<LogFile> opened = OpenLog(log_path);
  if (!opened.ok() && opened.status().code() != StatusCode::kNotFound) {
    return std::move(opened).TakeStatus();
  }
  HM_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db_));
  HM_ASSIGN_OR_RETURN(IndexState state, ReadState(db_));
  if (!opened.ok()) {  // no log: an empty history
    if (state.indexed_bytes > 0) HM_RETURN_IF_ERROR(ClearTables(db_));
    HM_RETURN_IF_ERROR(transaction.Commit());
    return result;
  }
  const LogFile& log = *opened;
  HM_ASSIGN_OR_RETURN(bool rewritten, Rewritten(log, state, log_path));
  if (rewritten) result.warnings.push_back(RewrittenWarning(log_path));
  if (rewritten || state.indexed_bytes == 0) {
    HM_RETURN_IF_ERROR(ClearTables(db_));
    state = IndexState{};
    result.rebuilt = true;
  }
  state.device = log.device;
  state.inode = log.inode;
  const std::int64_t lines_before = state.indexed_lines;
  HM_ASSIGN_OR_RETURN(LineScan scan, IndexNewLines(db_, log, log_path, state));
  HM_RETURN_IF_ERROR(WriteState(db_, state));
  HM_RETURN_IF_ERROR(transaction.Commit());
  result.lines_indexed = state.indexed_lines - lines_before;
  if (scan.tail_bytes > 0 && TailIsTorn(log.fd.get(), scan.end + scan.tail_bytes)) {
    result.warnings.push_back(TornTailWarning(log_path, state.indexed_lines + 1));
  }
  return result;
}

}  // namespace hm::audit
