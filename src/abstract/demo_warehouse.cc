// CreateDemoWarehouse: the demo tables and views written to SQLite or PostgreSQL.
#include <fmt/format.h>

#include "abstract/demo_data.h"

namespace hm {
namespace {

using abstract::DemoColumn;
using abstract::DemoTable;

std::string SqliteType(const std::string& type) {
  if (type == "integer" || type == "boolean") return "INTEGER";
  if (type == "double precision") return "REAL";
  return "TEXT";  // dates and timestamps as ISO text, as the PostgreSQL rows read back
}

std::string CreateTable(const DemoTable& t, SqlBackend backend) {
  std::string columns;
  for (const DemoColumn& c : t.columns) {
    if (!columns.empty()) columns += ", ";
    columns += c.name + " " + (backend == SqlBackend::kPostgres ? c.type : SqliteType(c.type));
  }
  return fmt::format("CREATE TABLE {} ({}); CREATE INDEX {}_patient ON {} (patient_fhir_id);",
                     t.table, columns, t.table, t.table);
}

// The view over the table. With latency, an uncorrelated sub-select of pg_sleep in WHERE: the
// planner makes it a one-time InitPlan, so every query through the view sleeps once, whatever
// rows it returns.
std::string CreateView(const DemoTable& t, int sleep_ms) {
  if (sleep_ms <= 0) return fmt::format("CREATE VIEW {} AS SELECT * FROM {};", t.view, t.table);
  return fmt::format(
      "CREATE VIEW {} AS SELECT t.* FROM {} t WHERE (SELECT true FROM pg_sleep({:.3f}));", t.view,
      t.table, sleep_ms / 1000.0);
}

std::string Drop(const DemoTable& t, SqlBackend backend) {
  const char* cascade = backend == SqlBackend::kPostgres ? " CASCADE" : "";
  return fmt::format("DROP VIEW IF EXISTS {}{}; DROP TABLE IF EXISTS {}{};", t.view, cascade,
                     t.table, cascade);
}

Status Write(SqlConnection& db, const DemoTable& t, int sleep_ms) {
  HM_RETURN_IF_ERROR(db.Execute(Drop(t, db.backend())));
  HM_RETURN_IF_ERROR(db.Execute(CreateTable(t, db.backend())));
  std::vector<std::string> names;
  for (const DemoColumn& c : t.columns) names.push_back(c.name);
  HM_RETURN_IF_ERROR(db.CopyRows(t.table, names, t.rows));
  return db.Execute(CreateView(t, sleep_ms));
}

Status CheckOptions(const DemoWarehouseOptions& o, const SqlConnection& db) {
  if (o.patients < 1 || o.patients > 9999) {
    return Status::InvalidInput(fmt::format("--patients {}: out of range", o.patients),
                                "give 1 to 9999 patients");
  }
  if (o.sleep_ms < 0 || (o.sleep_ms > 0 && db.backend() != SqlBackend::kPostgres)) {
    return Status::InvalidInput(fmt::format("--sleep-ms {}: only for PostgreSQL", o.sleep_ms),
                                "simulated latency needs pg_sleep; leave it out for SQLite");
  }
  return Status::Ok();
}

}  // namespace

Result<DemoWarehouseReport> CreateDemoWarehouse(const std::string& connection_string,
                                                const DemoWarehouseOptions& options) {
  SqlOptions sql_options;
  sql_options.create_if_missing = true;
  HM_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> db, OpenSql(connection_string, sql_options));
  HM_RETURN_IF_ERROR(CheckOptions(options, *db));
  DemoWarehouseReport report;
  for (const DemoTable& table : abstract::DemoTables(options)) {
    HM_RETURN_IF_ERROR(Write(*db, table, options.sleep_ms));
    report.rows_by_view[table.view] = static_cast<std::int64_t>(table.rows.size());
  }
  for (int n = 1; n <= options.patients; ++n) {
    report.patient_ids.push_back(abstract::DemoPatientId(n));
    if (abstract::DemoPatientWithoutEvidence(n)) {
      report.without_evidence.push_back(abstract::DemoPatientId(n));
    }
  }
  return report;
}

}  // namespace hm
