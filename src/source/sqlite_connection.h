// The SQLite implementation of SqlConnection (sqlite3 C API). Parameters $1.. are bound by name
// (SQLite reads "$1" as a named parameter), list parameters as a JSON array for json_each.
//
// Thread-safety: as SqlConnection; Cancel() is sqlite3_interrupt, safe from any thread.
#pragma once

#include <memory>
#include <string>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm::source {

// Opens the database file at `path` (":memory:" for a private in-memory database). `display` is
// the masked connection string that messages name. kNotFound if the file does not exist and
// options.create_if_missing is false; kIoError if it cannot be opened or is not a database.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, std::string display,
                                                  const SqlOptions& options);

}  // namespace hm::source
