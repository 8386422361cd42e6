#include "source/sql_error.h"

#include <sqlite3.h>

#include <array>

#include <fmt/format.h>

namespace hm::source {
namespace {

// SQLSTATEs that may succeed on a retry (PostgreSQL Appendix A). Class 08 (connection exception)
// is matched as a class.
constexpr std::array<std::string_view, 8> kTransientStates = {
    "40001",  // serialization_failure
    "40P01",  // deadlock_detected
    "53300",  // too_many_connections
    "57P01",  // admin_shutdown (also pg_terminate_backend)
    "57P02",  // crash_shutdown
    "57P03",  // cannot_connect_now (starting up, shutting down)
    "57P05",  // idle_session_timeout: the session is gone, a new one works
    "55P03",  // lock_not_available (lock_timeout)
};
constexpr std::string_view kQueryCanceled = "57014";

std::string CodeText(const SqlError& error) {
  if (!error.sqlstate.empty()) return "SQLSTATE " + error.sqlstate;
  if (error.sqlite_code != 0) return fmt::format("SQLite code {}", error.sqlite_code);
  return "no error code";
}

}  // namespace

SqlErrorKind ClassifySqlState(std::string_view sqlstate) {
  if (sqlstate == kQueryCanceled) return SqlErrorKind::kCancelled;
  // 08P01 (protocol_violation) is how the server refuses a wrong number of parameters: a bug in
  // the call, not in the connection.
  if (sqlstate == "08P01") return SqlErrorKind::kPermanent;
  if (sqlstate.starts_with("08")) return SqlErrorKind::kTransient;
  for (const std::string_view transient : kTransientStates) {
    if (sqlstate == transient) return SqlErrorKind::kTransient;
  }
  return SqlErrorKind::kPermanent;
}

SqlErrorKind ClassifySqliteCode(int code) {
  switch (code & 0xff) {  // the primary code: SQLITE_BUSY_SNAPSHOT is SQLITE_BUSY too
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return SqlErrorKind::kNone;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SqlErrorKind::kTransient;
    case SQLITE_INTERRUPT:
      return SqlErrorKind::kCancelled;
    default:
      return SqlErrorKind::kPermanent;
  }
}

std::string FirstLine(std::string_view sql) {
  constexpr std::size_t kMaxLength = 120;
  constexpr std::string_view kBlank = " \t\r\n\f\v";
  const std::size_t begin = sql.find_first_not_of(kBlank);
  if (begin == std::string_view::npos) return "";
  std::string_view line = sql.substr(begin);
  line = line.substr(0, line.find_first_of("\r\n"));
  line = line.substr(0, line.find_last_not_of(kBlank) + 1);
  if (line.size() <= kMaxLength) return std::string(line);
  return std::string(line.substr(0, kMaxLength)) + "...";
}

Status StatementFailed(const std::string& display, std::string_view sql, std::string_view why,
                       const SqlError& error) {
  std::string message = fmt::format("query failed ({}, {}): {}; SQL: {}",
                                    SqlErrorKindName(error.kind), CodeText(error), why,
                                    FirstLine(sql));
  Status status = error.kind == SqlErrorKind::kPermanent
                      ? Status::InvalidInput(std::move(message))
                      : Status::IoError(std::move(message));
  return std::move(status).InFile(display);
}

}  // namespace hm::source

namespace hm {

const char* SqlErrorKindName(SqlErrorKind kind) {
  switch (kind) {
    case SqlErrorKind::kNone:
      return "none";
    case SqlErrorKind::kTransient:
      return "transient";
    case SqlErrorKind::kCancelled:
      return "cancelled";
    case SqlErrorKind::kPermanent:
      return "permanent";
  }
  return "unknown";
}

}  // namespace hm
