// The .xlsx summary: sheets Sessions (one row per session), Statistics (the totals, then one row
// per measure) and Run Info (when, from where, how many, and whether the hash chain is intact).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <memory>

#include "audit/export.h"

namespace hm::audit {
namespace {

constexpr std::size_t kMaxSheetRows = 1'048'576;  // Excel's limit, header row included

struct WorkbookCloser {
  // Closing is also what writes the file; Write() closes explicitly to see the error, and this
  // only runs on an early return, where the temporary file is removed anyway.
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

class Sheet {
 public:
  Sheet(lxw_worksheet* sheet, lxw_format* bold) : sheet_(sheet), bold_(bold) {}

  void Cell(lxw_col_t column, const ExportCell& cell, bool header = false) {
    lxw_format* format = header ? bold_ : nullptr;
    if (const auto* text = std::get_if<std::string>(&cell)) {
      worksheet_write_string(sheet_, row_, column, text->c_str(), format);
    } else if (const auto* number = std::get_if<double>(&cell)) {
      worksheet_write_number(sheet_, row_, column, *number, format);
    }
  }
  void Row(const std::vector<ExportCell>& cells, bool header = false) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      Cell(static_cast<lxw_col_t>(i), cells[i], header);
    ++row_;
  }
  void Pair(const std::string& name, const ExportCell& value) { Row({name, value}); }
  void Skip() { ++row_; }

 private:
  lxw_worksheet* sheet_;
  lxw_format* bold_;
  lxw_row_t row_ = 0;
};

std::vector<ExportCell> Header(const std::vector<std::string>& names) {
  return std::vector<ExportCell>(names.begin(), names.end());
}

Status WriteSessions(Sheet sheet, const ExportData& data) {
  sheet.Row(Header(SessionColumns()), /*header=*/true);
  return data.for_each_session([&](const SessionRecord& record) {
    sheet.Row(SessionRow(record));
    return Status::Ok();
  });
}

void WriteStatistics(Sheet sheet, const Statistics& s) {
  auto n = [](auto value) { return ExportCell(static_cast<double>(value)); };
  sheet.Row({std::string("statistic"), std::string("value")}, /*header=*/true);
  sheet.Pair("period_days", n(s.period_days));
  sheet.Pair("total_generations", n(s.total_generations));
  sheet.Pair("successful_generations", n(s.successful_generations));
  sheet.Pair("failed_generations", n(s.failed_generations));
  sheet.Pair("success_rate", n(s.success_rate));
  sheet.Pair("avg_duration_seconds", n(s.avg_duration_seconds));
  sheet.Pair("total_members_generated", n(s.total_members_generated));
  sheet.Skip();
  sheet.Row(Header({"measure", "total", "successful", "failed", "avg_duration_seconds"}),
            /*header=*/true);
  for (const MeasureStatistics& m : s.measures) {
    sheet.Row({m.measure, n(m.total), n(m.successful), n(m.failed), n(m.avg_duration_seconds)});
  }
}

void WriteRunInfo(Sheet sheet, const ExportData& data) {
  const VerifyReport& v = data.verify;
  sheet.Row({std::string("item"), std::string("value")}, /*header=*/true);
  sheet.Pair("exported_at", data.exported_at);
  sheet.Pair("source", data.source);
  sheet.Pair("sessions_exported", static_cast<double>(data.session_count));
  sheet.Pair("period_days", data.statistics.period_days == 0
                                ? ExportCell(std::string("all"))
                                : ExportCell(static_cast<double>(data.statistics.period_days)));
  sheet.Pair("hash_chain",
             v.intact() ? std::string("intact") : fmt::format("{} broken links", v.broken.size()));
  sheet.Pair("records_verified", static_cast<double>(v.records));
  sheet.Pair("invalid_lines_skipped", static_cast<double>(v.invalid.size()));
  sheet.Pair("completeness_score", data.completeness.score());
  sheet.Pair("completeness", data.completeness.ToJson());
}

}  // namespace

Status WriteXlsxExport(const ExportData& data, const std::string& path) {
  if (data.session_count >= kMaxSheetRows) {
    return Status::LimitExceeded(
        fmt::format("{} sessions do not fit on one sheet", data.session_count),
        "export a shorter period (--days) or to .csv");
  }
  // Constant memory: rows go to disk as they are written, so 100,000 sessions cost little RAM.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new_opt(path.c_str(), &options));
  if (!workbook) return Status::IoError("cannot create the workbook").InFile(path);
  lxw_format* bold = workbook_add_format(workbook.get());
  format_set_bold(bold);
  HM_RETURN_IF_ERROR(
      WriteSessions(Sheet(workbook_add_worksheet(workbook.get(), "Sessions"), bold), data));
  WriteStatistics(Sheet(workbook_add_worksheet(workbook.get(), "Statistics"), bold),
                  data.statistics);
  WriteRunInfo(Sheet(workbook_add_worksheet(workbook.get(), "Run Info"), bold), data);
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    return Status::IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)))
        .InFile(path);
  }
  return Status::Ok();
}

}  // namespace hm::audit
