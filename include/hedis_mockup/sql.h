// SQL sources: one interface for running a query against SQLite or PostgreSQL and streaming its
// rows as typed values, plus bulk loading (COPY) and cancellation from another thread.
//
// Connection strings (docs/sql-sources.md):
//   sqlite:PATH               a SQLite database file; sqlite::memory: for a private in-memory one
//   postgresql://...          a PostgreSQL URI, handed to libpq (postgres://... is the same)
//
// Parameters are always bound, never spliced into SQL text. Write them as $1, $2, ... on both
// backends (SQLite also takes ?1). A list parameter (SqlTextList) matches with the predicate that
// SqlConnection::InListPredicate writes for the backend (= ANY($1) / json_each).
//
// Errors are Status values located at the source (the connection string with any password
// masked); their message names the SQL's first line. The connection's last_error() says whether
// a failure is worth retrying (transient), was a Cancel() (cancelled), or will fail again
// (permanent).
//
// Thread-safety: a SqlConnection is used by one thread at a time, except Cancel(), which any thread
// may call while another runs a statement. Distinct connections are independent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm {

// One column value of a result row. PostgreSQL types map as: int2/int4/int8/oid -> integer,
// float4/float8 -> real, bool -> integer 1/0, numeric -> text (exact, no rounding through double),
// date -> "YYYY-MM-DD", timestamp -> "YYYY-MM-DD HH:MM:SS[.ffffff]" (timestamptz with "+HH"),
// everything else -> its text form. SQLite values keep their storage class; blobs become text.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool IsNull(const SqlValue& value) { return std::holds_alternative<std::monostate>(value); }

// The value as text: "" for null, integers in decimal, reals in the shortest form that reads back
// as the same double.
std::string SqlValueText(const SqlValue& value);

// A list of values bound as one parameter, for "id in list" predicates (see InListPredicate).
struct SqlTextList {
  std::vector<std::string> values;
};

// A bound parameter: null, integer, real, text or a text list.
using SqlParam = std::variant<std::monostate, std::int64_t, double, std::string, SqlTextList>;

// One result row, valid only during the on_row call that receives it (copy what you keep).
class SqlRow {
 public:
  SqlRow(std::span<const std::string> names, std::span<const SqlValue> values)
      : names_(names), values_(values) {}

  std::size_t size() const { return values_.size(); }
  const std::string& name(std::size_t column) const { return names_[column]; }
  const SqlValue& operator[](std::size_t column) const { return values_[column]; }
  // The first column called `name` (exact match), or nullptr.
  const SqlValue* Find(std::string_view name) const;
  std::span<const std::string> names() const { return names_; }
  std::span<const SqlValue> values() const { return values_; }

 private:
  std::span<const std::string> names_;
  std::span<const SqlValue> values_;
};

enum class SqlBackend : std::uint8_t { kSqlite, kPostgres };

// What a failure means for whoever might retry it.
enum class SqlErrorKind : std::uint8_t {
  kNone,       // the last call succeeded
  kTransient,  // may succeed if retried: lost connection, server shutting down (57P01-57P03),
               // serialization failure (40001), deadlock (40P01), too many connections (53300),
               // SQLITE_BUSY / SQLITE_LOCKED
  kCancelled,  // stopped by Cancel() (57014 query_canceled, SQLITE_INTERRUPT)
  kPermanent,  // fails again if retried: syntax (42601), unknown table (42P01), bad parameters,
               // a row callback that returned an error, ...
};

// "none", "transient", "cancelled", "permanent".
const char* SqlErrorKindName(SqlErrorKind kind);

// The machine-readable side of the last failure on a connection.
struct SqlError {
  SqlErrorKind kind = SqlErrorKind::kNone;
  std::string sqlstate;  // PostgreSQL's SQLSTATE ("42601"); empty for SQLite or a lost connection
  int sqlite_code = 0;   // SQLite's extended result code; 0 for PostgreSQL
};

struct SqlOptions {
  // Seconds to wait for a PostgreSQL connection (libpq connect_timeout); a value in the URI wins.
  // Default 10: long enough for a busy server, short enough that a wrong host fails fast.
  int connect_timeout_seconds = 10;
  // Milliseconds SQLite waits for another writer's lock before failing with SQLITE_BUSY.
  int sqlite_busy_timeout_ms = 5000;
  // SQLite only: create the database file if it does not exist. Default false, so that a mistyped
  // path is an error rather than an empty database with no tables.
  bool create_if_missing = false;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  SqlConnection(const SqlConnection&) = delete;
  SqlConnection& operator=(const SqlConnection&) = delete;

  // Runs one statement with `params` bound to $1, $2, ... and calls `on_row` for each result row as
  // it arrives (PostgreSQL single-row mode; SQLite steps), so results need not fit in memory.
  // Returns the first error: the database's (see last_error()) or on_row's own, which stops the
  // query and is returned unchanged. `sql` must be exactly one statement and params.size() the
  // highest $N it uses; otherwise the call fails (permanent) without running anything.
  virtual Status Query(std::string_view sql, std::span<const SqlParam> params,
                       const std::function<Status(const SqlRow&)>& on_row) = 0;

  // Runs SQL that may hold several statements separated by ';' (DDL, scripts), without parameters.
  // Rows it returns are discarded.
  virtual Status Execute(std::string_view sql) = 0;

  // Appends `rows` to `table` in one operation: COPY FROM STDIN on PostgreSQL, one transaction of
  // prepared INSERTs on SQLite. Either all rows are written or none. `table` may be "schema.table";
  // names are quoted, so they are used exactly as given. For large tables, call once per batch
  // of some thousands of rows.
  // REQUIRES: every row has columns.size() values.
  virtual Status CopyRows(std::string_view table, std::span<const std::string> columns,
                          std::span<const std::vector<SqlValue>> rows) = 0;

  // Stops the statement running on this connection now, on the server (PQcancel,
  // sqlite3_interrupt); the running call then fails with kind kCancelled. Does nothing if no
  // statement is running. Safe to call from any thread while the connection exists.
  virtual void Cancel() = 0;

  // SQL text for "`column` is one of the values of the SqlTextList bound as $`param_number`":
  // "column = ANY($1)" on PostgreSQL, "column IN (SELECT value FROM json_each($1))" on SQLite.
  // `column` is SQL text (an identifier or expression), not a value; it is not quoted.
  virtual std::string InListPredicate(std::string_view column, int param_number) const = 0;

  // Why the last Query/Execute/CopyRows failed; kind kNone after a success.
  const SqlError& last_error() const { return last_error_; }
  // True once the connection is unusable (the server went away); a pool discards it.
  virtual bool broken() const = 0;
  virtual SqlBackend backend() const = 0;
  // The connection string with any password replaced by "***": safe for logs and messages.
  const std::string& display_name() const { return display_name_; }

 protected:
  explicit SqlConnection(std::string display_name) : display_name_(std::move(display_name)) {}
  SqlError last_error_;

 private:
  std::string display_name_;
};

// Opens a connection. Fails with kInvalidInput for a malformed or unsupported connection string
// and kIoError when the database cannot be reached or opened; the message shows the connection
// string with its password masked. Never returns null.
Result<std::unique_ptr<SqlConnection>> OpenSql(std::string_view connection_string,
                                               const SqlOptions& options = {});

// The connection string with any password replaced by "***", for messages and logs.
std::string MaskConnectionString(std::string_view connection_string);

}  // namespace hm
