// The two wire protocols of the fallback, as pure functions over bodies and URLs so that they are
// tested without a server: the request body and path, and the answer text inside a response.
//
//   Ollama     POST <base>/api/chat {"model", "messages", "format": <schema>, "stream": false,
//              "options": {"temperature": 0}}  ->  {"message": {"content": "<answer>"}, ...}
//   OpenAI     POST <base>/chat/completions {"model", "messages", "temperature": 0,
//              "response_format": {"type": "json_schema", "json_schema": {"name", "schema"}}}
//              ->  {"choices": [{"message": {"content": "<answer>"}}], ...}
//
// Temperature 0: the same prompt should give the same answer, which the cache then pins.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hedis_mockup/ai.h"
#include "hedis_mockup/status.h"

namespace hm::ai {

// An endpoint split for the HTTP client: "http://host:8080/v1" -> {"http://host:8080", "/v1"}.
struct EndpointUrl {
  std::string scheme_host_port;
  std::string base_path;  // without a trailing '/'; may be empty
};
// kInvalidInput, naming the URL, unless it is http:// or https:// with a host.
Result<EndpointUrl> SplitEndpoint(std::string_view endpoint);

// The path to POST to: base_path + "/api/chat" or base_path + "/chat/completions".
std::string RequestPath(AiProtocol protocol, const EndpointUrl& url);

struct ChatRequest {
  std::string model;
  std::string system;
  std::string user;
  const nlohmann::ordered_json* schema = nullptr;  // REQUIRED
};
std::string RequestBody(AiProtocol protocol, const ChatRequest& request);

// The answer text of a 200 response. kInvalidInput saying what is missing when the body is not
// the protocol's envelope (the server is not what --ai-protocol says, or is broken).
Result<std::string> ReplyContent(AiProtocol protocol, std::string_view body);

}  // namespace hm::ai
