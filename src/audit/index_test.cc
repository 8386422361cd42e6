#include "audit/index.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "audit/audit_test_util.h"
#include "testing/temp_dir.h"

namespace hm::audit {
namespace {

using testutil::MakeRecord;
using testutil::ReadLines;
using testutil::WriteLines;

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = AuditLog::Open(testutil::TestOptions(dir_));
    ASSERT_TRUE(opened.ok());
    log_.emplace(std::move(opened).value());
    for (int i = 0; i < 5; ++i)
      Append(fmt::format("s{}", i), fmt::format("2026-02-0{}T00:00:00Z", i + 1));
    auto index = Index::Open(dir_.File("audit/index.sqlite"));
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_.emplace(std::move(index).value());
  }
  void Append(const std::string& id, const std::string& start = "2026-02-10T00:00:00Z") {
    ASSERT_TRUE(log_->Append(MakeRecord(id, "PSA", start)).ok());
  }
  CatchUpResult CatchUp() {
    Result<CatchUpResult> result = index_->CatchUp(log_->log_path());
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : CatchUpResult{};
  }
  std::int64_t Total() { return index_->Aggregate(kAllTimeForTest)->total_generations; }

  static constexpr std::int64_t kAllTimeForTest = std::numeric_limits<std::int64_t>::min();
  hm::testing::TempDir dir_;
  std::optional<AuditLog> log_;
  std::optional<Index> index_;
};

TEST_F(IndexTest, CatchUpParsesOnlyWhatWasAppended) {
  CatchUpResult first = CatchUp();
  EXPECT_TRUE(first.rebuilt);
  EXPECT_EQ(first.lines_indexed, 5);
  EXPECT_EQ(CatchUp().lines_indexed, 0);
  Append("s5");
  CatchUpResult after = CatchUp();
  EXPECT_FALSE(after.rebuilt);
  EXPECT_EQ(after.lines_indexed, 1);
  EXPECT_EQ(Total(), 6);
}

TEST_F(IndexTest, AQueryAfterAnAppendSeesIt) {
  ASSERT_EQ(log_->History({0, "", ""})->sessions.size(), 5u);
  Append("s5", "2026-03-01T00:00:00Z");
  Result<HistoryResult> history = log_->History({1, "", ""});
  ASSERT_EQ(history->sessions.size(), 1u);
  EXPECT_EQ(history->sessions[0].session_id, "s5");
}

TEST_F(IndexTest, RebuildsWhenHistoryIsRewritten) {
  struct Case {
    const char* name;
    std::function<void(std::vector<std::string>&)> rewrite;
    std::int64_t total;
  } cases[] = {
      {"last line removed", [](auto& lines) { lines.pop_back(); }, 4},
      {"last line edited, same length",
       [](auto& lines) { lines.back().replace(lines.back().find("\"qa\""), 4, "\"QA\""); }, 5},
      {"replaced by a longer history",
       [](auto& lines) {
         lines.insert(lines.begin(), lines[0]);
         lines.push_back(lines[1]);
       },
       7},
  };
  const std::vector<std::string> original = ReadLines(log_->log_path());
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    WriteLines(log_->log_path(), original);
    ASSERT_TRUE(index_->Reset().ok());
    CatchUp();
    std::vector<std::string> lines = original;
    c.rewrite(lines);
    // A new file (another inode), as an editor saving it would make.
    std::filesystem::remove(log_->log_path());
    WriteLines(log_->log_path(), lines);
    CatchUpResult result = CatchUp();
    EXPECT_TRUE(result.rebuilt);
    EXPECT_EQ(Total(), c.total);
    ASSERT_FALSE(result.warnings.empty());
    EXPECT_NE(result.warnings[0].find("index was rebuilt"), std::string::npos);
  }
}

TEST_F(IndexTest, RebuildsWhenTheSameFileIsEditedInPlace) {
  CatchUp();
  std::vector<std::string> lines = ReadLines(log_->log_path());
  lines.back().replace(lines.back().find("\"s4\""), 4, "\"S4\"");
  WriteLines(log_->log_path(), lines);  // same inode, same size
  EXPECT_TRUE(CatchUp().rebuilt);
  Result<std::vector<IndexedLine>> found = index_->Find({1, "", ""}, kAllTimeForTest);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].session_id, "S4");
}

