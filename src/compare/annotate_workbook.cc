#include "compare/annotate_workbook.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "compare/sheet_patch.h"
#include "read/csv_parser.h"
#include "read/header_row.h"
#include "read/workbook.h"
#include "read/xlsx_parts.h"
#include "read/zip_archive.h"
#include "testcase/scenario_rows.h"
#include "util/files.h"
#include "util/text.h"

namespace hm::compare {
namespace {

constexpr int kHeaderScanRows = 30;  // as the test-case reader (scenario_rows.cc)

enum Spec : std::size_t { kId, kExpected, kScenario, kActual, kStatus };

std::vector<read::ColumnSpec> Specs(const AnnotateOptions& options) {
  return {
      {"Member ID", true, testcase::kMemberIdHeaders},
      {"Expected Result", false, {"Expected Results", "Expected", "Expected Outcome"}, true},
      {"Scenario", false, {"Scenarios", "Test Scenario", "Scenario Description", "Test Objective"}},
      {"Actual Result", false, {"Actual Results", "Actual"}, true},
      {options.status_header, false, {"Status"}, true},
  };
}

// The cells to write on one sheet: the header's titles for added columns, then each row's.
Result<std::vector<CellWrite>> PlanSheet(const read::Sheet& sheet,
                                         std::span<const Annotation* const> rows,
                                         const AnnotateOptions& options) {
  const std::int64_t first = rows.front()->row;
  for (std::size_t i = 0; i < sheet.rows.size() && i < kHeaderScanRows; ++i) {
    const read::Row& row = sheet.rows[i];
    if (row.number >= first) break;
    read::HeaderRow header(Specs(options));
    if (!header.TryMatch(row) || (header.column(kExpected) < 0 && header.column(kScenario) < 0)) {
      continue;
    }
    std::int64_t last = 0;  // 1-based last used column of the header
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (!row.cells[c].empty()) last = static_cast<std::int64_t>(c) + 1;
    }
    std::vector<CellWrite> writes;
    auto column_for = [&](Spec spec, const char* title) {
      if (header.column(spec) >= 0) return static_cast<std::int64_t>(header.column(spec)) + 1;
      writes.push_back({row.number, ++last, title, last - 1});
      return last;
    };
    const std::int64_t header_last = last;
    const std::int64_t actual = column_for(kActual, "Actual Result");
    const std::int64_t status = column_for(kStatus, "Status");
    const std::int64_t style = header.column(kExpected) >= 0 ? header.column(kExpected) + 1
                                                             : header_last;
    for (const Annotation* a : rows) {
      writes.push_back({a->row, actual, a->actual, style});
      writes.push_back({a->row, status, a->status, style});
    }
    return writes;
  }
  return Status::InvalidInput(
      fmt::format("no header row with a member id and an expected result or scenario column "
                  "above row {}",
                  first),
      "annotate the workbook the test cases were read from");
}

// The annotations grouped by sheet name, rows in order.
std::map<std::string, std::vector<const Annotation*>> BySheet(
    std::span<const Annotation> annotations) {
  std::map<std::string, std::vector<const Annotation*>> out;
  for (const Annotation& a : annotations) out[a.sheet].push_back(&a);
  for (auto& [sheet, rows] : out) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Annotation* a, const Annotation* b) { return a->row < b->row; });
  }
  return out;
}

