#include "source/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <mutex>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "source/sql_error.h"
#include "source/sql_identifier.h"

namespace hm::source {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
struct CancelFreer {
  void operator()(PGcancel* cancel) const { PQfreeCancel(cancel); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;
using CancelPtr = std::unique_ptr<PGcancel, CancelFreer>;

// Type OIDs from PostgreSQL's catalog (src/include/catalog/pg_type.dat); libpq does not export
// them to clients, and they are fixed for built-in types.
enum class ColumnKind { kInteger, kReal, kBool, kText };
ColumnKind KindOf(Oid type) {
  switch (type) {
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
    case 26:  // oid
      return ColumnKind::kInteger;
    case 700:  // float4
    case 701:  // float8
      return ColumnKind::kReal;
    case 16:  // bool
      return ColumnKind::kBool;
    default:  // numeric stays text so that no digit is lost; dates are ISO text (DateStyle)
      return ColumnKind::kText;
  }
}

SqlValue ConvertValue(ColumnKind kind, std::string_view text) {
  if (kind == ColumnKind::kBool) return std::int64_t{text == "t" ? 1 : 0};
  if (kind == ColumnKind::kInteger) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  } else if (kind == ColumnKind::kReal) {
    double value = 0;  // from_chars reads "NaN", "Infinity" and "-Infinity" as PostgreSQL writes
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  }
  return std::string(text);
}

// libpq's messages end with a newline and may span lines; a Status message is one line.
std::string OneLine(std::string_view text) {
  std::string line;
  for (const char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// The column names and kinds of a result, taken from its first row.
struct Columns {
  std::vector<std::string> names;
  std::vector<ColumnKind> kinds;
  std::vector<SqlValue> values;

  void Describe(const PGresult* result) {
    const int width = PQnfields(result);
    for (int c = 0; c < width; ++c) {
      names.emplace_back(PQfname(result, c));
      kinds.push_back(KindOf(PQftype(result, c)));
    }
    values.resize(width);
  }
  SqlRow Read(const PGresult* result, int row) {
    for (std::size_t c = 0; c < values.size(); ++c) {
      const int column = static_cast<int>(c);
      values[c] = PQgetisnull(result, row, column)
                      ? SqlValue()
                      : ConvertValue(kinds[c], std::string_view(PQgetvalue(result, row, column),
                                                                PQgetlength(result, row, column)));
    }
    return SqlRow(names, values);
  }
};

// A parameter in PostgreSQL's text input form.
std::string ParamText(const SqlParam& param) {
  if (const auto* list = std::get_if<SqlTextList>(&param)) return PostgresArrayLiteral(*list);
  if (const auto* text = std::get_if<std::string>(&param)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&param)) return std::to_string(*integer);
  return SqlValueText(std::get<double>(param));
}

class PostgresConnection final : public SqlConnection {
 public:
  PostgresConnection(ConnectionPtr conn, MaskedConnectionString masked)
      : SqlConnection(std::move(masked.display)),
        conn_(std::move(conn)),
        cancel_(PQgetCancel(conn_.get())),
        secrets_(std::move(masked.secrets)) {}

  Status Query(std::string_view sql, std::span<const SqlParam> params,
               const std::function<Status(const SqlRow&)>& on_row) override;
  Status Execute(std::string_view sql) override;
  Status CopyRows(std::string_view table, std::span<const std::string> columns,
                  std::span<const std::vector<SqlValue>> rows) override;
  void Cancel() override;
  std::string InListPredicate(std::string_view column, int param_number) const override {
    return fmt::format("{} = ANY(${})", column, param_number);
  }
  bool broken() const override { return PQstatus(conn_.get()) == CONNECTION_BAD; }
  SqlBackend backend() const override { return SqlBackend::kPostgres; }

 private:
  Status StreamRows(std::string_view sql, const std::function<Status(const SqlRow&)>& on_row);
  Status SendCopyData(std::string_view sql, std::span<const std::vector<SqlValue>> rows);
  Status FinishCommand(std::string_view sql);
  // The Status for an error result (or, with none, the connection's error), in last_error_.
  Status Failed(std::string_view sql, const PGresult* result);
  Status Misuse(std::string_view sql, std::string_view why);

  ConnectionPtr conn_;
  std::mutex cancel_mutex_;  // Cancel() may run on another thread than the one using conn_
  CancelPtr cancel_;
  std::vector<std::string> secrets_;
};

Status PostgresConnection::Failed(std::string_view sql, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  last_error_ = SqlError{SqlErrorKind::kPermanent, state ? state : "", 0};
  last_error_.kind = ClassifySqlState(last_error_.sqlstate);
  // A lost connection has no SQLSTATE, or a FATAL one; either way a new connection may work.
  if (broken()) last_error_.kind = SqlErrorKind::kTransient;
  const std::string why = primary ? primary : OneLine(PQerrorMessage(conn_.get()));
  return StatementFailed(display_name(), sql, ScrubSecrets(why, secrets_), last_error_);
}

Status PostgresConnection::Misuse(std::string_view sql, std::string_view why) {
  last_error_ = SqlError{SqlErrorKind::kPermanent, "", 0};
  return StatementFailed(display_name(), sql, why, last_error_);
}

void PostgresConnection::Cancel() {
  std::lock_guard lock(cancel_mutex_);
  if (cancel_ == nullptr) return;
  char error[256];
  // A failed cancel request leaves the statement running to its end: nothing more to do here.
  PQcancel(cancel_.get(), error, sizeof error);
}

// Reads results until libpq has none left: a query may end with an error after rows, and the
// connection takes no new command until everything is read. After on_row fails, the rest of the
// query is cancelled on the server and drained.
Status PostgresConnection::StreamRows(std::string_view sql,
                                      const std::function<Status(const SqlRow&)>& on_row) {
  Columns columns;
  Status callback_status;
  Status error;
  while (ResultPtr result{PQgetResult(conn_.get())}) {
    const ExecStatusType state = PQresultStatus(result.get());
    if (state == PGRES_SINGLE_TUPLE && callback_status.ok() && error.ok()) {
      if (columns.names.empty()) columns.Describe(result.get());
      callback_status = on_row(columns.Read(result.get(), 0));
      if (!callback_status.ok()) Cancel();
    } else if (state != PGRES_SINGLE_TUPLE && state != PGRES_TUPLES_OK &&
               state != PGRES_COMMAND_OK && error.ok() && callback_status.ok()) {
      error = Failed(sql, result.get());
    }
  }
  if (!callback_status.ok()) {
    last_error_ = SqlError{SqlErrorKind::kPermanent, "", 0};
    return callback_status;
  }
  return error;
}

Status PostgresConnection::Query(std::string_view sql, std::span<const SqlParam> params,
                                 const std::function<Status(const SqlRow&)>& on_row) {
  last_error_ = SqlError{};
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (std::holds_alternative<std::monostate>(params[i])) continue;
    texts[i] = ParamText(params[i]);
    if (texts[i].find('\0') != std::string::npos) {
      return Misuse(sql, fmt::format("parameter ${} contains a NUL character", i + 1));
    }
    values[i] = texts[i].c_str();
  }
  const std::string text(sql);
  if (PQsendQueryParams(conn_.get(), text.c_str(), static_cast<int>(params.size()), nullptr,
                        values.data(), nullptr, nullptr, 0) == 0) {
    return Failed(sql, nullptr);
  }
  PQsetSingleRowMode(conn_.get());  // only fails right after a failed send, handled above
  return StreamRows(sql, on_row);
}

// Reads the results of a command to its end; OK if none of them is an error.
Status PostgresConnection::FinishCommand(std::string_view sql) {
  Status error;
  while (ResultPtr result{PQgetResult(conn_.get())}) {
    const ExecStatusType state = PQresultStatus(result.get());
    const bool fine =
        state == PGRES_COMMAND_OK || state == PGRES_TUPLES_OK || state == PGRES_EMPTY_QUERY;
    if (!fine && error.ok()) error = Failed(sql, result.get());
  }
  return error;
}

Status PostgresConnection::Execute(std::string_view sql) {
  last_error_ = SqlError{};
  const std::string text(sql);
  if (PQsendQuery(conn_.get(), text.c_str()) == 0) return Failed(sql, nullptr);
  return FinishCommand(sql);
}

Status PostgresConnection::SendCopyData(std::string_view sql,
                                        std::span<const std::vector<SqlValue>> rows) {
  constexpr std::size_t kChunk = 256 * 1024;  // few calls into libpq, little memory
  std::string buffer;
  for (std::size_t r = 0; r <= rows.size(); ++r) {
    if (r < rows.size()) AppendCopyLine(rows[r], buffer);
    if (buffer.size() >= kChunk || (r == rows.size() && !buffer.empty())) {
      if (PQputCopyData(conn_.get(), buffer.data(), static_cast<int>(buffer.size())) != 1) {
        return Failed(sql, nullptr);
      }
      buffer.clear();
    }
  }
  return Status::Ok();
}

Status PostgresConnection::CopyRows(std::string_view table, std::span<const std::string> columns,
                                    std::span<const std::vector<SqlValue>> rows) {
  last_error_ = SqlError{};
  const std::string sql =
      fmt::format("COPY {} ({}) FROM STDIN", QuoteTableName(table), QuoteColumnList(columns));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != columns.size()) {
      return Misuse(sql, fmt::format("row {} has {} values for {} columns", r + 1, rows[r].size(),
                                     columns.size()));
    }
  }
  if (PQsendQuery(conn_.get(), sql.c_str()) == 0) return Failed(sql, nullptr);
  ResultPtr start{PQgetResult(conn_.get())};
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
    Status status = Failed(sql, start.get());
    start.reset();
    (void)FinishCommand(sql);  // already failed; read to the end so the connection is usable
    return status;
  }
  Status sent = SendCopyData(sql, rows);
  // On a failed send, ending the COPY with an error message makes the server roll it back.
  if (PQputCopyEnd(conn_.get(), sent.ok() ? nullptr : "client could not send the rows") != 1) {
    if (sent.ok()) sent = Failed(sql, nullptr);
  }
  Status finished = FinishCommand(sql);
  return sent.ok() ? std::move(finished) : std::move(sent);
}

}  // namespace

