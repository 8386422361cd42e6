// `parse --ai` and `reformat --ai` end to end: the real binary against the fake model server the
// test starts, with the cache and the audit log in temporary folders. These check the protocol and
// the bookkeeping, not a model's quality (docs/ai.md).
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/testcases.h"
#include "testing/cli_runner.h"
#include "testing/fake_model_server.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using hm::testing::CliResult;
using hm::testing::ReadAll;
using nlohmann::json;

constexpr const char* kCases =
    "MEMBER_ID,Scenario,Expected Result\n"
    "AI_01,\"Verify, if a member is (male) 70 years as of December 31 of the measurement year. Member had "
    "the prostate blood marker drawn mid March.\",AG=1\n"
    "AI_02,\"Verify, if a member is (male) 70 years as of December 31 of the measurement year. Member had "
    "the broken marker drawn mid March.\",AG=1\n"
    "OK_01,\"Verify, if a member is (male) 70 years as of December 31 of the measurement year.\",AG=1\n";

constexpr const char* kAnswer =
    R"({"facts": [{"fragment": 1, "kind": "event", "confidence": 0.9, "value_set": "PSA Lab Test", "dates": ["3/15/MY"]}]})";

constexpr const char* kVsdCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,2.16.840.1.113883.6.12,2026\n";
constexpr const char* kVsdMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,PSA Lab Test,2.999.1\n";

class AiCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cases_ = dir_.Write("PSA_MY2026.csv", kCases);
    dir_.Write("vsd/value_sets_to_codes.csv", kVsdCodes);
    dir_.Write("vsd/measures_to_value_sets.csv", kVsdMeasures);
    server_.Answer("prostate blood marker", kAnswer);
    server_.Fail("broken marker", 500);
    unsetenv("HM_AI_API_KEY");
  }
  CliResult Run(const std::string& args) { return hm::testing::RunCli(args, home_.path().string()); }
  std::string Common() const {
    return "--testcases " + cases_ + " --vsd " + dir_.File("vsd") + " --ai-cache " + dir_.File("ai-cache");
  }
  std::string Ai() const { return " --ai --ai-endpoint " + server_.OllamaEndpoint() + " --ai-model fake-model --ai-timeout 5"; }
  std::string AuditLog() const { return ReadAll((home_.path() / "audit" / "audit.jsonl").string()); }

  hm::testing::TempDir dir_, home_;
  hm::testing::FakeModelServer server_;
  std::string cases_;
};

TEST_F(AiCliTest, ParseMergesValidAnswersAndCountsTheRest) {
  const CliResult r = Run("parse --json " + Common() + Ai());
  EXPECT_EQ(r.exit_code, 1) << "AI_02 still needs attention\n" << r.err;
  const json j = json::parse(r.out);
  const json& ai = j.at("summary").at("ai");
  EXPECT_EQ(ai.at("rows_read"), 3);
  EXPECT_EQ(ai.at("rows_fallback"), 2);
  EXPECT_EQ(ai.at("rows_sent"), 2);
  EXPECT_EQ(ai.at("merged"), 1);
  EXPECT_EQ(ai.at("rejected_by_reason").at("http_error"), 1);
  EXPECT_DOUBLE_EQ(ai.at("fallback_rate").get<double>(), 66.67);
  const json& first = j.at("scenarios")[0];
  EXPECT_EQ(first.at("status"), "with_assumptions");
  EXPECT_EQ(first.at("facts").back().at("provenance"), "ai");
  EXPECT_DOUBLE_EQ(first.at("facts").back().at("confidence").get<double>(), 0.9);
  EXPECT_EQ(first.at("facts").back().at("matched"), "PSA Lab Test");
  const json& second = j.at("scenarios")[1];
  EXPECT_EQ(second.at("status"), "needs_attention");
  EXPECT_NE(second.at("attention").back().get<std::string>().find("rejected (http_error)"), std::string::npos);
  // The audit log records the counts.
  const std::string audit = AuditLog();
  EXPECT_NE(audit.find("\"ai_fallback\""), std::string::npos) << audit;
  EXPECT_NE(audit.find("rows_sent"), std::string::npos) << audit;
}

