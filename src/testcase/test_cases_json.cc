// ToJson: the shape `parse --json` prints, documented in docs/testcase-formats.md. One function per
// kind of fact, so the JSON names stay next to what they describe.
#include <nlohmann/json.hpp>

#include "hedis_mockup/testcases.h"

namespace hm {
namespace {

using nlohmann::ordered_json;

std::string SourceName(StatedSource source) {
  switch (source) {
    case StatedSource::kPrimary: return "primary";
    case StatedSource::kSupplemental: return "supplemental";
    case StatedSource::kUnstated: break;
  }
  return "";
}

ordered_json BenefitsJson(const Benefits& b) {
  ordered_json j = ordered_json::object();
  for (const auto& [column, yes] : b.flags) j[column] = yes ? "Y" : "N";
  if (b.others) j["others"] = *b.others ? "Y" : "N";
  return j;
}

ordered_json FieldsJson(const std::map<std::string, std::string>& fields) {
  ordered_json j = ordered_json::object();
  for (const auto& [k, v] : fields) j[k] = v;
  return j;
}

struct Payload {
  ordered_json& j;
  void operator()(const GenderFact& f) const { j["gender"] = std::string(1, f.code); }
  void operator()(const AgeFact& f) const {
    j["years"] = f.years;
    j["as_of"] = f.as_of.ToIso();
  }
  void operator()(const AgeRangeFact& f) const {
    j["min"] = f.min;
    j["max"] = f.max < 0 ? ordered_json(nullptr) : ordered_json(f.max);
  }
  void operator()(const BirthDateFact& f) const { j["date"] = f.date.ToIso(); }
  void operator()(const ProductLineFact& f) const { j["product_line"] = f.line; }
  void operator()(const EnrollmentFact& f) const {
    j["start"] = f.start ? ordered_json(f.start->ToIso()) : ordered_json(nullptr);
    j["end"] = f.end ? ordered_json(f.end->ToIso()) : ordered_json(nullptr);
    j["product_ids"] = f.product_ids;
    if (!f.plan.empty()) j["plan"] = f.plan;
    if (!f.coverage.empty()) j["coverage"] = f.coverage;
    if (!f.benefits.empty()) j["benefits"] = BenefitsJson(f.benefits);
    if (!f.fields.empty()) j["fields"] = FieldsJson(f.fields);
  }
  void operator()(const GapFact& f) const {
    j["count"] = f.count;
    if (f.days > 0) j["days"] = f.days;
    if (f.months > 0) j["months"] = f.months;
  }
  void operator()(const ContinuousEnrollmentFact& f) const { j["enrolled"] = f.enrolled; }
  void operator()(const EnrolledOnFact& f) const {
    j["date"] = f.date.ToIso();
    j["enrolled"] = f.enrolled;
  }
  void operator()(const BenefitFact& f) const { j["benefits"] = BenefitsJson(f.benefits); }
  void operator()(const EventFact& f) const {
    j["value_set"] = f.value_set;
    j["matched"] = f.matched.empty() ? ordered_json(nullptr) : ordered_json(f.matched);
    ordered_json dates = ordered_json::array();
    for (Date d : f.dates) dates.push_back(d.ToIso());
    j["dates"] = dates;
    if (f.count != 1) j["count"] = f.count;
    if (f.source != StatedSource::kUnstated) j["source"] = SourceName(f.source);
    if (f.denied) j["denied"] = true;
    if (!f.codes.empty()) {
      ordered_json codes = ordered_json::array();
      for (const CodeRef& c : f.codes) codes.push_back({{"system", c.system}, {"code", c.code}});
      j["codes"] = codes;
    }
    if (!f.value.empty()) j["value"] = f.value;
    if (!f.table.empty()) j["table"] = f.table;
    if (!f.fields.empty()) j["fields"] = FieldsJson(f.fields);
  }
  void operator()(const DeathFact& f) const {
    j["date"] = f.date.ToIso();
    if (!f.table.empty()) j["table"] = f.table;
    if (f.source != StatedSource::kUnstated) j["source"] = SourceName(f.source);
    if (f.denied) j["denied"] = true;
    if (!f.fields.empty()) j["fields"] = FieldsJson(f.fields);
  }
  void operator()(const MonthlyMembershipFact& f) const {
    j["run_date"] = f.run_date ? ordered_json(f.run_date->ToIso()) : ordered_json(nullptr);
    j["hospice"] = f.hospice;
    if (!f.fields.empty()) j["fields"] = FieldsJson(f.fields);
  }
  void operator()(const FieldFact& f) const {
    j["column"] = f.column;
    j["value"] = f.value;
  }
  void operator()(const NumeratorFact& f) const { j["compliant"] = f.compliant; }
  void operator()(const StatedFlagFact& f) const {
    j["key"] = f.key;
    j["set"] = f.set;
  }
};

std::string ProvenanceName(Provenance provenance) {
  switch (provenance) {
    case Provenance::kStructured: return "structured";
    case Provenance::kAi: return "ai";
    case Provenance::kText: break;
  }
  return "text";
}

ordered_json FactJson(const Fact& fact, const Scenario& s) {
  ordered_json j;
  j["kind"] = FactKindName(fact.body);
  std::visit(Payload{j}, fact.body);
  j["provenance"] = ProvenanceName(fact.provenance);
  if (fact.confidence) j["confidence"] = *fact.confidence;
  // An AI fact's span is the fragment it was derived from.
  if (fact.provenance != Provenance::kStructured) {
    j["text"] = s.text.substr(fact.begin, fact.end - fact.begin);
    j["span"] = {fact.begin, fact.end};
  } else {
    j["from_column"] = fact.column;
  }
  return j;
}

ordered_json ValueJson(const Value& value) {
  struct V {
    ordered_json operator()(NullValue) const { return nullptr; }
    ordered_json operator()(Flag f) const { return f.set ? 1 : 0; }
    ordered_json operator()(std::int64_t n) const { return n; }
    ordered_json operator()(const std::string& s) const { return s; }
    ordered_json operator()(Date d) const { return d.ToIso(); }
  };
  return std::visit(V{}, value);
}

ordered_json FragmentsJson(const std::vector<Fragment>& fragments) {
  ordered_json j = ordered_json::array();
  for (const Fragment& f : fragments) j.push_back({{"text", f.text}, {"span", {f.begin, f.end}}});
  return j;
}

ordered_json ExpectedJson(const ExpectedResult& e) {
  ordered_json items = ordered_json::array();
  for (const Expectation& x : e.items) {
    items.push_back({{"key", x.key}, {"value", ValueJson(x.value)}, {"known", x.known},
                     {"line", x.line}});
  }
  ordered_json j;
  j["items"] = items;
  j["absent"] = e.absent;
  if (e.all_product_lines) j["all_product_lines"] = true;
  if (!e.product_lines.empty()) j["product_lines"] = e.product_lines;
  j["unparsed"] = FragmentsJson(e.unparsed);
  return j;
}

ordered_json ScenarioJson(const Scenario& s) {
  ordered_json j;
  j["member_id"] = s.member_id;
  j["sheet"] = s.sheet;
  j["row"] = s.row;
  if (!s.continuation_rows.empty()) j["continuation_rows"] = s.continuation_rows;
  if (!s.group.empty()) j["group"] = s.group;
  j["status"] = StatusName(s.status);
  j["structured"] = s.structured;
  if (s.removed) j["removed"] = true;
  j["text"] = s.text;
  ordered_json facts = ordered_json::array();
  for (const Fact& f : s.facts) facts.push_back(FactJson(f, s));
  j["facts"] = facts;
  j["expected"] = ExpectedJson(s.expected);
  j["unparsed"] = FragmentsJson(s.unparsed);
  j["assumptions"] = s.assumptions;
  j["attention"] = s.attention;
  return j;
}

}  // namespace

std::string ToJson(const TestCaseBook& book) {
  ordered_json j;
  j["file"] = book.file;
  j["measurement_year"] = book.measurement_year;
  ordered_json sheets = ordered_json::array();
  for (const SheetReport& s : book.sheets) {
    ordered_json sheet{{"name", s.name}, {"skipped", s.skipped}, {"scenarios", s.scenarios}};
    if (s.skipped) sheet["reason"] = s.reason;
    if (s.structured) sheet["structured"] = true;
    sheets.push_back(sheet);
  }
  j["sheets"] = sheets;
  ordered_json scenarios = ordered_json::array();
  for (const Scenario& s : book.scenarios) scenarios.push_back(ScenarioJson(s));
  j["scenarios"] = scenarios;
  ordered_json warnings = ordered_json::array();
  for (const Status& w : book.warnings) warnings.push_back(w.ToString());
  j["warnings"] = warnings;
  j["summary"] = {{"rows", book.summary.rows},
                  {"understood", book.summary.understood},
                  {"with_assumptions", book.summary.with_assumptions},
                  {"needs_attention", book.summary.needs_attention},
                  {"removed", book.summary.removed}};
  return j.dump(2) + "\n";
}

}  // namespace hm
