// Summary export of the audit log (`hedis-mockup audit export --out FILE`): the sessions of a
// period, their statistics and the verify result, as .json, .csv or .xlsx by the file's extension.
// Every format is written under a temporary name and renamed into place, so a reader never sees a
// half-written summary.
//
// Thread-safety: thread-safe.
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "hedis_mockup/audit.h"
#include "hedis_mockup/completeness.h"

namespace hm::audit {

// Everything a summary holds.
struct ExportData {
  // Gives each exported session, oldest first, to the visitor: read from the log one at a time,
  // so a summary of 100,000 sessions does not hold them all in memory.
  std::function<Status(const std::function<Status(const SessionRecord&)>&)> for_each_session;
  std::size_t session_count = 0;
  Statistics statistics;
  VerifyReport verify;
  std::string source;       // the log's path
  std::string exported_at;  // ISO 8601 UTC
  // What the export read and what it skipped, in PRODUCT.md's completeness shape.
  CompletenessSnapshot completeness;
};

// One cell of the session table: text, a number, or empty.
using ExportCell = std::variant<std::monostate, std::string, double>;

// The session table's columns (CSV header, the Sessions sheet's first row) and one session's row.
const std::vector<std::string>& SessionColumns();
std::vector<ExportCell> SessionRow(const SessionRecord& record);

// Writes `data` to `path` in the format of `format` (".json", ".csv"; ".xlsx" in export_xlsx.cc).
// `path` is the temporary file; the caller renames it.
Status WriteJsonExport(const ExportData& data, const std::string& path);
Status WriteCsvExport(const ExportData& data, const std::string& path);
Status WriteXlsxExport(const ExportData& data, const std::string& path);

}  // namespace hm::audit
