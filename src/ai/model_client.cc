#include "ai/model_client.h"

#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "ai/fact_schema.h"
#include "ai/model_protocol.h"
#include "execute/backoff.h"
#include "source/connection_string.h"

namespace hm::ai {
namespace {

struct Attempt {
  std::string content;
  std::optional<RejectReason> failure;
  std::string message;
  bool transient = false;
};

bool TransientStatus(int status) { return status == 408 || status == 429 || status >= 500; }

class HttpModelClient final : public ModelClient {
 public:
  HttpModelClient(AiOptions options, EndpointUrl url)
      : options_(std::move(options)),
        url_(std::move(url)),
        protocol_(options_.protocol.value_or(InferAiProtocol(options_.endpoint))) {}

  ModelReply Complete(const Prompt& prompt) override {
    const std::string body =
        RequestBody(protocol_, {options_.model, prompt.system, prompt.user, &AnswerSchema()});
    const execute::BackoffPolicy backoff{options_.backoff_initial, options_.backoff_initial * 16};
    ModelReply reply;
    for (int retry = 0;; ++retry) {
      Attempt attempt = Send(body);
      reply.attempts = retry + 1;
      if (!attempt.failure || !attempt.transient || retry >= options_.retries) {
        reply.content = std::move(attempt.content);
        reply.failure = attempt.failure;
        reply.message = source::ScrubSecrets(std::move(attempt.message), {options_.api_key});
        return reply;
      }
      // The prompt keys the jitter, so a run's delays do not depend on thread scheduling.
      std::this_thread::sleep_for(
          execute::BackoffDelay(backoff, retry, execute::JitterRandom(0, prompt.user, retry)));
    }
  }

 private:
  Attempt Send(const std::string& body) const {
    httplib::Client client(url_.scheme_host_port);
    const auto seconds = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout);
    client.set_connection_timeout(seconds);
    client.set_read_timeout(seconds);
    client.set_write_timeout(seconds);
    if (!options_.api_key.empty()) client.set_bearer_token_auth(options_.api_key);
    const httplib::Result result = client.Post(RequestPath(protocol_, url_), body, "application/json");
    if (!result) return Failed(result.error());
    if (result->status != 200) {
      return {{}, RejectReason::kHttpError,
              fmt::format("HTTP {} from {}: {}", result->status, options_.endpoint, result->body.substr(0, 200)),
              TransientStatus(result->status)};
    }
    Result<std::string> content = ReplyContent(protocol_, result->body);
    if (!content.ok()) return {{}, RejectReason::kHttpError, content.status().message(), false};
    return {std::move(*content), std::nullopt, {}, false};
  }

  Attempt Failed(httplib::Error error) const {
    const bool timeout = error == httplib::Error::Read || error == httplib::Error::ConnectionTimeout ||
                         error == httplib::Error::Write;
    return {{}, timeout ? RejectReason::kTimeout : RejectReason::kHttpError,
            fmt::format("{} ({}): {}", options_.endpoint, timeout ? "no answer in time" : "request failed",
                        httplib::to_string(error)),
            true};
  }

  AiOptions options_;
  EndpointUrl url_;
  AiProtocol protocol_;
};

}  // namespace

Result<std::unique_ptr<ModelClient>> MakeModelClient(const AiOptions& options) {
  HM_ASSIGN_OR_RETURN(EndpointUrl url, SplitEndpoint(options.endpoint));
  return std::unique_ptr<ModelClient>(std::make_unique<HttpModelClient>(options, std::move(url)));
}

}  // namespace hm::ai
