#include "render/sqlite_table_writer.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <span>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/files.h"

namespace hm::render {
namespace {

namespace fs = std::filesystem;


// "name" with inner quotes doubled: any sheet or column name is a valid identifier then.
std::string Quoted(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

std::string CreateTableSql(const SheetSpec& sheet) {
  std::string sql = "CREATE TABLE " + Quoted(sheet.name) + " (";
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    if (c > 0) sql += ", ";
    sql += Quoted(sheet.columns[c]) + " TEXT";
  }
  return sql + ")";
}

// The insert of the columns in `filled` (indexes into sheet.columns); the others get NULL.
std::string InsertSql(const SheetSpec& sheet, const std::vector<std::size_t>& filled) {
  if (filled.empty()) return "INSERT INTO " + Quoted(sheet.name) + " DEFAULT VALUES";
  std::string sql = "INSERT INTO " + Quoted(sheet.name) + " (";
  for (std::size_t i = 0; i < filled.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += Quoted(sheet.columns[filled[i]]);
  }
  sql += ") VALUES (";
  for (std::size_t i = 0; i < filled.size(); ++i) sql += i > 0 ? ",?" : "?";
  return sql + ")";
}

// Rows are mostly empty (a dozen of VISIT_IN's 145 columns), and binding and copying every NULL
// cost more than the insert itself. So a table keeps one prepared insert per set of filled
// columns, which names only those: a run makes few distinct sets (one per kind of row).
struct Table {
  static constexpr std::size_t kMaxInserts = 64;  // then the cache starts again

  SheetSpec spec;
  std::unordered_map<std::string, sqlite3_stmt*> inserts;  // by FilledKey, owned
  // The previous row's key and insert: most rows have the set of the row before them.
  std::string last_key;
  sqlite3_stmt* last = nullptr;

  void Clear() {
    for (auto& [key, insert] : inserts) sqlite3_finalize(insert);
    inserts.clear();
    last_key.clear();
    last = nullptr;
  }
};

// A bitmap of the filled cells, and their indexes in `filled`.
void FilledKey(std::span<const std::string> cells, std::string& key,
               std::vector<std::size_t>& filled) {
  key.assign((cells.size() + 7) / 8, '\0');
  filled.clear();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    key[c / 8] = static_cast<char>(key[c / 8] | (1 << (c % 8)));
    filled.push_back(c);
  }
}

class SqliteTableWriter final : public TableWriter {
 public:
  SqliteTableWriter(std::string path, std::string temporary, sqlite3* db)
      : path_(std::move(path)), temporary_(std::move(temporary)), db_(db) {}
  ~SqliteTableWriter() override;

  // Journaling and syncing off, the cache sized: the temporary is private until the rename.
  Status Configure(const SqliteWriterOptions& options);

  Status Begin(const std::vector<SheetSpec>& sheets) override;
  Status Row(std::size_t sheet, std::span<const std::string> cells,
             const RowOrigin& origin) override;
  Status Close() override;
  Status Stage(util::CommitJournal& journal) override;
  std::vector<std::string> Outputs() const override;

 private:
  Result<sqlite3_stmt*> InsertFor(Table& table);
  Status Exec(const std::string& sql, std::string_view doing);
  Status Error(std::string_view doing) const;
  void FinalizeInserts();

