// libFuzzer target for the xlsx reader: zip container, XML parts, shared strings, styles and
// sheet streaming. Uploaded workbooks are untrusted, so any bytes must give sheets or an error
// naming the file, never a crash, a hang or memory beyond the limits.
//
// Two modes, so that mutations reach the XML handlers and not only the zip layer (a mutated
// deflate stream or checksum rarely gets past libzip): input starting with "PK" is read as a
// whole archive; any other input is taken as the worksheet XML of a small package built around
// it, with a fixed shared string table and styles.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "stored_package.h"
#include "read/xlsx_reader.h"

namespace {

// Small limits keep each run fast; they are the limits being fuzzed, not just a speed-up.
hm::read::ReadLimits FuzzLimits() {
  hm::read::ReadLimits limits;
  limits.max_entry_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.ratio_applies_above = 64 << 10;
  limits.max_rows = 2000;
  limits.max_columns = 64;
  limits.max_entries = 64;
  return limits;
}

constexpr std::string_view kPackageParts[][2] = {
    {"_rels/.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
     "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
     "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml",
     "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
     "<sheet name=\"Fuzz\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
     "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" "
     "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" "
     "Target=\"/xl/styles.xml\"/></Relationships>"},
    {"xl/sharedStrings.xml",
     "<sst><si><t>zero</t></si><si><r><t>o</t></r><r><t>ne</t></r><rPh><t>x</t></rPh></si>"
     "<si><t xml:space=\"preserve\"> two_x000D_\n</t></si></sst>"},
    {"xl/styles.xml",
     "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
     "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
     "</styleSheet>"},
};

std::string PackageAround(std::string_view sheet_xml) {
  return hm::fuzz::StoredPackage(kPackageParts, "xl/worksheets/sheet1.xml", sheet_xml);
}

void CheckError(const hm::Status& status) {
  if (status.ok() || status.message().empty() || status.location().file != "fuzz.xlsx") {
    std::abort();
  }
}

void CheckSheet(const hm::read::Sheet& sheet, const hm::read::ReadLimits& limits) {
  for (const hm::read::Row& row : sheet.rows) {
    if (row.number < 1 || row.number > limits.max_rows) std::abort();
    if (row.cells.size() > static_cast<std::size_t>(limits.max_columns)) std::abort();
    bool blank = true;
    for (const hm::read::Cell& cell : row.cells) {
      (void)cell.AsText();
      blank = blank && cell.empty();
    }
    if (blank) std::abort();  // blank rows are skipped
  }
  for (const hm::read::CellRange& merge : sheet.merges) {
    const bool rows_ok = merge.first_row >= 1 && merge.first_row <= merge.last_row &&
                         merge.last_row <= limits.max_rows;
    const bool columns_ok = merge.first_column >= 1 && merge.first_column <= merge.last_column &&
                            merge.last_column <= limits.max_columns;
    if (!rows_ok || !columns_ok) {
      std::abort();
    }
    (void)sheet.Displayed(merge.last_row, merge.last_column).AsText();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const hm::read::ReadLimits limits = FuzzLimits();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes = input.starts_with("PK") ? std::string(input) : PackageAround(input);
  auto workbook = hm::read::OpenXlsxBytes(std::move(bytes), "fuzz.xlsx", limits);
  if (!workbook.ok()) {
    CheckError(workbook.status());
    return 0;
  }
  const auto& names = (*workbook)->SheetNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if ((*workbook)->FindSheet(names[i]) < 0) std::abort();
    const auto sheet = (*workbook)->LoadSheet(i);
    if (!sheet.ok()) {
      CheckError(sheet.status());
      continue;
    }
    CheckSheet(*sheet, limits);
  }
  return 0;
}
