// The configuration of the fallback: protocol names, inference from the URL, the environment.
#include <cstdlib>

#include <fmt/format.h>

#include "hedis_mockup/ai.h"
#include "util/text.h"

namespace hm {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(util::Trim(value)) : std::string();
}

}  // namespace

std::string_view AiProtocolName(AiProtocol protocol) {
  return protocol == AiProtocol::kOllama ? "ollama" : "openai";
}

Result<AiProtocol> ParseAiProtocol(std::string_view name) {
  const std::string lower = util::Lower(util::Trim(name));
  if (lower == "ollama") return AiProtocol::kOllama;
  if (lower == "openai") return AiProtocol::kOpenAi;
  return Status::InvalidInput(fmt::format("unknown AI protocol '{}'", name), "use ollama or openai");
}

AiProtocol InferAiProtocol(std::string_view endpoint) {
  std::string_view url = util::Trim(endpoint);
  while (url.ends_with('/')) url.remove_suffix(1);
  return url.ends_with("/v1") ? AiProtocol::kOpenAi : AiProtocol::kOllama;
}

Result<AiOptions> AiOptionsWithEnvironment(AiOptions base) {
  if (base.endpoint.empty()) base.endpoint = Env("HM_AI_ENDPOINT");
  if (base.model.empty()) base.model = Env("HM_AI_MODEL");
  if (base.cache_dir.empty()) base.cache_dir = Env("HM_AI_CACHE");
  if (base.api_key.empty()) base.api_key = Env("HM_AI_API_KEY");
  if (base.api_key.empty()) base.api_key = Env("OPENAI_API_KEY");
  if (const std::string protocol = Env("HM_AI_PROTOCOL"); !base.protocol && !protocol.empty()) {
    Result<AiProtocol> parsed = ParseAiProtocol(protocol);
    if (!parsed.ok()) return Status::InvalidInput("HM_AI_PROTOCOL: " + parsed.status().message(), "use ollama or openai");
    base.protocol = *parsed;
  }
  if (const std::string timeout = Env("HM_AI_TIMEOUT"); !timeout.empty()) {
    char* end = nullptr;
    const double seconds = std::strtod(timeout.c_str(), &end);
    if (end == timeout.c_str() || *end != '\0' || !(seconds > 0 && seconds <= 3600)) {
      return Status::InvalidInput(fmt::format("HM_AI_TIMEOUT '{}' is not a number of seconds", timeout),
                                  "e.g. HM_AI_TIMEOUT=120 (at most 3600)");
    }
    base.timeout = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }
  return base;
}

std::string AiNotConfiguredReason(const AiOptions& options) {
  if (options.endpoint.empty() && options.model.empty()) {
    return "no language model configured: pass --ai-endpoint URL and --ai-model NAME (or set "
           "HM_AI_ENDPOINT and HM_AI_MODEL)";
  }
  if (options.endpoint.empty()) return "no --ai-endpoint (or HM_AI_ENDPOINT) given for the model";
  if (options.model.empty()) return "no --ai-model (or HM_AI_MODEL) given for the endpoint";
  return {};
}

}  // namespace hm
