#include "ai/answer_check.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ai/fact_schema.h"
#include "util/text.h"

namespace hm::ai {
namespace {

using nlohmann::json;

CheckedAnswer Reject(RejectReason reason, std::string why) {
  CheckedAnswer out;
  out.rejected = reason;
  out.reason = std::move(why);
  return out;
}

// Models asked for JSON still sometimes wrap it in a Markdown fence.
std::string_view Unfenced(std::string_view content) {
  content = util::Trim(content);
  if (!content.starts_with("```")) return content;
  const std::size_t open = content.find('\n');
  const std::size_t close = content.rfind("```");
  if (open == std::string_view::npos || close <= open) return content;
  return util::Trim(content.substr(open + 1, close - open - 1));
}

// The grammar's reading of `body` compared with the model's: the VSD match is the grammar's to
// make, so it is left out of the comparison.
bool SameFact(FactBody read, const FactBody& answered) {
  if (auto* event = std::get_if<EventFact>(&read)) event->matched.clear();
  return read == answered;
}

// (3) and (4) for one fact; nullopt-free: fills `accepted` or returns the rejection.
std::optional<CheckedAnswer> CheckFact(const AnswerFact& fact, const AnswerContext& context,
                                       AcceptedFact& accepted) {
  const int my = context.read->measurement_year;
  const std::string words = Describe(fact.body, my);
  TextReading reading = ReadScenarioText(words, *context.read);
  if (reading.facts.size() != 1 || !reading.unparsed.empty() || !SameFact(reading.facts[0].body, fact.body)) {
    return Reject(RejectReason::kNotExpressible,
                  fmt::format("the grammar does not read '{}' back as the same fact", words));
  }
  const auto* event = std::get_if<EventFact>(&reading.facts[0].body);
  if (event != nullptr && context.read->vsd != nullptr && !event->value_set.empty() && event->matched.empty()) {
    return Reject(RejectReason::kUnknownValueSet,
                  fmt::format("value set '{}' is not in the VSD", event->value_set));
  }
  if (!reading.attention.empty()) {
    return Reject(RejectReason::kNotExpressible, fmt::format("'{}': {}", words, reading.attention[0]));
  }
  accepted = AcceptedFact{fact.fragment - 1, fact.confidence, reading.facts[0].body, words,
                          std::move(reading.assumptions)};
  return std::nullopt;
}

}  // namespace

std::string_view RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kMalformedJson: return "malformed_json";
    case RejectReason::kSchema: return "schema";
    case RejectReason::kUnknownValueSet: return "unknown_value_set";
    case RejectReason::kNotExpressible: return "not_expressible";
    case RejectReason::kLowConfidence: return "low_confidence";
    case RejectReason::kNoFacts: return "no_facts";
    case RejectReason::kTimeout: return "timeout";
    case RejectReason::kHttpError: return "http_error";
  }
  return "unknown";
}

CheckedAnswer CheckAnswer(std::string_view content, const AnswerContext& context) {
  const json answer = json::parse(Unfenced(content), nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.is_object()) {
    return Reject(RejectReason::kMalformedJson, "the answer is not a JSON object");
  }
  const auto facts = answer.find("facts");
  if (facts == answer.end() || !facts->is_array() || answer.size() != 1) {
    return Reject(RejectReason::kSchema, "the answer must be {\"facts\": [...]} and nothing else");
  }
  if (facts->size() > kMaxFactsPerAnswer) {
    return Reject(RejectReason::kSchema, fmt::format("{} facts: more than {}", facts->size(), kMaxFactsPerAnswer));
  }
  if (facts->empty()) return Reject(RejectReason::kNoFacts, "the model found no fact in the fragments");
  CheckedAnswer out;
  for (std::size_t i = 0; i < facts->size(); ++i) {
    Result<AnswerFact> fact = FactFromJson((*facts)[i], context.read->measurement_year);
    if (!fact.ok()) {
      return Reject(RejectReason::kSchema, fmt::format("fact {}: {}", i + 1, fact.status().message()));
    }
    if (fact->fragment > context.fragments) {
      return Reject(RejectReason::kSchema, fmt::format("fact {}: there is no fragment {}", i + 1, fact->fragment));
    }
    if (fact->confidence < context.min_confidence) {
      return Reject(RejectReason::kLowConfidence,
                    fmt::format("fact {}: confidence {} is below {}", i + 1, fact->confidence, context.min_confidence));
    }
    AcceptedFact accepted;
    if (std::optional<CheckedAnswer> rejected = CheckFact(*fact, context, accepted)) {
      rejected->reason = fmt::format("fact {}: {}", i + 1, rejected->reason);
      return std::move(*rejected);
    }
    out.facts.push_back(std::move(accepted));
  }
  return out;
}

}  // namespace hm::ai
