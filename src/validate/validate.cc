// ValidateMockup (mockup.h): the written mockup read back, evaluated, and checked.
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include "hedis_mockup/mockup.h"
#include "util/text.h"
#include "validate/result_row.h"

namespace hm {
namespace validate {

namespace {

compare::ActualRow Row(const MemberResult& result, const std::vector<FlagResult>& flags) {
  compare::ActualRow row;
  row.values["MEM_NBR"] = result.member_id;
  row.values["GENDER"] = result.gender;
  row.values["PRODUCT_LINE"] = result.product_line;
  for (const FlagResult& f : flags) row.values[util::Upper(f.name)] = f.value;
  return row;
}

}  // namespace

std::vector<compare::ActualRow> ResultRows(const MemberResult& result) {
  if (!result.reported) return {};
  if (result.product_rows.empty()) return {Row(result, result.flags)};
  std::vector<compare::ActualRow> rows;
  for (const ProductRow& product : result.product_rows) {
    rows.push_back(Row(result, result.FlagsOf(product)));
    rows.back().values["PRODUCT_ID"] = product.product_id;
    if (!product.plan_id.empty()) rows.back().values["PLAN_ID"] = product.plan_id;
  }
  return rows;
}

}  // namespace validate

namespace {

// The engine's flag behind an expectation key, through the same aliases the check uses.
const FlagResult* FlagFor(const MemberResult& result, const std::string& key) {
  if (const FlagResult* f = result.Find(key)) return f;
  if (key == "NUM") return result.Find("NE");
  if (key == "NE") return result.Find("NUM");
  return nullptr;
}

// Why the engine set `flag`: the member's reason, or each product's where rows are per product.
std::string ReasonFor(const MemberResult& result, const FlagResult& flag) {
  std::vector<std::string> reasons;
  for (const ProductRow& row : result.product_rows) {
    for (const FlagResult& own : row.flags) {
      if (own.name == flag.name) reasons.push_back(own.reason);
    }
  }
  return reasons.empty() ? flag.reason : fmt::format("{}", fmt::join(reasons, "; "));
}

MemberValidation Check(const Scenario& s, const MemberResult& result) {
  const std::vector<compare::ActualRow> rows = validate::ResultRows(result);
  const compare::MemberCheck check = compare::CheckMember(s.expected, rows);
  MemberValidation out;
  out.member_id = result.member_id;
  out.sheet = s.sheet;
  out.row = s.row;
  out.outcome = std::string(compare::OutcomeName(check.overall));
  out.summary = check.summary;
  for (const compare::ExpectationResult& r : check.items) {
    ValidationItem item;
    item.key = r.expectation->key;
    item.expected = r.expected;
    item.actual = r.actual;
    item.outcome = std::string(compare::OutcomeName(r.outcome));
    item.detail = r.detail;
    if (const FlagResult* flag = FlagFor(result, item.key)) {
      item.reason = ReasonFor(result, *flag);
      item.evidence = flag->evidence;
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<ValidationReport> ValidateMockup(const TestCaseBook& book, const CompiledMeasure& measure,
                                        const std::string& mockup, const ValidateOptions& options) {
  const Layout& layout = options.layout != nullptr ? *options.layout : DefaultLayout();
  ReadTablesOptions read;
  read.measure_prefix = options.prefix.empty() ? measure.id() : options.prefix;
  read.measurement_year = measure.measurement_year();
  HM_ASSIGN_OR_RETURN(TimelineSet set, ReadTimelines(mockup, layout, read));
  ValidationReport report;
  report.measure = measure.id();
  report.measurement_year = measure.measurement_year();
  report.mockup = mockup;
  const std::vector<std::string> ids = MockupMemberIds(book, measure.id());
  for (std::size_t i = 0; i < book.scenarios.size(); ++i) {
    const std::ptrdiff_t index = set.Find(ids[i]);
    if (index < 0) continue;  // a scenario the run skipped
    const std::size_t at = static_cast<std::size_t>(index);
    const MemberResult result = measure.Evaluate(set.members[at], &set.rows[at], /*explain=*/true);
    MemberValidation member = Check(book.scenarios[i], result);
    for (const ValidationItem& item : member.items) {
      if (item.outcome == "pass") ++report.passed;
      else if (item.outcome == "fail") ++report.failed;
      else ++report.not_checkable;
    }
    report.members.push_back(std::move(member));
  }
  report.checked = report.passed + report.failed;
  if (report.members.empty()) {
    return Status::InvalidInput(
        fmt::format("{}: none of the workbook's members is in the mockup", mockup),
        "validate the mockup generated from this workbook (member ids are its Test Case IDs)");
  }
  return report;
}

std::string ToJson(const ValidationReport& r) {
  nlohmann::ordered_json j;
  j["measure"] = r.measure;
  j["my"] = r.measurement_year;
  j["mockup"] = r.mockup;
  j["checked"] = r.checked;
  j["passed"] = r.passed;
  j["failed"] = r.failed;
  j["not_checkable"] = r.not_checkable;
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const MemberValidation& m : r.members) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const ValidationItem& i : m.items) {
      items.push_back({{"key", i.key}, {"expected", i.expected}, {"actual", i.actual},
                       {"outcome", i.outcome}, {"detail", i.detail}, {"reason", i.reason},
                       {"evidence", i.evidence}});
    }
    members.push_back({{"member_id", m.member_id}, {"sheet", m.sheet}, {"row", m.row},
                       {"outcome", m.outcome}, {"summary", m.summary}, {"items", std::move(items)}});
  }
  j["members"] = std::move(members);
  return j.dump();
}

}  // namespace hm
