#include "read/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <string>
#include <vector>

#include "testing/temp_dir.h"
#include "testing/xlsx_fixture.h"

namespace hm::read {
namespace {

using testing::StylesXml;
using testing::WorksheetXml;
using testing::XlsxEntries;
using testing::XlsxParts;
using testing::ZipBytes;
using testing::ZipEntry;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes, with libxlsxwriter (shared strings, as Excel does), a workbook with every cell type.
// Sheet "Data":  row 1 headers; row 2 typed values; row 3 formatted blanks only (a blank row);
//                row 5 a formula's cached string, a rich string and a time.
// Sheet "Second Sheet": a merged title over A1:C2 and a value in D3.
std::string WriteTypesWorkbook(const testing::TempDir& dir) {
  const std::string path = dir.File("types.xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* data = workbook_add_worksheet(workbook, "Data");
  lxw_format* iso_date = workbook_add_format(workbook);
  format_set_num_format(iso_date, "yyyy-mm-dd");
  lxw_format* builtin_date = workbook_add_format(workbook);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* date_time = workbook_add_format(workbook);
  format_set_num_format(date_time, "yyyy-mm-dd hh:mm");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(workbook);
  format_set_num_format(money, "#,##0.00");

  worksheet_write_string(data, 0, 0, "Name", nullptr);
  worksheet_write_string(data, 0, 1, "Count", nullptr);
  worksheet_write_string(data, 1, 0, "line one\nline two", nullptr);
  worksheet_write_number(data, 1, 1, 42, nullptr);
  worksheet_write_number(data, 1, 2, 3.5, money);
  worksheet_write_boolean(data, 1, 3, 1, nullptr);
  lxw_datetime date = {2026, 3, 5, 0, 0, 0};
  worksheet_write_datetime(data, 1, 4, &date, iso_date);
  worksheet_write_datetime(data, 1, 5, &date, builtin_date);
  worksheet_write_boolean(data, 1, 6, 0, nullptr);
  worksheet_write_blank(data, 2, 0, bold);
  worksheet_write_blank(data, 2, 3, bold);
  worksheet_write_formula_str(data, 4, 0, "=\"a\"&\"b\"", nullptr, "ab");
  lxw_rich_string_tuple plain = {nullptr, const_cast<char*>("plain ")};
  lxw_rich_string_tuple strong = {bold, const_cast<char*>("bold")};
  lxw_rich_string_tuple* rich[] = {&plain, &strong, nullptr};
  worksheet_write_rich_string(data, 4, 2, rich, nullptr);
  lxw_datetime when = {2026, 3, 5, 14, 30, 0};
  worksheet_write_datetime(data, 4, 3, &when, date_time);

  lxw_worksheet* second = workbook_add_worksheet(workbook, "Second Sheet");
  worksheet_merge_range(second, 0, 0, 1, 2, "Merged title", nullptr);
  worksheet_write_number(second, 2, 3, -7, nullptr);
  if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path);
  return path;
}

Result<Sheet> LoadOnly(Result<std::unique_ptr<Workbook>> workbook, std::size_t index = 0) {
  if (!workbook.ok()) return std::move(workbook).TakeStatus();
  return (*workbook)->LoadSheet(index);
}

// The sheet "S" of a package built from hand-written parts.
Result<Sheet> LoadParts(const XlsxParts& parts, const ReadLimits& limits = {}) {
  return LoadOnly(OpenXlsxBytes(ZipBytes(XlsxEntries(parts)), "parts.xlsx", limits));
}

XlsxParts OneSheet(const std::string& rows, const std::string& after = "") {
  XlsxParts parts;
  parts.sheets = {{"S", WorksheetXml(rows, after)}};
  return parts;
}

std::string Describe(const Cell& cell) {
  static const char* const kTypes[] = {"empty", "string", "number", "bool", "date", "error"};
  return std::string(kTypes[static_cast<int>(cell.type)]) + ":" + cell.AsText();
}

std::vector<std::string> Describe(const Row& row) {
  std::vector<std::string> cells;
  for (const Cell& cell : row.cells) cells.push_back(Describe(cell));
  return cells;
}

TEST(XlsxReaderTest, ReadsEveryCellTypeWrittenByLibxlsxwriter) {
  testing::TempDir dir;
  auto workbook = OpenXlsxFile(WriteTypesWorkbook(dir));
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  EXPECT_EQ((*workbook)->SheetNames(), (std::vector<std::string>{"Data", "Second Sheet"}));

  const auto sheet = (*workbook)->LoadSheet(0);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 3u) << "the row of formatted blanks is skipped";
  EXPECT_EQ(sheet->rows[0].number, 1);
  EXPECT_EQ(Describe(sheet->rows[0]), (std::vector<std::string>{"string:Name", "string:Count"}));
  EXPECT_EQ(sheet->rows[1].number, 2);
  EXPECT_EQ(Describe(sheet->rows[1]),
            (std::vector<std::string>{"string:line one\nline two", "number:42", "number:3.5",
                                      "bool:TRUE", "date:2026-03-05", "date:2026-03-05",
                                      "bool:FALSE"}));
  EXPECT_EQ(sheet->rows[2].number, 5);
  EXPECT_EQ(Describe(sheet->rows[2]),
            (std::vector<std::string>{"string:ab", "empty:", "string:plain bold",
                                      "date:2026-03-05T14:30:00"}));
}

TEST(XlsxReaderTest, CollectsMergedRangesAndDisplaysTheirValue) {
  testing::TempDir dir;
  const auto sheet = LoadOnly(OpenXlsxFile(WriteTypesWorkbook(dir)), 1);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->name, "Second Sheet");
  ASSERT_EQ(sheet->merges.size(), 1u);
  const CellRange& merge = sheet->merges[0];
  EXPECT_EQ(std::vector<std::int64_t>({merge.first_row, merge.first_column, merge.last_row,
                                       merge.last_column}),
            std::vector<std::int64_t>({1, 1, 2, 3}));
  EXPECT_EQ(sheet->Displayed(2, 3).AsText(), "Merged title");
  EXPECT_EQ(sheet->Displayed(1, 1).AsText(), "Merged title");
  EXPECT_EQ(sheet->Displayed(3, 4).AsText(), "-7");
  EXPECT_TRUE(sheet->Displayed(3, 3).empty());
}

