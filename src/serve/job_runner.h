// Runs one job: the same core calls as `hedis-mockup generate` (load the VSD, read the workbook,
// compile the measure, GenerateMockup), in the job's own folder, as a session of the audit log,
// with progress fed to the job record for the status endpoint and the event stream.
//
// Thread-safety: RunJob may run on several threads at once for different jobs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hedis_mockup/audit.h"
#include "serve/cancellations.h"
#include "serve/job_store.h"

namespace hm::serve {

struct RunnerConfig {
  std::shared_ptr<JobStore> store;
  std::optional<audit::AuditLog> audit;  // none: jobs run unaudited (logged as a warning)
  std::vector<std::string> default_vsd;  // when the job uploaded none
  std::string vsd_cache_dir;             // empty: the default
  std::shared_ptr<Cancellations> cancellations;  // none: jobs cannot be cancelled
};

// Runs job `id` to succeeded, failed or cancelled and records the outcome; never throws. A job
// already finished (failed by a shutdown that stopped waiting for it) keeps that outcome.
//
// Cancellation is cooperative: checked before the job starts, between its phases and once per
// generated member (GenerateOptions::cancelled). A cancelled job's output/ is emptied, whatever
// had been written, so a cancel never leaves part of a run to download.
void RunJob(const RunnerConfig& config, const std::string& id);

// Records job `id`, cancelled by `by` while it waited in the queue: status cancelled, and an audit
// session saying so (every job is a session, even one that never ran).
void RecordCancelledBeforeStart(const RunnerConfig& config, const std::string& id, const std::string& by);

}  // namespace hm::serve
