#include "testcase/expectation_consistency.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace hm::testcase {
namespace {

// The member's age on `day` from its stated birth date, or from a stated age on that day.
std::optional<std::pair<int, std::string>> StatedAgeOn(const Scenario& s, Date day) {
  for (const Fact& f : s.facts) {
    if (const auto* b = std::get_if<BirthDateFact>(&f.body)) {
      return std::pair{AgeOn(b->date, day), fmt::format("the birth date {}", b->date.ToUs())};
    }
  }
  for (const Fact& f : s.facts) {
    if (const auto* a = std::get_if<AgeFact>(&f.body); a != nullptr && a->as_of == day) {
      return std::pair{a->years, fmt::format("the stated age {} on {}", a->years, day.ToUs())};
    }
  }
  return std::nullopt;
}

bool IsAddress(const Expectation& e) { return e.key == "PRODUCT_ID" || e.key == "PLAN_ID" || !e.known; }

// The first item of a flag or value (not an address) written before an absence phrase that is about
// the whole member: an absence right after a line of addresses only ("Product_id=5, Will not be
// reported") is about that row, and checked so.
const Expectation* ValueBeforeMemberAbsence(const ExpectedResult& expected) {
  for (std::size_t absence : expected.absence_begins) {
    const Expectation* last = nullptr;
    for (const Expectation& e : expected.items) {
      if (e.begin < absence && (last == nullptr || e.begin >= last->begin)) last = &e;
    }
    if (last == nullptr) continue;
    const bool scoped = std::all_of(expected.items.begin(), expected.items.end(), [&](const Expectation& e) {
      return e.line != last->line || IsAddress(e);
    });
    if (scoped) continue;
    for (const Expectation& e : expected.items) {
      if (e.begin < absence && !IsAddress(e)) return &e;
    }
  }
  return nullptr;
}

// The distinct values of `key` among the expectations, in order.
std::vector<std::string> Distinct(const ExpectedResult& expected, std::string_view key) {
  std::vector<std::string> values;
  for (const Expectation& e : expected.items) {
    if (e.key != key) continue;
    const std::string v = ValueToString(e.value);
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  }
  return values;
}

// Whether some fact says which plan a record belongs to: an enrollment's plan, or a PLAN or
// FILE_ID column of an enrollment or monthly membership row.
bool StatesAPlan(const Scenario& s) {
  for (const Fact& f : s.facts) {
    if (const auto* e = std::get_if<EnrollmentFact>(&f.body); e != nullptr && !e->plan.empty()) return true;
    const std::map<std::string, std::string>* fields = nullptr;
    if (const auto* m = std::get_if<MonthlyMembershipFact>(&f.body)) fields = &m->fields;
    if (const auto* e = std::get_if<EnrollmentFact>(&f.body)) fields = &e->fields;
    if (fields != nullptr && (fields->contains("PLAN") || fields->contains("PLAN_ID") || fields->contains("FILE_ID"))) {
      return true;
    }
  }
  return false;
}

void CheckAbsence(const ExpectedResult& expected, std::vector<std::string>& attention) {
  if (const Expectation* value = ValueBeforeMemberAbsence(expected)) {
    attention.push_back(fmt::format("the expected result gives {} and then says the member is absent: say which "
                                    "rows are expected, or only the absence",
                                    ToString(*value)));
  }
}

// QA's PSA_RE_BH_ENROLL_05: "PLAN_ID=1 ... / PLAN_ID=2 ..." over two products with no plan.
void CheckPlans(const Scenario& s, std::vector<std::string>& attention) {
  const std::vector<std::string> plans = Distinct(s.expected, "PLAN_ID");
  if (plans.size() < 2 || StatesAPlan(s)) return;
  attention.push_back(fmt::format("the expected result has rows for plans {} but the scenario says of no record "
                                  "which plan it is in: add 'for Plan=N' to the enrollment lines",
                                  fmt::join(plans, ", ")));
}

void CheckAge(const Scenario& s, int measurement_year, std::vector<std::string>& attention) {
  const Date end_of_my = *Date::FromYmd(measurement_year, 12, 31);
  const auto age = StatedAgeOn(s, end_of_my);
  if (!age) return;
  for (const Expectation& e : s.expected.items) {
    const std::int64_t* years = std::get_if<std::int64_t>(&e.value);
    if (e.key != "AGE_END_REP_YR" || years == nullptr || *years == age->first) continue;
    attention.push_back(fmt::format("expected AGE_END_REP_YR={} contradicts {} (age {} on {}): correct one of them",
                                    *years, age->second, age->first, end_of_my.ToUs()));
  }
}

void CheckExclusionDate(const ExpectedResult& expected, std::vector<std::string>& attention) {
  bool re_zero = false;
  const Expectation* exclusion_date = nullptr;
  for (const Expectation& e : expected.items) {
    if (e.key == "RE" && e.value == Value(Flag{false})) re_zero = true;
    if (e.key == "EXCLUSION_DT" && std::holds_alternative<Date>(e.value)) exclusion_date = &e;
  }
  if (re_zero && exclusion_date != nullptr) {
    attention.push_back(fmt::format("expected RE=0 with {}: an exclusion date is reported only with RE=1; "
                                    "correct one of them",
                                    ToString(*exclusion_date)));
  }
}

}  // namespace

void CheckExpectationsAgainstFacts(const Scenario& s, int measurement_year, std::vector<std::string>& attention) {
  CheckAbsence(s.expected, attention);
  CheckPlans(s, attention);
  // Rows of two products may rightly differ in age and exclusion.
  if (Distinct(s.expected, "PRODUCT_ID").size() >= 2) return;
  CheckAge(s, measurement_year, attention);
  CheckExclusionDate(s.expected, attention);
}

}  // namespace hm::testcase
