// The PostgreSQL implementation of SqlConnection (libpq). Rows stream in single-row mode;
// parameters go as text with PQsendQueryParams and the server infers their types; list
// parameters go as a text[] literal for "= ANY($1)"; bulk loads use COPY FROM STDIN.
//
// Thread-safety: as SqlConnection; Cancel() uses a PGcancel object under a mutex, so any thread
// may call it while the owning thread runs a statement.
#pragma once

#include <memory>
#include <string>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"
#include "source/connection_string.h"

namespace hm::source {

// Connects to the server `uri` names. kIoError, naming masked.display, if it cannot.
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri,
                                                    MaskedConnectionString masked,
                                                    const SqlOptions& options);

// The text[] literal for `values`: every element double-quoted with '"' and '\' escaped, so
// commas, braces, spaces and the word NULL stay data.
std::string PostgresArrayLiteral(const SqlTextList& list);

// One row of COPY's text format: values separated by tabs, NULL as \N, and backslash, tab,
// newline and carriage return escaped; ends with a newline.
void AppendCopyLine(std::span<const SqlValue> row, std::string& out);

}  // namespace hm::source
