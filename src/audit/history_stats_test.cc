// History and statistics through the public API, over generated histories with known answers.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "audit/audit_test_util.h"
#include "audit/clock.h"
#include "hedis_mockup/audit.h"
#include "testing/temp_dir.h"

namespace hm::audit {
namespace {

using testutil::MakeRecord;

std::vector<std::string> Ids(const HistoryResult& history) {
  std::vector<std::string> ids;
  for (const SessionRecord& s : history.sessions) ids.push_back(s.session_id);
  return ids;
}

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = AuditLog::Open(testutil::TestOptions(dir_));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    log_.emplace(std::move(opened).value());
    // Appended out of start order: history orders by start time, not by line.
    const SessionRecord records[] = {
        MakeRecord("b", "PSA", "2026-02-02T10:00:00Z", 2, "failed"),
        MakeRecord("a", "CBP", "2026-02-01T10:00:00Z"),
        MakeRecord("d", "psa", "2026-02-04T10:00:00Z"),
        MakeRecord("c", "", "2026-02-03T10:00:00Z"),
        MakeRecord("e", "PSA", "2026-02-04T10:00:00Z"),  // same start as d, later line
    };
    for (const SessionRecord& r : records) ASSERT_TRUE(log_->Append(r).ok());
  }
  hm::testing::TempDir dir_;
  std::optional<AuditLog> log_;
};

TEST_F(HistoryTest, NewestStartFirstWithLimitAndFilters) {
  struct Case {
    HistoryQuery query;
    std::vector<std::string> ids;
  } cases[] = {
      {{0, "", ""}, {"e", "d", "c", "b", "a"}},
      {{2, "", ""}, {"e", "d"}},
      {{0, "psa", ""}, {"e", "d", "b"}},  // measure ignores case
      {{0, "PSA", "failed"}, {"b"}},
      {{0, "", "success"}, {"e", "d", "c", "a"}},
      {{0, "HBD", ""}, {}},
  };
  for (const Case& c : cases) {
    Result<HistoryResult> history = log_->History(c.query);
    ASSERT_TRUE(history.ok()) << history.status().ToString();
    EXPECT_EQ(Ids(*history), c.ids) << "limit " << c.query.limit << " measure '" << c.query.measure
                                    << "' status '" << c.query.status << "'";
    EXPECT_TRUE(history->warnings.empty());
  }
}

TEST_F(HistoryTest, DefaultLimitIsTwenty) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(log_->Append(MakeRecord(fmt::format("x{}", i))).ok());
  EXPECT_EQ(log_->History()->sessions.size(), 20u);
}

TEST_F(HistoryTest, ReturnsWholeRecords) {
  SessionRecord full = MakeRecord("f", "PSA", "2026-03-01T00:00:00Z");
  full.events = {{"2026-03-01T00:00:01.000Z", "parsing", "Parsed 3", R"({"total":3})"}};
  full.inputs = {{"testcase", "/t.xlsx", std::string(64, 'a'), 10}};
  ASSERT_TRUE(log_->Append(full).ok());
  Result<HistoryResult> history = log_->History({1, "", ""});
  ASSERT_EQ(history->sessions.size(), 1u);
  full.prev_hash = history->sessions[0].prev_hash;  // set by Append
  EXPECT_EQ(history->sessions[0], full);
}

TEST_F(HistoryTest, RejectsAnUnknownStatus) {
  Result<HistoryResult> history = log_->History({0, "", "crashed"});
  ASSERT_FALSE(history.ok());
  EXPECT_EQ(history.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(history.status().ToString().find("'success' or 'failed'"), std::string::npos);
}

TEST(HistoryEmptyTest, AnAbsentLogIsAnEmptyHistory) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  Result<HistoryResult> history = log->History();
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_TRUE(history->sessions.empty());
  EXPECT_EQ(log->Stats(30)->total_generations, 0);
  EXPECT_EQ(log->Stats(30)->success_rate, 0);
}

TimePoint Utc(const char* text) { return TimePoint(std::chrono::seconds(*ParseUtcSeconds(text))); }

