// Thin RAII over the sqlite3 C API for the audit index: a connection, prepared statements with
// bound parameters, and errors as Status values naming the database file.
//
// Thread-safety: a Database and its Statements belong to one thread at a time (the index guards
// them with a mutex).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::audit {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

class Statement {
 public:
  Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement, std::string path)
      : statement_(std::move(statement)), path_(std::move(path)) {}

  // Parameters are 1-based, as in SQL's ?1.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);  // copied by SQLite
  Statement& BindNull(int index);

  // Runs to the next row: true when a row is ready, false when done. kIoError on failure.
  Result<bool> Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status Run();
  // Ready to bind and step again.
  void Reset();

  std::int64_t Int(int column) const { return sqlite3_column_int64(statement_.get(), column); }
  double Double(int column) const { return sqlite3_column_double(statement_.get(), column); }
  std::string Text(int column) const;
  bool IsNull(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
  }

 private:
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement_;
  std::string path_;
};

class Database {
 public:
  // Opens (creating) the database at `path`, waiting up to `busy_timeout_ms` for other processes'
  // locks.
  static Result<Database> Open(const std::string& path, int busy_timeout_ms);

  Status Exec(const char* sql);
  Result<Statement> Prepare(std::string_view sql);
  const std::string& path() const { return path_; }
  sqlite3* get() const { return db_.get(); }

 private:
  Database(std::unique_ptr<sqlite3, SqliteCloser> db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::string path_;
};

// An error from the last call on `db`, naming the file and what was being done.
Status SqliteError(sqlite3* db, const std::string& path, std::string_view doing);

}  // namespace hm::audit
