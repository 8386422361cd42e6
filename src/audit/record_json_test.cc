#include "audit/record_json.h"

#include <gtest/gtest.h>

#include "audit/audit_test_util.h"

namespace hm::audit {
namespace {

SessionRecord FullRecord() {
  SessionRecord r = testutil::MakeRecord("20260207_174530_a3b2c1", "PSA", "2026-02-07T17:45:30Z",
                                         45.2, "success", 302);
  r.timestamp_end = "2026-02-07T17:46:15Z";
  r.testcase_file = "PSA_MY2026_TestCase.xlsx";
  r.testcase_hash = std::string(64, 'a');
  r.output_file = "PSA_MY2026_Mockup.xlsx";
  r.output_hash = std::string(64, 'b');
  r.output_size_mb = 2.5;
  r.error = "";
  r.events = {{"2026-02-07T17:45:31.250Z", "parsing", "Parsed 302 scenarios",
               R"({"total_scenarios":302,"ai_fallback_used":15,"ai_fallback_rate":4.97})"}};
  r.inputs = {{"testcase", "/data/PSA_MY2026_TestCase.xlsx", std::string(64, 'a'), 123456},
              {"vsd", "/data/vsd.xlsx", "", 0}};
  r.outputs = {{"output", "/out/PSA_MY2026_Mockup.xlsx", std::string(64, 'b'), 2500000}};
  r.completeness_json = R"({"completeness_score":0.83,"errors":[]})";
  r.prev_hash = std::string(kZeroHash);
  return r;
}

TEST(RecordJsonTest, RoundTripsEveryField) {
  const SessionRecord record = FullRecord();
  Result<SessionRecord> back = RecordFromJson(RecordToJson(record));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, record);
}

TEST(RecordJsonTest, LineHasPRODUCTsFieldNamesAndTypes) {
  const auto line = ordered_json::parse(RecordToJson(FullRecord()));
  // PRODUCT.md's contract, in its order, then ours.
  const std::vector<std::string> contract = {
      "session_id",    "measure",       "timestamp_start", "timestamp_end", "duration_seconds",
      "testcase_file", "testcase_hash", "output_file",     "output_hash",   "output_size_mb",
      "status",        "user",          "events"};
  std::vector<std::string> keys;
  for (const auto& [key, value] : line.items()) keys.push_back(key);
  ASSERT_GE(keys.size(), contract.size());
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + contract.size()), contract);
  for (const char* extra : {"command", "error", "inputs", "outputs", "members_generated",
                            "completeness", "tool_version", "host", "pid", "prev_hash"}) {
    EXPECT_TRUE(line.contains(extra)) << extra;
  }
  EXPECT_DOUBLE_EQ(line["duration_seconds"].get<double>(), 45.2);
  EXPECT_DOUBLE_EQ(line["output_size_mb"].get<double>(), 2.5);
  const auto& event = line["events"][0];
  EXPECT_EQ(event["type"], "parsing");
  EXPECT_EQ(event["details"]["total_scenarios"], 302);  // an object, not a string
  EXPECT_DOUBLE_EQ(event["details"]["ai_fallback_rate"].get<double>(), 4.97);
  EXPECT_EQ(line["completeness"]["completeness_score"], 0.83);
  EXPECT_EQ(line["inputs"][1]["sha256"], nullptr);  // unreadable file
}

TEST(RecordJsonTest, WritesAbsentValuesAsNull) {
  SessionRecord record = testutil::MakeRecord("20260207_174530_a3b2c1", "");
  record.prev_hash = std::string(kZeroHash);
  const auto line = ordered_json::parse(RecordToJson(record));
  for (const char* key : {"measure", "testcase_file", "testcase_hash", "output_file", "output_hash",
                          "output_size_mb", "completeness"}) {
    EXPECT_TRUE(line[key].is_null()) << key;
  }
  EXPECT_EQ(*RecordFromJson(RecordToJson(record)), record);
}

