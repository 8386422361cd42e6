// The language-model fallback (issue 9, parts 2 and 3): scenario text the grammar left unparsed is
// sent to a language model, which answers facts as JSON; each answer is checked against the
// schema of the reader's facts and the loaded VSD, turned into the grammar's own words and read
// back by the grammar, and merged only if all of that holds. Merged facts carry the provenance
// kAi and the model's confidence, and are listed for review; a rejected answer leaves the row
// "needs attention" with the reason. Nothing is silently wrong: every row sent, answered, merged
// or rejected is counted (AiCounts). docs/ai.md describes the protocol, the schema and the cache.
//
// Two wire protocols: Ollama's native /api/chat with a `format` JSON schema, and the
// OpenAI-compatible /v1/chat/completions with a json_schema response_format (llama.cpp server,
// vLLM, hosted APIs). Answers are cached on disk by the hash of prompt version, model and prompt,
// so the same text is never sent twice and a rerun gives byte-identical output.
//
// Thread-safety: ApplyAiFallback runs its requests on its own threads and returns when all are
// done; the other functions are pure. The types are plain values.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/testcases.h"

namespace hm {

class ValueSetDirectory;

enum class AiProtocol : unsigned char {
  kOllama,  // POST <endpoint>/api/chat
  kOpenAi,  // POST <endpoint>/chat/completions (the endpoint ends in /v1)
};

// "ollama" / "openai", the names --ai-protocol takes.
std::string_view AiProtocolName(AiProtocol protocol);
// kInvalidInput naming the accepted names for anything else (case is ignored).
Result<AiProtocol> ParseAiProtocol(std::string_view name);
// The protocol an endpoint speaks when none is named: OpenAI-compatible when the URL's path ends in
// /v1 (how llama.cpp server, vLLM and hosted APIs are addressed), else Ollama.
AiProtocol InferAiProtocol(std::string_view endpoint);

struct AiOptions {
  // Base URL of the server: "http://127.0.0.1:11434" (Ollama), "http://127.0.0.1:8080/v1"
  // (OpenAI-compatible). Empty: not configured, and nothing is sent.
  std::string endpoint;
  std::string model;  // "qwen2.5:7b-instruct", ... Empty: not configured.
  // Unset: InferAiProtocol(endpoint).
  std::optional<AiProtocol> protocol;
  // Per request (connect, send, read). Default 120 s: a 7B model on a CPU takes tens of seconds
  // per answer; a shorter limit turns slow answers into timeouts.
  std::chrono::milliseconds timeout{120'000};
  // Retries of one request after a transient failure (timeout, connection refused, 429, 5xx),
  // with full-jitter backoff from `backoff_initial`. Default 2: a server restart is survived, a
  // dead server costs 3 timeouts per row rather than more.
  int retries = 2;
  std::chrono::milliseconds backoff_initial{500};
  // Requests in flight at once. Default 2: a local model serves one or two at a time, and more
  // only queue on its side and run into the timeout.
  int concurrency = 2;
  // Sent as "Authorization: Bearer <key>" when not empty; never logged, printed or cached.
  std::string api_key;
  // Folder of the answer cache (ai-cache.sqlite). Empty: <cache home>/hedis-mockup, where cache
  // home is $XDG_CACHE_HOME or ~/.cache.
  std::string cache_dir;
  // Facts the model scores below this are rejected (reason "low_confidence"). Default 0.5.
  double min_confidence = 0.5;
};

// `base` completed from the environment where a field is empty or unset: HM_AI_ENDPOINT,
// HM_AI_MODEL, HM_AI_PROTOCOL, HM_AI_TIMEOUT (seconds), HM_AI_CACHE, and the key from
// HM_AI_API_KEY, else OPENAI_API_KEY. Options given on the command line win. kInvalidInput for an
// unreadable HM_AI_PROTOCOL or HM_AI_TIMEOUT, naming the variable.
Result<AiOptions> AiOptionsWithEnvironment(AiOptions base);

// Empty when endpoint and model are set; else what is missing and how to set it.
std::string AiNotConfiguredReason(const AiOptions& options);

// Per-run counts; the same in the parse summary, its JSON and the audit log.
struct AiCounts {
  std::size_t rows_read = 0;  // scenarios in the book
  // Rows handed to the fallback: not removed, with text the grammar left unparsed. Sent or
  // answered from the cache.
  std::size_t rows_fallback = 0;
  std::size_t rows_sent = 0;   // of rows_fallback, sent to the model (cache misses)
  std::size_t cache_hits = 0;  // of rows_fallback, answered from the cache
  std::size_t answered = 0;    // rows with an answer (from the model or the cache)
  std::size_t merged = 0;      // rows whose answer was accepted; its facts merged
  std::size_t facts_merged = 0;
  std::size_t rejected = 0;    // rows whose answer was rejected or never came
  // reason -> rows: malformed_json, schema, unknown_value_set, not_expressible, low_confidence,
  // no_facts, timeout, http_error.
  std::map<std::string, std::size_t> rejected_by_reason;
  bool configured = true;  // false: nothing was sent (see AiNotConfiguredReason)
  // rows_fallback / rows_read in percent, 2 decimals (the source system reported 4.97).
  double fallback_rate_percent() const;
};

// {"rows_read":..,"rows_fallback":..,...,"rejected_by_reason":{...},"fallback_rate":4.97}.
std::string AiCountsJson(const AiCounts& counts);
// "AI fallback: 12 of 241 rows (4.98%): 3 sent, 9 from cache, 12 answered, 10 merged (14 facts),
// 2 rejected (schema 1, timeout 1)".
std::string AiSummaryText(const AiCounts& counts);

// Runs the fallback over `book`: sends each row with unparsed text (several at once, cached),
// checks the answers, merges accepted facts, and recomputes each row's status and the summary.
// With `vsd`, every value-set name must be in it. Not configured (AiNotConfiguredReason): counts
// the rows that would have been sent, changes nothing, and returns counts with configured false.
// Errors: kInvalidInput for an unusable endpoint URL, kIoError when the cache cannot be opened.
// Failures of single requests are not errors: they are rejections, counted and on the rows.
Result<AiCounts> ApplyAiFallback(TestCaseBook& book, const AiOptions& options,
                                 const ValueSetDirectory* vsd);

// For `reformat --ai`: copies the review note of every AI-derived fact into its row's attention,
// so that the standard layout's NEEDS_ATTENTION column carries it and a reviewer deletes the line
// once checked. Rows so marked need attention (the summary is recounted).
void MarkAiFactsForReview(TestCaseBook& book);

}  // namespace hm
