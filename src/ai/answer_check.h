// Checking a language model's answer before anything of it is merged. The answer is outside
// input: it may be any bytes. An answer is accepted whole or rejected whole, for the first
// reason found, so that a row never holds half of a reading that was wrong somewhere else.
//
// Each fact must (1) have the schema's shape (FactFromJson), (2) score at least the minimum
// confidence, (3) be something the grammar itself can say: Describe writes it in the grammar's
// words, ReadScenarioText reads those back, and the reading must be that one fact and nothing
// else, and (4) with a VSD, name value sets the VSD holds. What is merged is the grammar's reading
// (with its VSD match), never the model's object.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/testcases.h"

namespace hm::ai {

enum class RejectReason : unsigned char {
  kMalformedJson,    // not JSON, or not an object
  kSchema,           // a field missing, mistyped, out of range; an unknown kind or fragment
  kUnknownValueSet,  // a value set the loaded VSD does not hold
  kNotExpressible,   // the grammar reads the fact's words back differently, or flags them
  kLowConfidence,    // below AnswerContext::min_confidence
  kNoFacts,          // a well-formed answer with no fact
  kTimeout,          // no answer in time (model_client)
  kHttpError,        // connection refused, an HTTP error status, a malformed envelope
};

// "malformed_json", "schema", "unknown_value_set", "not_expressible", "low_confidence",
// "no_facts", "timeout", "http_error": the names in the counts and the docs.
std::string_view RejectReasonName(RejectReason reason);

struct AnswerContext {
  const TestCaseOptions* read = nullptr;  // the MY and (optional) VSD of the run; REQUIRED
  std::size_t fragments = 0;              // how many were numbered in the prompt
  double min_confidence = 0.5;
};

struct AcceptedFact {
  std::size_t fragment = 0;  // 0-based index into the prompt's fragments
  double confidence = 0;
  FactBody body;             // the grammar's reading of `words`
  std::string words;         // Describe(body): what the reviewer reads
  std::vector<std::string> assumptions;  // the grammar's, e.g. a fuzzy value-set match
};

struct CheckedAnswer {
  std::vector<AcceptedFact> facts;  // empty when rejected
  std::optional<RejectReason> rejected;
  std::string reason;  // why rejected, for the row's attention list; empty when accepted
};

// Checks `content` (the model's message text). A ```json fence around it is tolerated.
CheckedAnswer CheckAnswer(std::string_view content, const AnswerContext& context);

}  // namespace hm::ai