TEST(RecordJsonTest, ReadsPRODUCTsExampleLineWithAChainLink) {
  // PRODUCT.md's example as written (no zone on the stamps), plus the chain link every line has.
  const std::string example =
      R"({"session_id":"20260207_174530_a3b2c1","measure":"PSA",)"
      R"("timestamp_start":"2026-02-07T17:45:30","timestamp_end":"2026-02-07T17:46:15",)"
      R"("duration_seconds":45.2,"testcase_file":"PSA_MY2026_TestCase.xlsx",)"
      R"("testcase_hash":"h1","output_file":"PSA_MY2026_Mockup.xlsx","output_hash":"h2",)"
      R"("output_size_mb":2.5,"status":"success","user":"ana","events":[{"timestamp":"t",)"
      R"("type":"parsing","message":"Parsed 302 scenarios","details":{"total_scenarios":302,)"
      R"("ai_fallback_used":15,"ai_fallback_rate":4.97}}],)"
      R"("prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"})";
  Result<SessionRecord> record = RecordFromJson(example);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(record->measure, "PSA");
  EXPECT_EQ(record->user, "ana");
  EXPECT_EQ(record->output_size_mb, 2.5);
  ASSERT_EQ(record->events.size(), 1u);
  EXPECT_EQ(record->events[0].details_json,
            R"({"total_scenarios":302,"ai_fallback_used":15,"ai_fallback_rate":4.97})");
}

TEST(RecordJsonTest, RejectsLinesThatAreNotRecords) {
  const std::string hash(kZeroHash);
  struct Case {
    std::string line;
    std::string error;
  } cases[] = {
      {"", "not valid JSON"},
      {R"({"session_id":"x","timestamp_start":"2026-02-07T17:45:30Z","sta)", "not valid JSON"},
      {"[1,2]", "not a JSON object"},
      {R"({"timestamp_start":"2026-02-07T17:45:30Z","status":"success","prev_hash":")" + hash +
           "\"}",
       "'session_id' is missing"},
      {R"({"session_id":"x","timestamp_start":"yesterday","status":"success","prev_hash":")" +
           hash + "\"}",
       "'timestamp_start' is not an ISO 8601 time"},
      {R"({"session_id":"x","timestamp_start":"2026-02-07T17:45:30Z","status":"success"})",
       "'prev_hash' is not 64 hex digits"},
      {R"({"session_id":"x","timestamp_start":"2026-02-07T17:45:30Z","status":"success",)"
       R"("duration_seconds":"long","prev_hash":")" +
           hash + "\"}",
       "'duration_seconds' is not a number"},
      {R"({"session_id":"x","timestamp_start":"2026-02-07T17:45:30Z","status":"success",)"
       R"("events":[1],"prev_hash":")" +
           hash + "\"}",
       "'events' is not an array of objects"},
  };
  for (const Case& c : cases) {
    Result<SessionRecord> record = RecordFromJson(c.line);
    ASSERT_FALSE(record.ok()) << c.line;
    EXPECT_NE(record.status().message().find(c.error), std::string::npos)
        << c.line << " -> " << record.status().message();
  }
}

TEST(RecordJsonTest, KeepsDetailsThatAreNotAnObjectAsText) {
  SessionRecord record = FullRecord();
  record.events[0].details_json = "302 scenarios";
  const auto line = ordered_json::parse(RecordToJson(record));
  EXPECT_EQ(line["events"][0]["details"]["unparsed_details"], "302 scenarios");
}

TEST(RecordJsonTest, InvalidUtf8IsReplacedNotThrown) {
  SessionRecord record = FullRecord();
  record.inputs[0].path = "/data/caf\xE9.xlsx";  // Latin-1 file name
  std::string line;
  EXPECT_NO_THROW(line = RecordToJson(record));
  Result<SessionRecord> back = RecordFromJson(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->inputs[0].path, "/data/caf\xEF\xBF\xBD.xlsx");  // U+FFFD
}

TEST(RecordJsonTest, StatisticsUsePRODUCTsFieldNames) {
  Statistics stats;
  stats.total_generations = 3;
  stats.measures.push_back({"PSA", 3, 2, 1, 1.5});
  stats.period_days = 30;
  const auto value = ordered_json::parse(StatisticsToJson(stats));
  std::vector<std::string> keys;
  for (const auto& [key, unused] : value.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"total_generations", "successful_generations",
                                      "failed_generations", "success_rate", "avg_duration_seconds",
                                      "measures", "total_members_generated", "period_days"}));
  EXPECT_EQ(value["measures"]["PSA"]["failed"], 1);
}

}  // namespace
}  // namespace hm::audit
