// A fake language-model server for the tests of the AI fallback: cpp-httplib on 127.0.0.1 at a
// free port, in a thread of the test, answering Ollama's POST /api/chat and the OpenAI-compatible
// POST /v1/chat/completions in each protocol's response shape. It checks the request's shape (a
// JSON schema in `format` or `response_format`) and answers 400 when it is wrong, so that the
// tests check the protocol; it knows nothing of scenarios beyond the rules a test gives it.
//
// Thread-safety: the rules may be set and the counters read from the test while requests run.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace hm::testing {

class FakeModelServer {
 public:
  FakeModelServer();  // listening when it returns
  ~FakeModelServer();
  FakeModelServer(const FakeModelServer&) = delete;
  FakeModelServer& operator=(const FakeModelServer&) = delete;

  std::string OllamaEndpoint() const;  // "http://127.0.0.1:PORT"
  std::string OpenAiEndpoint() const;  // "http://127.0.0.1:PORT/v1"

  // Rules are tried in the order given against the user message of each request; the first whose
  // `needle` it contains decides. No rule matches: the answer {"facts": []}.
  void Answer(std::string needle, std::string content);  // 200 with `content` as the message
  void Fail(std::string needle, int status);              // that HTTP status, a short body
  void Delay(std::string needle, std::chrono::milliseconds delay, std::string content);

  int requests() const;  // requests received so far, any path
  std::vector<std::string> authorizations() const;  // the Authorization header of each request
  std::vector<std::string> models() const;          // the "model" of each request

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace hm::testing
