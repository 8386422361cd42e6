// The SQLite TableWriter: one database with one table per sheet, named as the sheet, for loading
// a large mockup into tools that speak SQL and for reading it back with
// hm::ReadTimelines("sqlite:PATH").
//
// Every column is TEXT, in header order (so `SELECT *` gives the sheet's columns), and an empty
// cell is NULL: the engine's loaders treat both the same, and NULL keeps "absent" distinct from a
// value in SQL. Rows go in through prepared INSERTs (one per table and set of filled columns, as
// rows are mostly empty) inside one transaction, so a table's rowid order is its row order (what
// ReadTimelines cites as "row N").
//
// Nothing half-written (table_writer.h): the database is built as a hidden temporary file beside
// `path` with journaling and syncing off (a crash loses only the temporary, which nobody reads),
// and Finish() commits and renames it onto `path`, replacing any earlier database there.
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "render/table_writer.h"

namespace hm::render {

struct SqliteWriterOptions {
  // SQLite's page cache while writing, in MiB. Default 64: the tables' growing last pages stay
  // cached while rows of several tables interleave; more helps little.
  std::int64_t cache_mib = 64;
};

// Opens a writer of the database `path`. Creates missing parent folders; nothing appears at
// `path` before Finish().
// Errors: kIoError naming the path when the folder cannot be created or the temporary database
// cannot be opened. Begin() reports a table SQLite refuses (two sheets of one name ignoring case,
// a duplicate column, a name starting "sqlite_"); Row() and Finish() report SQLite's write
// errors (disk full); all name the file.
Result<std::unique_ptr<TableWriter>> OpenSqliteWriter(const std::string& path,
                                                      const SqliteWriterOptions& options = {});

}  // namespace hm::render
