#include "testcase/expectation_consistency.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace hm::testcase {
namespace {

// Whether the expectations address rows of two or more products ("Product_ID=2, AD=1 /
// Product_ID=92, AD=0"), where one key may rightly hold different values.
bool NamesSeveralProducts(const ExpectedResult& expected) {
  std::vector<std::string> products;
  for (const Expectation& e : expected.items) {
    if (e.key != "PRODUCT_ID") continue;
    const std::string id = ValueToString(e.value);
    if (std::find(products.begin(), products.end(), id) == products.end()) products.push_back(id);
  }
  return products.size() >= 2;
}

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

}  // namespace

void CheckExpectationsAgainstFacts(const Scenario& s, int measurement_year, std::vector<std::string>& attention) {
  if (const Expectation* value = ValueBeforeMemberAbsence(s.expected)) {
    attention.push_back(fmt::format("the expected result gives {} and then says the member is absent: say which "
                                    "rows are expected, or only the absence",
                                    ToString(*value)));
  }
  if (NamesSeveralProducts(s.expected)) return;
  const Date end_of_my = *Date::FromYmd(measurement_year, 12, 31);
  const auto age = StatedAgeOn(s, end_of_my);
  bool re_zero = false;
  const Expectation* exclusion_date = nullptr;
  for (const Expectation& e : s.expected.items) {
    const std::int64_t* years = std::get_if<std::int64_t>(&e.value);
    if (e.key == "AGE_END_REP_YR" && years != nullptr && age && *years != age->first) {
      attention.push_back(fmt::format("expected AGE_END_REP_YR={} contradicts {} (age {} on {}): correct "
                                      "one of them",
                                      *years, age->second, age->first, end_of_my.ToUs()));
    }
    if (e.key == "RE" && std::holds_alternative<Flag>(e.value) && !std::get<Flag>(e.value).set) re_zero = true;
    if (e.key == "EXCLUSION_DT" && std::holds_alternative<Date>(e.value)) exclusion_date = &e;
  }
  if (re_zero && exclusion_date != nullptr) {
    attention.push_back(fmt::format("expected RE=0 with {}: an exclusion date is reported only with RE=1; "
                                    "correct one of them",
                                    ToString(*exclusion_date)));
  }
}

}  // namespace hm::testcase
