#include "audit/appender.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <set>
#include <thread>

#include "audit/audit_test_util.h"
#include "audit/record_json.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::audit {
namespace {

using testutil::MakeRecord;
using testutil::ReadLines;

TEST(AppenderTest, ChainsEachLineToThePreviousOne) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Append(MakeRecord(fmt::format("s{}", i))).ok());
  const std::vector<std::string> lines = ReadLines(log->log_path());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(RecordFromJson(lines[0])->prev_hash, kZeroHash);
  EXPECT_EQ(RecordFromJson(lines[1])->prev_hash, util::Sha256Hex(lines[0]));
  EXPECT_EQ(RecordFromJson(lines[2])->prev_hash, util::Sha256Hex(lines[1]));
}

TEST(AppenderTest, OverwritesWhateverPrevHashTheCallerGave) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  SessionRecord record = MakeRecord("s0");
  record.prev_hash = std::string(64, 'f');
  ASSERT_TRUE(log->Append(record).ok());
  EXPECT_EQ(RecordFromJson(ReadLines(log->log_path())[0])->prev_hash, kZeroHash);
}

// Every appended line is whole and the chain intact: the same checks for processes and threads.
void ExpectAllAppended(const AuditLog& log, int writers, int per_writer) {
  const std::vector<std::string> lines = ReadLines(log.log_path());
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(writers * per_writer));
  std::set<std::string> ids;
  for (const std::string& line : lines) {
    Result<SessionRecord> record = RecordFromJson(line);
    ASSERT_TRUE(record.ok()) << record.status().ToString();
    ids.insert(record->session_id);
  }
  EXPECT_EQ(ids.size(), lines.size());
  Result<VerifyReport> report = log.Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact()) << VerifyReportToJson(*report);
  EXPECT_EQ(report->records, writers * per_writer);
  EXPECT_TRUE(report->invalid.empty());
}

TEST(AppenderTest, ProcessesAppendingAtOnceLoseNoLine) {
  constexpr int kProcesses = 8, kEach = 40;
  hm::testing::TempDir dir;
  const AuditOptions options = testutil::TestOptions(dir);
  auto log = AuditLog::Open(options);
  ASSERT_TRUE(log.ok());
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    if (pid == 0) {
      auto own = AuditLog::Open(options);  // each process opens the log itself
      int failures = own.ok() ? 0 : 1;
      for (int i = 0; i < kEach && own.ok(); ++i) {
        failures += !own->Append(MakeRecord(fmt::format("p{}_{}", p, i))).ok();
      }
      _exit(failures);
    }
    children.push_back(pid);
  }
  for (pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << child;
  }
  ExpectAllAppended(*log, kProcesses, kEach);
}

TEST(AppenderTest, ThreadsAppendingAtOnceLoseNoLine) {
  constexpr int kThreads = 8, kEach = 40;
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  ASSERT_TRUE(log.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        failures += !log->Append(MakeRecord(fmt::format("t{}_{}", t, i))).ok();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  ExpectAllAppended(*log, kThreads, kEach);
}

TEST(AppenderTest, StartsANewLineAfterATornTail) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  ASSERT_TRUE(log->Append(MakeRecord("s0")).ok());
  const std::string first = ReadLines(log->log_path())[0];
  dir.Write("audit/audit.jsonl", first + "\n{\"session_id\":\"torn");  // a crash mid-write
  ASSERT_TRUE(log->Append(MakeRecord("s1")).ok());

  const std::vector<std::string> lines = ReadLines(log->log_path());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "{\"session_id\":\"torn");  // closed, left as evidence
  Result<SessionRecord> appended = RecordFromJson(lines[2]);
  ASSERT_TRUE(appended.ok());
  EXPECT_EQ(appended->session_id, "s1");
  EXPECT_EQ(appended->prev_hash, util::Sha256Hex(first));  // chained over the torn line
}

TEST(AppenderTest, ATailTornJustBeforeItsNewlineIsARecord) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  ASSERT_TRUE(log->Append(MakeRecord("s0")).ok());
  const std::string whole = ReadLines(log->log_path())[0];
  dir.Write("audit/audit.jsonl", whole);  // only the '\n' was lost
  ASSERT_TRUE(log->Append(MakeRecord("s1")).ok());
  const std::vector<std::string> lines = ReadLines(log->log_path());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(RecordFromJson(lines[1])->prev_hash, util::Sha256Hex(whole));
  EXPECT_TRUE(log->Verify()->intact());
}

TEST(AppenderTest, AFailedWriteIsCutBackLeavingNoTornLine) {
  hm::testing::TempDir dir;
  auto log = AuditLog::Open(testutil::TestOptions(dir));
  ASSERT_TRUE(log->Append(MakeRecord("s0")).ok());
  const std::string before = util::ReadFile(log->log_path()).value();
  // A child whose file size limit lets the write start but not finish (like a full disk).
  const int exit_code = testutil::RunInChild([&] {
    signal(SIGXFSZ, SIG_IGN);
    rlimit limit{before.size() + 20, before.size() + 20};
    setrlimit(RLIMIT_FSIZE, &limit);
    return log->Append(MakeRecord("s1")).ok() ? 1 : 0;
  });
  EXPECT_EQ(exit_code, 0) << "the append should have failed";
  EXPECT_EQ(util::ReadFile(log->log_path()).value(), before);
}

TEST(AppenderTest, FailsWithIoErrorWhenTheLogCannotBeOpened) {
  hm::testing::TempDir dir;
  SessionRecord record = MakeRecord("s0");
  Status status = AppendRecord(dir.File("no/such/folder/audit.jsonl"), record, false);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.ToString().find("audit.jsonl"), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace hm::audit
