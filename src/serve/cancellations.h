// Cancel requests for jobs, as flags a worker polls. A flag exists from submission to the job's
// end, so a cancel that lands while a worker is taking the job from the queue is still seen: the
// worker checks the flag before it starts and between (and inside) the job's phases.
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace hm::serve {

class Cancellations {
 public:
  // Starts tracking job `id` (not cancelled). A second call keeps the existing flag.
  void Track(const std::string& id);
  // Asks job `id` to stop, recording who asked. False for a job not tracked (finished, or never
  // submitted); a second request keeps the first requester.
  bool Request(const std::string& id, const std::string& by);
  // Whether job `id` was asked to stop; false for an untracked job.
  bool Requested(const std::string& id) const;
  // Who asked job `id` to stop, or "" when nobody did.
  std::string RequestedBy(const std::string& id) const;
  // A cheap check for the core to poll (GenerateOptions::cancelled): it holds the flag itself, so
  // it stays valid after Forget. Always false for an untracked job.
  std::function<bool()> Poller(const std::string& id) const;
  // Stops tracking job `id` (it finished).
  void Forget(const std::string& id);

 private:
  struct Flag {
    std::atomic<bool> set{false};
    std::string by;  // guarded by mutex_
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Flag>> flags_;
};

}  // namespace hm::serve
