#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "audit/audit_test_util.h"
#include "audit/clock.h"
#include "audit/marker.h"
#include "audit/process.h"
#include "audit/record_json.h"
#include "hedis_mockup/audit.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::audit {
namespace {

namespace fs = std::filesystem;
using testutil::ReadLines;

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearInterrupted();
    auto opened = AuditLog::Open(testutil::TestOptions(dir_));
    ASSERT_TRUE(opened.ok());
    log_.emplace(std::move(opened).value());
  }
  void TearDown() override { ClearInterrupted(); }
  std::vector<SessionRecord> Records() {
    std::vector<SessionRecord> records;
    for (const std::string& line : ReadLines(log_->log_path())) {
      Result<SessionRecord> record = RecordFromJson(line);
      EXPECT_TRUE(record.ok()) << record.status().ToString();
      if (record.ok()) records.push_back(std::move(record).value());
    }
    return records;
  }
  std::size_t Markers() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(log_->dir() + "/running")) {
      ++count;
    }
    return count;
  }

  hm::testing::TempDir dir_;
  std::optional<AuditLog> log_;
};

TEST_F(SessionTest, RecordsASuccessfulRunWithFilesAndEvents) {
  const std::string testcase = dir_.Write("in/PSA_MY2026_TestCase.xlsx", "test case bytes");
  const std::string output = dir_.Write("out/PSA_Mockup.xlsx", std::string(2'500'000, 'x'));
  Result<Session> session = Session::Begin(*log_, "generate", "PSA");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const std::string marker = log_->dir() + "/running/" + session->session_id() + ".json";
  EXPECT_TRUE(fs::exists(marker));
  session->AddInput("testcase", testcase);
  session->AddInput("vsd", dir_.File("missing.xlsx"));  // unreadable: recorded, not an error
  session->AddEvent("parsing", "Parsed 302 scenarios", R"({"total_scenarios":302})");
  session->AddOutput("output", output);
  session->SetMembersGenerated(302);
  session->SetCompleteness(R"({"completeness_score":1.0})");
  ASSERT_TRUE(session->Finish(Status::Ok()).ok());
  EXPECT_FALSE(fs::exists(marker));

  std::vector<SessionRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  const SessionRecord& r = records[0];
  EXPECT_EQ(r.session_id, session->session_id());
  EXPECT_EQ(r.status, "success");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.command, "generate");
  EXPECT_EQ(r.measure, "PSA");
  EXPECT_EQ(r.testcase_file, "PSA_MY2026_TestCase.xlsx");
  EXPECT_EQ(r.testcase_hash, util::Sha256Hex("test case bytes"));
  EXPECT_EQ(r.output_file, "PSA_Mockup.xlsx");
  EXPECT_EQ(r.output_size_mb, 2.5);
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0].size_bytes, 15u);
  EXPECT_EQ(r.inputs[1].sha256, "");
  EXPECT_EQ(r.outputs[0].size_bytes, 2'500'000u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].details_json, R"({"total_scenarios":302})");
  EXPECT_EQ(r.members_generated, 302);
  EXPECT_EQ(r.completeness_json, R"({"completeness_score":1.0})");
  EXPECT_EQ(r.pid, ::getpid());
  EXPECT_EQ(r.user, CurrentUser());
  EXPECT_FALSE(r.tool_version.empty());
  EXPECT_GE(r.duration_seconds, 0);
  EXPECT_GE(*ParseUtcSeconds(r.timestamp_end), *ParseUtcSeconds(r.timestamp_start));
  EXPECT_TRUE(session->Finish(Status::InvalidInput("late")).ok());  // a second call is a no-op
  EXPECT_EQ(Records().size(), 1u);
}

// A server runs a job for a signed-in user: the record names that user, not the process's.
TEST_F(SessionTest, TheUserCanBeTheOneWhoAskedForTheRun) {
  Result<Session> session = Session::Begin(*log_, "generate", "PSA");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  session->SetUser("analyst1");
  ASSERT_TRUE(session->Finish(Status::Ok()).ok());
  const std::vector<SessionRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].user, "analyst1");
}

