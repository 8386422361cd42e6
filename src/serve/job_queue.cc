#include "serve/job_queue.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

namespace hm::serve {

struct JobQueue::State {
  std::size_t capacity = 0;
  RunJob run;
  std::mutex mutex;
  std::condition_variable work;      // a job was queued, or stopping
  std::condition_variable finished;  // a running job ended
  std::deque<std::string> queued;
  std::set<std::string> running;
  bool stopping = false;
  std::vector<std::thread> threads;
};

namespace {

void WorkerLoop(const std::shared_ptr<JobQueue::State>& s) {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(s->mutex);
      s->work.wait(lock, [&] { return s->stopping || !s->queued.empty(); });
      if (s->stopping) return;
      id = std::move(s->queued.front());
      s->queued.pop_front();
      s->running.insert(id);
    }
    s->run(id);
    std::lock_guard lock(s->mutex);
    s->running.erase(id);
    s->finished.notify_all();
  }
}

}  // namespace

JobQueue::JobQueue(std::size_t workers, std::size_t capacity, RunJob run)
    : state_(std::make_shared<State>()) {
  state_->capacity = capacity;
  state_->run = std::move(run);
  for (std::size_t i = 0; i < workers; ++i) {
    state_->threads.emplace_back([s = state_] { WorkerLoop(s); });
  }
}

JobQueue::~JobQueue() { (void)Stop(std::chrono::milliseconds(0)); }

bool JobQueue::Submit(const std::string& job_id) {
  std::lock_guard lock(state_->mutex);
  if (state_->stopping || state_->queued.size() >= state_->capacity) return false;
  state_->queued.push_back(job_id);
  state_->work.notify_one();
  return true;
}

bool JobQueue::Cancel(const std::string& job_id) {
  std::lock_guard lock(state_->mutex);
  const auto it = std::find(state_->queued.begin(), state_->queued.end(), job_id);
  if (it == state_->queued.end()) return false;
  state_->queued.erase(it);
  return true;
}

std::size_t JobQueue::workers_running() const {
  std::lock_guard lock(state_->mutex);
  return state_->stopping ? 0 : state_->threads.size();
}

JobQueue::Stopped JobQueue::Stop(std::chrono::milliseconds grace) {
  Stopped out;
  std::vector<std::thread> threads;
  {
    std::unique_lock lock(state_->mutex);
    if (state_->stopping) return out;
    state_->stopping = true;
    out.never_started.assign(state_->queued.begin(), state_->queued.end());
    state_->queued.clear();
    state_->work.notify_all();
    state_->finished.wait_for(lock, grace, [&] { return state_->running.empty(); });
    out.still_running.assign(state_->running.begin(), state_->running.end());
    threads = std::move(state_->threads);
  }
  // Idle workers have returned or will at once; a busy one is detached, holding the state.
  for (std::thread& t : threads) {
    if (out.still_running.empty()) {
      t.join();
    } else {
      t.detach();
    }
  }
  return out;
}

}  // namespace hm::serve
