// The executor's timer: one thread that cancels statements on the server when their deadline
// passes, or at once when a run (or the whole executor) is stopped.
//
// A worker arms the watchdog with its connection just before it sends a statement and disarms it
// as soon as the statement returns, before the connection goes back to the pool: after Disarm()
// returns, Cancel() is neither running nor going to run on that connection, so a cancel can never
// hit the next statement of whoever leases the connection next.
//
// A cancel is repeated every `repeat` until the statement is disarmed: a cancel that reaches the
// server before the statement does (armed, then stopped at once) is ignored by PostgreSQL, and
// SQLite clears an interrupt when a statement starts on an idle connection.
//
// Thread-safety: every member may be called from any thread. Cancel() runs on the watchdog's own
// thread, never under its lock, so a slow cancel request delays no one else's Arm or Disarm.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "hedis_mockup/sql.h"

namespace hm::execute {

// Why a watched statement was cancelled.
enum class CancelReason : std::uint8_t {
  kNone,     // it was not
  kTimeout,  // its deadline passed
  kStopped,  // its group (a run) or the whole watchdog was stopped
};

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;
  using Ticket = std::uint64_t;

  // Starts the timer thread. REQUIRES: repeat > 0.
  explicit Watchdog(std::chrono::milliseconds repeat = std::chrono::milliseconds(200));
  // Stops the thread. REQUIRES: nothing is armed.
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Watches the statement about to run on `connection`: Cancel() at `deadline`
  // (Clock::time_point::max(): no deadline), or when Stop(group) or StopAll() is called.
  // REQUIRES: `connection` outlives the matching Disarm().
  Ticket Arm(SqlConnection& connection, Clock::time_point deadline, std::uint64_t group);

  // Stops watching and says whether, and why, the statement was cancelled. Waits for a Cancel()
  // in progress on this connection to return. REQUIRES: `ticket` is armed.
  CancelReason Disarm(Ticket ticket);

  // Cancels every statement armed in `group` now (asynchronously: returns at once).
  void Stop(std::uint64_t group);
  // Cancels every statement armed now.
  void StopAll();

 private:
  struct Entry {
    SqlConnection* connection;
    Clock::time_point deadline;
    std::uint64_t group;
    CancelReason reason = CancelReason::kNone;
    Clock::time_point next_cancel = Clock::time_point::max();  // once reason is set
    bool cancelling = false;  // Cancel() runs now, outside the lock
  };

  void Loop();
  // Marks the entries due at `now` as cancelling and returns their connections. Under mutex_.
  std::vector<SqlConnection*> TakeDue(Clock::time_point now);
  // The earliest time an entry needs the thread. Under mutex_.
  Clock::time_point NextWake() const;
  void StopMatching(bool all, std::uint64_t group);

  const std::chrono::milliseconds repeat_;
  std::mutex mutex_;
  std::condition_variable wake_;       // the thread: new deadline, stop, or exit
  std::condition_variable cancelled_;  // Disarm: a Cancel() in progress returned
  std::map<Ticket, Entry> entries_;    // guarded by mutex_
  Ticket next_ticket_ = 1;             // guarded by mutex_
  bool exiting_ = false;               // guarded by mutex_
  std::thread thread_;                 // last: starts after the members it uses exist
};

}  // namespace hm::execute
