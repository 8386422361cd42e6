// libFuzzer target for the xlsx reader: zip container, XML parts, shared strings, styles and
// sheet streaming. Uploaded workbooks are untrusted, so any bytes must give sheets or an error
// naming the file, never a crash, a hang or memory beyond the limits.
//
// Two modes, so that mutations reach the XML handlers and not only the zip layer (a mutated
// deflate stream or checksum rarely gets past libzip): input starting with "PK" is read as a
// whole archive; any other input is taken as the worksheet XML of a small package built around
// it, with a fixed shared string table and styles.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

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

// An uncompressed package whose only worksheet is `sheet_xml`, or "" if libzip fails.
std::string PackageAround(std::string_view sheet_xml) {
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, nullptr);
  if (memory == nullptr) return {};
  zip_source_keep(memory);  // survives zip_close so that the archive's bytes can be read back
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, nullptr);
  const auto add = [archive](std::string_view name, std::string_view content) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index =
        source ? zip_file_add(archive, std::string(name).c_str(), source, 0) : -1;
    if (index < 0) std::abort();
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  };
  std::string bytes;
  if (archive != nullptr) {
    for (const auto& part : kPackageParts) add(part[0], part[1]);
    add("xl/worksheets/sheet1.xml", sheet_xml);
    if (zip_close(archive) != 0) zip_discard(archive);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_open(memory) == 0) {
      if (zip_source_stat(memory, &stat) == 0) {
        bytes.resize(stat.size);
        const zip_int64_t read = zip_source_read(memory, bytes.data(), stat.size);
        if (read != static_cast<zip_int64_t>(stat.size)) bytes.clear();
      }
      zip_source_close(memory);
    }
  }
  zip_source_free(memory);
  return bytes;
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
