#include "abstract/summary_workbook.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <memory>

namespace hm::abstract {
namespace {

// 2000-01-01T00:00:00Z: any fixed time, so that the same cohort gives the same bytes.
constexpr time_t kCreated = 946'684'800;

struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

void Header(lxw_worksheet* sheet, const std::vector<const char*>& names, lxw_format* bold) {
  for (std::size_t c = 0; c < names.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), names[c], bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

void WriteSummary(lxw_worksheet* sheet, const CohortSummary& s, lxw_format* bold) {
  Header(sheet, {"measure", "value"}, bold);
  const std::vector<std::pair<const char*, double>> rows = {
      {"patients", s.patients},
      {"patients ok", s.ok},
      {"patients partial", s.partial},
      {"patients fatal", s.fatal},
      {"average completeness score", s.average_phase_1_completeness},
      {"timeline events", static_cast<double>(s.total_events)}};
  worksheet_write_string(sheet, 1, 0, "profile", nullptr);
  worksheet_write_string(sheet, 1, 1, s.profile.c_str(), nullptr);
  lxw_row_t row = 2;
  for (const auto& [name, value] : rows) {
    worksheet_write_string(sheet, row, 0, name, nullptr);
    worksheet_write_number(sheet, row++, 1, value, nullptr);
  }
  worksheet_set_column(sheet, 0, 0, 28, nullptr);
}

// The phase's failed sources, "a, b", or the fatal error.
std::string Problems(const PatientTimeline& p) {
  if (p.outcome == PatientOutcome::kFatal) {
    return p.phase_0.errors.empty() ? "" : p.phase_0.errors.back().message;
  }
  std::string failed;
  for (const auto& [name, source] : p.phase_1->data_sources) {
    if (!source.succeeded) failed += (failed.empty() ? "" : ", ") + name;
  }
  return failed;
}

void WritePatient(lxw_worksheet* sheet, lxw_row_t row, const PatientTimeline& p) {
  auto text = [&](lxw_col_t c, const std::string& v) {
    worksheet_write_string(sheet, row, c, v.c_str(), nullptr);
  };
  text(0, p.patient_id);
  text(1, PatientOutcomeName(p.outcome));
  if (p.anchored) {
    text(2, p.anchored->date);
    text(3, p.anchored->kind);
    text(4, p.anchored->code);
    text(5, p.anchored->name);
  }
  worksheet_write_number(sheet, row, 6, static_cast<double>(p.events.size()), nullptr);
  if (p.phase_1) worksheet_write_number(sheet, row, 7, p.phase_1->score(), nullptr);
  text(8, Problems(p));
}

void WritePatients(lxw_worksheet* sheet, const CohortResult& cohort, lxw_format* bold) {
  Header(sheet, {"patient_id", "status", "anchor date", "anchor kind", "anchor code",
                 "anchor name", "events", "completeness", "failed sources / error"},
         bold);
  lxw_row_t row = 0;
  for (const PatientTimeline& p : cohort.patients) WritePatient(sheet, ++row, p);
  worksheet_set_column(sheet, 0, 0, 22, nullptr);
  worksheet_set_column(sheet, 5, 5, 36, nullptr);
  worksheet_set_column(sheet, 8, 8, 80, nullptr);
}

void WriteSources(lxw_worksheet* sheet, const CohortSummary& s, lxw_format* bold) {
  Header(sheet, {"source", "patients failed"}, bold);
  lxw_row_t row = 0;
  for (const auto& [name, count] : s.source_failures) {
    worksheet_write_string(sheet, ++row, 0, name.c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, count, nullptr);
  }
  worksheet_set_column(sheet, 0, 0, 24, nullptr);
}

}  // namespace

Status WriteSummaryWorkbook(const CohortResult& cohort, const CohortSummary& summary,
                            const std::string& path) {
  if (cohort.patients.size() >= 1'048'575) {
    return Status::LimitExceeded("too many patients for one sheet", "use cohort_summary.json");
  }
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new(path.c_str()));
  if (!workbook) return Status::IoError("cannot create the workbook").InFile(path);
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>("Patient timeline cohort summary");
  properties.created = kCreated;
  workbook_set_properties(workbook.get(), &properties);
  lxw_format* bold = workbook_add_format(workbook.get());
  format_set_bold(bold);
  WriteSummary(workbook_add_worksheet(workbook.get(), "Summary"), summary, bold);
  WritePatients(workbook_add_worksheet(workbook.get(), "Patients"), cohort, bold);
  WriteSources(workbook_add_worksheet(workbook.get(), "Sources"), summary, bold);
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    return Status::IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)))
        .InFile(path);
  }
  return Status::Ok();
}

}  // namespace hm::abstract
