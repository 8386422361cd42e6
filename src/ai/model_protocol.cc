#include "ai/model_protocol.h"

#include <fmt/format.h>

#include "util/text.h"

namespace hm::ai {

using nlohmann::json;
using nlohmann::ordered_json;

Result<EndpointUrl> SplitEndpoint(std::string_view endpoint) {
  const std::string_view url = util::Trim(endpoint);
  const std::size_t scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string_view::npos ? "" : util::Lower(url.substr(0, scheme_end));
  const std::size_t host_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const std::size_t path_begin = std::min(url.find('/', host_begin), url.size());
  if ((scheme != "http" && scheme != "https") || path_begin == host_begin) {
    return Status::InvalidInput(fmt::format("--ai-endpoint '{}' is not an http:// or https:// URL", url),
                                "e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080/v1");
  }
  std::string path(url.substr(path_begin));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return EndpointUrl{std::string(url.substr(0, path_begin)), std::move(path)};
}

std::string RequestPath(AiProtocol protocol, const EndpointUrl& url) {
  return url.base_path + (protocol == AiProtocol::kOllama ? "/api/chat" : "/chat/completions");
}

std::string RequestBody(AiProtocol protocol, const ChatRequest& request) {
  const ordered_json messages = ordered_json::array(
      {{{"role", "system"}, {"content", request.system}}, {{"role", "user"}, {"content", request.user}}});
  ordered_json body = {{"model", request.model}, {"messages", messages}};
  if (protocol == AiProtocol::kOllama) {
    body["format"] = *request.schema;
    body["stream"] = false;
    body["options"] = {{"temperature", 0}};
  } else {
    body["temperature"] = 0;
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", "scenario_facts"}, {"schema", *request.schema}}}};
  }
  return body.dump();
}

Result<std::string> ReplyContent(AiProtocol protocol, std::string_view body) {
  const json reply = json::parse(body, nullptr, /*allow_exceptions=*/false);
  const json* message = nullptr;
  if (reply.is_object() && protocol == AiProtocol::kOllama) {
    const auto it = reply.find("message");
    if (it != reply.end()) message = &*it;
  } else if (reply.is_object()) {
    const auto choices = reply.find("choices");
    if (choices != reply.end() && choices->is_array() && !choices->empty() && (*choices)[0].is_object()) {
      const auto it = (*choices)[0].find("message");
      if (it != (*choices)[0].end()) message = &*it;
    }
  }
  const char* shape = protocol == AiProtocol::kOllama ? "{\"message\": {\"content\": ...}}"
                                                      : "{\"choices\": [{\"message\": {\"content\": ...}}]}";
  if (message == nullptr || !message->is_object() || !message->contains("content") ||
      !(*message)["content"].is_string()) {
    return Status::InvalidInput(fmt::format("the server's response is not {}", shape),
                                "check --ai-protocol against the server");
  }
  return (*message)["content"].get<std::string>();
}

}  // namespace hm::ai
