#include "render/xlsx_table_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "read/workbook.h"
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


// The rows of sheet `sheet` in kRows, header first.
Table Expected(std::size_t sheet) {
  Table table = {kSheets[sheet].columns};
  for (const auto& [s, cells] : kRows) {
    if (s == sheet) table.push_back(cells);
  }
  return table;
}

std::unique_ptr<TableWriter> OpenOk(const std::string& path, const XlsxWriterOptions& options = {}) {
  Result<std::unique_ptr<TableWriter>> writer = OpenXlsxWriter(path, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  return writer.ok() ? std::move(writer).value() : nullptr;
}

void WriteWorkbook(const std::string& path, const XlsxWriterOptions& options = {}) {
  auto writer = OpenOk(path, options);
  ASSERT_NE(writer, nullptr);
  WriteAll(*writer, kSheets, kRows);
  const Status finished = writer->Finish();
  ASSERT_TRUE(finished.ok()) << finished.ToString();
}

// Every sheet as our reader sees it; every stored cell must be text.
std::map<std::string, Table> ReadOurs(const std::string& path) {
  std::map<std::string, Table> sheets;
  Result<std::unique_ptr<read::Workbook>> workbook = read::Workbook::Open(path);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  if (!workbook.ok()) return sheets;
  for (std::size_t i = 0; i < (*workbook)->SheetNames().size(); ++i) {
    Result<read::Sheet> sheet = (*workbook)->LoadSheet(i);
    EXPECT_TRUE(sheet.ok()) << sheet.status().ToString();
    if (!sheet.ok()) continue;
    Table& table = sheets[sheet->name];
    for (const read::Row& row : sheet->rows) {
      Cells& cells = table.emplace_back();
      for (const read::Cell& cell : row.cells) {
        EXPECT_TRUE(cell.type == read::Cell::Type::kString || cell.type == read::Cell::Type::kEmpty)
            << sheet->name << " row " << row.number << ": " << cell.AsText();
        cells.push_back(cell.text);
      }
    }
  }
  return sheets;
}

// Trailing empty cells may be left out by a reader.
Table PadRows(Table table, std::size_t columns) {
  for (Cells& row : table) row.resize(columns);
  return table;
}

bool HaveOpenpyxl() {
  return std::system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0;
}

// The workbook as openpyxl (an independent reader) sees it, plus the zip entries' dates and
// docProps/core.xml, as JSON.
nlohmann::json ReadOpenpyxl(const testing::TempDir& dir, const std::string& path) {
  const std::string script = dir.Write("read.py", R"(
import json, re, sys, zipfile, openpyxl
# openpyxl leaves OOXML's escapes of control characters (_x000D_) as written; Excel decodes them.
def text(v):
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), v) if isinstance(v, str) else v
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": {}}
for ws in wb.worksheets:
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    out["sheets"][ws.title] = {
        "rows": [[text(c.value) for c in row] for row in ws.iter_rows()],
        "types": sorted({c.data_type for c in cells}),
        "freeze": ws.freeze_panes,
        "bold": [c.font.b for c in ws[1]],
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
    }
with zipfile.ZipFile(sys.argv[1]) as z:
    out["zip_dates"] = sorted({str(i.date_time) for i in z.infolist()})
    out["core"] = z.read("docProps/core.xml").decode()
print(json.dumps(out))
)");
  const std::string command = "/usr/bin/python3 " + script + " '" + path + "'";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << text;
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// openpyxl's rows: empty cells are null.
Table FromJson(const nlohmann::json& rows) {
  Table table;
  for (const auto& row : rows) {
    Cells& cells = table.emplace_back();
    for (const auto& cell : row) cells.push_back(cell.is_null() ? "" : cell.get<std::string>());
  }
  return table;
}

std::string Bytes(const std::string& path) { return testing::ReadAll(path); }
using testing::FilesIn;

class XlsxTableWriterTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(XlsxTableWriterTest, OurReaderReadsBackEveryCellAsText) {
  const std::string path = dir_.File("out/mockup.xlsx");
  WriteWorkbook(path);
  std::map<std::string, Table> sheets = ReadOurs(path);
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(PadRows(sheets["PSA_MEMBER_IN"], 5), WithoutCr(Expected(0)));
  EXPECT_EQ(PadRows(sheets["PSA_VISIT_IN"], 3), WithoutCr(Expected(1)));
}

