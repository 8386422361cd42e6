// WriteValidationWorkbook: the validation report for QA: a Summary sheet and one row per
// expectation, green for a pass, red for a failure (with the engine's reason and evidence), grey
// where it could not be checked.
#include <memory>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "hedis_mockup/mockup.h"
#include "util/files.h"

namespace hm {
namespace {

// A fixed creation time (2000-01-01): the same report gives the same bytes.
constexpr time_t kCreated = 946'684'800;

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* pass = nullptr;
  lxw_format* fail = nullptr;
  lxw_format* other = nullptr;
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats f;
  f.header = workbook_add_format(workbook);
  format_set_bold(f.header);
  f.pass = workbook_add_format(workbook);
  format_set_bg_color(f.pass, 0xC6EFCE);
  format_set_font_color(f.pass, 0x006100);
  f.fail = workbook_add_format(workbook);
  format_set_bg_color(f.fail, 0xFFC7CE);
  format_set_font_color(f.fail, 0x9C0006);
  f.other = workbook_add_format(workbook);
  format_set_bg_color(f.other, 0xEDEDED);
  return f;
}

lxw_format* FormatOf(const Formats& f, const std::string& outcome) {
  if (outcome == "pass") return f.pass;
  if (outcome == "fail") return f.fail;
  return f.other;
}

void WriteSummary(lxw_worksheet* sheet, const ValidationReport& r, const Formats& f) {
  std::size_t members_failed = 0;
  for (const MemberValidation& m : r.members) members_failed += m.outcome == "fail" ? 1 : 0;
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"result", r.failed == 0 ? "PASS" : "FAIL"},
      {"measure", r.measure},
      {"measurement year", std::to_string(r.measurement_year)},
      {"mockup", r.mockup},
      {"members", std::to_string(r.members.size())},
      {"members failing", std::to_string(members_failed)},
      {"expectations checked", std::to_string(r.checked)},
      {"passed", std::to_string(r.passed)},
      {"failed", std::to_string(r.failed)},
      {"not checkable", std::to_string(r.not_checkable)},
  };
  lxw_row_t row = 0;
  for (const auto& [key, value] : rows) {
    worksheet_write_string(sheet, row, 0, key.c_str(), f.header);
    lxw_format* format = row == 0 ? (r.failed == 0 ? f.pass : f.fail) : nullptr;
    worksheet_write_string(sheet, row, 1, value.c_str(), format);
    ++row;
  }
  worksheet_set_column(sheet, 0, 0, 24, nullptr);
  worksheet_set_column(sheet, 1, 1, 60, nullptr);
}

void WriteItems(lxw_worksheet* sheet, const ValidationReport& r, const Formats& f) {
  const char* header[] = {"MEM_NBR", "SHEET", "ROW", "KEY", "EXPECTED", "ACTUAL", "OUTCOME",
                          "DETAIL", "ENGINE_REASON", "EVIDENCE"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(sheet, 0, c, header[c], f.header);
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t row = 0;
  for (const MemberValidation& m : r.members) {
    for (const ValidationItem& i : m.items) {
      ++row;
      lxw_format* format = FormatOf(f, i.outcome);
      const std::string evidence = fmt::format("{}", fmt::join(i.evidence, "\n"));
      const std::string cells[] = {m.member_id, m.sheet, std::to_string(m.row), i.key, i.expected,
                                   i.actual, i.outcome, i.detail, i.reason, evidence};
      for (lxw_col_t c = 0; c < 10; ++c) {
        worksheet_write_string(sheet, row, c, cells[c].c_str(), c == 6 ? format : nullptr);
      }
    }
  }
  worksheet_set_column(sheet, 0, 0, 22, nullptr);
  worksheet_set_column(sheet, 7, 9, 60, nullptr);
}

}  // namespace

Status WriteValidationWorkbook(const ValidationReport& report, const std::string& path) {
  return util::WriteViaTemporary(path, [&](const std::string& temporary) -> Status {
    lxw_workbook* workbook = workbook_new(temporary.c_str());
    if (workbook == nullptr) return Status::IoError("cannot create the workbook").InFile(path);
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>("Mockup validation");
    properties.created = kCreated;
    workbook_set_properties(workbook, &properties);
    const Formats formats = AddFormats(workbook);
    WriteSummary(workbook_add_worksheet(workbook, "Summary"), report, formats);
    WriteItems(workbook_add_worksheet(workbook, "Expectations"), report, formats);
    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) {
      return Status::IoError(fmt::format("writing the workbook: {}", lxw_strerror(error))).InFile(path);
    }
    return Status::Ok();
  });
}

}  // namespace hm