TEST(StatsTest, CountsTheWindowWithKnownAnswers) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  // now = 2026-03-01T00:00:00Z, 30 days: the window starts 2026-01-30T00:00:00Z inclusive.
  const SessionRecord records[] = {
      MakeRecord("1", "PSA", "2026-02-27T08:00:00Z", 10, "success", 100),
      MakeRecord("2", "PSA", "2026-02-20T08:00:00Z", 20, "failed", 5),  // members not counted
      MakeRecord("3", "psa", "2026-02-01T08:00:00Z", 30, "success", 50),
      MakeRecord("4", "CBP", "2026-01-30T00:00:00Z", 40, "success", 7),  // first second in
      MakeRecord("5", "CBP", "2026-01-29T23:59:59Z", 50, "failed", 1),   // last second out
      MakeRecord("6", "", "2026-02-28T08:00:00Z", 1, "success", 0),      // no measure
      MakeRecord("7", "PSA", "2025-12-01T08:00:00Z", 100, "success", 1000),
  };
  for (const SessionRecord& r : records) ASSERT_TRUE(log->Append(r).ok());

  Result<Statistics> stats = log->Stats(30, Utc("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total_generations, 5);
  EXPECT_EQ(stats->successful_generations, 4);
  EXPECT_EQ(stats->failed_generations, 1);
  EXPECT_DOUBLE_EQ(stats->success_rate, 80.0);
  EXPECT_DOUBLE_EQ(stats->avg_duration_seconds, 20.2);  // (10+20+30+40+1)/5
  EXPECT_EQ(stats->total_members_generated, 157);       // 100+50+7+0: successes only
  EXPECT_EQ(stats->period_days, 30);
  ASSERT_EQ(stats->measures.size(), 2u);
  EXPECT_EQ(stats->measures[0].measure, "CBP");
  EXPECT_EQ(stats->measures[0].total, 1);
  EXPECT_EQ(stats->measures[0].successful, 1);
  EXPECT_DOUBLE_EQ(stats->measures[0].avg_duration_seconds, 40);
  EXPECT_EQ(stats->measures[1].measure, "PSA");  // "psa" counted with "PSA"
  EXPECT_EQ(stats->measures[1].total, 3);
  EXPECT_EQ(stats->measures[1].successful, 2);
  EXPECT_EQ(stats->measures[1].failed, 1);
  EXPECT_DOUBLE_EQ(stats->measures[1].avg_duration_seconds, 20);

  Result<Statistics> week = log->Stats(7, Utc("2026-03-01T00:00:00Z"));
  EXPECT_EQ(week->total_generations, 2);  // 1 and 6
  EXPECT_DOUBLE_EQ(week->success_rate, 100.0);
  Result<Statistics> year = log->Stats(365, Utc("2026-03-01T00:00:00Z"));
  EXPECT_EQ(year->total_generations, 7);
  EXPECT_DOUBLE_EQ(year->success_rate, 71.43);  // 5/7 to two decimals
}

// A server shows each signed-in user the counts of their own sessions: the filter is the record's
// `user`, exactly (no prefix or case folding), and an empty filter counts everyone.
TEST(StatsTest, CountsOneUsersSessionsWhenAsked) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  const std::pair<const char*, const char*> runs[] = {{"1", "alice"}, {"2", "alice"}, {"3", "bob"},
                                                      {"4", "alice2"}, {"5", "Alice"}, {"6", ""}};
  for (const auto& [id, user] : runs) {
    SessionRecord r = MakeRecord(id, "PSA", "2026-02-27T08:00:00Z", 1, "success", 10);
    r.user = user;
    ASSERT_TRUE(log->Append(r).ok());
  }
  const TimePoint now = Utc("2026-03-01T00:00:00Z");
  EXPECT_EQ(log->Stats(30, now, "alice")->total_generations, 2);
  EXPECT_EQ(log->Stats(30, now, "alice")->total_members_generated, 20);
  ASSERT_EQ(log->Stats(30, now, "alice")->measures.size(), 1u);
  EXPECT_EQ(log->Stats(30, now, "alice")->measures[0].total, 2);
  EXPECT_EQ(log->Stats(30, now, "bob")->total_generations, 1);
  EXPECT_EQ(log->Stats(30, now, "carol")->total_generations, 0);
  EXPECT_TRUE(log->Stats(30, now, "carol")->measures.empty());
  EXPECT_EQ(log->Stats(30, now)->total_generations, 6);
}

TEST(StatsTest, RejectsAPeriodUnderOneDay) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  for (int days : {0, -3}) {
    Result<Statistics> stats = log->Stats(days);
    ASSERT_FALSE(stats.ok()) << days;
    EXPECT_EQ(stats.status().code(), StatusCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace hm::audit
