#include "audit/verify.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "audit/audit_test_util.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::audit {
namespace {

using testutil::ReadLines;
using testutil::WriteLines;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = AuditLog::Open(testutil::TestOptions(dir_));
    ASSERT_TRUE(opened.ok());
    log_.emplace(std::move(opened).value());
    for (int i = 1; i <= 8; ++i) {
      ASSERT_TRUE(log_->Append(testutil::MakeRecord(fmt::format("s{}", i))).ok());
    }
    lines_ = ReadLines(log_->log_path());
  }
  VerifyReport Verify() {
    Result<VerifyReport> report = log_->Verify();
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }
  static std::vector<std::int64_t> BrokenLines(const VerifyReport& report) {
    std::vector<std::int64_t> lines;
    for (const auto& link : report.broken) lines.push_back(link.line);
    return lines;
  }

  hm::testing::TempDir dir_;
  std::optional<AuditLog> log_;
  std::vector<std::string> lines_;  // s1..s8, on lines 1..8
};

TEST_F(VerifyTest, AnUntouchedLogIsIntact) {
  VerifyReport report = Verify();
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.records, 8);
  EXPECT_EQ(report.lines, 8);
  EXPECT_TRUE(report.invalid.empty());
}

TEST_F(VerifyTest, FindsTheBrokenLinkAtTheRightLine) {
  struct Case {
    const char* name;
    std::function<void(std::vector<std::string>&)> tamper;
    std::vector<std::int64_t> broken;
    std::int64_t previous_line;  // of the first broken link
    std::int64_t invalid = 0;
  } cases[] = {
      {"one byte of line 5 edited",
       [](auto& l) { l[4].replace(l[4].find("\"qa\""), 4, "\"qb\""); },
       {6},
       5},
      {"line 5 deleted", [](auto& l) { l.erase(l.begin() + 4); }, {5}, 4},
      {"line 1 deleted", [](auto& l) { l.erase(l.begin()); }, {1}, 0},
      {"a line inserted after line 3", [](auto& l) { l.insert(l.begin() + 3, l[0]); }, {4, 5}, 3},
      {"lines 2 and 3 swapped", [](auto& l) { std::swap(l[1], l[2]); }, {2, 3, 4}, 1},
      {"line 5 made invalid", [](auto& l) { l[4].pop_back(); }, {6}, 4, 1},
      // Hiding an edit means rewriting every later line: one link still breaks.
      {"line 4 edited and line 5's prev_hash rewritten to match",
       [](auto& l) {
         l[3].replace(l[3].find("\"qa\""), 4, "\"qb\"");
         l[4].replace(l[4].find("\"prev_hash\":\"") + 13, 64, util::Sha256Hex(l[3]));
       },
       {6},
       5},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> lines = lines_;
    c.tamper(lines);
    WriteLines(log_->log_path(), lines);
    VerifyReport report = Verify();
    EXPECT_FALSE(report.intact());
    EXPECT_EQ(BrokenLines(report), c.broken);
    if (!report.broken.empty()) {
      EXPECT_EQ(report.broken[0].previous_line, c.previous_line);
    }
    EXPECT_EQ(static_cast<std::int64_t>(report.invalid.size()), c.invalid);
  }
}

TEST_F(VerifyTest, ATornTailIsAWarningNotABreak) {
  dir_.Write("audit/audit.jsonl", util::ReadFile(log_->log_path()).value() + "{\"sess");
  VerifyReport report = Verify();
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.records, 8);
  EXPECT_EQ(report.lines, 9);
  ASSERT_EQ(report.invalid.size(), 1u);
  EXPECT_EQ(report.invalid[0].line, 9);
  EXPECT_NE(report.invalid[0].reason.find("torn tail"), std::string::npos);

  // Once an append closes it, it is an invalid line in the middle: still not a break.
  ASSERT_TRUE(log_->Append(testutil::MakeRecord("s9")).ok());
  report = Verify();
  EXPECT_TRUE(report.intact()) << VerifyReportToJson(report);
  EXPECT_EQ(report.records, 9);
  ASSERT_EQ(report.invalid.size(), 1u);
  EXPECT_EQ(report.invalid[0].line, 9);
  EXPECT_EQ(report.invalid[0].reason, "not valid JSON");
}

TEST_F(VerifyTest, HistorySkipsATornLineWithAWarning) {
  dir_.Write("audit/audit.jsonl", util::ReadFile(log_->log_path()).value() + "{\"sess");
  Result<HistoryResult> history = log_->History({0, "", ""});
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->sessions.size(), 8u);
  ASSERT_EQ(history->warnings.size(), 1u);
  EXPECT_NE(history->warnings[0].find("line 9: incomplete last line"), std::string::npos)
      << history->warnings[0];

  ASSERT_TRUE(log_->Append(testutil::MakeRecord("s9")).ok());
  history = log_->History({0, "", ""});
  EXPECT_EQ(history->sessions.size(), 9u);
  ASSERT_EQ(history->warnings.size(), 1u);
  EXPECT_NE(history->warnings[0].find("line 9: not a valid record"), std::string::npos)
      << history->warnings[0];
}

TEST(VerifyEmptyTest, AMissingLogIsIntactAndEmpty) {
  hm::testing::TempDir dir;
  Result<VerifyReport> report = VerifyLog(dir.File("audit.jsonl"));
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records, 0);
}

TEST(VerifyReportJsonTest, NamesTheFindings) {
  VerifyReport report;
  report.records = 3;
  report.lines = 4;
  report.broken.push_back({3, 2, "e", "f"});
  report.invalid.push_back({4, "torn tail"});
  const std::string json = VerifyReportToJson(report);
  EXPECT_EQ(json,
            R"({"intact":false,"records":3,"lines":4,"broken_links":[{"line":3,"previous_line":2,)"
            R"("expected_prev_hash":"e","found_prev_hash":"f"}],"invalid_lines":[{"line":4,)"
            R"("reason":"torn tail"}]})");
}

}  // namespace
}  // namespace hm::audit
