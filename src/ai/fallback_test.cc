// ApplyAiFallback end to end in the library: a CSV workbook read by the real reader, the fake
// model server the test starts, and the cache in a temporary folder. Each row's text has its own
// needle, so the server answers each row as the case needs.
#include <gtest/gtest.h>

#include "ai/ai_test_util.h"
#include "hedis_mockup/ai.h"
#include "testing/fake_model_server.h"

namespace hm::ai {
namespace {

using std::chrono::milliseconds;
using test::EventAnswer;
using test::kMy;

// A row whose second sentence the grammar does not read; `needle` makes it unique.
std::string Row(const std::string& id, const std::string& needle) {
  return id + ",\"Verify, if a member is (male) 70 years as of December 31 of the measurement year. Member had the " +
         needle + " drawn mid March.\",AG=1\n";
}

class FallbackTest : public ::testing::Test {
 protected:
  void SetUp() override { vsd_ = test::LoadTestVsd(dir_); }

  TestCaseBook Read(const std::string& rows) {
    const std::string path = dir_.Write("cases.csv", "MEMBER_ID,Scenario,Expected Result\n" + rows +
                                                         "OK_01,\"Verify, if a member is (male) 70 years as of December 31 of the measurement year.\",AG=1\n");
    Result<TestCaseBook> book = ReadTestCases(path, {kMy, vsd_.get()});
    EXPECT_TRUE(book.ok()) << book.status().ToString();
    return book.ok() ? std::move(*book) : TestCaseBook{};
  }
  AiOptions Options(const std::string& endpoint) {
    AiOptions options = test::FakeModelOptions(endpoint);
    options.cache_dir = dir_.File("ai-cache");
    return options;
  }
  AiCounts Apply(TestCaseBook& book, const AiOptions& options) {
    Result<AiCounts> counts = ApplyAiFallback(book, options, vsd_.get());
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? *counts : AiCounts{};
  }
  const Scenario& Member(const TestCaseBook& book, const std::string& id) {
    for (const Scenario& s : book.scenarios) {
      if (s.member_id == id) return s;
    }
    static const Scenario kNone;
    ADD_FAILURE() << "no member " << id;
    return kNone;
  }

