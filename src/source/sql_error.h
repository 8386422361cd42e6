// What a failed SQL call means (transient, cancelled, permanent) and the Status that reports it.
//
// Classification reads codes, never message text: PostgreSQL's SQLSTATE and SQLite's result codes
// are stable across versions and locales; messages are neither.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm::source {

// The kind of a PostgreSQL error from its SQLSTATE. An empty SQLSTATE (libpq's own errors) is
// permanent; callers that see the connection drop decide transient themselves.
SqlErrorKind ClassifySqlState(std::string_view sqlstate);

// The kind of a SQLite result code (primary or extended).
SqlErrorKind ClassifySqliteCode(int code);

// The first non-blank line of `sql`, trimmed and cut to 120 characters: enough to recognise the
// statement in a message without printing a whole view definition.
std::string FirstLine(std::string_view sql);

// The Status for a failed statement: located at the source (`display`, already masked), saying
// why, the error code and kind, and the statement's first line. Permanent failures are
// kInvalidInput (the SQL or its data must change); transient and cancelled ones are kIoError.
Status StatementFailed(const std::string& display, std::string_view sql, std::string_view why,
                       const SqlError& error);

}  // namespace hm::source
