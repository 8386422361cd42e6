#include "source/sqlite_connection.h"

#include <sqlite3.h>

#include <charconv>
#include <filesystem>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "source/sql_error.h"
#include "source/sql_identifier.h"

namespace hm::source {
namespace {

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using DatabasePtr = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// A JSON array of strings for json_each. Written by hand rather than with nlohmann::json, which
// refuses text that is not valid UTF-8; SQLite's JSON reader takes the bytes as they are, so an
// id reaches the comparison unchanged.
std::string JsonArray(const SqlTextList& list) {
  std::string json = "[";
  for (const std::string& value : list.values) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') {
        json += '\\';
        json += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        json += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      } else {
        json += c;
      }
    }
    json += '"';
  }
  return json + "]";
}

// The parameter number a statement's parameter `index` stands for: "?" and "?NNN" are numbered
// by SQLite itself; "$NNN" is a *named* parameter to SQLite, numbered in order of appearance, so
// "$2 ... $1" would bind backwards unless mapped by name. 0 for names we do not support (":a").
int ParameterNumber(sqlite3_stmt* statement, int index) {
  const char* name = sqlite3_bind_parameter_name(statement, index);
  if (name == nullptr || name[0] == '?') return index;
  const std::string_view digits(name + 1);
  int number = 0;
  if (name[0] != '$' || digits.empty()) return 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  return error == std::errc() && end == digits.data() + digits.size() ? number : 0;
}

// One value bound to parameter `index`: the SQLite result code.
int BindOne(sqlite3_stmt* statement, int index, std::monostate) {
  return sqlite3_bind_null(statement, index);
}
int BindOne(sqlite3_stmt* statement, int index, std::int64_t value) {
  return sqlite3_bind_int64(statement, index, value);
}
int BindOne(sqlite3_stmt* statement, int index, double value) {
  return sqlite3_bind_double(statement, index, value);
}
int BindOne(sqlite3_stmt* statement, int index, const std::string& text) {
  return sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC,
                             SQLITE_UTF8);
}
int BindOne(sqlite3_stmt* statement, int index, const SqlTextList& list) {
  const std::string json = JsonArray(list);
  return sqlite3_bind_text64(statement, index, json.data(), json.size(), SQLITE_TRANSIENT,
                             SQLITE_UTF8);
}

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(DatabasePtr db, std::string display)
      : SqlConnection(std::move(display)), db_(std::move(db)) {}

  Status Query(std::string_view sql, std::span<const SqlParam> params,
               const std::function<Status(const SqlRow&)>& on_row) override;
  Status Execute(std::string_view sql) override;
  Status CopyRows(std::string_view table, std::span<const std::string> columns,
                  std::span<const std::vector<SqlValue>> rows) override;
  void Cancel() override { sqlite3_interrupt(db_.get()); }
  std::string InListPredicate(std::string_view column, int param_number) const override {
    return fmt::format("{} IN (SELECT value FROM json_each(${}))", column, param_number);
  }
  bool broken() const override { return false; }
  SqlBackend backend() const override { return SqlBackend::kSqlite; }

 private:
  Result<StatementPtr> Prepare(std::string_view sql);
  Status Bind(sqlite3_stmt* statement, std::string_view sql, std::span<const SqlParam> params);
  // Binds a SqlParam or a SqlValue; text is not copied, so it must outlive the step.
  Status BindValue(sqlite3_stmt* statement, int index, const auto& value);
  Status StepRows(sqlite3_stmt* statement, std::string_view sql,
                  const std::function<Status(const SqlRow&)>& on_row);
  Status InsertRows(std::string_view sql, std::span<const std::vector<SqlValue>> rows);
  // The Status for SQLite's error `code` on this connection, recorded in last_error_.
  Status Failed(std::string_view sql, int code);
  // A mistake in how the statement was called (parameters, several statements): permanent.
  Status Misuse(std::string_view sql, std::string_view why);

  DatabasePtr db_;
};

Status SqliteConnection::Failed(std::string_view sql, int code) {
  last_error_ = SqlError{ClassifySqliteCode(code), "", code};
  return StatementFailed(display_name(), sql, sqlite3_errmsg(db_.get()), last_error_);
}

Status SqliteConnection::Misuse(std::string_view sql, std::string_view why) {
  last_error_ = SqlError{SqlErrorKind::kPermanent, "", SQLITE_MISUSE};
  return StatementFailed(display_name(), sql, why, last_error_);
}

// Prepares exactly one statement: a second one in the text would silently not run.
Result<StatementPtr> SqliteConnection::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), 0, &raw,
                                    &tail);
  StatementPtr statement(raw);
  if (rc != SQLITE_OK) return Failed(sql, rc);
  if (statement == nullptr) return Misuse(sql, "no SQL statement in the text");
  const std::string_view rest(tail, sql.data() + sql.size() - tail);
  sqlite3_stmt* next = nullptr;
  sqlite3_prepare_v3(db_.get(), rest.data(), static_cast<int>(rest.size()), 0, &next, nullptr);
  const bool more = next != nullptr;
  sqlite3_finalize(next);
  if (more) return Misuse(sql, "more than one statement; run scripts with Execute");
  return statement;
}