TEST_F(AiCliTest, CachedAnswersGiveByteIdenticalOutput) {
  const CliResult first = Run("parse --json " + Common() + Ai());
  const int after_first = server_.requests();  // AI_01 once, AI_02 with its retries
  const CliResult second = Run("parse --json " + Common() + Ai());
  // The same reading, byte for byte; only the run's counts say where the answers came from.
  json a = json::parse(first.out), b = json::parse(second.out);
  EXPECT_EQ(b["summary"]["ai"]["cache_hits"], 1);
  EXPECT_EQ(b["summary"]["ai"]["rows_sent"], 1);
  a["summary"].erase("ai");
  b["summary"].erase("ai");
  EXPECT_EQ(a.dump(), b.dump());
  // Only the failed row is asked again: answers are cached, failures are not.
  EXPECT_EQ(server_.requests() - after_first, after_first - 1);
}

TEST_F(AiCliTest, TextSummaryShowsAiFactsAndCounts) {
  const CliResult r = Run("parse " + Common() + Ai());
  EXPECT_NE(r.out.find("[ai 0.90]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("AI fallback: 2 of 3 rows (66.67%): 2 sent, 0 from cache, 1 answered, 1 merged (1 facts), "
                       "1 rejected (http_error 1)"),
            std::string::npos)
      << r.out;
}

TEST_F(AiCliTest, WithoutAModelTheRunCompletesAndNamesTheRows) {
  const CliResult r = Run("parse " + Common() + " --ai");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("no language model configured"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("AI_01"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("not sent, no language model configured"), std::string::npos) << r.out;
  EXPECT_EQ(server_.requests(), 0);
}

TEST_F(AiCliTest, TheApiKeyIsSentButNeverLogged) {
  const std::string key = "sk-cli-test-0123456789";
  setenv("HM_AI_API_KEY", key.c_str(), 1);
  const std::string log = dir_.File("run.log");
  const CliResult r = Run("-v --log-file " + log + " parse " + Common() + Ai());
  unsetenv("HM_AI_API_KEY");
  ASSERT_FALSE(server_.authorizations().empty());
  for (const std::string& header : server_.authorizations()) EXPECT_EQ(header, "Bearer " + key);
  EXPECT_EQ(r.out.find(key), std::string::npos);
  EXPECT_EQ(r.err.find(key), std::string::npos);
  EXPECT_FALSE(ReadAll(log).empty());
  EXPECT_EQ(ReadAll(log).find(key), std::string::npos);
  EXPECT_EQ(AuditLog().find(key), std::string::npos);
}

TEST_F(AiCliTest, ReformatWritesAiFactsExplicitlyAndMarksThemForReview) {
  const std::string out = dir_.File("standard.xlsx");
  const CliResult r = Run("reformat --out " + out + " " + Common() + Ai());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("AI fallback: 2 of 3 rows"), std::string::npos) << r.out;
  Result<TestCaseBook> book = ReadTestCases(out, {2026, nullptr});
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  const Scenario& s = book->scenarios[0];
  ASSERT_EQ(s.member_id, "AI_01");
  bool event = false;
  for (const Fact& f : s.facts) {
    if (const auto* e = std::get_if<EventFact>(&f.body)) event = event || e->value_set == "PSA Lab Test";
  }
  EXPECT_TRUE(event) << "the AI-derived event is written in the standard columns";
  bool marked = false;
  for (const std::string& line : s.attention) marked = marked || line.starts_with("AI-derived from 'prostate blood marker");
  EXPECT_TRUE(marked) << "the NEEDS_ATTENTION column carries the review note";
  EXPECT_EQ(s.status, ScenarioStatus::kNeedsAttention) << "until a reviewer deletes the line";
}

TEST_F(AiCliTest, BadOptionsAreUsageErrors) {
  EXPECT_EQ(Run("parse " + Common() + " --ai --ai-protocol grpc").exit_code, 2);
  EXPECT_EQ(Run("parse " + Common() + " --ai --ai-endpoint localhost:1 --ai-model m").exit_code, 2);
}

}  // namespace
}  // namespace hm
