#include "compare/compare_book.h"

#include <nlohmann/json.hpp>

namespace hm::compare {
namespace {

void Count(const MemberCheck& check, BookComparison& totals) {
  totals.passed += check.Count(Outcome::kPass);
  totals.failed += check.Count(Outcome::kFail);
  totals.not_checkable += check.Count(Outcome::kNotCheckable);
  if (check.absent_expected) ++(check.absent_ok ? totals.passed : totals.failed);
  switch (check.overall) {
    case Outcome::kPass: ++totals.members_passed; break;
    case Outcome::kFail: ++totals.members_failed; break;
    case Outcome::kNotCheckable: ++totals.members_not_checkable; break;
  }
}

nlohmann::ordered_json ItemJson(const ExpectationResult& r) {
  nlohmann::ordered_json item;
  item["key"] = r.expectation->key;
  item["expected"] = r.expected;
  item["actual"] = r.actual;
  item["outcome"] = std::string(OutcomeName(r.outcome));
  item["detail"] = r.detail;
  return item;
}

}  // namespace

BookComparison CompareBook(const TestCaseBook& book, const EngineOutput& output,
                           const CheckOptions& options) {
  BookComparison out;
  for (const Scenario& s : book.scenarios) {
    ScenarioComparison c{&s, CheckMember(s.expected, output.RowsOf(s.member_id), options)};
    Count(c.check, out);
    out.members.push_back(std::move(c));
  }
  out.checked = out.passed + out.failed;
  return out;
}

std::vector<Annotation> AnnotationsOf(const BookComparison& comparison) {
  std::vector<Annotation> out;
  for (const ScenarioComparison& c : comparison.members) {
    out.push_back({c.scenario->sheet, c.scenario->row, c.check.actual_text, StatusText(c.check)});
  }
  return out;
}

std::string ToJson(const BookComparison& comparison) {
  nlohmann::ordered_json root;
  root["checked"] = comparison.checked;
  root["passed"] = comparison.passed;
  root["failed"] = comparison.failed;
  root["not_checkable"] = comparison.not_checkable;
  root["members"] = nlohmann::ordered_json::array();
  for (const ScenarioComparison& c : comparison.members) {
    nlohmann::ordered_json m;
    m["member_id"] = c.scenario->member_id;
    m["sheet"] = c.scenario->sheet;
    m["row"] = c.scenario->row;
    m["outcome"] = std::string(OutcomeName(c.check.overall));
    m["status"] = StatusText(c.check);
    m["actual"] = c.check.actual_text;
    m["items"] = nlohmann::ordered_json::array();
    for (const ExpectationResult& r : c.check.items) m["items"].push_back(ItemJson(r));
    root["members"].push_back(std::move(m));
  }
  return root.dump(2) + "\n";
}

}  // namespace hm::compare
