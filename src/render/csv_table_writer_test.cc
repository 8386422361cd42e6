#include "render/csv_table_writer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "read/csv_reader.h"
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
using writer_test::WithoutCr;
using writer_test::WriteAll;

const std::vector<SheetSpec> kSheets = {
    {"PSA_MEMBER_IN", {"MEM_NBR", "MEM_LNAME", "MEM_DOB", "MEM_CITY", "NOTE"}, nullptr},
    {"PSA_VISIT_IN", {"MEM_NBR", "SERV_DT", "CPT_1"}, nullptr},
};


Table Expected(const std::vector<SheetSpec>& sheets, const Rows& rows, std::size_t sheet) {
  Table table = {sheets[sheet].columns};
  for (const auto& [s, cells] : rows) {
    if (s == sheet) table.push_back(cells);
  }
  return table;
}

std::unique_ptr<TableWriter> OpenOk(const std::string& folder,
                                    const CsvWriterOptions& options = {}) {
  Result<std::unique_ptr<TableWriter>> writer = OpenCsvWriter(folder, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  return writer.ok() ? std::move(writer).value() : nullptr;
}

void WriteFolder(const std::string& folder, const std::vector<SheetSpec>& sheets = kSheets,
                 const Rows& rows = kRows, const CsvWriterOptions& options = {}) {
  auto writer = OpenOk(folder, options);
  ASSERT_NE(writer, nullptr);
  WriteAll(*writer, sheets, rows);
  const Status finished = writer->Finish();
  ASSERT_TRUE(finished.ok()) << finished.ToString();
}

// Every sheet of the folder as our CSV reader sees it, rows padded to `columns`.
std::map<std::string, Table> ReadOurs(const std::string& folder) {
  std::map<std::string, Table> sheets;
  Result<std::unique_ptr<read::Workbook>> workbook = read::OpenCsvFolder(folder);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  if (!workbook.ok()) return sheets;
  for (std::size_t i = 0; i < (*workbook)->SheetNames().size(); ++i) {
    Result<read::Sheet> sheet = (*workbook)->LoadSheet(i);
    EXPECT_TRUE(sheet.ok()) << sheet.status().ToString();
    if (!sheet.ok()) continue;
    Table& table = sheets[sheet->name];
    for (const read::Row& row : sheet->rows) {
      Cells& cells = table.emplace_back();
      for (const read::Cell& cell : row.cells) cells.push_back(cell.text);
    }
  }
  return sheets;
}

std::string Bytes(const std::string& path) { return testing::ReadAll(path); }
using testing::FilesIn;

class CsvTableWriterTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(CsvTableWriterTest, WritesRfc4180WithLfAndNoBom) {
  const std::string folder = dir_.File("out/csv");  // created, parents too
  WriteFolder(folder);
  EXPECT_EQ(FilesIn(folder), (std::vector<std::string>{"PSA_MEMBER_IN.csv", "PSA_VISIT_IN.csv"}));
  EXPECT_EQ(Bytes(folder + "/PSA_VISIT_IN.csv"),
            "MEM_NBR,SERV_DT,CPT_1\nM001,02/10/2026,99213\nM001,03/01/2026,\nM002,,0450\n");
  EXPECT_EQ(Bytes(folder + "/PSA_MEMBER_IN.csv"),
            "MEM_NBR,MEM_LNAME,MEM_DOB,MEM_CITY,NOTE\n"
            "M001,\"O'Brien, \"\"Jr\"\"\",01/31/2026,Zürich — Genève 東京,\"line1\nline2\"\n"
            "M002,,12/31/1956,,\n"
            "00123,  padded  ,2026-01-01,\"a\r\nb\",=1+2\n");
}

TEST_F(CsvTableWriterTest, OurReaderReadsBackEveryCell) {
  const std::string folder = dir_.File("csv");
  WriteFolder(folder);
  std::map<std::string, Table> sheets = ReadOurs(folder);
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets["PSA_MEMBER_IN"], WithoutCr(Expected(kSheets, kRows, 0)));
  EXPECT_EQ(sheets["PSA_VISIT_IN"], Expected(kSheets, kRows, 1));
}

