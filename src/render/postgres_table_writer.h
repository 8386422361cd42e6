// The PostgreSQL TableWriter: the mockup's sheets as tables of a PostgreSQL database, loaded with
// COPY (not row-by-row INSERTs), for engines and analysts that read the input tables from a server,
// and for reading them back with hm::ReadTimelines("postgresql://...").
//
// As in the SQLite writer, every column is TEXT in header order and an empty cell is NULL. A table
// is named as its sheet; the sheets that carry no measure prefix of their own ("Scenarios", "Run
// Info") get `options.prefix`, so that several measures can share one database.
//
// Nothing half-written (table_writer.h): everything happens in one transaction, tables are dropped
// and created inside it (PostgreSQL's DDL is transactional), and only Finish() commits. Until then
// other sessions see the tables as they were; a writer destroyed without Finish() rolls back.
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "render/table_writer.h"

namespace hm::render {

struct PostgresWriterOptions {
  std::string prefix;               // for sheets without one: "PSA_" makes "PSA_Scenarios"
  std::size_t batch_rows = 10'000;  // rows of one table sent per COPY
};

// Connects to `connection_string` (postgresql://...). Errors name the connection string with its
// password masked: kInvalidInput when it is not a PostgreSQL one, kIoError when the server cannot
// be reached. Begin(), Row() and Finish() report the server's errors the same way.
Result<std::unique_ptr<TableWriter>> OpenPostgresWriter(const std::string& connection_string,
                                                        const PostgresWriterOptions& options = {});

}  // namespace hm::render