TEST(XlsxReaderTest, StreamsRowsAndStopsAtTheVisitorsError) {
  testing::TempDir dir;
  const std::string path = WriteTypesWorkbook(dir);
  auto workbook = OpenXlsxFile(path);
  ASSERT_TRUE(workbook.ok());
  std::vector<std::int64_t> seen;
  const auto summary = (*workbook)->ReadSheet(0, [&seen](const Row& row) {
    seen.push_back(row.number);
    return row.number == 2 ? Status::InvalidInput("not wanted") : Status::Ok();
  });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(summary.status().ToString(), path + ": sheet 'Data', row 2: not wanted");
}

TEST(XlsxReaderTest, ReadsHandWrittenCellsLibxlsxwriterCannotWrite) {
  XlsxParts parts = OneSheet(
      // Row 1 has no r attributes at all; cells are then taken in order.
      "<row><c t=\"inlineStr\"><is><t>inline</t></is></c><c><v>2</v></c></row>"
      "<row r=\"3\">"
      "<c r=\"A3\" t=\"inlineStr\"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>run</t></r>"
      "<rPh><t>PHONETIC</t></rPh></is></c>"
      "<c r=\"C3\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"D3\" t=\"str\"><f>A1</f><v>formula text</v></c>"
      "<c r=\"E3\" t=\"d\"><v>2024-02-29T08:15:00</v></c>"
      "<c r=\"F3\" t=\"s\"><v>1</v></c>"
      "<c r=\"G3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  padded _x000D_\nx  </t></is></c>"
      "</row>"
      "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>0</v></c><c r=\"C4\"><v>1.5E3</v></c>"
      "<c r=\"D4\" t=\"b\"><v>false</v></c></row>");
  parts.shared_strings =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" "
      "uniqueCount=\"2\"><si><t/></si><si><r><t>sh</t></r><r><t>ared</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>X</t></rPh></si></sst>";
  const auto sheet = LoadParts(parts);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 3u);
  EXPECT_EQ(sheet->rows[0].number, 1);
  EXPECT_EQ(Describe(sheet->rows[0]), (std::vector<std::string>{"string:inline", "number:2"}));
  EXPECT_EQ(sheet->rows[1].number, 3);
  EXPECT_EQ(Describe(sheet->rows[1]),
            (std::vector<std::string>{"string:rich run", "empty:", "error:#N/A",
                                      "string:formula text", "date:2024-02-29T08:15:00",
                                      "string:shared", "string:  padded \nx  "}));
  EXPECT_EQ(Describe(sheet->rows[2]),
            (std::vector<std::string>{"empty:", "string:", "number:1500", "bool:FALSE"}));
}

