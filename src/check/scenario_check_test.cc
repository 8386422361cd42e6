#include "check/scenario_check.h"

#include <gtest/gtest.h>

namespace hm::check {
namespace {

Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

Scenario With(std::vector<FactBody> bodies) {
  Scenario scenario;
  for (FactBody& body : bodies) {
    Fact fact;
    fact.body = std::move(body);
    scenario.facts.push_back(std::move(fact));
  }
  return scenario;
}

std::vector<std::string> Checks(const std::vector<ScenarioProblem>& problems) {
  std::vector<std::string> checks;
  for (const ScenarioProblem& p : problems) checks.push_back(p.check);
  return checks;
}

TEST(ScenarioCheckTest, AgeBirthDateAndSex) {
  const Scenario s = With({AgeFact{70, Ymd(2026, 12, 31)}, BirthDateFact{Ymd(1956, 6, 1)},
                           GenderFact{'F'}});
  const std::string_view female = "F";
  EXPECT_TRUE(CheckScenario(s, Ymd(1956, 6, 1), female, 2026).empty());
  EXPECT_EQ(Checks(CheckScenario(s, Ymd(1956, 6, 2), female, 2026)),
            std::vector<std::string>{"scenario.birth_date"});
  EXPECT_EQ(Checks(CheckScenario(s, Ymd(1957, 1, 1), std::string_view("M"), 2026)),
            (std::vector<std::string>{"scenario.age", "scenario.birth_date", "scenario.sex"}));
  // Without a readable birth date or a sex column there is nothing to compare.
  EXPECT_TRUE(CheckScenario(s, std::nullopt, std::nullopt, 2026).empty());
}

TEST(ScenarioCheckTest, LeapDayBirthsTurnAYearOlderOnMarch1) {
  const Scenario s = With({AgeFact{66, Ymd(2026, 2, 28)}});
  // Born 2/29/1960: 66 only from 3/1/2026 (the kMarch1 rule, as the engine counts).
  EXPECT_EQ(Checks(CheckScenario(s, Ymd(1960, 2, 29), std::nullopt, 2026)),
            std::vector<std::string>{"scenario.age"});
}

TEST(ScenarioCheckTest, EmptySexIsUnknown) {
  const Scenario unknown = With({GenderFact{'U'}});
  EXPECT_TRUE(CheckScenario(unknown, std::nullopt, std::string_view(""), 2026).empty());
  const Scenario male = With({GenderFact{'M'}});
  const auto problems = CheckScenario(male, std::nullopt, std::string_view("Male"), 2026);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "MEM_GENDER is 'Male', but the scenario says M; write M");
}

}  // namespace
}  // namespace hm::check
