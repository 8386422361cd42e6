#include "read/workbook.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace hm::read {
namespace {

Cell Make(Cell::Type type, double number, std::string text = {}) {
  Cell cell;
  cell.type = type;
  cell.number = number;
  cell.text = std::move(text);
  return cell;
}

TEST(CellTest, AsTextShowsValuesAsAUserReadsThem) {
  struct Case {
    const char* name;
    Cell cell;
    const char* text;
  };
  const Case cases[] = {
      {"empty", Cell{}, ""},
      {"string", Make(Cell::Type::kString, 0, "  as typed\n"), "  as typed\n"},
      {"whole number", Make(Cell::Type::kNumber, 42), "42"},
      {"negative whole number", Make(Cell::Type::kNumber, -3), "-3"},
      {"negative zero", Make(Cell::Type::kNumber, -0.0), "0"},
      {"eleven-digit code", Make(Cell::Type::kNumber, 12345678901), "12345678901"},
      {"fraction", Make(Cell::Type::kNumber, 3.5), "3.5"},
      {"binary rounding", Make(Cell::Type::kNumber, 0.1 + 0.2), "0.3"},
      {"huge", Make(Cell::Type::kNumber, 1e20), "1e+20"},
      {"true", Make(Cell::Type::kBool, 1), "TRUE"},
      {"false", Make(Cell::Type::kBool, 0), "FALSE"},
      {"date", Make(Cell::Type::kDate, 20517), "2026-03-05"},
      {"date and time", Make(Cell::Type::kDate, 0.5), "1970-01-01T12:00:00"},
      {"error", Make(Cell::Type::kError, 0, "#N/A"), "#N/A"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.cell.AsText(), c.text) << c.name;
}

TEST(CellTest, EmptyMeansNoValueOrEmptyText) {
  EXPECT_TRUE(Cell{}.empty());
  EXPECT_TRUE(Make(Cell::Type::kString, 0, "").empty());
  EXPECT_FALSE(Make(Cell::Type::kString, 0, " ").empty());
  EXPECT_FALSE(Make(Cell::Type::kNumber, 0).empty());
}

TEST(RowTest, AtPastTheEndIsEmpty) {
  Row row;
  row.cells.push_back(Make(Cell::Type::kString, 0, "a"));
  EXPECT_EQ(row.at(0).text, "a");
  EXPECT_TRUE(row.at(1).empty());
  EXPECT_TRUE(row.at(1000).empty());
}

TEST(SheetTest, DisplayedFollowsMergedRanges) {
  Sheet sheet;
  Row title{2, {Make(Cell::Type::kString, 0, "Title"), Cell{}, Make(Cell::Type::kNumber, 9)}};
  Row body{5, {Cell{}, Make(Cell::Type::kString, 0, "B5")}};
  sheet.rows = {title, body};
  sheet.merges = {{2, 1, 4, 2}};  // A2:B4
  struct Case {
    std::int64_t row, column;
    const char* text;
  };
  const Case cases[] = {{2, 1, "Title"}, {2, 2, "Title"}, {4, 2, "Title"}, {3, 1, "Title"},
                        {2, 3, "9"},     {5, 2, "B5"},    {5, 1, ""},      {1, 1, ""},
                        {4, 3, ""},      {0, 0, ""},      {-1, 2, ""},     {99, 99, ""}};
  for (const Case& c : cases) {
    EXPECT_EQ(sheet.Displayed(c.row, c.column).AsText(), c.text)
        << "row " << c.row << ", column " << c.column;
  }
}

TEST(SheetTest, DisplayedFindsRowsEvenOutOfOrder) {
  Sheet sheet;
  sheet.rows = {Row{7, {Make(Cell::Type::kString, 0, "seven")}},
                Row{3, {Make(Cell::Type::kString, 0, "three")}}};
  EXPECT_EQ(sheet.Displayed(3, 1).text, "three");
  EXPECT_EQ(sheet.Displayed(7, 1).text, "seven");
}

std::string WriteXlsx(const std::string& path, const std::vector<std::string>& sheet_names) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  for (const std::string& name : sheet_names) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    worksheet_write_string(sheet, 0, 0, name.c_str(), nullptr);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path);
  return path;
}