TEST(XlsxReaderTest, ConvertsDatesInBothDateSystems) {
  struct Case {
    const char* name;
    bool date1904;
    const char* serial;
    const char* text;
  };
  const Case cases[] = {
      {"1900 system", false, "45658", "2025-01-01"},
      {"1900 system before the fake leap day", false, "59", "1900-02-28"},
      {"1900 system with a time", false, "45658.75", "2025-01-01T18:00:00"},
      {"1904 system epoch", true, "0", "1904-01-01"},
      {"1904 system", true, "44197", "2025-01-02"},
  };
  for (const Case& c : cases) {
    XlsxParts parts = OneSheet(std::string("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>") + c.serial +
                               "</v></c></row>");
    parts.styles = StylesXml({0, 14});
    parts.date1904 = c.date1904;
    const auto sheet = LoadParts(parts);
    ASSERT_TRUE(sheet.ok()) << c.name << ": " << sheet.status().ToString();
    ASSERT_EQ(sheet->rows.size(), 1u) << c.name;
    EXPECT_EQ(Describe(sheet->rows[0].at(0)), std::string("date:") + c.text) << c.name;
  }
}

// Excel shows serial 60 as 29 February 1900, a day that never was; it is read as the number.
TEST(XlsxReaderTest, DateFormattedSerialThatIsNoDateStaysANumber) {
  XlsxParts parts = OneSheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>60</v></c></row>");
  parts.styles = StylesXml({0, 14});
  const auto sheet = LoadParts(parts);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(Describe(sheet->rows[0].at(0)), "number:60");
}

TEST(XlsxReaderTest, TellsDateFormatsFromNumberFormats) {
  XlsxParts parts = OneSheet(
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45658</v></c><c r=\"B1\" s=\"2\"><v>45658</v></c>"
      "<c r=\"C1\" s=\"3\"><v>45658</v></c><c r=\"D1\" s=\"0\"><v>45658</v></c>"
      "<c r=\"E1\" s=\"4\"><v>45658</v></c><c r=\"F1\" s=\"99\"><v>45658</v></c></row>");
  parts.styles = StylesXml({0, 164, 165, 22, 166},
                           {{164, "dd/mm/yyyy"}, {165, "0.00&quot;d&quot;"}, {166, "[Red]0"}});
  const auto sheet = LoadParts(parts);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(Describe(sheet->rows.at(0)),
            (std::vector<std::string>{"date:2025-01-01", "number:45658", "date:2025-01-01",
                                      "number:45658", "number:45658", "number:45658"}));
}

TEST(XlsxReaderTest, ResolvesAbsoluteAndRelativeTargetsAndPrefixedElements) {
  XlsxParts parts;
  parts.sheets = {{"Abs", ""}, {"Rel", ""}};
  std::vector<ZipEntry> entries = XlsxEntries(parts);
  const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  for (ZipEntry& entry : entries) {
    if (entry.name == "xl/_rels/workbook.xml.rels") {
      entry.content =
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" + rel_ns + "/worksheet\" "
          "Target=\"/xl/worksheets/abs.xml\"/>"
          "<Relationship Id=\"rId2\" Type=\"" + rel_ns + "/worksheet\" "
          "Target=\"./sub/../worksheets/rel.xml\"/>"
          "<Relationship Id=\"rId9\" Type=\"" + rel_ns + "/hyperlink\" "
          "Target=\"http://example.com/\" TargetMode=\"External\"/></Relationships>";
    }
  }
  // A writer that prefixes the SpreadsheetML namespace (x:) instead of making it the default.
  entries.push_back({"xl/worksheets/abs.xml",
                     "<x:worksheet xmlns:x=\"" + ns + "\"><x:sheetData><x:row x:r=\"1\">"
                     "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>absolute</x:t></x:is></x:c>"
                     "</x:row></x:sheetData></x:worksheet>"});
  entries.push_back({"xl/worksheets/rel.xml",
                     WorksheetXml("<row r=\"2\"><c r=\"A2\"><v>7</v></c></row>")});
  auto workbook = OpenXlsxBytes(ZipBytes(entries), "targets.xlsx");
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  const auto absolute = (*workbook)->LoadSheet(0);
  ASSERT_TRUE(absolute.ok()) << absolute.status().ToString();
  ASSERT_EQ(absolute->rows.size(), 1u);
  EXPECT_EQ(absolute->rows[0].at(1).AsText(), "absolute");
  const auto relative = (*workbook)->LoadSheet(1);
  ASSERT_TRUE(relative.ok()) << relative.status().ToString();
  ASSERT_EQ(relative->rows.size(), 1u);
  EXPECT_EQ(relative->rows[0].number, 2);
  EXPECT_EQ(relative->rows[0].at(0).AsText(), "7");
}

