#include "ai_flags.h"

#include <fmt/format.h>

#include "hedis_mockup/log.h"

namespace hm::cli {
namespace {

// Command line first, then the environment (AiOptionsWithEnvironment fills what is still empty).
Result<AiOptions> Options(const AiFlags& flags) {
  AiOptions options;
  options.endpoint = flags.endpoint;
  options.model = flags.model;
  options.cache_dir = flags.cache;
  if (!flags.protocol.empty()) {
    HM_ASSIGN_OR_RETURN(options.protocol, ParseAiProtocol(flags.protocol));
  }
  HM_ASSIGN_OR_RETURN(options, AiOptionsWithEnvironment(std::move(options)));
  if (flags.timeout_seconds > 0) {
    options.timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout_seconds * 1000));
  }
  if (flags.concurrency > 0) options.concurrency = flags.concurrency;
  if (flags.min_confidence >= 0) options.min_confidence = flags.min_confidence;
  return options;
}

void SayNotConfigured(const TestCaseBook& book, const std::string& reason) {
  log::Warn("--ai: {}; the run goes on without it", reason);
  std::vector<std::string> rows;
  for (const Scenario& s : book.scenarios) {
    if (s.status == ScenarioStatus::kNeedsAttention) rows.push_back(fmt::format("{} ({}!{})", s.member_id, s.sheet, s.row));
  }
  if (!rows.empty()) log::Warn("{} rows need attention: {}", rows.size(), fmt::join(rows, ", "));
}

}  // namespace

void AddAiFlags(CLI::App& command, AiFlags& flags) {
  command.add_flag("--ai", flags.enabled,
                   "send scenario text the grammar did not understand to a language model (docs/ai.md)");
  command.add_option("--ai-endpoint", flags.endpoint,
                     "model server URL: http://127.0.0.1:11434 (Ollama) or http://HOST:PORT/v1 (OpenAI-compatible); env HM_AI_ENDPOINT");
  command.add_option("--ai-model", flags.model, "model name, e.g. qwen2.5:7b-instruct; env HM_AI_MODEL");
  command.add_option("--ai-protocol", flags.protocol, "ollama or openai (default: openai when the URL ends in /v1); env HM_AI_PROTOCOL")
      ->check(CLI::IsMember({"ollama", "openai"}, CLI::ignore_case));
  command.add_option("--ai-timeout", flags.timeout_seconds, "seconds per request (default 120); env HM_AI_TIMEOUT")
      ->check(CLI::Range(0.001, 3600.0));
  command.add_option("--ai-cache", flags.cache, "folder of the answer cache (default ~/.cache/hedis-mockup); env HM_AI_CACHE");
  command.add_option("--ai-concurrency", flags.concurrency, "requests in flight at once (default 2)")
      ->check(CLI::Range(1, 64));
  command.add_option("--ai-min-confidence", flags.min_confidence, "reject facts the model scores lower (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
}

Result<std::optional<AiCounts>> RunAiFallback(TestCaseBook& book, const AiFlags& flags,
                                              const ValueSetDirectory* vsd, Run& run) {
  if (!flags.enabled) return std::optional<AiCounts>();
  HM_ASSIGN_OR_RETURN(AiOptions options, Options(flags));
  log::ScopedContext context;
  context.Phase("AI_FALLBACK");
  const std::string reason = AiNotConfiguredReason(options);
  if (!reason.empty()) SayNotConfigured(book, reason);
  else log::Info("--ai: {} at {} ({})", options.model, options.endpoint,
                 AiProtocolName(options.protocol.value_or(InferAiProtocol(options.endpoint))));
  HM_ASSIGN_OR_RETURN(AiCounts counts, ApplyAiFallback(book, options, vsd));
  const std::string summary = AiSummaryText(counts);
  log::Info("{}", summary);
  if (run.session != nullptr) run.session->AddEvent("ai_fallback", summary, AiCountsJson(counts));
  return std::optional<AiCounts>(counts);
}

}  // namespace hm::cli