TEST(WorkbookOpenTest, DispatchesOnContentNotExtension) {
  testing::TempDir dir;
  struct Case {
    const char* name;
    std::string path;
    std::vector<std::string> sheets;
    const char* first_cell;
  };
  dir.Write("folder/one.csv", "from one\n");
  dir.Write("folder/two.csv", "from two\n");
  const Case cases[] = {
      {"xlsx", WriteXlsx(dir.File("book.xlsx"), {"Alpha", "Beta"}), {"Alpha", "Beta"}, "Alpha"},
      {"xlsx saved under another name", WriteXlsx(dir.File("book.dat"), {"Gamma"}), {"Gamma"},
       "Gamma"},
      {"CSV", dir.Write("cases.csv", "a,b\n"), {"cases"}, "a"},
      {"CSV under another name", dir.Write("export.txt", "x\n"), {"export"}, "x"},
      {"folder of CSV files", dir.File("folder"), {"one", "two"}, "from one"},
  };
  for (const Case& c : cases) {
    auto workbook = Workbook::Open(c.path);
    ASSERT_TRUE(workbook.ok()) << c.name << ": " << workbook.status().ToString();
    EXPECT_EQ((*workbook)->path(), c.path) << c.name;
    EXPECT_EQ((*workbook)->SheetNames(), c.sheets) << c.name;
    const auto sheet = (*workbook)->LoadSheet(0);
    ASSERT_TRUE(sheet.ok()) << c.name << ": " << sheet.status().ToString();
    EXPECT_EQ(sheet->Displayed(1, 1).AsText(), c.first_cell) << c.name;
  }
}

TEST(WorkbookOpenTest, RefusesWhatItCannotReadWithAClearError) {
  testing::TempDir dir;
  struct Case {
    const char* name;
    std::string path;
    StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"text renamed .xlsx", dir.Write("renamed.xlsx", "Name,Count\nx,1\n"),
       StatusCode::kInvalidInput, "is not an xlsx workbook (it is not a zip archive)"},
      {"text renamed .XLSM", dir.Write("macro.XLSM", "x"), StatusCode::kInvalidInput,
       "is not an xlsx workbook (it is not a zip archive)"},
      {"Excel 97-2003 workbook",
       dir.Write("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)),
       StatusCode::kInvalidInput, "Excel 97-2003"},
      {"missing file", dir.File("absent.xlsx"), StatusCode::kNotFound, "file not found"},
  };
  for (const Case& c : cases) {
    const auto workbook = Workbook::Open(c.path);
    ASSERT_FALSE(workbook.ok()) << c.name;
    EXPECT_EQ(workbook.status().code(), c.code) << c.name;
    EXPECT_EQ(workbook.status().location().file, c.path) << c.name;
    EXPECT_NE(workbook.status().message().find(c.message), std::string::npos)
        << c.name << ": " << workbook.status().ToString();
  }
  const auto renamed = Workbook::Open(dir.File("renamed.xlsx"));
  EXPECT_EQ(renamed.status().ToString(),
            dir.File("renamed.xlsx") +
                ": is not an xlsx workbook (it is not a zip archive); save it from Excel as "
                ".xlsx, or export the sheet as CSV");
}

TEST(WorkbookTest, FindSheetIgnoresCaseSpacesAndPunctuation) {
  testing::TempDir dir;
  auto workbook = Workbook::Open(
      WriteXlsx(dir.File("vsd.xlsx"),
                {"Measures to Value Sets", "Value Sets to Codes", "value-sets-TO-codes"}));
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  struct Case {
    const char* name;
    std::ptrdiff_t index;
  };
  const Case cases[] = {{"Value Sets to Codes", 1}, {"value_sets_to_codes", 1},
                        {"VALUE SETS TO CODES", 1}, {"value-sets-TO-codes", 2},
                        {"measures to value sets", 0}, {"Codes", -1}, {"", -1}};
  for (const Case& c : cases) EXPECT_EQ((*workbook)->FindSheet(c.name), c.index) << c.name;
}

TEST(WorkbookTest, ReadSheetPastTheLastSheetIsAnError) {
  testing::TempDir dir;
  auto workbook = Workbook::Open(WriteXlsx(dir.File("one.xlsx"), {"Only"}));
  ASSERT_TRUE(workbook.ok());
  const auto summary = (*workbook)->ReadSheet(1, [](const Row&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace hm::read
