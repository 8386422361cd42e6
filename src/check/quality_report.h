// What the quality check found in a mockup before export, and the two forms it is written in: JSON
// (for the CLI's --json and the server) and an .xlsx workbook for QA (a Summary sheet and a
// Findings sheet). docs/quality-checks.md lists every check id.
//
// Findings are data, not Status errors: a mockup with findings is a result to show, and the run
// decides (errors() == 0, or --force) whether to export.
//
// Thread-safety: QualityReport is a value; use one per thread while it is filled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::check {

enum class FindingSeverity : std::uint8_t {
  kError,    // the mockup is wrong: the export is refused unless forced
  kWarning,  // worth a look, but the mockup may be what the scenario meant
};
// "error", "warning".
std::string_view FindingSeverityName(FindingSeverity severity);

inline constexpr std::size_t kNoScenario = static_cast<std::size_t>(-1);

struct Finding {
  FindingSeverity severity = FindingSeverity::kError;
  std::string check;      // the check's id: "schema.type", "ref.member", ...
  std::string sheet;      // "PSA_VISIT_IN"; empty when not about one sheet
  std::int64_t row = 0;   // 1-based sheet row (the header is row 1); 0 when not about one row
  std::string column;     // the column's name; empty when not about one column
  std::string member_id;  // empty when not about one member
  std::size_t scenario = kNoScenario;  // index into the run's scenarios
  std::string message;    // what is wrong and what to do
};

// Findings of one check, all counted even when not all are kept.
struct CheckCount {
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  std::uint64_t total() const { return errors + warnings; }
};

class QualityReport {
 public:
  // The default keeps the first 1,000 findings of each check: enough to see a pattern, and a
  // generator bug that breaks every row of 1,000,000 members cannot exhaust memory.
  static constexpr std::size_t kDefaultKeepPerCheck = 1000;
  explicit QualityReport(std::size_t keep_per_check = kDefaultKeepPerCheck)
      : keep_per_check_(keep_per_check) {}

  // Counts one finding of `check` and returns whether it is to be kept (among the first
  // keep_per_check of its check): only then is it worth building the Finding and its message.
  [[nodiscard]] bool Count(std::string_view check, FindingSeverity severity);
  // Keeps a finding already counted. REQUIRES: Count() returned true for it.
  void Keep(Finding finding) { findings_.push_back(std::move(finding)); }
  // Count() and, if it says so, Keep().
  void Add(Finding finding);

  // The kept findings, in the order they were found.
  const std::vector<Finding>& findings() const { return findings_; }
  // Counts per check id (sorted by id), of all findings, kept or not.
  const std::map<std::string, CheckCount, std::less<>>& by_check() const { return by_check_; }
  std::uint64_t count(std::string_view check) const;
  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }
  // Findings counted but not kept.
  std::uint64_t dropped() const { return errors_ + warnings_ - findings_.size(); }
  bool passed() const { return errors_ == 0; }
  std::size_t keep_per_check() const { return keep_per_check_; }

 private:
  std::size_t keep_per_check_;
  std::vector<Finding> findings_;
  std::map<std::string, CheckCount, std::less<>> by_check_;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};

// The report as JSON: {"errors":N,"warnings":N,"passed":bool,"by_check":{id:count},
// "findings":[{"severity","check","sheet","row","column","member_id","scenario","message"}]}.
// Unknown parts of a finding (row 0, no scenario) are null; "dropped" says how many findings were
// counted but not kept.
std::string QualityReportJson(const QualityReport& report);

// Writes the report as an .xlsx workbook at `path`: a Summary sheet (overall pass/fail, then one
// row per check with its errors, warnings and pass/fail) and a Findings sheet (one row per kept
// finding, errors highlighted). The same report always gives the same bytes (the document's
// created time is fixed). Written to a temporary name and renamed (util::WriteViaTemporary), so
// `path` is never half-written. Errors: kIoError naming the file; kLimitExceeded if the findings
// do not fit on one sheet.
Status WriteQualityWorkbook(const QualityReport& report, const std::string& path);

}  // namespace hm::check