TEST(XlsxReaderTest, ReadsStoredEntriesAndRereadsSheets) {
  XlsxParts parts = OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  parts.stored = true;
  auto workbook = OpenXlsxBytes(ZipBytes(XlsxEntries(parts)), "stored.xlsx");
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  for (int pass = 0; pass < 3; ++pass) {
    const auto sheet = (*workbook)->LoadSheet(0);
    ASSERT_TRUE(sheet.ok()) << "pass " << pass << ": " << sheet.status().ToString();
    EXPECT_EQ(sheet->rows.size(), 1u) << "pass " << pass;
  }
}

// ---- Hostile and broken input -------------------------------------------------------------

struct BadCase {
  const char* name;
  std::string bytes;
  ReadLimits limits;
  StatusCode code;
  std::string message;  // a part of the message
  std::int64_t row = 0;
  std::int64_t column = 0;
};

std::string OneSheetZip(const std::string& rows, const std::string& after = "") {
  return ZipBytes(XlsxEntries(OneSheet(rows, after)));
}

std::string Half(std::string bytes) {
  bytes.resize(bytes.size() / 2);
  return bytes;
}

// A stored archive whose sheet says 43 where its checksum was computed for 42.
std::string WithBadChecksum() {
  XlsxParts parts = OneSheet("<row r=\"1\"><c r=\"A1\"><v>42</v></c></row>");
  parts.stored = true;
  std::string bytes = ZipBytes(XlsxEntries(parts));
  bytes.replace(bytes.find("<v>42</v>"), 9, "<v>43</v>");
  return bytes;
}

// A sheet that expands from a few KiB to `bytes` of spaces: a zip bomb in miniature.
std::string Bomb(std::size_t bytes) {
  XlsxParts parts = OneSheet("");
  parts.sheets[0].second = WorksheetXml("") + std::string(bytes, ' ');
  return ZipBytes(XlsxEntries(parts));
}

// A valid workbook carrying `bytes` of zeros in an entry no reader looks at.
std::string BombBeside(std::size_t bytes) {
  std::vector<ZipEntry> entries = XlsxEntries(OneSheet(""));
  entries.push_back({"xl/media/zeros.bin", std::string(bytes, '\0')});
  return ZipBytes(entries);
}

// A sheet of `actual` bytes whose headers declare `declared`.
std::string LyingSize(std::size_t actual, std::uint32_t declared) {
  XlsxParts parts = OneSheet("");
  parts.sheets[0].second = WorksheetXml("") + std::string(actual, ' ');
  std::string bytes = ZipBytes(XlsxEntries(parts));
  testing::SetDeclaredSize(bytes, "xl/worksheets/sheet1.xml", declared);
  return bytes;
}

// An entity that, were it expanded, would put "BOOM" in A1.
std::string WithDoctype() {
  XlsxParts parts = OneSheet("");
  parts.sheets[0].second =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY boom \"BOOM\">]>"
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&boom;</t>"
      "</is></c></row></sheetData></worksheet>";
  return ZipBytes(XlsxEntries(parts));
}

ReadLimits Limits(void (*change)(ReadLimits&)) {
  ReadLimits limits;
  change(limits);
  return limits;
}