TEST_F(SessionTest, RecordsAFailureWithItsMessage) {
  Result<Session> session = Session::Begin(*log_, "generate", "PSA");
  ASSERT_TRUE(session->Finish(Status::InvalidInput("bad row", "fix it").InFile("t.xlsx")).ok());
  ASSERT_EQ(Records().size(), 1u);
  EXPECT_EQ(Records()[0].status, "failed");
  EXPECT_EQ(Records()[0].error, "t.xlsx: bad row; fix it");
}

TEST_F(SessionTest, ASessionDroppedWithoutFinishIsFailed) {
  {
    Result<Session> session = Session::Begin(*log_, "generate", "");
    ASSERT_TRUE(session.ok());
    Session moved = std::move(session).value();  // moving does not finish it
    EXPECT_EQ(Records().size(), 0u);
  }
  ASSERT_EQ(Records().size(), 1u);
  EXPECT_EQ(Records()[0].status, "failed");
  EXPECT_NE(Records()[0].error.find("ended without finishing"), std::string::npos);
  EXPECT_EQ(Markers(), 0u);
}

TEST_F(SessionTest, AssigningOverAnOpenSessionFinishesItAsFailed) {
  Result<Session> first = Session::Begin(*log_, "generate", "PSA");
  Result<Session> second = Session::Begin(*log_, "generate", "CBP");
  const std::string first_id = first->session_id();
  *first = std::move(second).value();
  ASSERT_EQ(Records().size(), 1u);
  EXPECT_EQ(Records()[0].session_id, first_id);
  EXPECT_EQ(Records()[0].status, "failed");
  ASSERT_TRUE(first->Finish(Status::Ok()).ok());
  EXPECT_EQ(Records().size(), 2u);
  EXPECT_EQ(Markers(), 0u);
}

TEST_F(SessionTest, ASignalMarksTheRunInterrupted) {
  Result<Session> session = Session::Begin(*log_, "generate", "PSA");
  MarkInterrupted(SIGINT);
  EXPECT_EQ(InterruptRequested(), SIGINT);
  ASSERT_TRUE(session->Finish(Status::Ok()).ok());
  EXPECT_EQ(Records()[0].status, "failed");
  EXPECT_EQ(Records()[0].error.rfind("interrupted by signal 2", 0), 0u) << Records()[0].error;
}

TEST_F(SessionTest, AKilledProcessIsRecordedAsInterruptedOnTheNextOpen) {
  const AuditOptions options = testutil::TestOptions(dir_);
  std::string id;
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  if (child == 0) {
    auto log = AuditLog::Open(options);
    auto session = Session::Begin(*log, "generate", "PSA");
    session->AddEvent("parsing", "started");
    const std::string sid = session->session_id();
    (void)!write(pipe_fds[1], sid.data(), sid.size());
    _exit(0);  // like SIGKILL: no destructor runs, the marker stays
  }
  close(pipe_fds[1]);
  char buffer[64] = {};
  const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
  close(pipe_fds[0]);
  ASSERT_GT(n, 0);
  id.assign(buffer, static_cast<std::size_t>(n));
  waitpid(child, nullptr, 0);
  ASSERT_EQ(Markers(), 1u);
  EXPECT_EQ(Records().size(), 0u);

  ASSERT_TRUE(AuditLog::Open(options).ok());
  std::vector<SessionRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].session_id, id);
  EXPECT_EQ(records[0].status, "failed");
  EXPECT_EQ(records[0].error, kInterruptedError);
  EXPECT_EQ(records[0].pid, child);
  ASSERT_EQ(records[0].events.size(), 2u);  // what it recorded, and the recovery
  EXPECT_EQ(records[0].events[1].type, "interrupted");
  EXPECT_EQ(Markers(), 0u);
}

TEST_F(SessionTest, RecoveryLeavesRunningAndForeignSessionsAlone) {
  Result<Session> running = Session::Begin(*log_, "generate", "PSA");  // this process: alive
  SessionRecord foreign = testutil::MakeRecord("20260101_000000_abcdef");
  foreign.status = "running";
  foreign.host = "another-host";
  foreign.pid = 999999;
  ASSERT_TRUE(
      WriteMarker(MarkerPath(log_->dir() + "/running", foreign.session_id), foreign, std::nullopt)
          .ok());
  ASSERT_TRUE(log_->RecoverInterrupted().ok());
  EXPECT_EQ(Records().size(), 0u);
  EXPECT_EQ(Markers(), 2u);
  ASSERT_TRUE(running->Finish(Status::Ok()).ok());
}

