// libFuzzer target for the engine-output reader (compare/engine_output.h) and the value readers
// that compare what it read (compare/actual_value.h). Engine output files come from outside (an
// engine's export, an NCQA result file, a QA output sheet), so any bytes must give an output or an
// error with a message naming the file, never a crash, a hang or UB.
//
// ReadEngineOutput takes a path and tells CSV from .xlsx by content, so the input is written to a
// temporary file (read through /proc/self/fd; see TempFile). Three modes, so that mutations reach
// the header and row logic of both formats: input starting with "PK" is written as is (a whole
// .xlsx); input starting with '<' is taken as the worksheet XML of the "Output" sheet of a small
// package built around it, next to a fixed MEMBER_IN input sheet (so the sheet choice is
// exercised too); any other input is a CSV file.
// The input's size picks the sheet option: none, "Output", or a sheet that does not exist.
//
// What a read output promises is checked, then every value it holds goes through the value
// readers, whose own promises (round trips, agreement with Matches) are checked as well.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "stored_package.h"
#include "compare/actual_value.h"
#include "compare/engine_output.h"
#include "hedis_mockup/date.h"
#include "util/text.h"

namespace {

constexpr std::string_view kPackageParts[][2] = {
    {"_rels/.rels",
     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
     "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
     "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml",
     "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
     "<sheet name=\"MEMBER_IN\" sheetId=\"1\" r:id=\"rId1\"/>"
     "<sheet name=\"Output\" sheetId=\"2\" r:id=\"rId4\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
     "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId4\" Type=\"x/worksheet\" "
     "Target=\"worksheets/sheet2.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" "
     "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" "
     "Target=\"/xl/styles.xml\"/></Relationships>"},
    // 0 *MEM_NBR, 1 PL, 2 AG, 3 CE, 4 NUM, 5 MemID, 6 Event, 7 RExcl, 8 M, 9 commercial, 10 NULL
    {"xl/sharedStrings.xml",
     "<sst><si><t>*MEM_NBR</t></si><si><t>PL</t></si><si><t>AG</t></si><si><t>CE</t></si>"
     "<si><t>NUM</t></si><si><t>MemID</t></si><si><t>Event</t></si><si><t>RExcl</t></si>"
     "<si><t>M</t></si><si><t>commercial</t></si><si><t>NULL</t></si></sst>"},
    {"xl/styles.xml",
     "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
     "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
     "</styleSheet>"},
    // An input sheet: a member id header but no output flag column.
    {"xl/worksheets/sheet1.xml",
     "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>MEM_NBR</t></is></c>"
     "<c r=\"B1\" t=\"inlineStr\"><is><t>MEM_DOB</t></is></c></row><row r=\"2\">"
     "<c r=\"A2\" t=\"inlineStr\"><is><t>M001</t></is></c><c r=\"B2\" s=\"1\"><v>20000</v></c>"
     "</row></sheetData></worksheet>"},
};

std::string PackageAround(std::string_view sheet_xml) {
  return hm::fuzz::StoredPackage(kPackageParts, "xl/worksheets/sheet2.xml", sheet_xml);
}

// A file of this process's own, rewritten for every input. It is unlinked at once and read
// through /proc/self/fd, so that nothing is left behind however the run ends (a crash, a timeout,
// -max_total_time).
struct TempFile {
  int fd = -1;
  std::string path;
};

const TempFile& Temp() {
  static const TempFile temp = [] {
    char name[] = "/tmp/hm_engine_output_fuzz_XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0 || unlink(name) != 0) std::abort();
    return TempFile{fd, "/proc/self/fd/" + std::to_string(fd)};
  }();
  return temp;
}

const std::string& TempPath() { return Temp().path; }

void WriteTemp(const std::string& bytes) {
  const int fd = Temp().fd;
  if (ftruncate(fd, 0) != 0) std::abort();
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = pwrite(fd, bytes.data() + written, bytes.size() - written,
                             static_cast<off_t>(written));
    if (n <= 0) std::abort();
    written += static_cast<std::size_t>(n);
  }
}

// The value readers over one value, with their promises.
void CheckValue(const std::string& key, std::string_view text) {
  static const hm::compare::CheckOptions options;
  const bool null = hm::compare::IsNullText(text, options);
  if (hm::compare::Matches(key, hm::Value(hm::NullValue{}), text, options) != null) std::abort();

  const std::optional<bool> flag = hm::compare::ReadFlag(text);
  for (const bool set : {false, true}) {
    const bool matches = hm::compare::Matches(key, hm::Value(hm::Flag{set}), text, options);
    if (matches != (!null && flag == set)) std::abort();
  }

  const std::optional<std::int64_t> integer = hm::compare::ReadInteger(text);
  if (integer) {
    if (hm::compare::ReadInteger(std::to_string(*integer)) != integer) std::abort();
    if (!null && !hm::compare::Matches(key, hm::Value(*integer), text, options)) std::abort();
  }

  const std::optional<hm::Date> date = hm::compare::ReadDate(text);
  if (date) {
    if (hm::compare::ReadDate(date->ToIso()) != date) std::abort();
    if (hm::compare::ReadDate(date->ToUs()) != date) std::abort();
    if (!null && !hm::compare::Matches(key, hm::Value(*date), text, options)) std::abort();
  }

  const std::string trimmed(hm::util::Trim(text));
  if (!null && !hm::compare::Matches(key, hm::Value(trimmed), text, options)) std::abort();
  (void)hm::compare::Matches(key, hm::Value(std::string("M")), text, options);
  (void)hm::compare::ExpectedText(hm::Value(trimmed));
}

void CheckOutput(const hm::compare::EngineOutput& output) {
  if (output.file != TempPath() || output.header_row < 1) std::abort();
  std::set<std::string> columns;
  for (const std::string& column : output.columns) {
    if (column.empty() || !columns.insert(column).second) std::abort();
  }
  if (output.ncqa_result_file && !columns.contains("MEM_NBR")) std::abort();
  std::size_t rows = 0;
  for (const auto& [id, member_rows] : output.members) {
    if (id.empty() || hm::util::Trim(id) != id || member_rows.empty()) std::abort();
    if (output.RowsOf(" " + id + " ").size() != member_rows.size()) std::abort();
    std::int64_t previous = output.header_row;
    for (const hm::compare::ActualRow& row : member_rows) {
      if (row.source_row <= previous) std::abort();
      previous = row.source_row;
      for (const auto& [key, value] : row.values) {
        if (!columns.contains(key) || hm::util::Trim(value) != value) std::abort();
        CheckValue(key, value);
      }
      const std::string line = hm::compare::ProductLineOf(row);
      if (!line.empty() && line != "commercial" && line != "medicaid" && line != "medicare" &&
          line != "exchange") {
        std::abort();
      }
    }
    rows += member_rows.size();
  }
  if (rows != output.row_count) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool package = input.starts_with("<");
  WriteTemp(package ? PackageAround(input) : std::string(input));

  hm::compare::EngineOutputOptions options;
  if (size % 3 == 1) options.sheet = "output";  // names match ignoring case
  if (size % 3 == 2) options.sheet = "No Such Sheet";

  const hm::Result<hm::compare::EngineOutput> output =
      hm::compare::ReadEngineOutput(TempPath(), options);
  if (!output.ok()) {
    const hm::Status& status = output.status();
    if (status.message().empty() || status.location().file != TempPath()) std::abort();
  } else {
    CheckOutput(*output);
  }

  // The value readers straight over the input's first line, whatever the file made of it.
  const std::string_view line = input.substr(0, input.find('\n'));
  CheckValue("GENDER", line.substr(0, 64));
  return 0;
}
