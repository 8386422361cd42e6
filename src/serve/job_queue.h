// A bounded queue of job ids and the pool of workers that run them. Bounded, so a burst of
// submissions is refused (503) rather than piling up work nobody waits for; a fixed pool, so jobs
// never compete for more cores than the server was given.
//
// Workers hold the queue's state by shared pointer: a worker still running when Stop() gives up
// waiting is left to finish (or die with the process) without touching freed memory.
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hm::serve {

class JobQueue {
 public:
  // Runs one job to its end; must not throw (a job's failure is the job's, not the worker's).
  using RunJob = std::function<void(const std::string& job_id)>;

  // Starts `workers` threads. REQUIRES: workers >= 1, capacity >= 1.
  JobQueue(std::size_t workers, std::size_t capacity, RunJob run);
  // Stop() with no grace.
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Queues `job_id`; false when the queue is full or stopped.
  bool Submit(const std::string& job_id);
  // Takes `job_id` out of the queue if it is still waiting there: true when it was removed (no
  // worker will run it), false when it is running, finished or unknown.
  bool Cancel(const std::string& job_id);
  // Workers started and not stopped.
  std::size_t workers_running() const;

  struct Stopped {
    std::vector<std::string> never_started;  // were queued
    std::vector<std::string> still_running;  // did not finish within the grace period
  };
  // Takes no more jobs, drops the queued ones, waits up to `grace` for the running ones, then
  // detaches the workers still busy. A second call returns empty lists.
  Stopped Stop(std::chrono::milliseconds grace);

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace hm::serve