// A small buffer makes rows cross many flushes, and one row is larger than the buffer.
TEST_F(CsvTableWriterTest, RowsSurviveFlushesAndRowsLargerThanTheBuffer) {
  Rows rows;
  for (int i = 0; i < 3000; ++i) {
    rows.push_back({static_cast<std::size_t>(i % 2),
                    i % 2 == 0 ? Cells{fmt::format("M{:05}", i), "a,b", "", "\"", ""}
                               : Cells{fmt::format("M{:05}", i), "", "99213"}});
  }
  rows.push_back({0, {"BIG", std::string(10'000, 'x') + ",\"", "", "", ""}});
  CsvWriterOptions options;
  options.buffer_bytes = 4096;
  const std::string folder = dir_.File("csv");
  WriteFolder(folder, kSheets, rows, options);
  std::map<std::string, Table> sheets = ReadOurs(folder);
  EXPECT_EQ(sheets["PSA_MEMBER_IN"], Expected(kSheets, rows, 0));
  EXPECT_EQ(sheets["PSA_VISIT_IN"], Expected(kSheets, rows, 1));
}

TEST_F(CsvTableWriterTest, SameRowsGiveIdenticalBytes) {
  WriteFolder(dir_.File("a"));
  WriteFolder(dir_.File("b"));
  for (const std::string name : {"PSA_MEMBER_IN.csv", "PSA_VISIT_IN.csv"}) {
    EXPECT_EQ(Bytes(dir_.File("a/" + name)), Bytes(dir_.File("b/" + name))) << name;
  }
}

TEST_F(CsvTableWriterTest, OutputsAreTheFilesInSheetOrderAfterFinish) {
  const std::string folder = dir_.File("csv");
  auto writer = OpenOk(folder);
  WriteAll(*writer, kSheets, kRows);
  EXPECT_TRUE(writer->Outputs().empty());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(writer->Outputs(), (std::vector<std::string>{folder + "/PSA_MEMBER_IN.csv",
                                                          folder + "/PSA_VISIT_IN.csv"}));
}

TEST_F(CsvTableWriterTest, DestroyedWithoutFinishLeavesTheFolderAsItWas) {
  const std::string old = dir_.Write("csv/PSA_MEMBER_IN.csv", "the earlier output");
  {
    auto writer = OpenOk(dir_.File("csv"));
    WriteAll(*writer, kSheets, kRows);
  }
  EXPECT_EQ(FilesIn(dir_.File("csv")), std::vector<std::string>{"PSA_MEMBER_IN.csv"});
  EXPECT_EQ(Bytes(old), "the earlier output");
  {
    auto writer = OpenOk(dir_.File("new/csv"));
    WriteAll(*writer, kSheets, kRows);
  }
  EXPECT_FALSE(fs::exists(dir_.File("new/csv")));  // the folder it created goes too
}

TEST_F(CsvTableWriterTest, UnwritableFolderFailsAtOpenNamingIt) {
  dir_.Write("a_file", "x");
  for (const std::string& folder : {dir_.File("a_file"), dir_.File("a_file/csv")}) {
    Result<std::unique_ptr<TableWriter>> writer = OpenCsvWriter(folder, {});
    ASSERT_FALSE(writer.ok()) << folder;
    EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
    EXPECT_NE(writer.status().ToString().find(folder), std::string::npos)
        << writer.status().ToString();
  }
}

TEST_F(CsvTableWriterTest, RefusesSheetNamesThatCannotNameDistinctFiles) {
  const std::vector<std::vector<SheetSpec>> bad = {
      {{"A/B", {"X"}, nullptr}},
      {{"..", {"X"}, nullptr}},
      {{"", {"X"}, nullptr}},
      {{"Same", {"X"}, nullptr}, {"SAME", {"X"}, nullptr}},
  };
  for (const auto& sheets : bad) {
    auto writer = OpenOk(dir_.File("csv"));
    EXPECT_EQ(writer->Begin(sheets).code(), StatusCode::kInvalidInput) << sheets.back().name;
  }
}

TEST_F(CsvTableWriterTest, ARowOfTheWrongWidthIsABug) {
  auto writer = OpenOk(dir_.File("csv"));
  ASSERT_TRUE(writer->Begin(kSheets).ok());
  const Cells short_row = {"M001"};
  EXPECT_EQ(writer->Row(0, short_row, RowOrigin{}).code(), StatusCode::kInternal);
  EXPECT_EQ(writer->Row(5, short_row, RowOrigin{}).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace hm::render
