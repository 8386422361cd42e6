#include "execute/watchdog.h"

#include <algorithm>

namespace hm::execute {

Watchdog::Watchdog(std::chrono::milliseconds repeat) : repeat_(repeat), thread_([this] { Loop(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    exiting_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

Watchdog::Ticket Watchdog::Arm(SqlConnection& connection, Clock::time_point deadline,
                               std::uint64_t group) {
  std::lock_guard lock(mutex_);
  const Ticket ticket = next_ticket_++;
  entries_.emplace(ticket, Entry{&connection, deadline, group});
  // Only a deadline earlier than the thread's current wake time needs it awake; waking it for
  // every arm is simpler and costs one spurious loop per statement.
  wake_.notify_one();
  return ticket;
}

CancelReason Watchdog::Disarm(Ticket ticket) {
  std::unique_lock lock(mutex_);
  auto entry = entries_.find(ticket);
  cancelled_.wait(lock, [&] { return !entry->second.cancelling; });
  const CancelReason reason = entry->second.reason;
  entries_.erase(entry);
  return reason;
}

void Watchdog::Stop(std::uint64_t group) { StopMatching(false, group); }

void Watchdog::StopAll() { StopMatching(true, 0); }

void Watchdog::StopMatching(bool all, std::uint64_t group) {
  {
    std::lock_guard lock(mutex_);
    for (auto& [ticket, entry] : entries_) {
      if (!all && entry.group != group) continue;
      // A statement that already timed out keeps that reason: it is what the caller reports.
      if (entry.reason == CancelReason::kNone) entry.reason = CancelReason::kStopped;
      entry.next_cancel = Clock::time_point::min();
    }
  }
  wake_.notify_one();
}

std::vector<SqlConnection*> Watchdog::TakeDue(Clock::time_point now) {
  std::vector<SqlConnection*> due;
  for (auto& [ticket, entry] : entries_) {
    if (entry.reason == CancelReason::kNone && entry.deadline <= now) {
      entry.reason = CancelReason::kTimeout;
      entry.next_cancel = now;
    }
    if (entry.reason == CancelReason::kNone || entry.next_cancel > now) continue;
    entry.cancelling = true;
    entry.next_cancel = now + repeat_;
    due.push_back(entry.connection);
  }
  return due;
}

Watchdog::Clock::time_point Watchdog::NextWake() const {
  Clock::time_point wake = Clock::time_point::max();
  for (const auto& [ticket, entry] : entries_) {
    wake = std::min(wake, entry.reason == CancelReason::kNone ? entry.deadline : entry.next_cancel);
  }
  return wake;
}

void Watchdog::Loop() {
  std::unique_lock lock(mutex_);
  while (!exiting_) {
    std::vector<SqlConnection*> due = TakeDue(Clock::now());
    if (!due.empty()) {
      // Outside the lock: a PostgreSQL cancel request is a round trip to the server.
      lock.unlock();
      for (SqlConnection* connection : due) connection->Cancel();
      lock.lock();
      for (auto& [ticket, entry] : entries_) entry.cancelling = false;
      cancelled_.notify_all();
      continue;
    }
    const Clock::time_point wake = NextWake();
    if (wake == Clock::time_point::max()) {
      wake_.wait(lock);
    } else {
      wake_.wait_until(lock, wake);
    }
  }
}

}  // namespace hm::execute