  hm::testing::TempDir dir_;
  std::unique_ptr<ValueSetDirectory> vsd_;
};

TEST_F(FallbackTest, TheTextLeavesAFragmentUnparsed) {
  const TestCaseBook book = Read(Row("M1", "prostate blood marker"));
  const Scenario& s = Member(book, "M1");
  ASSERT_EQ(s.unparsed.size(), 1u) << "the test needs a fragment the grammar does not read";
  EXPECT_EQ(s.status, ScenarioStatus::kNeedsAttention);
}

TEST_F(FallbackTest, AValidAnswerIsMergedWithProvenanceAndConfidenceInBothProtocols) {
  hm::testing::FakeModelServer server;
  server.Answer("prostate blood marker", EventAnswer("PSA Lab Test", 0.8));
  for (const std::string& endpoint : {server.OllamaEndpoint(), server.OpenAiEndpoint()}) {
    TestCaseBook book = Read(Row("M1", "prostate blood marker"));
    AiOptions options = Options(endpoint);
    options.cache_dir = dir_.File("cache-" + std::string(AiProtocolName(InferAiProtocol(endpoint))));
    const AiCounts counts = Apply(book, options);
    const Scenario& s = Member(book, "M1");
    EXPECT_TRUE(s.unparsed.empty()) << endpoint;
    EXPECT_EQ(s.status, ScenarioStatus::kWithAssumptions) << "merged facts are listed for review";
    ASSERT_FALSE(s.facts.empty());
    const Fact& fact = s.facts.back();
    EXPECT_EQ(fact.provenance, Provenance::kAi);
    EXPECT_EQ(fact.confidence, 0.8);
    EXPECT_EQ(std::get<EventFact>(fact.body).matched, "PSA Lab Test");
    EXPECT_EQ(s.text.substr(fact.begin, fact.end - fact.begin), "prostate blood marker drawn mid March")
        << "an AI fact's span is its fragment";
    ASSERT_FALSE(s.assumptions.empty());
    EXPECT_NE(s.assumptions.back().find("AI-derived"), std::string::npos) << s.assumptions.back();
    EXPECT_EQ(counts.rows_read, 2u);
    EXPECT_EQ(counts.rows_fallback, 1u);
    EXPECT_EQ(counts.rows_sent, 1u);
    EXPECT_EQ(counts.merged, 1u);
    EXPECT_EQ(counts.facts_merged, 1u);
    EXPECT_EQ(counts.rejected, 0u);
    EXPECT_DOUBLE_EQ(counts.fallback_rate_percent(), 50.0);
    EXPECT_EQ(book.summary.needs_attention, 0u);
    EXPECT_EQ(book.summary.with_assumptions, 1u);
    EXPECT_NE(ToJson(book).find("\"provenance\": \"ai\""), std::string::npos);
  }
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(FallbackTest, BadAnswersAreRejectedCountedAndTheRowStaysNeedsAttention) {
  hm::testing::FakeModelServer server;
  server.Answer("marker one", "I think the member had a PSA test.");
  server.Answer("marker two", EventAnswer("Prostate Biopsy"));
  server.Fail("marker three", 500);
  server.Delay("marker four", milliseconds(1500), EventAnswer("PSA Lab Test"));
  server.Answer("marker five", R"({"facts": [{"fragment": 1, "kind": "gender", "confidence": 0.9, "gender": "lady"}]})");
  TestCaseBook book = Read(Row("M1", "marker one") + Row("M2", "marker two") + Row("M3", "marker three") +
                           Row("M4", "marker four") + Row("M5", "marker five"));
  AiOptions options = Options(server.OllamaEndpoint());
  options.timeout = milliseconds(300);
  options.concurrency = 4;
  const AiCounts counts = Apply(book, options);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"M1", "malformed_json"}, {"M2", "unknown_value_set"}, {"M3", "http_error"}, {"M4", "timeout"}, {"M5", "schema"}};
  for (const auto& [id, reason] : expected) {
    const Scenario& s = Member(book, id);
    EXPECT_EQ(s.status, ScenarioStatus::kNeedsAttention) << id;
    EXPECT_EQ(s.unparsed.size(), 1u) << id << ": the fragment stays unparsed";
    ASSERT_FALSE(s.attention.empty()) << id;
    EXPECT_NE(s.attention.back().find("rejected (" + reason + ")"), std::string::npos) << id << ": " << s.attention.back();
    for (const Fact& f : s.facts) EXPECT_NE(f.provenance, Provenance::kAi) << id;
    EXPECT_EQ(counts.rejected_by_reason.at(reason), 1u) << reason;
  }
  EXPECT_EQ(counts.rows_sent, 5u);
  EXPECT_EQ(counts.answered, 3u) << "the 500 and the timeout never answered";
  EXPECT_EQ(counts.rejected, 5u);
  EXPECT_EQ(counts.merged, 0u);
  EXPECT_EQ(book.summary.needs_attention, 5u);
}

TEST_F(FallbackTest, TheCacheMeansTheSameTextIsNeverSentTwice) {
  hm::testing::FakeModelServer server;
  server.Answer("prostate blood marker", EventAnswer("PSA Lab Test"));
  // Two rows with the same text in one run share one request.
  TestCaseBook first = Read(Row("M1", "prostate blood marker") + Row("M2", "prostate blood marker"));
  const AiCounts counts1 = Apply(first, Options(server.OllamaEndpoint()));
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(counts1.rows_sent, 1u);
  EXPECT_EQ(counts1.cache_hits, 1u);
  EXPECT_EQ(counts1.merged, 2u);
  // A second run: everything from the cache, and byte-identical output.
  TestCaseBook second = Read(Row("M1", "prostate blood marker") + Row("M2", "prostate blood marker"));
  const AiCounts counts2 = Apply(second, Options(server.OllamaEndpoint()));
  EXPECT_EQ(server.requests(), 1) << "no second request";
  EXPECT_EQ(counts2.cache_hits, 2u);
  EXPECT_EQ(counts2.rows_sent, 0u);
  EXPECT_EQ(ToJson(first), ToJson(second));
  // Failures are not cached: a 500 is asked again next run.
  server.Fail("other marker", 500);
  TestCaseBook third = Read(Row("M3", "other marker"));
  Apply(third, Options(server.OllamaEndpoint()));
  TestCaseBook fourth = Read(Row("M3", "other marker"));
  Apply(fourth, Options(server.OllamaEndpoint()));
  EXPECT_EQ(server.requests(), 3);
}

TEST_F(FallbackTest, WithoutAModelNothingIsSentAndNothingChanges) {
  TestCaseBook book = Read(Row("M1", "prostate blood marker"));
  const std::string before = ToJson(book);
  AiOptions options;
  EXPECT_NE(AiNotConfiguredReason(options).find("--ai-endpoint"), std::string::npos);
  const AiCounts counts = Apply(book, options);
  EXPECT_FALSE(counts.configured);
  EXPECT_EQ(counts.rows_fallback, 1u);
  EXPECT_EQ(counts.rows_sent, 0u);
  EXPECT_EQ(ToJson(book), before);
  EXPECT_NE(AiSummaryText(counts).find("no language model configured"), std::string::npos);
}

TEST_F(FallbackTest, ReviewMarksGoToTheAttentionListForReformat) {
  hm::testing::FakeModelServer server;
  server.Answer("prostate blood marker", EventAnswer("PSA Lab Test"));
  TestCaseBook book = Read(Row("M1", "prostate blood marker"));
  Apply(book, Options(server.OpenAiEndpoint()));
  MarkAiFactsForReview(book);
  const Scenario& s = Member(book, "M1");
  ASSERT_EQ(s.attention.size(), 1u);
  EXPECT_NE(s.attention[0].find("AI-derived from 'prostate blood marker drawn mid March' (confidence 0.90): PSA Lab Test"), std::string::npos) << s.attention[0];
  EXPECT_EQ(s.status, ScenarioStatus::kNeedsAttention);
}

TEST(AiCountsTest, TextAndJsonCarryEveryCount) {
  AiCounts c;
  c.rows_read = 302;
  c.rows_fallback = 15;
  c.rows_sent = 10;
  c.cache_hits = 5;
  c.answered = 14;
  c.merged = 12;
  c.facts_merged = 20;
  c.rejected = 3;
  c.rejected_by_reason = {{"schema", 2}, {"timeout", 1}};
  EXPECT_DOUBLE_EQ(c.fallback_rate_percent(), 4.97);
  EXPECT_EQ(AiSummaryText(c),
            "AI fallback: 15 of 302 rows (4.97%): 10 sent, 5 from cache, 14 answered, 12 merged (20 facts), "
            "3 rejected (schema 2, timeout 1)");
  EXPECT_EQ(AiCountsJson(c),
            R"({"configured":true,"rows_read":302,"rows_fallback":15,"rows_sent":10,"cache_hits":5,"answered":14,)"
            R"("merged":12,"facts_merged":20,"rejected":3,"rejected_by_reason":{"schema":2,"timeout":1},"fallback_rate":4.97})");
}

}  // namespace
}  // namespace hm::ai
