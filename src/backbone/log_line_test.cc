#include "backbone/log_line.h"

#include <array>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hm::log {
namespace {

TEST(LogLineTest, TextWritesNonEmptyContextInOrderThenFields) {
  const std::array<ContextField, 4> context = {
      {{"session_id", "S"}, {"measure", ""}, {"patient_id", "p1"}, {"phase", "PHASE_0"}}};
  EXPECT_EQ(TextBody(context, "msg", {{"a", "1"}}),
            "[session_id=S] [patient_id=p1] [phase=PHASE_0] msg a=1");
}

TEST(LogLineTest, TextQuotesValuesThatWouldBreakThePairs) {
  struct Case {
    std::string value;
    std::string written;
  } cases[] = {
      {"plain", "k=plain"},         {"", R"(k="")"},
      {"two words", R"(k="two words")"}, {"a=b", R"(k="a=b")"},
      {"say \"hi\"", R"(k="say \"hi\"")"}, {"line\nbreak", R"(k="line\nbreak")"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TextBody({}, "m", {{"k", c.value}}), "m " + c.written) << c.value;
  }
}

TEST(LogLineTest, JsonBodyCompletesAnObject) {
  const std::array<ContextField, 2> context = {{{"measure", "PSA"}, {"phase", ""}}};
  const std::string body = JsonBody(context, "m\t\"x\"", {{"k", "v"}});
  EXPECT_EQ(body, R"("message":"m\t\"x\"","measure":"PSA","fields":{"k":"v"})");
  const auto parsed = nlohmann::json::parse("{" + body + "}");
  EXPECT_EQ(parsed.at("message"), "m\t\"x\"");
}

TEST(LogLineTest, JsonStringsSurviveAnyBytes) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"abc", R"("abc")"},
      {"back\\slash", R"("back\\slash")"},
      {"\x01", R"("\u0001")"},
      {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
      {"bad \xff", "\"bad \xef\xbf\xbd\""},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendJsonString(out, c.in);
    EXPECT_EQ(out, c.out) << c.in;
  }
}

}  // namespace
}  // namespace hm::log
