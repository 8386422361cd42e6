// A client for a language model: one interface, with an HTTP implementation per wire protocol
// (model_protocol.h) made by MakeModelClient, and fakes in tests.
//
// The HTTP client (cpp-httplib) retries transient failures (timeouts, refused connections, 429,
// 5xx) with full-jitter backoff (execute/backoff.h), so that requests failing together do not
// return together. The API key goes only into the Authorization header; every message this file
// produces is scrubbed of it (source/connection_string.h's ScrubSecrets), because servers echo
// requests in their error bodies.
//
// Thread-safety: Complete may be called from several threads at once (each call opens its own
// connection); a limit on how many is the caller's (fallback.cc).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ai/answer_check.h"
#include "ai/fallback_prompt.h"
#include "hedis_mockup/ai.h"
#include "hedis_mockup/status.h"

namespace hm::ai {

struct ModelReply {
  std::string content;                  // the answer text; empty on failure
  std::optional<RejectReason> failure;  // kTimeout or kHttpError; unset on success
  std::string message;                  // why it failed, scrubbed of the API key
  int attempts = 0;                     // requests made, retries included
};

class ModelClient {
 public:
  virtual ~ModelClient() = default;
  // Sends `prompt` and waits for the answer; failures are values in the reply, never thrown.
  virtual ModelReply Complete(const Prompt& prompt) = 0;
};

// The HTTP client for options.endpoint, speaking options.protocol (else the inferred one).
// kInvalidInput for an endpoint that is not an http(s) URL.
Result<std::unique_ptr<ModelClient>> MakeModelClient(const AiOptions& options);

}  // namespace hm::ai
