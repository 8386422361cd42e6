#include "ai/fallback_prompt.h"

#include <fmt/format.h>

namespace hm::ai {
namespace {

// The examples are facts in the answer's own shape: a model follows an example better than a
// description, and each one is a fact the grammar can write back.
constexpr std::string_view kSystem = R"(You read test scenarios of HEDIS quality measures, written by QA analysts, into structured facts.
A rule-based reader has already read most of the scenario. You are given only the fragments it did not understand, numbered.
Answer a JSON object {"facts": [...]}: one object per fact stated by a fragment, with
  "fragment": the number of the fragment the fact comes from,
  "kind": one of gender, age, age_range, birth_date, product_line, enrollment, gap, continuous_enrollment, enrolled_on, benefit, event, death, monthly_membership, field, numerator, stated_flag,
  "confidence": how sure you are that the fragment states exactly this fact, from 0 to 1,
and the fields of the kind:
  gender: "gender" M, F, O or U
  age: "years", "as_of" (date)
  age_range: "min", "max" (null: no upper bound)
  birth_date: "date"
  product_line: "product_line" commercial, medicaid, medicare or exchange
  enrollment: "start", "end" (dates), "product_ids" (strings), "plan", "coverage" (PR, SR or SN), "benefits" ({"BEN_MEDICAL": "Y", "others": "N"}), "fields"
  gap: "count", and "days" or "months"
  continuous_enrollment: "enrolled" (true/false)
  enrolled_on: "date", "enrolled"
  benefit: "benefits"
  event: "value_set" (the HEDIS value set name, without the words "Value Set"), "dates", "count", "source" (primary or supplemental), "denied", "codes" ([{"system": "CPT", "code": "84153"}]), "value" (a lab result), "table" (VISIT_IN, EMR_IN, LAB_IN, RX_IN), "fields"
  death: "date", "table", "source", "denied", "fields"
  monthly_membership: "run_date", "hospice", "fields"
  field: "column", "value"
  numerator: "compliant"
  stated_flag: "key", "set"
Dates are YYYY-MM-DD, or relative to the measurement year as QA writes them: 12/31/MY, 1/1/MY-1.
"fields" maps column names to values: {"POS": "81"}.
Examples:
  fragment "Prostate Dysplasia VS dated 3/1/MY" -> {"fragment": 1, "kind": "event", "confidence": 0.9, "value_set": "Prostate Dysplasia", "dates": ["3/1/MY"]}
  fragment "is a lady aged seventy at year end" -> {"fragment": 1, "kind": "gender", "confidence": 0.9, "gender": "F"}, {"fragment": 1, "kind": "age", "confidence": 0.85, "years": 70, "as_of": "12/31/MY"}
Rules: state only what a fragment says; never invent dates, codes or value sets. If a fragment states no fact, give none for it. Answer with the JSON object only.)";

}  // namespace

std::vector<Fragment> TextFragments(const Scenario& scenario) {
  std::vector<Fragment> out;
  for (const Fragment& f : scenario.unparsed) {
    if (f.end > f.begin && f.end <= scenario.text.size() && !f.text.empty()) out.push_back(f);
  }
  return out;
}

Prompt BuildPrompt(const Scenario& scenario, const std::vector<Fragment>& fragments,
                   int measurement_year) {
  std::string user = fmt::format("Measurement year (MY): {}\nScenario text:\n{}\n", measurement_year,
                                 scenario.text);
  if (!scenario.facts.empty()) {
    user += "Already read:\n";
    for (const Fact& fact : scenario.facts) user += fmt::format("- {}\n", Describe(fact.body, measurement_year));
  }
  user += "Fragments not understood:\n";
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    user += fmt::format("[{}] {}\n", i + 1, fragments[i].text);
  }
  return Prompt{std::string(kSystem), std::move(user)};
}

}  // namespace hm::ai
