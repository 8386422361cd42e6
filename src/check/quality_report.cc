// QualityReport's counting and its JSON form. The workbook is in quality_workbook.cc.
#include "check/quality_report.h"

#include <nlohmann/json.hpp>

namespace hm::check {

std::string_view FindingSeverityName(FindingSeverity severity) {
  return severity == FindingSeverity::kError ? "error" : "warning";
}

bool QualityReport::Count(std::string_view check, FindingSeverity severity) {
  auto it = by_check_.find(check);
  if (it == by_check_.end()) it = by_check_.emplace(std::string(check), CheckCount{}).first;
  CheckCount& count = it->second;
  const bool keep = count.total() < keep_per_check_;
  if (severity == FindingSeverity::kError) {
    ++count.errors;
    ++errors_;
  } else {
    ++count.warnings;
    ++warnings_;
  }
  return keep;
}

void QualityReport::Add(Finding finding) {
  if (Count(finding.check, finding.severity)) Keep(std::move(finding));
}

std::uint64_t QualityReport::count(std::string_view check) const {
  auto it = by_check_.find(check);
  return it == by_check_.end() ? 0 : it->second.total();
}

namespace {

nlohmann::ordered_json FindingJson(const Finding& f) {
  nlohmann::ordered_json j;
  j["severity"] = FindingSeverityName(f.severity);
  j["check"] = f.check;
  j["sheet"] = f.sheet;
  j["row"] = f.row > 0 ? nlohmann::ordered_json(f.row) : nlohmann::ordered_json();
  j["column"] = f.column;
  j["member_id"] = f.member_id;
  j["scenario"] = f.scenario == kNoScenario ? nlohmann::ordered_json() : nlohmann::ordered_json(f.scenario);
  j["message"] = f.message;
  return j;
}

}  // namespace

std::string QualityReportJson(const QualityReport& report) {
  nlohmann::ordered_json j;
  j["errors"] = report.errors();
  j["warnings"] = report.warnings();
  j["passed"] = report.passed();
  nlohmann::ordered_json by_check = nlohmann::ordered_json::object();
  for (const auto& [check, count] : report.by_check()) by_check[check] = count.total();
  j["by_check"] = std::move(by_check);
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& f : report.findings()) findings.push_back(FindingJson(f));
  j["findings"] = std::move(findings);
  j["dropped"] = report.dropped();
  // Replace, not throw, on invalid UTF-8: cell text comes from user workbooks.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace hm::check
