#include "hedis_mockup/error_policy.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/log.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

class ErrorPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::LogOptions options;
    options.to_stderr = false;
    options.file = dir_.File("log.jsonl");
    options.format = log::Format::kJson;
    ASSERT_TRUE(log::Configure(options).ok());
  }
  void TearDown() override { (void)log::Configure({}); }
  std::vector<nlohmann::json> LogLines() {
    log::Flush();
    std::ifstream in(dir_.File("log.jsonl"));
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }
  hm::testing::TempDir dir_;
};

TEST_F(ErrorPolicyTest, RecoverableErrorIsRecordedAndWorkGoesOn) {
  CompletenessTracker tracker;
  ErrorPolicy policy(tracker);
  log::ScopedContext context;
  context.Phase("PHASE_1").Patient("p123");
  EXPECT_TRUE(policy.Handle(Status::IoError("query timeout after 300s").Recoverable(), "imaging"));
  const CompletenessSnapshot s = tracker.Snapshot();
  EXPECT_FALSE(s.data_sources.at("imaging").succeeded);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].phase, "PHASE_1");
  EXPECT_EQ(s.errors[0].severity, "recoverable");
  EXPECT_EQ(policy.recoverable_count(), 1);

  const auto lines = LogLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["level"], "warn");
  EXPECT_EQ(lines[0]["phase"], "PHASE_1");
  EXPECT_NE(lines[0].dump().find("recoverable"), std::string::npos) << lines[0].dump();
  EXPECT_NE(lines[0].dump().find("imaging"), std::string::npos) << lines[0].dump();
}

TEST_F(ErrorPolicyTest, FatalErrorStopsTheWork) {
  CompletenessTracker tracker;
  ErrorPolicy policy(tracker);
  EXPECT_FALSE(policy.Handle(Status::NotFound("no anchored diagnosis", "check the patient id")));
  EXPECT_EQ(policy.fatal_count(), 1);
  const CompletenessSnapshot s = tracker.Snapshot();
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].severity, "fatal");
  EXPECT_EQ(s.errors[0].error_type, "NotFoundError");
  EXPECT_TRUE(s.data_sources.empty()) << "an error of the work itself names no source";
  const auto lines = LogLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["level"], "error");
}

}  // namespace
}  // namespace hm
