// The one place that decides what an error means for the work at hand (the "handle_error" of the
// source system). Given an error, it logs it with the current log context (session, measure,
// member or patient, phase), records it in the completeness tracker, and answers one question:
// may the current unit of work go on?
//
//   - fatal (the default severity of a Status): no. The caller stops this unit of work (the run,
//     or one patient of a cohort) and reports the error, which says what happened, where, and
//     what to do.
//   - recoverable (Status::Recoverable()): yes. The error is on record; the artifact's
//     completeness metadata shows what is missing.
//
// Thread-safety: Handle() may be called from any number of threads (the tracker is thread-safe
// and the counters are atomic).
#pragma once

#include <atomic>
#include <string_view>

#include "hedis_mockup/completeness.h"
#include "hedis_mockup/status.h"

namespace hm {

class ErrorPolicy {
 public:
  // `tracker` must outlive the policy.
  explicit ErrorPolicy(CompletenessTracker& tracker) : tracker_(tracker) {}

  // Logs and records `error`; returns true if work may continue, false if it must stop.
  // `source` names the data source that failed (marked failed in the tracker), or is empty for
  // an error of the work itself. The phase is the log context's. REQUIRES: !error.ok().
  [[nodiscard]] bool Handle(const Status& error, std::string_view source = {});

  int fatal_count() const { return fatal_.load(); }
  int recoverable_count() const { return recoverable_.load(); }

 private:
  CompletenessTracker& tracker_;
  std::atomic<int> fatal_{0};
  std::atomic<int> recoverable_{0};
};

}  // namespace hm
