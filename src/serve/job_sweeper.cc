#include "serve/job_sweeper.h"

#include "hedis_mockup/log.h"

namespace hm::serve {

JobSweeper::JobSweeper(std::shared_ptr<JobStore> store, std::chrono::seconds retention,
                       std::chrono::milliseconds interval, Clock now)
    : store_(std::move(store)),
      retention_(retention),
      interval_(interval),
      now_(now ? std::move(now) : Clock([] { return std::chrono::system_clock::now(); })),
      thread_([this] { Run(); }) {}

JobSweeper::~JobSweeper() { Stop(); }

void JobSweeper::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  // Two Stop() calls at once (the destructor racing an explicit one) must not both join.
  std::lock_guard join(mutex_join_);
  if (thread_.joinable()) thread_.join();
}

std::size_t JobSweeper::sweeps() const {
  std::lock_guard lock(mutex_);
  return sweeps_;
}

void JobSweeper::SweepOnce() {
  const std::string cutoff = Iso8601(now_() - retention_);
  const std::vector<std::string> removed = store_->RemoveFinishedBefore(cutoff);
  if (!removed.empty()) log::Info("deleted {} finished jobs older than {}", removed.size(), cutoff);
}

void JobSweeper::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    SweepOnce();
    lock.lock();
    ++sweeps_;
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace hm::serve
