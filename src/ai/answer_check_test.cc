// CheckAnswer: what is accepted (and what is then merged: the grammar's reading, with the VSD's
// match), and one case per rejection reason, each naming the reason it must give.
#include "ai/answer_check.h"

#include <gtest/gtest.h>

#include "ai/ai_test_util.h"

namespace hm::ai {
namespace {

using test::EventAnswer;
using test::kMy;

class AnswerCheckTest : public ::testing::Test {
 protected:
  void SetUp() override { vsd_ = test::LoadTestVsd(dir_); }
  CheckedAnswer Check(const std::string& content, std::size_t fragments = 1, bool with_vsd = true) {
    read_ = {kMy, with_vsd ? vsd_.get() : nullptr};
    return CheckAnswer(content, {&read_, fragments, 0.5});
  }
  hm::testing::TempDir dir_;
  std::unique_ptr<ValueSetDirectory> vsd_;
  TestCaseOptions read_;
};

TEST_F(AnswerCheckTest, AcceptsAFactTheGrammarCanSayAndTakesItsReading) {
  const CheckedAnswer answer = Check(EventAnswer("PSA Lab Test", 0.85));
  ASSERT_FALSE(answer.rejected) << answer.reason;
  ASSERT_EQ(answer.facts.size(), 1u);
  const AcceptedFact& fact = answer.facts[0];
  EXPECT_EQ(fact.fragment, 0u);
  EXPECT_DOUBLE_EQ(fact.confidence, 0.85);
  const auto& event = std::get<EventFact>(fact.body);
  EXPECT_EQ(event.matched, "PSA Lab Test") << "the grammar's VSD match is merged";
  EXPECT_EQ(event.dates, std::vector<Date>{*Date::FromYmd(kMy, 3, 15)});
  EXPECT_EQ(fact.words, Describe(fact.body, kMy));
}

TEST_F(AnswerCheckTest, ToleratesAMarkdownFence) {
  const CheckedAnswer answer = Check("```json\n" + EventAnswer("PSA Lab Test") + "\n```");
  EXPECT_FALSE(answer.rejected) << answer.reason;
}

TEST_F(AnswerCheckTest, WithoutAVsdNamesAreNotChecked) {
  const CheckedAnswer answer = Check(EventAnswer("Prostate Biopsy"), 1, /*with_vsd=*/false);
  EXPECT_FALSE(answer.rejected) << answer.reason;
}

TEST_F(AnswerCheckTest, RejectsWithTheReason) {
  struct Case {
    const char* name;
    std::string content;
    RejectReason reason;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"not JSON", "Sure! The member had a PSA test.", RejectReason::kMalformedJson, "not a JSON object"},
      {"truncated", R"({"facts": [{"fragment": 1,)", RejectReason::kMalformedJson, "not a JSON object"},
      {"an array", "[1, 2]", RejectReason::kMalformedJson, "not a JSON object"},
      {"no facts key", R"({"fact": []})", RejectReason::kSchema, "{\"facts\": [...]}"},
      {"extra key", R"({"facts": [], "note": "x"})", RejectReason::kSchema, "nothing else"},
      {"empty", R"({"facts": []})", RejectReason::kNoFacts, "no fact"},
      {"bad field", R"({"facts": [{"fragment": 1, "kind": "gender", "confidence": 0.9, "gender": "lady"}]})",
       RejectReason::kSchema, "fact 1: 'gender'"},
      {"no such fragment", R"({"facts": [{"fragment": 2, "kind": "numerator", "confidence": 0.9, "compliant": true}]})",
       RejectReason::kSchema, "no fragment 2"},
      {"unknown value set", EventAnswer("Prostate Biopsy"), RejectReason::kUnknownValueSet, "'Prostate Biopsy' is not in the VSD"},
      {"low confidence", EventAnswer("PSA Lab Test", 0.2), RejectReason::kLowConfidence, "below 0.5"},
      {"enrollment backwards",
       R"({"facts": [{"fragment": 1, "kind": "enrollment", "confidence": 0.9, "start": "12/31/MY", "end": "1/1/MY"}]})",
       RejectReason::kNotExpressible, "ends before it starts"},
  };
  for (const Case& c : cases) {
    const CheckedAnswer answer = Check(c.content);
    ASSERT_TRUE(answer.rejected.has_value()) << c.name;
    EXPECT_EQ(*answer.rejected, c.reason) << c.name << ": " << answer.reason;
    EXPECT_NE(answer.reason.find(c.says), std::string::npos) << c.name << ": " << answer.reason;
    EXPECT_TRUE(answer.facts.empty()) << c.name;
  }
}

TEST_F(AnswerCheckTest, OneBadFactRejectsTheWholeAnswer) {
  const std::string content =
      R"({"facts": [{"fragment": 1, "kind": "gender", "confidence": 0.9, "gender": "F"},)"
      R"({"fragment": 1, "kind": "event", "confidence": 0.9, "value_set": "Unknown Thing", "dates": ["3/1/MY"]}]})";
  const CheckedAnswer answer = Check(content);
  ASSERT_TRUE(answer.rejected.has_value());
  EXPECT_EQ(*answer.rejected, RejectReason::kUnknownValueSet);
  EXPECT_NE(answer.reason.find("fact 2"), std::string::npos) << answer.reason;
}

TEST(RejectReasonTest, NamesAreTheDocumentedOnes) {
  EXPECT_EQ(RejectReasonName(RejectReason::kMalformedJson), "malformed_json");
  EXPECT_EQ(RejectReasonName(RejectReason::kUnknownValueSet), "unknown_value_set");
  EXPECT_EQ(RejectReasonName(RejectReason::kTimeout), "timeout");
  EXPECT_EQ(RejectReasonName(RejectReason::kHttpError), "http_error");
}

}  // namespace
}  // namespace hm::ai
