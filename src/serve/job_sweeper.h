// Deletes old finished jobs on a schedule: once when started and then every `interval`, on a
// thread of its own, so job folders (uploads and outputs) do not pile up on the server's disk.
// What "old" means is JobStore::RemoveFinishedBefore's, with the cutoff `retention` before now.
//
// Thread-safety: Stop() may be called from any thread, and more than once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "serve/job_store.h"

namespace hm::serve {

class JobSweeper {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Starts the thread; the first sweep runs at once. `now` defaults to the system clock (tests
  // pass a fake one). REQUIRES: retention >= 0, interval > 0.
  JobSweeper(std::shared_ptr<JobStore> store, std::chrono::seconds retention, std::chrono::milliseconds interval,
             Clock now = {});
  // Stop().
  ~JobSweeper();
  JobSweeper(const JobSweeper&) = delete;
  JobSweeper& operator=(const JobSweeper&) = delete;

  // Ends the thread: a sweep under way finishes first; no new one starts.
  void Stop();
  // Sweeps done so far (tests wait on it).
  std::size_t sweeps() const;

 private:
  void Run();
  void SweepOnce();

  const std::shared_ptr<JobStore> store_;
  const std::chrono::seconds retention_;
  const std::chrono::milliseconds interval_;
  const Clock now_;
  mutable std::mutex mutex_;  // guards stopping_ and sweeps_
  std::mutex mutex_join_;     // one Stop() joins the thread
  std::condition_variable wake_;
  bool stopping_ = false;
  std::size_t sweeps_ = 0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace hm::serve
