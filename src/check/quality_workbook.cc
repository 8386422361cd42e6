// WriteQualityWorkbook: the quality report as an .xlsx workbook for QA (Summary, Findings).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <memory>

#include "check/quality_report.h"
#include "util/files.h"

namespace hm::check {
namespace {

constexpr std::size_t kMaxSheetRows = 1'048'576;  // Excel's limit, header row included
// 2000-01-01T00:00:00Z. Any fixed time will do: it only has to be the same on every run so that
// the same report gives the same bytes (libxlsxwriter also stamps the zip entries with it).
constexpr time_t kCreated = 946'684'800;

struct WorkbookCloser {
  // Closing is what writes the file; Write() closes explicitly to see the error, so this only
  // runs on an early return, where the temporary file is removed anyway.
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* error = nullptr;  // a row or verdict that fails
  lxw_format* pass = nullptr;
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats f;
  f.header = workbook_add_format(workbook);
  format_set_bold(f.header);
  f.error = workbook_add_format(workbook);
  format_set_bg_color(f.error, 0xFFC7CE);  // Excel's "light red fill"
  format_set_font_color(f.error, 0x9C0006);
  f.pass = workbook_add_format(workbook);
  format_set_bg_color(f.pass, 0xC6EFCE);  // Excel's "green fill"
  format_set_font_color(f.pass, 0x006100);
  return f;
}

void WriteHeader(lxw_worksheet* sheet, const std::vector<const char*>& names, lxw_format* bold) {
  for (std::size_t c = 0; c < names.size(); ++c)
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), names[c], bold);
  worksheet_freeze_panes(sheet, 1, 0);
}

void WriteSummary(lxw_worksheet* sheet, const QualityReport& report, const Formats& f) {
  lxw_format* verdict = report.passed() ? f.pass : f.error;
  worksheet_write_string(sheet, 0, 0, "result", f.header);
  worksheet_write_string(sheet, 0, 1, report.passed() ? "PASS" : "FAIL", verdict);
  worksheet_write_string(sheet, 1, 0, "errors", nullptr);
  worksheet_write_number(sheet, 1, 1, static_cast<double>(report.errors()), nullptr);
  worksheet_write_string(sheet, 2, 0, "warnings", nullptr);
  worksheet_write_number(sheet, 2, 1, static_cast<double>(report.warnings()), nullptr);
  worksheet_write_string(sheet, 3, 0, "findings not listed", nullptr);
  worksheet_write_number(sheet, 3, 1, static_cast<double>(report.dropped()), nullptr);

  lxw_row_t row = 5;
  const char* names[] = {"check", "errors", "warnings", "result"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(sheet, row, c, names[c], f.header);
  for (const auto& [check, count] : report.by_check()) {
    ++row;
    const bool failed = count.errors > 0;
    worksheet_write_string(sheet, row, 0, check.c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, static_cast<double>(count.errors), nullptr);
    worksheet_write_number(sheet, row, 2, static_cast<double>(count.warnings), nullptr);
    worksheet_write_string(sheet, row, 3, failed ? "FAIL" : "PASS", failed ? f.error : f.pass);
  }
  worksheet_set_column(sheet, 0, 0, 24, nullptr);
}

void WriteFinding(lxw_worksheet* sheet, lxw_row_t row, const Finding& finding, const Formats& f) {
  lxw_format* format = finding.severity == FindingSeverity::kError ? f.error : nullptr;
  auto text = [&](lxw_col_t column, const std::string& value) {
    worksheet_write_string(sheet, row, column, value.c_str(), format);
  };
  auto number_or_blank = [&](lxw_col_t column, bool known, double value) {
    if (known) {
      worksheet_write_number(sheet, row, column, value, format);
    } else {
      worksheet_write_blank(sheet, row, column, format);
    }
  };
  text(0, std::string(FindingSeverityName(finding.severity)));
  text(1, finding.check);
  text(2, finding.sheet);
  number_or_blank(3, finding.row > 0, static_cast<double>(finding.row));
  text(4, finding.column);
  text(5, finding.member_id);
  // Scenarios are shown 1-based, as QA counts them.
  number_or_blank(6, finding.scenario != kNoScenario, static_cast<double>(finding.scenario + 1));
  text(7, finding.message);
}

void WriteFindings(lxw_worksheet* sheet, const QualityReport& report, const Formats& f) {
  WriteHeader(sheet, {"severity", "check", "sheet", "row", "column", "member", "scenario",
                      "message"},
              f.header);
  lxw_row_t row = 0;
  for (const Finding& finding : report.findings()) WriteFinding(sheet, ++row, finding, f);
  worksheet_set_column(sheet, 1, 2, 22, nullptr);
  worksheet_set_column(sheet, 7, 7, 100, nullptr);
}

// Writes to `temporary`; errors name `path`, the file the user asked for.
Status WriteTo(const QualityReport& report, const std::string& temporary,
               const std::string& path) {
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new(temporary.c_str()));
  if (!workbook) return Status::IoError("cannot create the workbook").InFile(path);
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>("Mockup quality check");
  properties.created = kCreated;
  workbook_set_properties(workbook.get(), &properties);
  const Formats formats = AddFormats(workbook.get());
  WriteSummary(workbook_add_worksheet(workbook.get(), "Summary"), report, formats);
  WriteFindings(workbook_add_worksheet(workbook.get(), "Findings"), report, formats);
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    return Status::IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)))
        .InFile(path);
  }
  return Status::Ok();
}

}  // namespace

Status WriteQualityWorkbook(const QualityReport& report, const std::string& path) {
  if (report.findings().size() >= kMaxSheetRows) {
    return Status::LimitExceeded(
        fmt::format("{} findings do not fit on one sheet", report.findings().size()),
        "keep fewer findings per check, or use the JSON report");
  }
  return util::WriteViaTemporary(
      path, [&](const std::string& temporary) { return WriteTo(report, temporary, path); });
}

}  // namespace hm::check
