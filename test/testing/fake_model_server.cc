#include "testing/fake_model_server.h"

#include <mutex>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace hm::testing {

using nlohmann::json;

struct Rule {
  std::string needle;
  std::string content;
  int status = 200;
  std::chrono::milliseconds delay{0};
};

struct FakeModelServer::State {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  mutable std::mutex mutex;
  std::vector<Rule> rules;
  int requests = 0;
  std::vector<std::string> authorizations, models;
};

namespace {

// The user message, or empty when the body is not a chat request with the protocol's schema.
std::string UserMessage(const json& body, bool ollama) {
  const bool schema = ollama ? body.contains("format") && body["format"].is_object() && body.value("stream", true) == false
                             : body.contains("response_format") &&
                                   body["response_format"].value("type", "") == "json_schema" &&
                                   body["response_format"]["json_schema"].contains("schema");
  if (!schema || !body.contains("messages") || !body["messages"].is_array()) return {};
  for (const json& message : body["messages"]) {
    if (message.value("role", "") == "user") return message.value("content", "");
  }
  return {};
}

std::string Envelope(const std::string& content, bool ollama) {
  const json message = {{"role", "assistant"}, {"content", content}};
  if (ollama) return json{{"model", "fake"}, {"message", message}, {"done", true}}.dump();
  return json{{"id", "fake-1"}, {"object", "chat.completion"},
              {"choices", json::array({{{"index", 0}, {"message", message}, {"finish_reason", "stop"}}})}}
      .dump();
}

void Handle(FakeModelServer::State& state, const httplib::Request& request, httplib::Response& response,
            bool ollama) {
  const json body = json::parse(request.body, nullptr, false);
  Rule rule{"", R"({"facts": []})"};
  std::string user;
  {
    std::lock_guard lock(state.mutex);
    ++state.requests;
    state.authorizations.push_back(request.get_header_value("Authorization"));
    state.models.push_back(body.is_object() ? body.value("model", "") : "");
    user = body.is_object() ? UserMessage(body, ollama) : "";
    for (const Rule& r : state.rules) {
      if (user.find(r.needle) != std::string::npos) {
        rule = r;
        break;
      }
    }
  }
  if (user.empty()) {
    response.status = 400;
    response.set_content(R"({"error": "not a chat request with a JSON schema"})", "application/json");
    return;
  }
  std::this_thread::sleep_for(rule.delay);
  response.status = rule.status;
  if (rule.status != 200) {
    response.set_content(R"({"error": "model crashed"})", "application/json");
    return;
  }
  response.set_content(Envelope(rule.content, ollama), "application/json");
}

}  // namespace

FakeModelServer::FakeModelServer() : state_(std::make_shared<State>()) {
  State& s = *state_;
  s.server.Post("/api/chat", [&s](const httplib::Request& q, httplib::Response& r) { Handle(s, q, r, true); });
  s.server.Post("/v1/chat/completions",
                [&s](const httplib::Request& q, httplib::Response& r) { Handle(s, q, r, false); });
  s.port = s.server.bind_to_any_port("127.0.0.1");
  if (s.port <= 0) throw std::runtime_error("fake model server: cannot bind 127.0.0.1");
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  while (!s.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeModelServer::~FakeModelServer() {
  state_->server.stop();
  state_->thread.join();
}

std::string FakeModelServer::OllamaEndpoint() const { return "http://127.0.0.1:" + std::to_string(state_->port); }
std::string FakeModelServer::OpenAiEndpoint() const { return OllamaEndpoint() + "/v1"; }

void FakeModelServer::Answer(std::string needle, std::string content) {
  std::lock_guard lock(state_->mutex);
  state_->rules.push_back({std::move(needle), std::move(content)});
}
void FakeModelServer::Fail(std::string needle, int status) {
  std::lock_guard lock(state_->mutex);
  state_->rules.push_back({std::move(needle), "", status});
}
void FakeModelServer::Delay(std::string needle, std::chrono::milliseconds delay, std::string content) {
  std::lock_guard lock(state_->mutex);
  state_->rules.push_back({std::move(needle), std::move(content), 200, delay});
}

int FakeModelServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}
std::vector<std::string> FakeModelServer::authorizations() const {
  std::lock_guard lock(state_->mutex);
  return state_->authorizations;
}
std::vector<std::string> FakeModelServer::models() const {
  std::lock_guard lock(state_->mutex);
  return state_->models;
}

}  // namespace hm::testing