std::string PostgresArrayLiteral(const SqlTextList& list) {
  std::string literal = "{";
  for (const std::string& value : list.values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

void AppendCopyLine(std::span<const SqlValue> row, std::string& out) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (c > 0) out += '\t';
    if (IsNull(row[c])) {
      out += "\\N";
      continue;
    }
    for (const char ch : SqlValueText(row[c])) {
      switch (ch) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += ch;
      }
    }
  }
  out += '\n';
}

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri,
                                                    MaskedConnectionString masked,
                                                    const SqlOptions& options) {
  // Keywords before dbname are defaults the URI may override; those after it are ours to fix:
  // rows are decoded as UTF-8.
  const std::string timeout = std::to_string(options.connect_timeout_seconds);
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                            nullptr};
  const char* values[] = {timeout.c_str(), "hedis-mockup", uri.c_str(), "UTF8", nullptr};
  ConnectionPtr conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (conn == nullptr || PQstatus(conn.get()) != CONNECTION_OK) {
    const std::string why = conn ? OneLine(PQerrorMessage(conn.get())) : "out of memory";
    return Status::IoError(fmt::format("cannot connect to PostgreSQL: {}",
                                       ScrubSecrets(why, masked.secrets)),
                           "check that the server runs and that host, port, user, password and "
                           "database are right")
        .InFile(masked.display);
  }
  // Notices (NOTICE: table does not exist, skipping) would go to stderr by default; they are not
  // errors and the product decides what it prints.
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  // ISO dates ("2024-01-31") whatever the server's default DateStyle is.
  ResultPtr set{PQexec(conn.get(), "SET DateStyle = ISO, YMD")};
  if (PQresultStatus(set.get()) != PGRES_COMMAND_OK) {
    return Status::IoError(fmt::format("cannot set up the PostgreSQL session: {}",
                                       OneLine(PQerrorMessage(conn.get()))))
        .InFile(masked.display);
  }
  return std::unique_ptr<SqlConnection>(
      std::make_unique<PostgresConnection>(std::move(conn), std::move(masked)));
}

}  // namespace hm::source
