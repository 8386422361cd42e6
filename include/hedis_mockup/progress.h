// Progress of long work (loading a large VSD, generating members, querying views), reported as
// events to a callback rather than printed from deep inside the core: the CLI renders them as a
// bar on a terminal or as periodic log lines, and the web application forwards them to the page.
//
//   Progress progress("Reading Value Sets to Codes", rows, sink);  // sink: AutoProgress() or other
//   for (...) { ...; progress.Advance(); }                          // cheap; events are throttled
//                                                                   // finishes at scope end
//
// Thread-safety: Progress::Advance and Finish may be called from any number of threads; the sink
// is never called concurrently by one Progress, and events reach it in order. Renderers are
// thread-safe, but a terminal bar shows one task at a time: work split across threads should share
// one Progress rather than run one per thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

namespace hm {

struct ProgressEvent {
  std::string task;            // what is being done, as a person reads it
  std::int64_t done = 0;       // units done so far
  std::int64_t total = 0;      // units in all; 0: unknown
  double elapsed_seconds = 0;  // since the Progress was created
  double rate_per_second = 0;  // done / elapsed_seconds: the average since the start
  bool finished = false;       // the last event of this task
};

// Receives events. It runs on whichever thread called Advance or Finish, so it must be quick and
// must not throw (Finish runs from a destructor).
using ProgressCallback = std::function<void(const ProgressEvent&)>;

struct ProgressOptions {
  // At most one event per interval, plus the finish event. Default 100 ms: a bar redrawn ten
  // times a second looks live, and the sink costs nothing measurable against the work.
  std::chrono::milliseconds interval{100};
  // The clock; tests pass a fake one. Default (empty): std::chrono::steady_clock::now.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

// Counts units of one task and reports to a sink. Events are throttled with a steady clock: the
// first one comes an interval after creation (tasks shorter than that report only their finish).
class Progress {
 public:
  // `total` 0 means unknown. A null `sink` makes every call a no-op.
  Progress(std::string task, std::int64_t total, ProgressCallback sink,
           ProgressOptions options = {});
  // Finishes, if Finish() was not called.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Adds `n` units (an atomic add and a clock read), and sends an event if the interval since the
  // last one has passed. Ignored after Finish().
  void Advance(std::int64_t n = 1);
  // Sends the final event (finished = true). Later calls do nothing.
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point Now() const;
  // Calls the sink under emit_mutex_; a non-final event is dropped once Finish() has begun.
  void Emit(bool finished);

  const std::string task_;
  const std::int64_t total_;
  const ProgressCallback sink_;
  const ProgressOptions options_;
  const Clock::time_point start_;
  std::atomic<std::int64_t> done_{0};
  std::atomic<std::int64_t> next_event_ns_;  // since start_: when the next event is due
  std::atomic<bool> finished_{false};
  std::mutex emit_mutex_;
};

// Renderers: sinks for people.

// A one-line bar on `out`, redrawn in place with '\r', ended with a newline on finish:
//   Reading Value Sets to Codes [##########..........] 75,000/150,000 (50%) 98,000/s
// (with an unknown total: the count and the rate, no bar). When `out` is stderr, log lines
// written meanwhile clear the bar first and the next event redraws it, so the two never mix.
// REQUIRES: `out` outlives the callback.
ProgressCallback TerminalProgress(std::FILE* out);

// A log::Info line per task at most every `every_seconds` (by the events' elapsed time), and one
// when the task finishes: "Reading Value Sets to Codes: 75,000/150,000 (50%), 98,000/s".
ProgressCallback LogProgress(double every_seconds = 5);

// What a command line wants: TerminalProgress(stderr) when stderr is a terminal and log lines go
// there as text; LogProgress() otherwise (a file, a pipe, JSON lines); nothing (a null callback)
// when info lines are filtered out (-q). Decided when called: call it after log::Configure.
ProgressCallback AutoProgress();

}  // namespace hm
