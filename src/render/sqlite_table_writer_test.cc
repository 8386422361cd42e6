#include "render/sqlite_table_writer.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hedis_mockup/tables.h"
#include "render/csv_table_writer.h"
#include "render/xlsx_table_writer.h"
#include "tables/test_mockup.h"
#include "testing/cli_runner.h"
#include "render/writer_test_rows.h"
#include "testing/temp_dir.h"

namespace hm::render {
namespace {

namespace fs = std::filesystem;
using writer_test::Cells;
using writer_test::kRows;
using writer_test::Rows;
using writer_test::Table;
using writer_test::WriteAll;
// A cell as SQLite holds it: no value for NULL.
using Stored = std::vector<std::vector<std::optional<std::string>>>;

const std::vector<SheetSpec> kSheets = {
    {"PSA_MEMBER_IN", {"MEM_NBR", "MEM_LNAME", "MEM_DOB", "MEM_CITY", "NOTE"}, nullptr},
    {"we\"ird table", {"MEM_NBR", "a\"b", "CPT_1"}, nullptr},
};


std::unique_ptr<TableWriter> OpenOk(const std::string& path) {
  Result<std::unique_ptr<TableWriter>> writer = OpenSqliteWriter(path, {});
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  return writer.ok() ? std::move(writer).value() : nullptr;
}

void WriteDatabase(const std::string& path) {
  auto writer = OpenOk(path);
  ASSERT_NE(writer, nullptr);
  WriteAll(*writer, kSheets, kRows);
  const Status finished = writer->Finish();
  ASSERT_TRUE(finished.ok()) << finished.ToString();
  EXPECT_EQ(writer->Outputs(), std::vector<std::string>{path});
}

// The rows of `sql`'s result, NULL as no value.
Stored Query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  Stored rows;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
        row.emplace_back();
      } else {
        row.emplace_back(std::string(
            reinterpret_cast<const char*>(sqlite3_column_text(statement, c)),
            static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
      }
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

Stored ExpectedRows(std::size_t sheet) {
  Stored rows;
  for (const auto& [s, cells] : kRows) {
    if (s != sheet) continue;
    auto& row = rows.emplace_back();
    for (const std::string& cell : cells) {
      row.push_back(cell.empty() ? std::nullopt : std::optional<std::string>(cell));
    }
  }
  return rows;
}

std::string Bytes(const std::string& path) { return testing::ReadAll(path); }
using testing::FilesIn;

class SqliteTableWriterTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(SqliteTableWriterTest, OneTextTablePerSheetRowsInOrderEmptyAsNull) {
  const std::string path = dir_.File("out/mockup.db");
  WriteDatabase(path);
  EXPECT_EQ(Query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"),
            (Stored{{"PSA_MEMBER_IN"}, {"we\"ird table"}}));
  EXPECT_EQ(Query(path, "SELECT name, type FROM pragma_table_info('we\"ird table')"),
            (Stored{{"MEM_NBR", "TEXT"}, {"a\"b", "TEXT"}, {"CPT_1", "TEXT"}}));
  EXPECT_EQ(Query(path, "SELECT * FROM PSA_MEMBER_IN ORDER BY rowid"), ExpectedRows(0));
  EXPECT_EQ(Query(path, "SELECT * FROM \"we\"\"ird table\" ORDER BY rowid"), ExpectedRows(1));
  EXPECT_EQ(FilesIn(dir_.File("out")), std::vector<std::string>{"mockup.db"});
}

// Each set of filled columns has its own insert, and a table with more sets than the writer
// keeps (64) starts its cache again: 300 rows with 256 sets, an all-empty row among them.
TEST_F(SqliteTableWriterTest, RowsWithManySetsOfFilledColumnsKeepTheirCells) {
  const std::vector<SheetSpec> sheets = {{"T", {"A", "B", "C", "D", "E", "F", "G", "H"}, nullptr}};
  Rows rows;
  for (int i = 0; i < 300; ++i) {
    Cells cells(8);
    for (int c = 0; c < 8; ++c) {
      if ((i % 256) & (1 << c)) cells[c] = fmt::format("r{}c{}", i, c);
    }
    rows.push_back({0, cells});
  }
  const std::string path = dir_.File("sets.db");
  auto writer = OpenOk(path);
  WriteAll(*writer, sheets, rows);
  ASSERT_TRUE(writer->Finish().ok());
  Stored expected;
  for (const auto& [sheet, cells] : rows) {
    auto& row = expected.emplace_back();
    for (const std::string& cell : cells) {
      row.push_back(cell.empty() ? std::nullopt : std::optional<std::string>(cell));
    }
  }
  EXPECT_EQ(Query(path, "SELECT * FROM T ORDER BY rowid"), expected);
}

TEST_F(SqliteTableWriterTest, SameRowsGiveIdenticalBytes) {
  WriteDatabase(dir_.File("a.db"));
  WriteDatabase(dir_.File("b.db"));
  const std::string a = Bytes(dir_.File("a.db"));
  EXPECT_GT(a.size(), 0u);
  EXPECT_TRUE(a == Bytes(dir_.File("b.db")));
}

TEST_F(SqliteTableWriterTest, DestroyedWithoutFinishLeavesNothingAndKeepsTheOldFile) {
  const std::string path = dir_.Write("mockup.db", "the earlier output");
  {
    auto writer = OpenOk(path);
    WriteAll(*writer, kSheets, kRows);
    EXPECT_TRUE(writer->Outputs().empty());
  }
  EXPECT_EQ(FilesIn(dir_.path()), std::vector<std::string>{"mockup.db"});
  EXPECT_EQ(Bytes(path), "the earlier output");
}

TEST_F(SqliteTableWriterTest, UnwritableFolderFailsAtOpenNamingThePath) {
  dir_.Write("a_file", "x");
  const std::string path = dir_.File("a_file/mockup.db");
  Result<std::unique_ptr<TableWriter>> writer = OpenSqliteWriter(path, {});
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().ToString().find(path), std::string::npos)
      << writer.status().ToString();
}

TEST_F(SqliteTableWriterTest, TablesSqliteRefusesAreErrorsNamingTheFile) {
  const std::vector<std::vector<SheetSpec>> bad = {
      {{"Same", {"X"}, nullptr}, {"SAME", {"X"}, nullptr}},
      {{"T", {"X", "x"}, nullptr}},
  };
  for (const auto& sheets : bad) {
    auto writer = OpenOk(dir_.File("x.db"));
    const Status status = writer->Begin(sheets);
    EXPECT_FALSE(status.ok()) << sheets.back().name;
    EXPECT_NE(status.ToString().find("x.db"), std::string::npos) << status.ToString();
  }
  EXPECT_EQ(FilesIn(dir_.path()), std::vector<std::string>{});
}

// ---------------------------------------------------------------------------------------------
// ReadTimelines reads what every writer writes, and gets what it gets from the reference CSV
// folder of src/tables/test_mockup.

void WriteMockup(const tables::testing::Mockup& mockup, TableWriter& writer) {
  std::vector<SheetSpec> sheets;
  for (const auto& table : mockup.tables) sheets.push_back({mockup.prefix + table.name, table.header});
  ASSERT_TRUE(writer.Begin(sheets).ok());
  for (std::size_t s = 0; s < mockup.tables.size(); ++s) {
    const auto& table = mockup.tables[s];
    for (const auto& row : table.rows) {
      Cells cells;
      for (const std::string& column : table.header) {
        const auto it = row.find(column);
        cells.push_back(it == row.end() ? "" : it->second);
      }
      ASSERT_TRUE(writer.Row(s, cells, RowOrigin{}).ok());
    }
  }
  const Status finished = writer.Finish();
  ASSERT_TRUE(finished.ok()) << finished.ToString();
}

// What the tests compare: members, their spans, events and monthly rows, and where each came from.
std::string Summary(const std::string& source) {
  ReadTablesOptions options;
  options.measure_prefix = "PSA";
  Result<TimelineSet> set = ReadTimelines(source, DefaultLayout(), options);
  if (!set.ok()) return "error: " + set.status().ToString();
  std::string out;
  for (std::size_t i = 0; i < set->members.size(); ++i) {
    const MemberTimeline& m = set->members[i];
    const MemberRows& rows = set->rows[i];
    out += fmt::format("member {} born {} {} {} from {}\n", m.demographics.member_id,
                       m.demographics.birth_date.ToIso(), m.demographics.last_name,
                       m.demographics.death_date ? m.demographics.death_date->ToIso() : "-",
                       rows.member.ToString());
    for (std::size_t j = 0; j < m.enrollment.size(); ++j) {
      const EnrollmentSpan& s = m.enrollment[j];
      out += fmt::format("  span {} {} {} from {}\n", s.start.ToIso(), s.end.ToIso(), s.product_id,
                         rows.enrollment[j].ToString());
    }
    for (std::size_t j = 0; j < m.events.size(); ++j) {
      const CodedEvent& e = m.events[j];
      out += fmt::format("  event {} {} {} {} from {}\n", e.code_as_written, e.date.ToIso(),
                         e.value ? fmt::format("{}", *e.value) : "-", e.file_id,
                         rows.events[j].ToString());
    }
    out += fmt::format("  monthly {}\n", m.monthly.size());
  }
  for (const Status& warning : set->warnings) out += "warning " + warning.message() + "\n";
  return out;
}

TEST_F(SqliteTableWriterTest, ReadTimelinesReadsWhatEveryWriterWrites) {
  const tables::testing::Mockup mockup = tables::testing::SmallMockup();
  tables::testing::WriteCsvFolder(mockup, dir_.File("reference"));
  const std::string expected = Summary(dir_.File("reference"));
  ASSERT_NE(expected.find("member M001"), std::string::npos) << expected;

  Result<std::unique_ptr<TableWriter>> sqlite = OpenSqliteWriter(dir_.File("mockup.db"), {});
  Result<std::unique_ptr<TableWriter>> xlsx = OpenXlsxWriter(dir_.File("mockup.xlsx"), {});
  Result<std::unique_ptr<TableWriter>> csv = OpenCsvWriter(dir_.File("csv"), {});
  ASSERT_TRUE(sqlite.ok() && xlsx.ok() && csv.ok());
  WriteMockup(mockup, **sqlite);
  WriteMockup(mockup, **xlsx);
  WriteMockup(mockup, **csv);
  EXPECT_EQ(Summary("sqlite:" + dir_.File("mockup.db")), expected);
  EXPECT_EQ(Summary(dir_.File("mockup.xlsx")), expected);
  EXPECT_EQ(Summary(dir_.File("csv")), expected);
}

}  // namespace
}  // namespace hm::render