TEST_F(IndexTest, HistoryIsRightAfterARewriteThroughTheApi) {
  ASSERT_EQ(log_->History({0, "", ""})->sessions.size(), 5u);
  std::vector<std::string> lines = ReadLines(log_->log_path());
  lines.erase(lines.begin() + 3, lines.end());  // keep s0..s2
  WriteLines(log_->log_path(), lines);
  Result<HistoryResult> history = log_->History({0, "", ""});
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->sessions.size(), 3u);
  EXPECT_EQ(history->sessions[0].session_id, "s2");
  ASSERT_FALSE(history->warnings.empty());
  EXPECT_NE(history->warnings[0].find("audit verify"), std::string::npos);
}

TEST_F(IndexTest, HistoryRebuildsWhenALineNoLongerMatchesItsRow) {
  ASSERT_EQ(log_->History({0, "", ""})->sessions.size(), 5u);
  // An edit in the middle that keeps the size and the last line: the catch-up cannot see it, but
  // reading the line back does.
  std::vector<std::string> lines = ReadLines(log_->log_path());
  lines[1].replace(lines[1].find("\"s1\""), 4, "\"S1\"");
  WriteLines(log_->log_path(), lines);
  Result<HistoryResult> history = log_->History({0, "", ""});
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  std::vector<std::string> ids;
  for (const SessionRecord& s : history->sessions) ids.push_back(s.session_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"s4", "s3", "s2", "S1", "s0"}));
}

TEST_F(IndexTest, IsDisposable) {
  ASSERT_EQ(log_->Stats(3650, std::chrono::system_clock::now())->total_generations, 5);
  index_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(dir_.File(std::string("audit/index.sqlite") + suffix));
  }
  auto reopened = AuditLog::Open(testutil::TestOptions(dir_));  // a new process, in effect
  EXPECT_EQ(reopened->Stats(3650)->total_generations, 5);
  EXPECT_TRUE(std::filesystem::exists(dir_.File("audit/index.sqlite")));
}

TEST_F(IndexTest, ACorruptIndexFileIsReplaced) {
  index_.reset();
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::remove(dir_.File(std::string("audit/index.sqlite") + suffix));
  }
  dir_.Write("audit/index.sqlite", std::string(8192, 'x'));
  auto reopened = AuditLog::Open(testutil::TestOptions(dir_));
  Result<Statistics> stats = reopened->Stats(3650);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total_generations, 5);
}

// An index of an older schema (no user column) is dropped and rebuilt, not queried wrongly.
TEST_F(IndexTest, AnOlderSchemaIsRebuilt) {
  index_.reset();
  {
    auto db = Database::Open(dir_.File("audit/index.sqlite"), 1000);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS state;"
                         "CREATE TABLE sessions(line INTEGER PRIMARY KEY); PRAGMA user_version = 1")
                    .ok());
  }
  auto reopened = Index::Open(dir_.File("audit/index.sqlite"));
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  index_.emplace(std::move(reopened).value());
  EXPECT_TRUE(CatchUp().rebuilt);
  EXPECT_EQ(Total(), 5);
  EXPECT_EQ(index_->Aggregate(kAllTimeForTest, "qa")->total_generations, 5);
  EXPECT_EQ(index_->Aggregate(kAllTimeForTest, "someone")->total_generations, 0);
}

TEST_F(IndexTest, RemembersSkippedLinesAsWarnings) {
  dir_.Write("audit/audit.jsonl", testutil::ReadLines(log_->log_path())[0] + "\nnot json\n");
  CatchUp();
  Result<std::vector<std::string>> warnings = index_->SkippedLineWarnings(log_->log_path(), 10);
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_NE((*warnings)[0].find("line 2: not a valid record"), std::string::npos) << (*warnings)[0];
}

TEST_F(IndexTest, LimitsSkippedLineWarnings) {
  std::vector<std::string> lines = ReadLines(log_->log_path());
  for (int i = 0; i < 15; ++i) lines.push_back("garbage");
  WriteLines(log_->log_path(), lines);
  CatchUp();
  Result<std::vector<std::string>> warnings = index_->SkippedLineWarnings(log_->log_path(), 10);
  ASSERT_EQ(warnings->size(), 11u);
  EXPECT_EQ(warnings->back(), "... and 5 more invalid lines skipped");
}

TEST(MeasureKeyTest, IsUpperCase) {
  EXPECT_EQ(MeasureKey("psa"), "PSA");
  EXPECT_EQ(MeasureKey("Cbp-E"), "CBP-E");
  EXPECT_EQ(MeasureKey(""), "");
}

}  // namespace
}  // namespace hm::audit
