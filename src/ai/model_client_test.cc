// The HTTP client against the fake server the test starts: both protocols, the API key in the
// Authorization header, retries of transient failures, timeouts, and 500s.
#include "ai/model_client.h"

#include <gtest/gtest.h>

#include "ai/ai_test_util.h"
#include "testing/fake_model_server.h"

namespace hm::ai {
namespace {

using std::chrono::milliseconds;

AiOptions Options(const std::string& endpoint) { return test::FakeModelOptions(endpoint); }

ModelReply Ask(const AiOptions& options, const std::string& user) {
  Result<std::unique_ptr<ModelClient>> client = MakeModelClient(options);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return (*client)->Complete({"system", user});
}

TEST(ModelClientTest, SpeaksBothProtocols) {
  hm::testing::FakeModelServer server;
  server.Answer("hello", R"({"facts": []})");
  for (const std::string& endpoint : {server.OllamaEndpoint(), server.OpenAiEndpoint()}) {
    const ModelReply reply = Ask(Options(endpoint), "hello");
    EXPECT_FALSE(reply.failure) << endpoint << ": " << reply.message;
    EXPECT_EQ(reply.content, R"({"facts": []})") << endpoint;
  }
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(server.models(), (std::vector<std::string>{"fake-model", "fake-model"}));
}

TEST(ModelClientTest, TheWrongProtocolIsAnHttpError) {
  hm::testing::FakeModelServer server;
  AiOptions options = Options(server.OllamaEndpoint() + "/v1");
  options.protocol = AiProtocol::kOllama;  // POSTs /v1/api/chat, which the server does not have
  const ModelReply reply = Ask(options, "hello");
  ASSERT_TRUE(reply.failure);
  EXPECT_EQ(*reply.failure, RejectReason::kHttpError);
  EXPECT_NE(reply.message.find("HTTP 404"), std::string::npos) << reply.message;
}

TEST(ModelClientTest, SendsTheKeyAsABearerTokenAndNeverInMessages) {
  hm::testing::FakeModelServer server;
  server.Fail("secret please", 500);
  AiOptions options = Options(server.OpenAiEndpoint());
  options.api_key = "sk-test-1234567890";
  Ask(options, "hello");
  const ModelReply failed = Ask(options, "secret please");
  ASSERT_EQ(server.authorizations().size(), 2u);
  EXPECT_EQ(server.authorizations()[0], "Bearer sk-test-1234567890");
  EXPECT_EQ(failed.message.find("sk-test"), std::string::npos) << failed.message;
}

TEST(ModelClientTest, A500IsRetriedThenReported) {
  hm::testing::FakeModelServer server;
  server.Fail("boom", 500);
  AiOptions options = Options(server.OllamaEndpoint());
  options.retries = 2;
  const ModelReply reply = Ask(options, "boom");
  ASSERT_TRUE(reply.failure);
  EXPECT_EQ(*reply.failure, RejectReason::kHttpError);
  EXPECT_EQ(reply.attempts, 3);
  EXPECT_EQ(server.requests(), 3) << "one request and two retries";
  EXPECT_NE(reply.message.find("HTTP 500"), std::string::npos) << reply.message;
}

TEST(ModelClientTest, A400IsNotRetried) {
  hm::testing::FakeModelServer server;
  server.Fail("bad", 400);
  AiOptions options = Options(server.OllamaEndpoint());
  options.retries = 2;
  const ModelReply reply = Ask(options, "bad");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(reply.attempts, 1);
}

TEST(ModelClientTest, ASlowAnswerIsATimeout) {
  hm::testing::FakeModelServer server;
  server.Delay("slow", milliseconds(1500), R"({"facts": []})");
  AiOptions options = Options(server.OllamaEndpoint());
  options.timeout = milliseconds(200);
  const ModelReply reply = Ask(options, "slow");
  ASSERT_TRUE(reply.failure);
  EXPECT_EQ(*reply.failure, RejectReason::kTimeout) << reply.message;
}

TEST(ModelClientTest, ARefusedConnectionIsAnHttpError) {
  std::string endpoint;
  {
    hm::testing::FakeModelServer server;
    endpoint = server.OllamaEndpoint();
  }  // stopped: nothing listens on the port now
  const ModelReply reply = Ask(Options(endpoint), "anyone?");
  ASSERT_TRUE(reply.failure);
  EXPECT_EQ(*reply.failure, RejectReason::kHttpError) << reply.message;
}

TEST(ModelClientTest, AnEndpointThatIsNotAUrlIsAnError) {
  EXPECT_FALSE(MakeModelClient(Options("localhost:11434")).ok());
}

}  // namespace
}  // namespace hm::ai
