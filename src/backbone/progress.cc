#include "hedis_mockup/progress.h"

#include <utility>

namespace hm {

Progress::Progress(std::string task, std::int64_t total, ProgressCallback sink,
                   ProgressOptions options)
    : task_(std::move(task)),
      total_(total),
      sink_(std::move(sink)),
      options_(std::move(options)),
      start_(Now()),
      next_event_ns_(std::chrono::nanoseconds(options_.interval).count()) {}

Progress::~Progress() { Finish(); }

Progress::Clock::time_point Progress::Now() const {
  return options_.clock ? options_.clock() : Clock::now();
}

void Progress::Advance(std::int64_t n) {
  if (!sink_) return;
  done_.fetch_add(n, std::memory_order_relaxed);
  if (finished_.load(std::memory_order_relaxed)) return;
  const Clock::time_point now = Now();
  const std::int64_t since_start = std::chrono::nanoseconds(now - start_).count();
  std::int64_t due = next_event_ns_.load(std::memory_order_relaxed);
  if (since_start < due) return;
  // Of the threads that see the event due, the one that moves the deadline sends it; the others
  // go back to work instead of queueing on the sink.
  const std::int64_t next = since_start + std::chrono::nanoseconds(options_.interval).count();
  if (!next_event_ns_.compare_exchange_strong(due, next, std::memory_order_relaxed)) return;
  Emit(false);
}

void Progress::Finish() {
  if (!sink_ || finished_.exchange(true)) return;
  Emit(true);
}

void Progress::Emit(bool finished) {
  std::lock_guard lock(emit_mutex_);
  // Finish() sets finished_ before taking the lock, so no progress event follows the final one.
  if (!finished && finished_.load(std::memory_order_relaxed)) return;
  // Read under the lock, as done_ is, so that successive events never go back in time.
  const Clock::time_point now = Now();
  ProgressEvent event;
  event.task = task_;
  event.done = done_.load(std::memory_order_relaxed);
  event.total = total_;
  event.elapsed_seconds = std::chrono::duration<double>(now - start_).count();
  event.rate_per_second =
      event.elapsed_seconds > 0 ? static_cast<double>(event.done) / event.elapsed_seconds : 0;
  event.finished = finished;
  sink_(event);
}

}  // namespace hm