Status SqliteConnection::BindValue(sqlite3_stmt* statement, int index, const auto& value) {
  const int rc = std::visit([&](const auto& v) { return BindOne(statement, index, v); }, value);
  return rc == SQLITE_OK ? Status::Ok() : Failed(sqlite3_sql(statement), rc);
}

Status SqliteConnection::Bind(sqlite3_stmt* statement, std::string_view sql,
                              std::span<const SqlParam> params) {
  const int count = sqlite3_bind_parameter_count(statement);
  int highest = 0;
  for (int index = 1; index <= count; ++index) {
    const int number = ParameterNumber(statement, index);
    if (number == 0) {
      return Misuse(sql, fmt::format("parameter {} is not supported; write $1, $2, ...",
                                     sqlite3_bind_parameter_name(statement, index)));
    }
    if (static_cast<std::size_t>(number) > params.size()) {
      return Misuse(sql, fmt::format("the statement uses ${} but {} parameters were given", number,
                                     params.size()));
    }
    HM_RETURN_IF_ERROR(BindValue(statement, index, params[number - 1]));
    highest = std::max(highest, number);
  }
  if (static_cast<std::size_t>(highest) != params.size()) {
    return Misuse(sql, fmt::format("{} parameters were given but the statement uses {}",
                                   params.size(), highest));
  }
  return Status::Ok();
}

SqlValue ColumnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    default: {  // text, and blobs as their bytes
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      return std::string(bytes ? bytes : "", sqlite3_column_bytes(statement, column));
    }
  }
}

Status SqliteConnection::StepRows(sqlite3_stmt* statement, std::string_view sql,
                                  const std::function<Status(const SqlRow&)>& on_row) {
  const int width = sqlite3_column_count(statement);
  std::vector<std::string> names;
  for (int c = 0; c < width; ++c) names.emplace_back(sqlite3_column_name(statement, c));
  std::vector<SqlValue> values(width);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return Failed(sql, rc);
    for (int c = 0; c < width; ++c) values[c] = ColumnValue(statement, c);
    Status status = on_row(SqlRow(names, values));
    if (!status.ok()) {
      last_error_ = SqlError{SqlErrorKind::kPermanent, "", 0};
      return status;
    }
  }
}

Status SqliteConnection::Query(std::string_view sql, std::span<const SqlParam> params,
                               const std::function<Status(const SqlRow&)>& on_row) {
  last_error_ = SqlError{};
  HM_ASSIGN_OR_RETURN(StatementPtr statement, Prepare(sql));
  HM_RETURN_IF_ERROR(Bind(statement.get(), sql, params));
  return StepRows(statement.get(), sql, on_row);
}

Status SqliteConnection::Execute(std::string_view sql) {
  last_error_ = SqlError{};
  const std::string text(sql);
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Failed(sql, rc);
}

Status SqliteConnection::InsertRows(std::string_view sql,
                                   std::span<const std::vector<SqlValue>> rows) {
  HM_ASSIGN_OR_RETURN(StatementPtr statement, Prepare(sql));
  for (const std::vector<SqlValue>& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      HM_RETURN_IF_ERROR(BindValue(statement.get(), static_cast<int>(c + 1), row[c]));
    }
    const int rc = sqlite3_step(statement.get());
    if (rc != SQLITE_DONE) return Failed(sql, rc);
    sqlite3_reset(statement.get());
  }
  return Status::Ok();
}

Status SqliteConnection::CopyRows(std::string_view table, std::span<const std::string> columns,
                                  std::span<const std::vector<SqlValue>> rows) {
  last_error_ = SqlError{};
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES (", QuoteTableName(table),
                                QuoteColumnList(columns));
  for (std::size_t c = 0; c < columns.size(); ++c) sql += c > 0 ? ",?" : "?";
  sql += ")";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != columns.size()) {
      return Misuse(sql, fmt::format("row {} has {} values for {} columns", r + 1, rows[r].size(),
                                     columns.size()));
    }
  }
  HM_RETURN_IF_ERROR(Execute("BEGIN"));
  Status status = InsertRows(sql, rows);
  if (status.ok()) status = Execute("COMMIT");
  if (!status.ok()) {
    const SqlError error = last_error_;  // the rollback must not hide why it was needed
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    last_error_ = error;
  }
  return status;
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, std::string display,
                                                  const SqlOptions& options) {
  std::error_code error;
  if (!options.create_if_missing && path != ":memory:" &&
      !std::filesystem::exists(path, error)) {
    return Status::NotFound("no SQLite database at this path",
                            "check the path after sqlite:")
        .InFile(display);
  }
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DatabasePtr db(raw);
  // Reading the schema makes "not a database" an open error rather than the first query's.
  if (rc != SQLITE_OK ||
      sqlite3_exec(db.get(), "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
          SQLITE_OK) {
    return Status::IoError(fmt::format("cannot open the SQLite database: {}",
                                       db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)))
        .InFile(display);
  }
  sqlite3_busy_timeout(db.get(), options.sqlite_busy_timeout_ms);
  sqlite3_extended_result_codes(db.get(), 1);
  return std::unique_ptr<SqlConnection>(
      std::make_unique<SqliteConnection>(std::move(db), std::move(display)));
}

}  // namespace hm::source