TEST(XlsxReaderTest, RefusesBrokenAndHostileInputWithAClearError) {
  const BadCase cases[] = {
      {"text, not a zip", "Name,Count\nx,1\n", {}, StatusCode::kInvalidInput,
       "not a zip archive"},
      {"truncated archive", Half(OneSheetZip("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")), {},
       StatusCode::kInvalidInput, "damaged or truncated"},
      {"checksum mismatch", WithBadChecksum(), {}, StatusCode::kInvalidInput,
       "damaged or truncated"},
      {"zip without a workbook", ZipBytes({{"hello.txt", "hi"}}), {}, StatusCode::kInvalidInput,
       "not an xlsx workbook"},
      {"zip bomb", Bomb(4 << 20), Limits([](ReadLimits& l) { l.ratio_applies_above = 1 << 20; }),
       StatusCode::kLimitExceeded, "compression ratio"},
      {"bomb in an entry that is never read", BombBeside(4 << 20),
       Limits([](ReadLimits& l) { l.ratio_applies_above = 1 << 20; }),
       StatusCode::kLimitExceeded, "entry 'xl/media/zeros.bin' would expand"},
      {"entry larger than allowed", Bomb(4 << 20),
       Limits([](ReadLimits& l) { l.max_entry_bytes = 1 << 20; }), StatusCode::kLimitExceeded,
       "declares 4194"},
      {"header declares less than the entry holds", LyingSize(300'000, 1000), {},
       StatusCode::kInvalidInput, "more than the 1000 bytes its header declares"},
      {"header declares far more than allowed", LyingSize(1000, 4'000'000'000u), {},
       StatusCode::kLimitExceeded, "declares 4000000000 bytes"},
      {"too many entries", OneSheetZip(""), Limits([](ReadLimits& l) { l.max_entries = 3; }),
       StatusCode::kLimitExceeded, "more than the 3 allowed"},
      {"DOCTYPE with an entity", WithDoctype(), {}, StatusCode::kInvalidInput, "DOCTYPE"},
      {"malformed XML", OneSheetZip("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"), {},
       StatusCode::kInvalidInput, "'xl/worksheets/sheet1.xml' is not well-formed XML at line 2"},
      {"row beyond Excel's maximum", OneSheetZip("<row r=\"1048577\"><c><v>1</v></c></row>"), {},
       StatusCode::kLimitExceeded, "row 1048577 is beyond the 1048576 rows allowed"},
      {"row beyond a lowered maximum", OneSheetZip("<row r=\"11\"><c><v>1</v></c></row>"),
       Limits([](ReadLimits& l) { l.max_rows = 10; }), StatusCode::kLimitExceeded,
       "row 11 is beyond"},
      {"column beyond Excel's maximum",
       OneSheetZip("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"), {},
       StatusCode::kLimitExceeded, "column 16385 is beyond", 2},
      {"shared string out of range",
       OneSheetZip("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>7</v></c></row>"), {},
       StatusCode::kInvalidInput, "shared string '7'", 4, 2},
      {"number that is not one", OneSheetZip("<row r=\"5\"><c r=\"C5\"><v>12abc</v></c></row>"), {},
       StatusCode::kInvalidInput, "numeric cell holds '12abc'", 5, 3},
      {"long bad value, quoted short",
       OneSheetZip("<row r=\"5\"><c r=\"C5\"><v>" + std::string(5000, '9') + "x</v></c></row>"),
       {}, StatusCode::kInvalidInput, "numeric cell holds '" + std::string(40, '9') + "...'", 5, 3},
      {"unknown cell type", OneSheetZip("<row r=\"6\"><c r=\"A6\" t=\"zz\"><v>1</v></c></row>"),
       {}, StatusCode::kInvalidInput, "cell type 'zz'", 6, 1},
      {"bad row number", OneSheetZip("<row r=\"x1\"><c><v>1</v></c></row>"), {},
       StatusCode::kInvalidInput, "row number 'x1'", 1},
  };
  for (const BadCase& c : cases) {
    const auto sheet = LoadOnly(OpenXlsxBytes(c.bytes, "bad.xlsx", c.limits));
    ASSERT_FALSE(sheet.ok()) << c.name;
    const Status& status = sheet.status();
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status.ToString();
    EXPECT_EQ(status.location().file, "bad.xlsx") << c.name;
    EXPECT_NE(status.message().find(c.message), std::string::npos)
        << c.name << ": " << status.ToString();
    EXPECT_FALSE(status.hint().empty()) << c.name << ": says what to do";
    EXPECT_EQ(status.location().row, c.row) << c.name << ": " << status.ToString();
    EXPECT_EQ(status.location().column, c.column) << c.name << ": " << status.ToString();
  }
}

TEST(XlsxReaderTest, SheetErrorsNameTheSheet) {
  XlsxParts parts;
  parts.sheets = {{"Good", WorksheetXml("")},
                  {"Broken Sheet", WorksheetXml("<row r=\"1\"><c r=\"A1\"><v>x</v></c></row>")}};
  auto workbook = OpenXlsxBytes(ZipBytes(XlsxEntries(parts)), "book.xlsx");
  ASSERT_TRUE(workbook.ok());
  const auto sheet = (*workbook)->LoadSheet(1);
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.status().ToString(),
            "book.xlsx: sheet 'Broken Sheet', row 1, column A: numeric cell holds 'x'; open the "
            "workbook in Excel and save it again");
}

TEST(XlsxReaderTest, LimitsTheBytesReadAcrossEntriesButCountsARereadOnce) {
  XlsxParts parts;
  parts.sheets = {{"Small", WorksheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
                  {"Large", WorksheetXml("") + std::string(50'000, ' ')}};
  const std::vector<ZipEntry> entries = XlsxEntries(parts);
  std::uint64_t all_but_large = 0;
  for (const ZipEntry& entry : entries) {
    if (entry.name != "xl/worksheets/sheet2.xml") all_but_large += entry.content.size();
  }
  ReadLimits limits;
  limits.max_total_bytes = all_but_large + 1000;
  auto workbook = OpenXlsxBytes(ZipBytes(entries), "total.xlsx", limits);
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  for (int pass = 0; pass < 3; ++pass) {
    EXPECT_TRUE((*workbook)->LoadSheet(0).ok()) << "pass " << pass;
  }
  const auto large = (*workbook)->LoadSheet(1);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(large.status().message().find("past"), std::string::npos) << large.status().ToString();
}

TEST(XlsxReaderTest, LeavesOutValuelessCellsSoFormattedBlanksCostNothing) {
  const auto sheet = LoadParts(OneSheet(
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\" s=\"0\"/><c r=\"XFD1\" s=\"0\"/></row>"));
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0].cells.size(), 1u);
}

TEST(XlsxReaderTest, RefusesASheetOfValuesFarToTheRightRowAfterRow) {
  std::string rows;
  for (int row = 1; row <= 4200; ++row) {
    const std::string r = std::to_string(row);
    rows += "<row r=\"" + r + "\"><c r=\"XFD" + r + "\"><v>1</v></c></row>";
  }
  auto workbook = OpenXlsxBytes(ZipBytes(XlsxEntries(OneSheet(rows))), "sparse.xlsx");
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  std::int64_t visited = 0;
  const auto summary = (*workbook)->ReadSheet(0, [&visited](const Row&) {
    ++visited;
    return Status::Ok();
  });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(summary.status().message().find("empty cells to the left of values"),
            std::string::npos)
      << summary.status().ToString();
  EXPECT_GT(visited, 4000) << "real sheets with a few far-right values still read";
}

TEST(XlsxReaderTest, RefusesADoctypeInTheWorkbookPartAtOpen) {
  std::vector<ZipEntry> entries = XlsxEntries(OneSheet(""));
  for (ZipEntry& entry : entries) {
    if (entry.name == "xl/workbook.xml") {
      const std::string root = entry.content.substr(entry.content.find('\n') + 1);
      entry.content = "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">" + root;
    }
  }
  const auto workbook = OpenXlsxBytes(ZipBytes(entries), "doctype.xlsx");
  ASSERT_FALSE(workbook.ok());
  EXPECT_EQ(workbook.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(workbook.status().message().find("'xl/workbook.xml' has a DOCTYPE"), std::string::npos)
      << workbook.status().ToString();
}

TEST(XlsxReaderTest, OpensATruncatedFileWithAClearError) {
  testing::TempDir dir;
  const std::string whole = ReadAll(WriteTypesWorkbook(dir));
  const std::string path = dir.Write("cut.xlsx", whole.substr(0, whole.size() / 2));
  const auto workbook = OpenXlsxFile(path);
  ASSERT_FALSE(workbook.ok());
  EXPECT_EQ(workbook.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(workbook.status().location().file, path);
  EXPECT_NE(workbook.status().message().find("damaged or truncated"), std::string::npos)
      << workbook.status().ToString();
}

}  // namespace
}  // namespace hm::read
