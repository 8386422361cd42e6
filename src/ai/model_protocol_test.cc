// The wire shapes of both protocols, and endpoint URLs, without a server.
#include "ai/model_protocol.h"

#include <gtest/gtest.h>

#include "ai/fact_schema.h"

namespace hm::ai {
namespace {

using nlohmann::json;

TEST(ModelProtocolTest, SplitsEndpoints) {
  struct Case {
    const char* url;
    const char* host;
    const char* path;
  };
  for (const Case& c : std::vector<Case>{{"http://127.0.0.1:11434", "http://127.0.0.1:11434", ""},
                                         {"http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080", "/v1"},
                                         {"https://api.example.com/v1", "https://api.example.com", "/v1"}}) {
    Result<EndpointUrl> url = SplitEndpoint(c.url);
    ASSERT_TRUE(url.ok()) << c.url;
    EXPECT_EQ(url->scheme_host_port, c.host) << c.url;
    EXPECT_EQ(url->base_path, c.path) << c.url;
  }
  for (const char* bad : {"", "localhost:11434", "ftp://host", "http://"}) {
    EXPECT_FALSE(SplitEndpoint(bad).ok()) << bad;
  }
}

TEST(ModelProtocolTest, InfersTheProtocolFromTheUrl) {
  EXPECT_EQ(InferAiProtocol("http://127.0.0.1:11434"), AiProtocol::kOllama);
  EXPECT_EQ(InferAiProtocol("http://127.0.0.1:8080/v1"), AiProtocol::kOpenAi);
  EXPECT_EQ(InferAiProtocol("http://127.0.0.1:8000/v1/"), AiProtocol::kOpenAi);
  EXPECT_EQ(RequestPath(AiProtocol::kOllama, {"http://h", ""}), "/api/chat");
  EXPECT_EQ(RequestPath(AiProtocol::kOpenAi, {"http://h", "/v1"}), "/v1/chat/completions");
  EXPECT_FALSE(ParseAiProtocol("grpc").ok());
  EXPECT_EQ(*ParseAiProtocol("OpenAI"), AiProtocol::kOpenAi);
}

TEST(ModelProtocolTest, RequestBodiesCarryTheSchemaTheProtocolsWay) {
  const ChatRequest request{"m", "sys", "usr", &AnswerSchema()};
  const json ollama = json::parse(RequestBody(AiProtocol::kOllama, request));
  EXPECT_EQ(ollama.at("model"), "m");
  EXPECT_EQ(ollama.at("stream"), false);
  EXPECT_EQ(ollama.at("format"), json(AnswerSchema()));
  EXPECT_EQ(ollama.at("messages")[1].at("content"), "usr");
  const json openai = json::parse(RequestBody(AiProtocol::kOpenAi, request));
  EXPECT_EQ(openai.at("response_format").at("type"), "json_schema");
  EXPECT_EQ(openai.at("response_format").at("json_schema").at("schema"), json(AnswerSchema()));
  EXPECT_EQ(openai.at("messages")[0].at("role"), "system");
  EXPECT_EQ(openai.at("temperature"), 0);
}

TEST(ModelProtocolTest, ReadsTheAnswerOutOfEachEnvelope) {
  EXPECT_EQ(*ReplyContent(AiProtocol::kOllama, R"({"message": {"role": "assistant", "content": "{}"}, "done": true})"), "{}");
  EXPECT_EQ(*ReplyContent(AiProtocol::kOpenAi, R"({"choices": [{"message": {"content": "{}"}}]})"), "{}");
  for (const char* bad : {"", "not json", R"({"choices": []})", R"({"message": {"content": 3}})"}) {
    EXPECT_FALSE(ReplyContent(AiProtocol::kOllama, bad).ok()) << bad;
    EXPECT_FALSE(ReplyContent(AiProtocol::kOpenAi, bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace hm::ai