// Sheet name -> the cells to write there, from the workbook as our reader sees it.
Result<std::map<std::string, std::vector<CellWrite>>> Plan(read::Workbook& workbook,
                                                           std::span<const Annotation> annotations,
                                                           const AnnotateOptions& options) {
  std::map<std::string, std::vector<CellWrite>> plan;
  const std::vector<std::string>& names = workbook.SheetNames();
  for (const auto& [name, rows] : BySheet(annotations)) {
    auto it = std::find(names.begin(), names.end(), name);
    if (names.size() == 1) it = names.begin();  // CSV: the one sheet, whatever it is called
    if (it == names.end()) {
      return Status::NotFound(fmt::format("no sheet named '{}'", name)).InFile(workbook.path());
    }
    const std::size_t index = static_cast<std::size_t>(it - names.begin());
    HM_ASSIGN_OR_RETURN(read::Sheet sheet, workbook.LoadSheet(index));
    Result<std::vector<CellWrite>> writes = PlanSheet(sheet, rows, options);
    if (!writes.ok()) return std::move(writes).TakeStatus().InFile(workbook.path()).InSheet(*it);
    plan[*it] = std::move(*writes);
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// .xlsx

// Sheet name -> its worksheet entry, through the package and workbook relationships.
Result<std::map<std::string, std::string>> SheetEntries(read::ZipArchive& archive) {
  HM_ASSIGN_OR_RETURN(std::vector<read::Relationship> package, read::ReadRelationships(archive, ""));
  auto office = std::find_if(package.begin(), package.end(), [](const read::Relationship& r) {
    return r.type == "officeDocument";
  });
  const std::string workbook_entry = office != package.end() ? office->target : "xl/workbook.xml";
  HM_ASSIGN_OR_RETURN(read::WorkbookPart workbook, read::ReadWorkbookPart(archive, workbook_entry));
  HM_ASSIGN_OR_RETURN(std::vector<read::Relationship> rels,
                      read::ReadRelationships(archive, workbook_entry));
  std::map<std::string, std::string> entries;
  for (const auto& sheet : workbook.sheets) {
    for (const read::Relationship& r : rels) {
      if (r.id == sheet.relationship_id) entries[sheet.name] = r.target;
    }
  }
  return entries;
}

// Entry name (lower case, as zip lookups ignore case) -> its new bytes.
Result<std::map<std::string, std::string>> PatchedEntries(
    const std::string& path, const std::map<std::string, std::vector<CellWrite>>& plan) {
  HM_ASSIGN_OR_RETURN(read::ZipArchive archive, read::ZipArchive::OpenFile(path, read::ReadLimits{}));
  HM_ASSIGN_OR_RETURN(auto entries, SheetEntries(archive));
  std::map<std::string, std::string> patched;
  for (const auto& [sheet, writes] : plan) {
    const std::string& entry = entries.at(sheet);  // Plan found the sheet: the workbook names it
    std::string xml;
    HM_RETURN_IF_ERROR(archive.Stream(entry, [&](std::string_view chunk) {
      xml.append(chunk);
      return Status::Ok();
    }));
    HM_ASSIGN_OR_RETURN(std::string out, PatchSheetXml(xml, writes, path, entry));
    patched[util::Lower(entry)] = std::move(out);
  }
  return patched;
}

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Status ZipError(const std::string& path, zip_t* archive, const char* what) {
  return Status::IoError(fmt::format("{}: {}", what, zip_strerror(archive))).InFile(path);
}

// Copies `input` to `temporary` entry by entry, in order, with `patched` entries replaced.
// Unchanged entries go through zip_source_zip, so their data are copied as they are.
Status CopyZip(const std::string& input, const std::string& temporary,
               const std::map<std::string, std::string>& patched) {
  int error = 0;
  std::unique_ptr<zip_t, ZipDiscard> in(zip_open(input.c_str(), ZIP_RDONLY, &error));
  if (!in) return Status::InvalidInput("cannot open the workbook as a zip archive").InFile(input);
  zip_t* out = zip_open(temporary.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (out == nullptr) return Status::IoError("cannot create the output").InFile(temporary);
  const zip_int64_t count = zip_get_num_entries(in.get(), 0);
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* name = zip_get_name(in.get(), i, ZIP_FL_ENC_RAW);
    if (name == nullptr) {
      zip_discard(out);
      return ZipError(input, in.get(), "cannot read an entry name");
    }
    auto it = patched.find(util::Lower(name));
    zip_source_t* source =
        it != patched.end()
            ? zip_source_buffer(out, it->second.data(), it->second.size(), 0)
            : zip_source_zip(out, in.get(), i, 0, 0, -1);
    const zip_int64_t added =
        source == nullptr ? -1 : zip_file_add(out, name, source, ZIP_FL_ENC_RAW);
    if (added < 0) {
      if (source != nullptr) zip_source_free(source);
      Status status = ZipError(temporary, out, "cannot add an entry");
      zip_discard(out);
      return status;
    }
  }
  if (zip_close(out) != 0) {
    Status status = ZipError(temporary, out, "cannot write the output");
    zip_discard(out);
    return status;
  }
  return Status::Ok();
}

Status AnnotateXlsx(const std::string& input, const std::string& output,
                    const std::map<std::string, std::vector<CellWrite>>& plan) {
  HM_ASSIGN_OR_RETURN(auto patched, PatchedEntries(input, plan));
  return util::WriteViaTemporary(output, [&](const std::string& temporary) {
    return CopyZip(input, temporary, patched);
  });
}

// ---------------------------------------------------------------------------------------------
// CSV

struct CsvRecord {
  std::int64_t line = 0;
  std::vector<std::string> fields;
};

std::string CsvField(const std::string& text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The CSV text with `writes` applied. Blank lines are kept, so every record stays on its line.
std::string WriteCsv(std::vector<CsvRecord> records, const std::vector<CellWrite>& writes,
                     const std::string& newline) {
  for (const CellWrite& w : writes) {
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const CsvRecord& r) { return r.line == w.row; });
    if (it == records.end()) continue;  // Plan only writes on rows it read
    const std::size_t column = static_cast<std::size_t>(w.column - 1);
    if (it->fields.size() <= column) it->fields.resize(column + 1);
    it->fields[column] = w.text;
  }
  std::string out;
  std::int64_t line = 1;
  for (const CsvRecord& r : records) {
    for (; line < r.line; ++line) out += newline;
    for (std::size_t f = 0; f < r.fields.size(); ++f) {
      if (f > 0) out += ',';
      out += CsvField(r.fields[f]);
      line += std::count(r.fields[f].begin(), r.fields[f].end(), '\n');
    }
    out += newline;
    ++line;
  }
  return out;
}

Status AnnotateCsv(const std::string& input, const std::string& output,
                   const std::vector<CellWrite>& writes) {
  HM_ASSIGN_OR_RETURN(std::string text, util::ReadFile(input));
  std::vector<CsvRecord> records;
  const read::ReadLimits limits;
  const read::RowVisitor visit = [&](const read::Row& row) {
    CsvRecord record{row.number, {}};
    for (const read::Cell& cell : row.cells) record.fields.push_back(cell.text);
    records.push_back(std::move(record));
    return Status::Ok();
  };
  read::CsvParser parser(input, limits, visit);
  HM_RETURN_IF_ERROR(parser.Feed(text));
  HM_RETURN_IF_ERROR(parser.Finish());
  const std::string newline = text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  return util::AtomicWrite(output, WriteCsv(std::move(records), writes, newline));
}

bool IsZip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace

Status AnnotateWorkbook(const std::string& input, const std::string& output,
                        std::span<const Annotation> annotations, const AnnotateOptions& options) {
  if (std::filesystem::is_directory(input)) {
    return Status::InvalidInput("a folder of CSV files cannot be annotated",
                                "compare with the test cases in one .xlsx or .csv file")
        .InFile(input);
  }
  HM_ASSIGN_OR_RETURN(std::unique_ptr<read::Workbook> workbook, read::Workbook::Open(input));
  HM_ASSIGN_OR_RETURN(auto plan, Plan(*workbook, annotations, options));
  if (IsZip(input)) return AnnotateXlsx(input, output, plan);
  return AnnotateCsv(input, output, plan.empty() ? std::vector<CellWrite>{} : plan.begin()->second);
}

}  // namespace hm::compare
