// A small mockup in the engine input layout, written as an .xlsx workbook, a folder of CSV files
// and a SQLite database, for the tests of ReadTimelines.
//
// Failures throw std::runtime_error: they mean a broken test machine, not a failing test.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace hm::tables::testing {

// One table: its name without prefix, its header, and rows of (column -> text). Columns a row
// does not name are written empty.
struct MockTable {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

struct Mockup {
  std::vector<MockTable> tables;
  std::string prefix;  // "PSA_": prepended to every sheet/table name
};

// The mockup the tests read: 4 members (gaps, hospice, deaths, visits with many code columns,
// labs with values, pharmacy, EMR, monthly membership, denied and supplemental rows) and one
// member in ENROLLMENT_IN only. Headers are the default layout's columns, VISIT_IN with an
// unknown extra column MY_NOTE.
Mockup SmallMockup();

// Writers. xlsx: dates in MEM_DOB as date cells, LAB_VALUE and RX_DAYS_SUPP as number cells, the
// rest as text; SQLite: LAB_VALUE as REAL and RX_DAYS_SUPP as INTEGER, the rest as TEXT; CSV: text.
void WriteXlsx(const Mockup& mockup, const std::string& path);
void WriteCsvFolder(const Mockup& mockup, const std::string& folder);
void WriteSqlite(const Mockup& mockup, const std::string& path);

}  // namespace hm::tables::testing
