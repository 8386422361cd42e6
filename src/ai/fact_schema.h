// The JSON shape of the reader's facts, for a language model: the JSON Schema sent with each
// request, and the strict reading of one fact object from an answer. The shape is that of
// `parse --json` (src/testcase/test_cases_json.cc) without what the reader computes itself
// ("matched", spans), plus "fragment" (which unparsed fragment the fact came from) and
// "confidence". docs/ai.md lists the fields of each kind.
//
// The schema is flat (one object type whose properties are the union over the kinds) rather than
// a oneOf per kind: the constrained decoders of llama.cpp, Ollama and vLLM handle it everywhere,
// and the kind-specific rules are checked here, not by the decoder.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "hedis_mockup/status.h"
#include "hedis_mockup/testcases.h"

namespace hm::ai {

// The most facts one answer may hold; more is a schema error (a runaway generation).
inline constexpr std::size_t kMaxFactsPerAnswer = 64;

// {"type":"object","properties":{"facts":{"type":"array","items":{...}}},"required":["facts"]}.
const nlohmann::ordered_json& AnswerSchema();

// One fact of an answer.
struct AnswerFact {
  std::size_t fragment = 0;  // 1-based number of the fragment in the prompt
  double confidence = 0;     // in [0, 1]
  FactBody body;
};

// Reads one element of "facts". Dates may be ISO ("2026-12-31") or as QA writes them
// ("12/31/MY"), read against `measurement_year`. Names are normalized as the grammar writes them
// (field columns and tables upper case, product lines lower case). A null value is an absent
// optional field. kInvalidInput saying which field is wrong for: a missing or mistyped field, a
// value out of range, an unknown kind, a non-null field the kind does not have.
// REQUIRES: nothing; any JSON value is safe (fuzzed).
Result<AnswerFact> FactFromJson(const nlohmann::json& j, int measurement_year);

}  // namespace hm::ai
