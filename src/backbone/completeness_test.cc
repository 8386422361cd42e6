#include "hedis_mockup/completeness.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hm {
namespace {

TEST(CompletenessTest, JsonHasTheDocumentedShape) {
  CompletenessTracker tracker;
  const std::int64_t counts[] = {15, 40, 80, 60, 39};
  const char* names[] = {"pathology", "procedures", "chemo", "imaging", "visits"};
  for (int i = 0; i < 5; ++i) tracker.MarkSuccess(names[i], counts[i]);
  tracker.MarkAttempted("radiation");
  tracker.MarkFailure("radiation",
                      Status::IoError("query timeout after 300s").Recoverable(), "PHASE_1");

  const auto json = nlohmann::ordered_json::parse(tracker.ToJson());
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"completeness_score", "data_sources", "errors",
                                            "warnings", "total_sources_attempted",
                                            "total_sources_succeeded",
                                            "total_records_extracted"}));
  EXPECT_DOUBLE_EQ(json["completeness_score"].get<double>(), 0.83);
  EXPECT_EQ(json["total_sources_attempted"], 6);
  EXPECT_EQ(json["total_sources_succeeded"], 5);
  EXPECT_EQ(json["total_records_extracted"], 234);
  const auto& pathology = json["data_sources"]["pathology"];
  EXPECT_EQ(pathology["attempted"], true);
  EXPECT_EQ(pathology["succeeded"], true);
  EXPECT_EQ(pathology["record_count"], 15);
  EXPECT_TRUE(pathology["error_message"].is_null());
  const auto& radiation = json["data_sources"]["radiation"];
  EXPECT_EQ(radiation["succeeded"], false);
  EXPECT_NE(radiation["error_message"].get<std::string>().find("timeout"), std::string::npos);
  ASSERT_EQ(json["errors"].size(), 1u);
  EXPECT_EQ(json["errors"][0]["error_type"], "IoError");
  EXPECT_EQ(json["errors"][0]["phase"], "PHASE_1");
  EXPECT_EQ(json["errors"][0]["severity"], "recoverable");
  EXPECT_TRUE(json["warnings"].is_array());
}

TEST(CompletenessTest, NothingAttemptedIsComplete) {
  CompletenessTracker tracker;
  EXPECT_DOUBLE_EQ(tracker.score(), 1.0);
  tracker.AddWarning("no sources configured");
  const auto json = nlohmann::json::parse(tracker.ToJson());
  EXPECT_EQ(json["warnings"][0], "no sources configured");
  EXPECT_EQ(json["total_sources_attempted"], 0);
}

TEST(CompletenessTest, AttemptedButUnfinishedCountsAgainstTheScore) {
  CompletenessTracker tracker;
  tracker.MarkAttempted("a");
  tracker.MarkSuccess("b", 3);
  EXPECT_DOUBLE_EQ(tracker.score(), 0.5);
}

TEST(CompletenessTest, RetryThatSucceedsClearsTheFailure) {
  CompletenessTracker tracker;
  tracker.MarkFailure("imaging", Status::IoError("connection reset").Recoverable(), "PHASE_1");
  tracker.MarkSuccess("imaging", 7);
  const CompletenessSnapshot s = tracker.Snapshot();
  EXPECT_TRUE(s.data_sources.at("imaging").succeeded);
  EXPECT_FALSE(s.data_sources.at("imaging").error_message.has_value());
  EXPECT_EQ(s.errors.size(), 1u) << "the failed attempt stays in the error list";
  EXPECT_DOUBLE_EQ(s.score(), 1.0);
}

TEST(CompletenessTest, ConcurrentUpdatesAreAllCounted) {
  CompletenessTracker tracker;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&tracker, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string source = "s" + std::to_string(t) + "_" + std::to_string(i);
        tracker.MarkAttempted(source);
        if (i % 5 == 0) {
          tracker.MarkFailure(source, Status::IoError("x").Recoverable(), "PHASE_1");
        } else {
          tracker.MarkSuccess(source, 2);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const CompletenessSnapshot s = tracker.Snapshot();
  EXPECT_EQ(s.sources_attempted(), 4000);
  EXPECT_EQ(s.sources_succeeded(), 3200);
  EXPECT_EQ(s.records_extracted(), 6400);
  EXPECT_EQ(s.errors.size(), 800u);
}

}  // namespace
}  // namespace hm
