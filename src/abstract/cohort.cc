// AbstractCohort: Phase 0 and Phase 1 for a cohort, in chunks of patients (one patient per chunk
// and several chunks at once for per-patient; many patients per chunk, one chunk at a time, for
// batched, whose parallelism is across the sources of one chunk).
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "abstract/patient_phases.h"
#include "abstract/source_loader.h"
#include "hedis_mockup/executor.h"
#include "hedis_mockup/log.h"

namespace hm {
namespace {

using abstract::PatientRows;

// What every chunk shares.
struct CohortRun {
  const TimelineProfile& profile;
  const abstract::SourceLoader& loader;
  std::vector<const ProfileSource*> evidence;  // Phase 0's sources
  std::vector<const ProfileSource*> rest;      // Phase 1 loads these; evidence rows are reused
};

CohortRun MakeRun(const TimelineProfile& profile, const abstract::SourceLoader& loader) {
  CohortRun run{profile, loader, {}, {}};
  std::set<std::string> evidence;
  for (const EvidenceRule& rule : profile.anchor.evidence) evidence.insert(rule.source);
  for (const ProfileSource& source : profile.sources) {
    (evidence.count(source.name) ? run.evidence : run.rest).push_back(&source);
  }
  return run;
}

// Phase 0 for the chunk, then Phase 1 for its anchored patients.
Status RunChunk(const CohortRun& run, std::span<const std::string> ids,
                std::span<PatientTimeline> out) {
  log::ScopedContext context;
  if (ids.size() == 1) context.Patient(ids.front());
  context.Phase("PHASE_0");
  HM_ASSIGN_OR_RETURN(std::vector<PatientRows> rows, run.loader.Load(run.evidence, ids));
  std::vector<std::string> anchored_ids;
  std::vector<std::size_t> anchored;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out[i].patient_id = ids[i];
    abstract::RunPhase0(run.profile, run.evidence, rows[i], out[i]);
    if (out[i].outcome != PatientOutcome::kFatal) {
      anchored.push_back(i);
      anchored_ids.push_back(ids[i]);
    }
  }
  if (anchored.empty()) return Status::Ok();
  context.Phase("PHASE_1");
  HM_ASSIGN_OR_RETURN(std::vector<PatientRows> more, run.loader.Load(run.rest, anchored_ids));
  for (std::size_t k = 0; k < anchored.size(); ++k) {
    PatientRows& patient = rows[anchored[k]];
    for (auto& [name, source_rows] : more[k]) patient[name] = std::move(source_rows);
    abstract::RunPhase1(run.profile, patient, out[anchored[k]]);
  }
  return Status::Ok();
}

// Runs the chunks on `threads` threads; the first error stops the others (and cancels what the
// executor is running) and is returned.
Status RunChunks(const CohortRun& run, QueryExecutor& executor, std::span<const std::string> ids,
                 std::span<PatientTimeline> out, std::size_t chunk, int threads,
                 Progress& progress) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::optional<Status> failure;
  auto work = [&] {
    for (std::size_t start = next.fetch_add(chunk); start < ids.size();
         start = next.fetch_add(chunk)) {
      const std::size_t n = std::min(chunk, ids.size() - start);
      Status status = RunChunk(run, ids.subspan(start, n), out.subspan(start, n));
      if (!status.ok()) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::move(status);
        next = ids.size();
        executor.CancelAll();
        return;
      }
      progress.Advance(static_cast<std::int64_t>(n));
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(log::Bind(work));
  for (std::thread& worker : workers) worker.join();
  return failure ? *std::move(failure) : Status::Ok();
}

Status CheckOptions(const AbstractOptions& o, std::span<const std::string> ids) {
  if (o.max_concurrent < 1 || o.retries < 0 || o.batch_size < 1 || o.timeout.count() < 0) {
    return Status::InvalidInput("impossible abstraction options",
                                "--max-concurrent >= 1, --retries >= 0, --timeout >= 0");
  }
  if (ids.empty()) return Status::InvalidInput("no patient ids", "give --patients or --cohort");
  for (const std::string& id : ids) {
    if (id.empty()) return Status::InvalidInput("an empty patient id", "remove the empty entry");
  }
  return Status::Ok();
}

// Opens one connection now, so that an unreachable server is one clear error before any work
// (the executor would retry it query by query), and asks it how this backend writes "in list".
Result<std::string> Probe(const TimelineProfile& profile, const std::string& source) {
  HM_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> connection, OpenSql(source));
  return connection->InListPredicate(profile.patient_key, 1);
}

}  // namespace

Result<CohortResult> AbstractCohort(const TimelineProfile& profile, const std::string& source,
                                    std::span<const std::string> patient_ids,
                                    const AbstractOptions& options) {
  HM_RETURN_IF_ERROR(CheckOptions(options, patient_ids));
  log::ScopedContext context;
  context.Profile(profile.name);
  HM_ASSIGN_OR_RETURN(std::string in_list, Probe(profile, source));
  ExecutorOptions executor_options;
  executor_options.max_concurrent = options.max_concurrent;
  executor_options.timeout = options.timeout;
  executor_options.retries = options.retries;
  HM_ASSIGN_OR_RETURN(std::unique_ptr<QueryExecutor> executor,
                      QueryExecutor::Create(source, executor_options));
  const abstract::SourceLoader loader(profile, *executor, options.strategy, std::move(in_list));
  const CohortRun run = MakeRun(profile, loader);

  std::set<std::string> distinct(patient_ids.begin(), patient_ids.end());
  const std::vector<std::string> ids(distinct.begin(), distinct.end());
  CohortResult cohort{profile.name, {}, std::vector<PatientTimeline>(ids.size())};
  for (const ProfileSource& s : profile.sources) cohort.sources.push_back(s.name);
  const bool batched = options.strategy == AbstractStrategy::kBatched;
  Progress progress("Abstracting patient timelines", static_cast<std::int64_t>(ids.size()),
                    options.progress);
  HM_RETURN_IF_ERROR(RunChunks(run, *executor, ids, cohort.patients,
                               batched ? options.batch_size : 1,
                               batched ? 1 : options.max_concurrent, progress));
  return cohort;
}

}  // namespace hm