TEST_F(XlsxTableWriterTest, OpenpyxlReadsBackTextBoldFrozenHeaderAndFixedDates) {
  if (!HaveOpenpyxl()) GTEST_SKIP() << "/usr/bin/python3 with openpyxl is not installed";
  const std::string path = dir_.File("mockup.xlsx");
  WriteWorkbook(path);
  const nlohmann::json book = ReadOpenpyxl(dir_, path);
  ASSERT_TRUE(book.is_object());
  for (std::size_t s = 0; s < kSheets.size(); ++s) {
    const nlohmann::json& sheet = book["sheets"][kSheets[s].name];
    SCOPED_TRACE(kSheets[s].name);
    EXPECT_EQ(FromJson(sheet["rows"]), Expected(s));
    EXPECT_EQ(sheet["types"], nlohmann::json::array({"s"}));  // text only: no dates, no numbers
    EXPECT_EQ(sheet["freeze"], "A2");
    EXPECT_EQ(sheet["bold"], nlohmann::json(std::vector<bool>(kSheets[s].columns.size(), true)));
    EXPECT_GE(sheet["widths"]["A"].get<double>(), 9);
  }
  // Nothing in the package depends on when it was written.
  EXPECT_EQ(book["zip_dates"], nlohmann::json::array({"(1980, 1, 1, 0, 0, 0)"}));
  const std::string core = book["core"];
  EXPECT_NE(core.find("2000-01-01T00:00:00Z"), std::string::npos) << core;
}

TEST_F(XlsxTableWriterTest, SameRowsGiveIdenticalBytes) {
  WriteWorkbook(dir_.File("a/mockup.xlsx"));
  WriteWorkbook(dir_.File("b/mockup.xlsx"));
  WriteWorkbook(dir_.File("c/other.xlsx"));
  const std::string a = Bytes(dir_.File("a/mockup.xlsx"));
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == Bytes(dir_.File("b/mockup.xlsx")));
  EXPECT_TRUE(a == Bytes(dir_.File("c/other.xlsx")));
}

TEST_F(XlsxTableWriterTest, CreatedOptionChangesOnlyTheDocumentDate) {
  XlsxWriterOptions options;
  options.created = 1'790'000'000;  // 2026-09-21
  WriteWorkbook(dir_.File("a.xlsx"));
  WriteWorkbook(dir_.File("b.xlsx"), options);
  EXPECT_FALSE(Bytes(dir_.File("a.xlsx")) == Bytes(dir_.File("b.xlsx")));
  EXPECT_EQ(ReadOurs(dir_.File("a.xlsx")), ReadOurs(dir_.File("b.xlsx")));
}

// 25 member rows and 3 visit rows with 10 rows per sheet (header included): members need parts
// of 9 + 9 + 7 rows; every part holds both sheets with their headers.
TEST_F(XlsxTableWriterTest, SplitsIntoPartsBeforeASheetPassesTheRowLimit) {
  std::vector<std::pair<std::size_t, Cells>> rows;
  for (int i = 0; i < 25; ++i) {
    rows.push_back({0, {fmt::format("M{:03}", i), "Name", "01/01/1990", "", ""}});
    if (i % 10 == 0) rows.push_back({1, {fmt::format("M{:03}", i), "02/10/2026", "99213"}});
  }
  XlsxWriterOptions options;
  options.max_rows_per_sheet = 10;
  const std::string path = dir_.File("split.xlsx");
  auto writer = OpenOk(path, options);
  WriteAll(*writer, kSheets, rows);
  ASSERT_TRUE(writer->Finish().ok());
  const std::vector<std::string> parts = {path, dir_.File("split_part2.xlsx"),
                                          dir_.File("split_part3.xlsx")};
  EXPECT_EQ(writer->Outputs(), parts);
  EXPECT_EQ(FilesIn(dir_.path()), (std::vector<std::string>{"split.xlsx", "split_part2.xlsx",
                                                              "split_part3.xlsx"}));
  Table members, visits;
  for (const std::string& part : parts) {
    std::map<std::string, Table> sheets = ReadOurs(part);
    ASSERT_EQ(sheets.size(), 2u) << part;
    Table m = PadRows(sheets["PSA_MEMBER_IN"], 5), v = PadRows(sheets["PSA_VISIT_IN"], 3);
    ASSERT_FALSE(m.empty());
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(m[0], kSheets[0].columns) << part;
    EXPECT_EQ(v[0], kSheets[1].columns) << part;
    EXPECT_LE(m.size(), 10u) << part;
    members.insert(members.end(), m.begin() + 1, m.end());
    visits.insert(visits.end(), v.begin() + 1, v.end());
  }
  Table expected_members, expected_visits;
  for (const auto& [sheet, cells] : rows) (sheet == 0 ? expected_members : expected_visits).push_back(cells);
  EXPECT_EQ(members, expected_members);
  EXPECT_EQ(visits, expected_visits);
}