  std::string path_;
  std::string temporary_;
  sqlite3* db_;  // owned; null once closed
  std::vector<Table> tables_;        // per sheet
  std::string key_;                  // the row in progress: FilledKey
  std::vector<std::size_t> filled_;  // the row in progress: its filled cells
  bool began_ = false;
  bool finished_ = false;
};

SqliteTableWriter::~SqliteTableWriter() {
  FinalizeInserts();
  if (db_ != nullptr) sqlite3_close_v2(db_);  // rolls back the open transaction
  if (finished_) return;
  std::error_code ec;
  fs::remove(temporary_, ec);
}

Status SqliteTableWriter::Configure(const SqliteWriterOptions& options) {
  HM_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=OFF", "creating the database"));
  HM_RETURN_IF_ERROR(Exec("PRAGMA synchronous=OFF", "creating the database"));
  HM_RETURN_IF_ERROR(Exec("PRAGMA locking_mode=EXCLUSIVE", "creating the database"));
  return Exec(fmt::format("PRAGMA cache_size=-{}", options.cache_mib * 1024),
              "creating the database");
}

Status SqliteTableWriter::Begin(const std::vector<SheetSpec>& sheets) {
  if (began_) return Status::Internal("SqliteWriter::Begin called twice");
  began_ = true;
  HM_RETURN_IF_ERROR(Exec("BEGIN", "starting the transaction"));
  for (const SheetSpec& sheet : sheets) {
    HM_RETURN_IF_ERROR(
        Exec(CreateTableSql(sheet), fmt::format("creating the table for sheet '{}'", sheet.name)));
    tables_.emplace_back().spec = sheet;
  }
  return Status::Ok();
}

Status SqliteTableWriter::Row(std::size_t sheet, std::span<const std::string> cells,
                              const RowOrigin&) {
  if (db_ == nullptr || finished_ || sheet >= tables_.size()) {
    return Status::Internal(fmt::format("SqliteWriter::Row(#{}) outside Begin..Stage", sheet));
  }
  Table& table = tables_[sheet];
  if (cells.size() != table.spec.columns.size()) {
    return Status::Internal(fmt::format("a row of {} has {} cells for {} columns",
                                        table.spec.name, cells.size(),
                                        table.spec.columns.size()));
  }
  FilledKey(cells, key_, filled_);
  HM_ASSIGN_OR_RETURN(sqlite3_stmt* insert, InsertFor(table));
  for (std::size_t i = 0; i < filled_.size(); ++i) {
    const std::string& text = cells[filled_[i]];
    // SQLITE_STATIC: the cells outlive the step below.
    sqlite3_bind_text(insert, static_cast<int>(i) + 1, text.data(),
                      static_cast<int>(text.size()), SQLITE_STATIC);
  }
  const int rc = sqlite3_step(insert);
  sqlite3_reset(insert);
  if (rc != SQLITE_DONE) return Error(fmt::format("inserting into '{}'", table.spec.name));
  return Status::Ok();
}

// The insert for the row in progress (key_, filled_), prepared on first use.
Result<sqlite3_stmt*> SqliteTableWriter::InsertFor(Table& table) {
  if (table.last != nullptr && table.last_key == key_) return table.last;
  auto it = table.inserts.find(key_);
  if (it == table.inserts.end()) {
    if (table.inserts.size() >= Table::kMaxInserts) table.Clear();
    const std::string sql = InsertSql(table.spec, filled_);
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &insert, nullptr) != SQLITE_OK) {
      return Error(fmt::format("preparing an insert into '{}'", table.spec.name));
    }
    it = table.inserts.emplace(key_, insert).first;
  }
  table.last_key = key_;
  table.last = it->second;
  return table.last;
}

Status SqliteTableWriter::Close() {
  if (!began_ || finished_) return Status::Internal("SqliteWriter::Close without Begin, or after Stage");
  if (db_ == nullptr) return Status::Ok();  // closed already
  FinalizeInserts();
  HM_RETURN_IF_ERROR(Exec("COMMIT", "committing the rows"));
  if (sqlite3_close(db_) != SQLITE_OK) return Error("closing the database");
  db_ = nullptr;
  return Status::Ok();
}

Status SqliteTableWriter::Stage(util::CommitJournal& journal) {
  if (!began_ || finished_) return Status::Internal("SqliteWriter::Stage without Begin, or twice");
  HM_RETURN_IF_ERROR(Close());
  journal.AddMove(temporary_, path_);
  finished_ = true;
  return Status::Ok();
}

std::vector<std::string> SqliteTableWriter::Outputs() const {
  if (!finished_) return {};
  return {path_};
}

Status SqliteTableWriter::Exec(const std::string& sql, std::string_view doing) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return Error(doing);
  return Status::Ok();
}

Status SqliteTableWriter::Error(std::string_view doing) const {
  return Status::IoError(fmt::format("SQLite failed {}: {}", doing, sqlite3_errmsg(db_)),
                         "check the sheet names and the free space of the output folder")
      .InFile(path_);
}

void SqliteTableWriter::FinalizeInserts() {
  for (Table& table : tables_) table.Clear();
}

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenSqliteWriter(const std::string& path,
                                                      const SqliteWriterOptions& options) {
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot create the folder {}: {}",
                                       target.parent_path().string(), ec.message()),
                           "choose an output path in a folder you may write")
        .InFile(path);
  }
  if (fs::is_directory(target, ec)) {
    return Status::InvalidInput("the output path is a folder", "give a file name ending .db")
        .InFile(path);
  }
  std::string temporary = util::TemporaryBeside(path);
  sqlite3* db = nullptr;
  // One connection used by one thread: SQLite's own mutexes are not needed.
  const int rc = sqlite3_open_v2(temporary.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  auto writer = std::make_unique<SqliteTableWriter>(path, std::move(temporary), db);
  if (rc != SQLITE_OK) {
    return Status::IoError(fmt::format("cannot create the database: {}",
                                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
                           "choose an output path in a folder you may write")
        .InFile(path);
  }
  HM_RETURN_IF_ERROR(writer->Configure(options));
  return std::unique_ptr<TableWriter>(std::move(writer));
}

}  // namespace hm::render
