#include "ai/answer_merge.h"

#include <algorithm>

#include <fmt/format.h>

namespace hm::ai {

std::string ReviewNote(const Scenario& scenario, const Fact& fact, int measurement_year) {
  const std::string fragment =
      fact.end <= scenario.text.size() && fact.begin < fact.end ? scenario.text.substr(fact.begin, fact.end - fact.begin) : "";
  return fmt::format("AI-derived from '{}' (confidence {:.2f}): {}; check it", fragment,
                     fact.confidence.value_or(0), Describe(fact.body, measurement_year));
}

void MergeAnswer(Scenario& scenario, const std::vector<Fragment>& fragments,
                 const CheckedAnswer& answer, int measurement_year) {
  std::vector<bool> covered(fragments.size(), false);
  for (const AcceptedFact& accepted : answer.facts) {
    const Fragment& from = fragments[accepted.fragment];
    Fact fact;
    fact.body = accepted.body;
    fact.provenance = Provenance::kAi;
    fact.begin = from.begin;
    fact.end = from.end;
    fact.confidence = accepted.confidence;
    scenario.assumptions.push_back(ReviewNote(scenario, fact, measurement_year));
    scenario.assumptions.insert(scenario.assumptions.end(), accepted.assumptions.begin(),
                                accepted.assumptions.end());
    scenario.facts.push_back(std::move(fact));
    covered[accepted.fragment] = true;
  }
  std::erase_if(scenario.unparsed, [&](const Fragment& f) {
    for (std::size_t i = 0; i < fragments.size(); ++i) {
      if (covered[i] && fragments[i].begin == f.begin && fragments[i].end == f.end) return true;
    }
    return false;
  });
}

void RejectAnswer(Scenario& scenario, RejectReason reason, const std::string& why) {
  scenario.attention.push_back(
      fmt::format("language model answer rejected ({}): {}", RejectReasonName(reason), why));
}

void RecountBook(TestCaseBook& book) {
  TestCaseSummary summary;
  for (Scenario& s : book.scenarios) {
    if (!s.unparsed.empty() || !s.attention.empty()) s.status = ScenarioStatus::kNeedsAttention;
    else if (!s.assumptions.empty()) s.status = ScenarioStatus::kWithAssumptions;
    else s.status = ScenarioStatus::kUnderstood;
    ++summary.rows;
    if (s.removed) ++summary.removed;
    switch (s.status) {
      case ScenarioStatus::kUnderstood: ++summary.understood; break;
      case ScenarioStatus::kWithAssumptions: ++summary.with_assumptions; break;
      case ScenarioStatus::kNeedsAttention: ++summary.needs_attention; break;
    }
  }
  book.summary = summary;
}

}  // namespace hm::ai
