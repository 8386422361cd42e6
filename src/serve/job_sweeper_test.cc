#include "serve/job_sweeper.h"

#include <atomic>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace hm::serve {
namespace {

using namespace std::chrono_literals;

Job MakeJob(char id_digit, JobStatus status, const std::string& created, const std::string& finished) {
  Job job;
  job.id = std::string(32, id_digit);
  job.owner = "alice";
  job.status = status;
  job.created = created;
  job.finished = finished;
  return job;
}

std::chrono::system_clock::time_point At(int year, unsigned month, unsigned day) {
  return std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day));
}

void WaitForSweeps(const JobSweeper& sweeper, std::size_t n) {
  for (int i = 0; i < 500 && sweeper.sweeps() < n; ++i) std::this_thread::sleep_for(10ms);
}

TEST(JobSweeperTest, DeletesFinishedJobsPastTheRetentionOnly) {
  hm::testing::TempDir dir;
  auto store = *JobStore::Open(dir.path().string());
  // now = 2026-03-31; retention 30 days: the cutoff is 2026-03-01T00:00:00Z.
  ASSERT_TRUE(store->Add(MakeJob('a', JobStatus::kSucceeded, "2026-01-01T00:00:00Z", "2026-02-28T23:59:59Z")).ok());
  ASSERT_TRUE(store->Add(MakeJob('b', JobStatus::kFailed, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z")).ok());
  ASSERT_TRUE(store->Add(MakeJob('c', JobStatus::kCancelled, "2026-01-01T00:00:00Z", "")).ok());  // by created
  ASSERT_TRUE(store->Add(MakeJob('d', JobStatus::kSucceeded, "2026-03-30T00:00:00Z", "2026-03-30T00:01:00Z")).ok());
  ASSERT_TRUE(store->Add(MakeJob('e', JobStatus::kRunning, "2020-01-01T00:00:00Z", "")).ok());
  ASSERT_TRUE(store->Add(MakeJob('f', JobStatus::kQueued, "2020-01-01T00:00:00Z", "")).ok());
  ASSERT_TRUE(std::filesystem::exists(store->JobDir(std::string(32, 'a'))));
  {
    JobSweeper sweeper(store, std::chrono::days(30), 1h, [] { return At(2026, 3, 31); });
    WaitForSweeps(sweeper, 1);
    ASSERT_EQ(sweeper.sweeps(), 1u) << "one sweep at start, the next an hour later";
  }
  for (char kept : {'b', 'd', 'e', 'f'}) EXPECT_TRUE(store->Get(std::string(32, kept))) << kept;
  for (char gone : {'a', 'c'}) {
    EXPECT_FALSE(store->Get(std::string(32, gone))) << gone;
    EXPECT_FALSE(std::filesystem::exists(store->JobDir(std::string(32, gone)))) << gone;
  }
}

TEST(JobSweeperTest, SweepsAgainEveryIntervalAndStopsPromptly) {
  hm::testing::TempDir dir;
  auto store = *JobStore::Open(dir.path().string());
  auto now = std::make_shared<std::atomic<int>>(1);  // the day of March 2026
  JobSweeper sweeper(store, std::chrono::seconds(0), 20ms, [now] { return At(2026, 3, static_cast<unsigned>(now->load())); });
  WaitForSweeps(sweeper, 1);
  ASSERT_TRUE(store->Add(MakeJob('a', JobStatus::kSucceeded, "2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z")).ok());
  const std::size_t before = sweeper.sweeps();
  WaitForSweeps(sweeper, before + 2);
  EXPECT_TRUE(store->Get(std::string(32, 'a'))) << "not yet finished before the clock's now";
  now->store(3);
  WaitForSweeps(sweeper, sweeper.sweeps() + 2);
  EXPECT_FALSE(store->Get(std::string(32, 'a'))) << "retention 0: gone at the next sweep";
  sweeper.Stop();
  sweeper.Stop();
}

// Stop() wakes the thread from its wait: with an hour between sweeps, a Stop() that waited for
// the next sweep would hang this test (and ctest's timeout would fail it), and no second sweep
// may happen on the way out.
TEST(JobSweeperTest, StopWakesTheThreadWithoutAnotherSweep) {
  hm::testing::TempDir dir;
  auto store = *JobStore::Open(dir.path().string());
  JobSweeper sweeper(store, std::chrono::seconds(0), std::chrono::hours(1), [] { return At(2026, 3, 1); });
  WaitForSweeps(sweeper, 1);
  sweeper.Stop();
  EXPECT_EQ(sweeper.sweeps(), 1u);
}

}  // namespace
}  // namespace hm::serve
