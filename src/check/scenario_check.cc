#include "check/scenario_check.h"

#include <fmt/format.h>

#include <cctype>

namespace hm::check {
namespace {

// "12/31/MY (12/31/2026)": QA's words and the date itself; just the date without an MY.
std::string Day(Date date, int measurement_year) {
  if (measurement_year <= 0) return date.ToUs();
  return fmt::format("{} ({})", FormatMyDate(date, measurement_year), date.ToUs());
}

std::optional<ScenarioProblem> CheckAge(const AgeFact& fact, Date birth, int my) {
  const int age = AgeOn(birth, fact.as_of);
  if (age == fact.years) return std::nullopt;
  std::string fix = "regenerate the member";
  if (auto range = BirthDatesForAge(fact.years, fact.as_of); range.ok()) {
    fix = fmt::format("a MEM_DOB from {} to {} gives {}", range->first.ToUs(), range->last.ToUs(),
                      fact.years);
  }
  return ScenarioProblem{"scenario.age",
                         fmt::format("MEM_DOB {} makes the member {} as of {}, but the scenario "
                                     "says {}; {}",
                                     birth.ToUs(), age, Day(fact.as_of, my), fact.years, fix)};
}

std::optional<ScenarioProblem> CheckBirthDate(const BirthDateFact& fact, Date birth, int my) {
  if (birth == fact.date) return std::nullopt;
  return ScenarioProblem{"scenario.birth_date",
                         fmt::format("MEM_DOB is {}, but the scenario says born on {}; write {}",
                                     birth.ToUs(), Day(fact.date, my), fact.date.ToUs())};
}

std::optional<ScenarioProblem> CheckSex(const GenderFact& fact, std::string_view sex) {
  // An empty MEM_GENDER is unknown, which is what a scenario saying U asks for.
  const char written = sex.empty() ? 'U' : static_cast<char>(std::toupper(
                                               static_cast<unsigned char>(sex.front())));
  if (sex.size() <= 1 && written == fact.code) return std::nullopt;
  return ScenarioProblem{"scenario.sex",
                         fmt::format("MEM_GENDER is '{}', but the scenario says {}; write {}", sex,
                                     fact.code, fact.code)};
}

}  // namespace

std::vector<ScenarioProblem> CheckScenario(const Scenario& scenario,
                                           std::optional<Date> birth_date,
                                           std::optional<std::string_view> sex,
                                           int measurement_year) {
  std::vector<ScenarioProblem> problems;
  auto add = [&](std::optional<ScenarioProblem> problem) {
    if (problem) problems.push_back(std::move(*problem));
  };
  for (const Fact& fact : scenario.facts) {
    if (const auto* age = std::get_if<AgeFact>(&fact.body); age && birth_date) {
      add(CheckAge(*age, *birth_date, measurement_year));
    } else if (const auto* born = std::get_if<BirthDateFact>(&fact.body); born && birth_date) {
      add(CheckBirthDate(*born, *birth_date, measurement_year));
    } else if (const auto* gender = std::get_if<GenderFact>(&fact.body); gender && sex) {
      add(CheckSex(*gender, *sex));
    }
  }
  return problems;
}

}  // namespace hm::check