TEST_F(XlsxTableWriterTest, FinishRemovesPartsLeftByALongerEarlierRun) {
  dir_.Write("mockup_part2.xlsx", "old");
  dir_.Write("mockup_part3.xlsx", "old");
  WriteWorkbook(dir_.File("mockup.xlsx"));
  EXPECT_EQ(FilesIn(dir_.path()), std::vector<std::string>{"mockup.xlsx"});
}

TEST_F(XlsxTableWriterTest, DestroyedWithoutFinishLeavesNothingAndKeepsTheOldFile) {
  const std::string path = dir_.Write("mockup.xlsx", "the earlier output");
  {
    XlsxWriterOptions options;
    options.max_rows_per_sheet = 3;  // two parts are closed before the writer is dropped
    auto writer = OpenOk(path, options);
    WriteAll(*writer, kSheets, kRows);
    EXPECT_TRUE(writer->Outputs().empty());
  }
  EXPECT_EQ(FilesIn(dir_.path()), std::vector<std::string>{"mockup.xlsx"});
  EXPECT_EQ(Bytes(path), "the earlier output");
}

TEST_F(XlsxTableWriterTest, UnwritableFolderFailsAtOpenNamingThePath) {
  dir_.Write("a_file", "x");
  const std::string path = dir_.File("a_file/sub/mockup.xlsx");  // under a plain file
  Result<std::unique_ptr<TableWriter>> writer = OpenXlsxWriter(path, {});
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().ToString().find(path), std::string::npos)
      << writer.status().ToString();
}

TEST_F(XlsxTableWriterTest, RefusesBadOptionsAndSheetNames) {
  XlsxWriterOptions options;
  options.max_rows_per_sheet = 1;
  EXPECT_EQ(OpenXlsxWriter(dir_.File("x.xlsx"), options).status().code(),
            StatusCode::kInvalidInput);
  const std::vector<std::vector<SheetSpec>> bad = {
      {{"A/B", {"X"}, nullptr}},
      {{std::string(32, 'A'), {"X"}, nullptr}},
      {{"Same", {"X"}, nullptr}, {"SAME", {"X"}, nullptr}},
  };
  for (const auto& sheets : bad) {
    auto writer = OpenOk(dir_.File("x.xlsx"));
    const Status status = writer->Begin(sheets);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << sheets.back().name;
    EXPECT_NE(status.ToString().find("x.xlsx"), std::string::npos) << status.ToString();
  }
  EXPECT_EQ(FilesIn(dir_.path()), std::vector<std::string>{});
}

TEST_F(XlsxTableWriterTest, ARowOfTheWrongWidthIsABug) {
  auto writer = OpenOk(dir_.File("x.xlsx"));
  ASSERT_TRUE(writer->Begin(kSheets).ok());
  const Cells short_row = {"M001"};
  EXPECT_EQ(writer->Row(0, short_row, RowOrigin{}).code(), StatusCode::kInternal);
  EXPECT_EQ(writer->Row(7, short_row, RowOrigin{}).code(), StatusCode::kInternal);
}

TEST(XlsxPartPathTest, NamesPartsAfterTheFirst) {
  const struct {
    std::string path;
    int part;
    std::string expected;
  } cases[] = {
      {"out/X.xlsx", 1, "out/X.xlsx"},
      {"out/X.xlsx", 2, "out/X_part2.xlsx"},
      {"X.xlsx", 12, "X_part12.xlsx"},
      {"/a.b/mockup", 3, "/a.b/mockup_part3"},
  };
  for (const auto& c : cases) EXPECT_EQ(XlsxPartPath(c.path, c.part), c.expected) << c.path;
}

}  // namespace
}  // namespace hm::render
