#include "audit/sqlite_util.h"

#include <fmt/format.h>

namespace hm::audit {

Status SqliteError(sqlite3* db, const std::string& path, std::string_view doing) {
  return Status::IoError(
             fmt::format("audit index: {}: {}", doing, db ? sqlite3_errmsg(db) : "out of memory"),
             "the index is disposable: delete it and it is rebuilt from audit.jsonl")
      .InFile(path);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_.get(), index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_.get(), index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_.get(), index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(statement_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(sqlite3_db_handle(statement_.get()), path_, "query failed");
}

Status Statement::Run() {
  Result<bool> stepped = Step();
  Reset();
  return std::move(stepped).TakeStatus();
}

void Statement::Reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_.get(), column);
  const int size = sqlite3_column_bytes(statement_.get(), column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

Result<Database> Database::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  if (rc != SQLITE_OK) return SqliteError(db.get(), path, "cannot open");
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  return Database(std::move(db), path);
}

Status Database::Exec(const char* sql) {
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_.get(), path_, "statement failed");
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return SqliteError(db_.get(), path_, "cannot prepare a statement");
  }
  return Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer>(raw), path_);
}

}  // namespace hm::audit