TEST_F(SessionTest, AReusedPidDoesNotHideAnEndedProcess) {
  SessionRecord record = testutil::MakeRecord("20260101_000000_abcdef");
  record.status = "running";
  record.host = HostName();
  record.pid = ::getpid();  // alive, but started at another time than the marker says
  const std::uint64_t other_start = ProcessStartTicks(::getpid()).value() + 1;
  ASSERT_TRUE(
      WriteMarker(MarkerPath(log_->dir() + "/running", record.session_id), record, other_start)
          .ok());
  ASSERT_TRUE(log_->RecoverInterrupted().ok());
  ASSERT_EQ(Records().size(), 1u);
  EXPECT_EQ(Records()[0].error, kInterruptedError);
}

TEST_F(SessionTest, ProcessesRecoveringAtOnceRecordEachSessionOnce) {
  constexpr int kMarkers = 40, kRecoverers = 6;
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  for (int i = 0; i < kMarkers; ++i) {
    SessionRecord record = testutil::MakeRecord(fmt::format("20260101_000000_{:06}", i));
    record.status = "running";
    record.host = HostName();
    record.pid = dead;
    ASSERT_TRUE(
        WriteMarker(MarkerPath(log_->dir() + "/running", record.session_id), record, std::nullopt)
            .ok());
  }
  AuditOptions options = testutil::TestOptions(dir_);
  options.recover_interrupted = false;
  int barrier[2];
  ASSERT_EQ(pipe(barrier), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kRecoverers; ++i) {
    const pid_t pid = fork();
    if (pid == 0) {
      auto log = AuditLog::Open(options);
      close(barrier[1]);
      char go;
      (void)!read(barrier[0], &go, 1);  // returns when the parent closes its end: all at once
      _exit(log.ok() && log->RecoverInterrupted().ok() ? 0 : 1);
    }
    children.push_back(pid);
  }
  close(barrier[0]);
  close(barrier[1]);
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  EXPECT_EQ(Records().size(), static_cast<std::size_t>(kMarkers));
  EXPECT_EQ(Markers(), 0u);
  EXPECT_TRUE(log_->Verify()->intact());
}

TEST_F(SessionTest, RecoveryRemovesTemporariesOfKilledWritersOnly) {
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  dir_.Write("audit/running/20260101_000000_000001.json.tmp." + std::to_string(dead), "{\"ses");
  dir_.Write("audit/running/20260101_000000_000002.json.tmp." + std::to_string(::getpid()), "{");
  ASSERT_TRUE(log_->RecoverInterrupted().ok());
  EXPECT_EQ(Markers(), 1u);  // this process's own temporary stays: it may be mid-write
  EXPECT_EQ(Records().size(), 0u);
}

TEST_F(SessionTest, AStaleClaimIsTakenOverWithoutRecordingTwice) {
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  const std::string running = log_->dir() + "/running/";
  SessionRecord claimed = testutil::MakeRecord("20260101_000000_000001");
  claimed.status = "running";
  claimed.host = HostName();
  claimed.pid = dead;
  // A recoverer that died after claiming, before appending ...
  ASSERT_TRUE(WriteMarker(running + claimed.session_id + ".json.claimed." + std::to_string(dead),
                          claimed, std::nullopt)
                  .ok());
  // ... and one that died after appending, before removing its claim.
  SessionRecord appended = claimed;
  appended.session_id = "20260101_000000_000002";
  ASSERT_TRUE(log_->Append(appended).ok());
  ASSERT_TRUE(WriteMarker(running + appended.session_id + ".json.claimed." + std::to_string(dead),
                          appended, std::nullopt)
                  .ok());
  ASSERT_TRUE(log_->RecoverInterrupted().ok());
  std::vector<SessionRecord> records = Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].session_id, claimed.session_id);
  EXPECT_EQ(Markers(), 0u);
}

}  // namespace
}  // namespace hm::audit
