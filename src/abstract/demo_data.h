// The synthetic oncology warehouse's tables and rows: the six views of profiles/oncology.yaml
// with the columns of the source system (hedis-domain-notes.md section 5), filled with
// deterministic patients for the demo, the tests and the benchmark.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hedis_mockup/abstract.h"
#include "hedis_mockup/sql.h"

namespace hm::abstract {

struct DemoColumn {
  std::string name;
  std::string type;  // PostgreSQL's: text, date, timestamp, integer, boolean, double precision
};

struct DemoTable {
  std::string view;   // v_imaging
  std::string table;  // demo_imaging: what the view selects from
  std::vector<DemoColumn> columns;
  std::vector<std::vector<SqlValue>> rows;  // dates as YYYY-MM-DD text, booleans as 1/0
};

// "demo-patient-007".
std::string DemoPatientId(int number);
// Whether patient `number` (1-based) is one of those without diagnostic evidence.
bool DemoPatientWithoutEvidence(int number);

// The six tables without rows, in the profile's order.
std::vector<DemoTable> EmptyDemoTables();

// The six tables with their rows. REQUIRES: options.patients >= 1.
std::vector<DemoTable> DemoTables(const DemoWarehouseOptions& options);

}  // namespace hm::abstract
