// Fuzzes finding scenario rows in a test-case sheet given as CSV bytes: header detection, group
// and continuation rows must cope with any table without crashing, and every row found must come
// from the sheet.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/csv_reader.h"
#include "testcase/scenario_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hm::read::ReadLimits limits;
  limits.max_rows = 2000;
  limits.max_columns = 64;
  limits.max_csv_field_bytes = 1 << 14;
  auto workbook = hm::read::OpenCsvBytes(std::string(reinterpret_cast<const char*>(data), size),
                                         "fuzz.csv", limits);
  if (!workbook.ok()) return 0;
  auto table = hm::testcase::FindScenarios(**workbook);
  if (!table.ok()) return 0;
  for (const hm::testcase::ScenarioRow& row : table->rows) {
    if (row.row < 1 || !hm::testcase::LooksLikeMemberId(row.member_id)) __builtin_trap();
  }
  return 0;
}
