// Where the engine's input tables come from: the sheets of an .xlsx workbook, the files of a CSV
// folder, or the tables of a SQLite database ("sqlite:PATH") or of a PostgreSQL one
// ("postgresql://..."), behind one streaming interface so
// that the mapping from rows to timelines is written once.
//
// Thread-safety: a TableSource is not thread-safe; open one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "tables/values.h"

namespace hm::tables {

struct SourceRow {
  std::int64_t number = 0;          // 1-based, as the sheet would show it (header = 1)
  std::span<const RawValue> values;  // by source column; may be shorter than the header
};

// Called once with the column names of the table (the first non-blank row of a sheet), then
// once per record. A non-OK status stops the read and is returned.
using HeaderVisitor = std::function<Status(const std::vector<std::string>& header)>;
using SourceRowVisitor = std::function<Status(const SourceRow& row)>;

class TableSource {
 public:
  virtual ~TableSource() = default;

  // `source` is "sqlite:PATH", "postgresql://..." (or "postgres://..."), else a workbook path
  // (xlsx or CSV folder, by content).
  static Result<std::unique_ptr<TableSource>> Open(const std::string& source);

  virtual const std::vector<std::string>& TableNames() const = 0;
  // The file holding table `index`, for messages.
  virtual std::string FileOf(std::size_t index) const = 0;
  // The number of records of table `index` if cheap to know (SQLite), else 0.
  virtual std::int64_t CountHint(std::size_t index) { return (void)index, 0; }
  // Streams table `index`. A table with no header row calls neither visitor. Returns the number of
  // records given to `on_row`.
  virtual Result<std::int64_t> Read(std::size_t index, const HeaderVisitor& on_header,
                                    const SourceRowVisitor& on_row) = 0;
};

// The tables and views of a PostgreSQL database's current schema (sql_table_source.cc).
Result<std::unique_ptr<TableSource>> OpenSqlTableSource(const std::string& connection_string);

// The index in `names` of `table` (a layout table name such as "VISIT_IN"), ignoring case and
// punctuation: "PREFIX_TABLE" first when `prefix` is given, then the bare "TABLE", then, without a
// prefix only, the one name ending in "_TABLE". -1 if none; -2 if that last rule is ambiguous.
std::ptrdiff_t FindTable(const std::vector<std::string>& names, std::string_view table,
                         std::string_view prefix);

}  // namespace hm::tables
