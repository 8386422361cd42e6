#include "compare/sheet_patch.h"

#include <gtest/gtest.h>

namespace hm::compare {
namespace {

std::string Sheet(std::string_view rows, std::string_view dimension = "A1:C3") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                     "<dimension ref=\"") +
         std::string(dimension) + "\"/><sheetData>" + std::string(rows) +
         "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>";
}

std::string Inline(std::string_view ref, std::string_view style, std::string_view text) {
  return std::string("<c r=\"") + std::string(ref) + "\"" +
         (style.empty() ? "" : " s=\"" + std::string(style) + "\"") +
         " t=\"inlineStr\"><is><t xml:space=\"preserve\">" + std::string(text) + "</t></is></c>";
}

std::string Patch(const std::string& xml, std::vector<CellWrite> writes) {
  Result<std::string> out = PatchSheetXml(xml, writes, "book.xlsx", "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::string();
}

TEST(SheetPatchTest, ReplacesACellKeepingItsStyle) {
  const std::string xml = Sheet(
      "<row r=\"2\" spans=\"1:3\"><c r=\"A2\" s=\"1\" t=\"s\"><v>0</v></c>"
      "<c r=\"B2\" s=\"4\" t=\"s\"><v>7</v></c><c r=\"C2\" s=\"2\"/></row>");
  const std::string out = Patch(xml, {{2, 2, "Pass", 0}, {2, 3, "a < b & c", 0}});
  EXPECT_EQ(out, Sheet("<row r=\"2\" spans=\"1:3\"><c r=\"A2\" s=\"1\" t=\"s\"><v>0</v></c>" +
                       Inline("B2", "4", "Pass") + Inline("C2", "2", "a &lt; b &amp; c") +
                       "</row>"));
}

TEST(SheetPatchTest, InsertsInColumnOrderAndWidensSpansAndDimension) {
  const std::string xml =
      Sheet("<row r=\"1\" spans=\"1:3\"><c r=\"A1\" s=\"3\"><v>1</v></c><c r=\"C1\"><v>3</v></c></row>");
  const std::string out = Patch(xml, {{1, 5, "Status", 1}, {1, 2, "mid", 0}, {1, 4, "Actual", 1}});
  EXPECT_EQ(out, Sheet("<row r=\"1\" spans=\"1:5\"><c r=\"A1\" s=\"3\"><v>1</v></c>" +
                           Inline("B1", "", "mid") + "<c r=\"C1\"><v>3</v></c>" +
                           Inline("D1", "3", "Actual") + Inline("E1", "3", "Status") + "</row>",
                       "A1:E3"));
}

TEST(SheetPatchTest, EmptyRowTagAndMissingRows) {
  const std::string xml = Sheet("<row r=\"2\" spans=\"1:1\"/><row r=\"5\"><c r=\"A5\"/></row>");
  const std::string out = Patch(xml, {{2, 2, "x", 0}, {4, 1, "y", 0}, {9, 1, "z", 0}});
  EXPECT_EQ(out, Sheet("<row r=\"2\" spans=\"1:2\">" + Inline("B2", "", "x") + "</row>" +
                           "<row r=\"4\">" + Inline("A4", "", "y") + "</row>" +
                           "<row r=\"5\"><c r=\"A5\"/></row><row r=\"9\">" + Inline("A9", "", "z") +
                           "</row>",
                       "A1:C9"));
}

TEST(SheetPatchTest, RowsAndCellsWithoutReferences) {
  const std::string xml = Sheet("<row><c><v>1</v></c><c><v>2</v></c></row>");
  const std::string out = Patch(xml, {{1, 2, "two", 0}});
  EXPECT_EQ(out, Sheet("<row><c><v>1</v></c>" + Inline("B1", "", "two") + "</row>"));
}

TEST(SheetPatchTest, KeepsThePrefixOfPrefixedParts) {
  const std::string xml =
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData>"
      "</x:worksheet>";
  const std::string out = Patch(xml, {{1, 2, "ok", 0}});
  EXPECT_NE(out.find("<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">ok</x:t>"
                     "</x:is></x:c></x:row>"),
            std::string::npos)
      << out;
}

TEST(SheetPatchTest, Errors) {
  const std::vector<CellWrite> writes = {{1, 1, "x", 0}};
  const struct {
    std::string xml;
    std::string message;
  } cases[] = {
      {"<!DOCTYPE w [<!ENTITY a \"b\">]><worksheet><sheetData/></worksheet>", "DOCTYPE"},
      {"<worksheet><sheetData><row r=\"1\"></sheetData></worksheet>", "malformed XML at line 1"},
      {"<worksheet><sheetData><row r=\"B\"/></sheetData></worksheet>", "cannot read row r=\"B\""},
      {"<worksheet></worksheet>", "no <sheetData>"},
  };
  for (const auto& c : cases) {
    Result<std::string> out = PatchSheetXml(c.xml, writes, "book.xlsx", "xl/worksheets/sheet1.xml");
    ASSERT_FALSE(out.ok()) << c.xml;
    EXPECT_NE(out.status().ToString().find(c.message), std::string::npos) << out.status().ToString();
    EXPECT_NE(out.status().ToString().find("book.xlsx: xl/worksheets/sheet1.xml"), std::string::npos);
  }
}

TEST(SheetPatchTest, EscapesControlCharacters) {
  EXPECT_EQ(EscapeCellText("a\nb\tc\x01<"), "a\nb\tc_x0001_&lt;");
}

}  // namespace
}  // namespace hm::compare
