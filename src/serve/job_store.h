// The jobs of the server: in memory for the API, and on disk (DATA/jobs/<id>/job.json) so a
// restart keeps them. Watchers (Server-Sent Events streams) wait for changes here.
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "serve/job.h"

namespace hm::serve {

class JobStore {
 public:
  // Reads every DATA/jobs/*/job.json (creating DATA/jobs if needed). A job a previous run left
  // queued or running is marked failed: nobody is working on it any more. kIoError naming the
  // folder if it cannot be created; unreadable job files are logged and skipped.
  static Result<std::shared_ptr<JobStore>> Open(const std::string& data_dir);

  const std::string& jobs_dir() const { return jobs_dir_; }
  // DATA/jobs/<id>. REQUIRES: IsValidJobId(id).
  std::string JobDir(const std::string& id) const;

  // Adds `job` and writes its job.json. kIoError if it cannot be written (the job is not added).
  Status Add(Job job);
  // Forgets job `id` and deletes its folder (a submission the queue refused).
  void Remove(const std::string& id);
  // Forgets and deletes every finished job that finished before `cutoff` (ISO 8601 UTC, as
  // NowIso8601 writes it; a finished job without a finish time counts from its creation). Queued
  // and running jobs are never touched. Returns the ids removed.
  std::vector<std::string> RemoveFinishedBefore(const std::string& cutoff);
  std::optional<Job> Get(const std::string& id) const;
  // `owner`'s jobs, or everyone's when `owner` is empty; newest first.
  std::vector<Job> List(const std::string& owner) const;

  // Applies `change` to the job under the lock and wakes watchers; writes job.json when
  // `persist` (status changes; progress ticks need not survive a restart). Unknown ids are
  // ignored.
  void Update(const std::string& id, const std::function<void(Job&)>& change, bool persist = true);

  // A counter that grows with every Update.
  std::uint64_t version() const;
  // Waits until version() differs from `seen`, Wake() is called, or `timeout` passes.
  void WaitForChange(std::uint64_t seen, std::chrono::milliseconds timeout) const;
  // Wakes every waiter (shutdown).
  void Wake();

 private:
  explicit JobStore(std::string jobs_dir) : jobs_dir_(std::move(jobs_dir)) {}
  Status Persist(const Job& job) const;  // REQUIRES: mutex_ held
  void Recover(Job& job);

  const std::string jobs_dir_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, Job> jobs_;
  std::vector<std::string> order_;  // ids, oldest first
  std::uint64_t version_ = 0;
  std::uint64_t wakes_ = 0;
};

}  // namespace hm::serve
