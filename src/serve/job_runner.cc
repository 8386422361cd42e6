#include "serve/job_runner.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/draft.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/measure.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "util/files.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// What a running job needs at hand.
struct JobRun {
  const RunnerConfig& config;
  const Job& job;
  const std::string dir;  // the job folder
  audit::Session* session = nullptr;
  std::function<bool()> cancelled;  // polled between phases and by GenerateMockup
};

// The error that unwinds a cancelled job; RunJob replaces it with who cancelled it.
Status CheckCancelled(const JobRun& run) {
  return run.cancelled && run.cancelled() ? Status::LimitExceeded("cancelled") : Status::Ok();
}

// Maps a core task's own progress onto a slice [lo, hi] of the job's 0-100 bar; the bar never
// goes back when a later task starts counting from zero.
ProgressCallback ProgressSlice(const JobRun& run, int lo, int hi, std::string phase) {
  auto store = run.config.store;
  return [store, id = run.job.id, lo, hi, phase](const ProgressEvent& e) {
    const double share = e.total > 0 ? static_cast<double>(e.done) / static_cast<double>(e.total) : 0.0;
    const int value = lo + static_cast<int>((hi - lo) * std::clamp(share, 0.0, 1.0));
    store->Update(id, [&](Job& job) {
      job.progress = std::max(job.progress, value);
      if (job.phase != kCancellingPhase) job.phase = e.task.empty() ? phase : phase + ": " + e.task;
    }, false);
  };
}

void EnterPhase(const JobRun& run, int progress, const std::string& phase) {
  run.config.store->Update(run.job.id, [&](Job& job) {
    job.progress = std::max(job.progress, progress);
    if (job.phase != kCancellingPhase) job.phase = phase;  // the page hides Cancel while it shows
  }, false);
}

std::vector<std::string> VsdPaths(const JobRun& run) {
  std::vector<std::string> paths;
  bool csv_folder = false;
  for (const JobInput& in : run.job.request.inputs) {
    if (in.role != "vsd") continue;
    if (in.kind == "csv") {
      csv_folder = true;  // every CSV sheet of the VSD goes into input/vsd/, read as one folder
    } else {
      paths.push_back((fs::path(run.dir) / in.path).string());
    }
  }
  if (csv_folder) paths.push_back((fs::path(run.dir) / "input" / "vsd").string());
  return paths.empty() ? run.config.default_vsd : paths;
}

Result<ValueSetDirectory> LoadJobVsd(const JobRun& run) {
  const std::vector<std::string> paths = VsdPaths(run);
  if (paths.empty()) {
    return Status::InvalidInput("no Value Set Directory", "upload the VSD with the test cases (the server has no default VSD)");
  }
  if (run.session != nullptr) {
    for (const std::string& p : paths) run.session->AddInput("vsd", p);
  }
  EnterPhase(run, 2, "Loading the VSD");
  VsdLoadOptions load;
  load.cache_dir = run.config.vsd_cache_dir;
  load.progress = ProgressSlice(run, 2, 15, "Loading the VSD");
  return ValueSetDirectory::Load(paths, load);
}

std::string InputPath(const JobRun& run, const std::string& role) {
  for (const JobInput& in : run.job.request.inputs) {
    if (in.role == role) return (fs::path(run.dir) / in.path).string();
  }
  return "";
}

// The report as the API shows it: output file names, never server paths.
std::string PublicReport(const GenerateReport& report, const std::vector<std::string>& names) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(ToJson(report));
  j["outputs"] = names;
  return j.dump();
}

// The measure: the job's copy of an uploaded file (named in messages by the user's file name, as
// its check at upload did), or a shipped one.
Result<CompiledMeasure> CompileMeasure(const JobRun& run, const ValueSetDirectory& vsd) {
  const JobRequest& r = run.job.request;
  for (const JobInput& in : r.inputs) {
    if (in.role != "measure") continue;
    const std::string path = (fs::path(run.dir) / in.path).string();
    if (run.session != nullptr) run.session->AddInput("measure", path);
    HM_ASSIGN_OR_RETURN(std::string text, util::ReadFile(path));
    return CompiledMeasure::FromText(text, in.original_name.empty() ? in.path : in.original_name, vsd,
                                     r.measurement_year);
  }
  HM_ASSIGN_OR_RETURN(std::string text, ShippedMeasureText(r.measure));
  return CompiledMeasure::FromText(text, fmt::format("measures/{}.yaml", r.measure), vsd, r.measurement_year);
}

// Generation's slice of the bar ends at `progress_end` (what follows has the rest).
Result<GenerateReport> Generate(const JobRun& run, const ValueSetDirectory& vsd, const TestCaseBook& book,
                                int progress_end) {
  const JobRequest& r = run.job.request;
  HM_ASSIGN_OR_RETURN(CompiledMeasure measure, CompileMeasure(run, vsd));
  const std::string out_dir = (fs::path(run.dir) / "output").string();
  if (r.auto_reformat) {
    EnterPhase(run, 20, "Writing the standard layout");
    const std::string path = (fs::path(out_dir) / fmt::format("{}_MY{}_TestCases_Standard.xlsx", measure.id(), r.measurement_year)).string();
    HM_RETURN_IF_ERROR(WriteStandardLayout(book, path));
  }
  GenerateOptions g;
  g.measurement_year = r.measurement_year;
  g.seed = r.seed;
  g.out_dir = out_dir;
  g.skip_attention = r.skip_attention;
  for (const JobInput& in : r.inputs) g.run_info.emplace_back(in.role, in.original_name);
  g.run_info.emplace_back("user", run.job.owner);
  g.progress = ProgressSlice(run, 22, progress_end, "Generating");
  g.cancelled = run.cancelled;
  HM_RETURN_IF_ERROR(CheckCancelled(run));
  EnterPhase(run, 22, "Generating");
  return GenerateMockup(book, measure, vsd, g);
}

// Messages name the job's files by their place in the job folder, not the server's path.
std::string WithoutDir(std::string message, const std::string& dir) {
  const std::string prefix = dir + "/";
  for (std::size_t at; (at = message.find(prefix)) != std::string::npos;) message.erase(at, prefix.size());
  return message;
}

const JobInput* FindInput(const JobRun& run, const std::string& role) {
  for (const JobInput& in : run.job.request.inputs) {
    if (in.role == role) return &in;
  }
  return nullptr;
}

// The measure drafted from the spec PDF into output/<M>_MY<yyyy>_Draft.yaml, for review only: the
// job ran with its own measure, whatever the draft says. Never fails the job: a PDF the drafter
// cannot read, a spec without the measure's section or a write that fails is the draft's "error"
// (and a warning in the log and an event of the session).
struct SpecDraft {
  std::string json;  // the draft object (Job::draft_json)
  std::string file;  // the name written in output/; empty if none was
};
SpecDraft DraftFromSpec(const JobRun& run, const JobInput& spec, const ValueSetDirectory& vsd) {
  const JobRequest& r = run.job.request;
  const std::string file = fmt::format("{}_MY{}_Draft.yaml", r.measure, r.measurement_year);
  const std::string path = (fs::path(run.dir) / "output" / file).string();
  DraftOptions options;
  options.measure = r.measure;
  options.vsd = &vsd;  // the job's VSD, or the server's default: the one the job ran with
  options.measurement_year = r.measurement_year;
  options.source_name = spec.original_name.empty() ? spec.path : spec.original_name;
  options.draft_name = file;
  Status status;
  nlohmann::ordered_json j;
  Result<Draft> draft = Status::Internal("not drafted");
  try {  // a bug in the drafter must not fail a job that already ran
    draft = DraftMeasureFromPdf((fs::path(run.dir) / spec.path).string(), options);
  } catch (const std::exception& e) {
    draft = Status::Internal(std::string("the drafter failed: ") + e.what());
  }
  if (draft.ok()) status = WriteDraft(*draft, path);
  if (draft.ok() && status.ok()) {
    j = {{"file", file}, {"loads", draft->load_status.ok()}, {"review", draft->review.size()}};
    if (!draft->load_status.ok()) j["load_error"] = WithoutDir(draft->load_status.ToString(), run.dir);
    if (run.session != nullptr) {
      run.session->AddEvent("draft", fmt::format("{} drafted from the spec ({} pages): {}, {} items to review",
                                                 draft->measure, draft->pages,
                                                 draft->load_status.ok() ? "loads" : "does not load",
                                                 draft->review.size()),
                            j.dump());
    }
    return {j.dump(), file};
  }
  if (!draft.ok()) status = draft.status();
  const std::string error = WithoutDir(status.ToString(), run.dir);
  j = {{"file", nullptr}, {"loads", false}, {"review", 0}, {"error", error}};
  log::Warn("job {}: the measure could not be drafted from the spec: {}", run.job.id, error);
  if (run.session != nullptr) {
    run.session->AddEvent("draft", "warning: the measure could not be drafted from the spec: " + error, j.dump());
  }
  return {j.dump(), ""};
}

// The whole job; the caller records the outcome.
Status Execute(const JobRun& run) {
  HM_RETURN_IF_ERROR(CheckCancelled(run));
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd, LoadJobVsd(run));
  HM_RETURN_IF_ERROR(CheckCancelled(run));
  const std::string testcases = InputPath(run, "testcases");
  if (run.session != nullptr) {
    run.session->AddInput("testcase", testcases);  // the role that fills testcase_file
    if (std::string spec = InputPath(run, "spec"); !spec.empty()) run.session->AddInput("spec", spec);
  }
  EnterPhase(run, 15, "Reading the test cases");
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(testcases, {run.job.request.measurement_year, &vsd}));
  if (run.session != nullptr) run.session->AddEvent("parsing", SummaryText(book.summary, book.measurement_year));
  HM_RETURN_IF_ERROR(CheckCancelled(run));
  const JobInput* spec = FindInput(run, "spec");
  HM_ASSIGN_OR_RETURN(GenerateReport report, Generate(run, vsd, book, spec != nullptr ? 95 : 98));
  if (run.session != nullptr) {
    run.session->SetMembersGenerated(static_cast<std::int64_t>(report.members));
    run.session->AddEvent("generation", fmt::format("{}: {} members, quality {} errors / {} warnings", report.measure,
                                                    report.members, report.quality_errors, report.quality_warnings));
  }
  SpecDraft draft;
  if (spec != nullptr) {
    HM_RETURN_IF_ERROR(CheckCancelled(run));
    EnterPhase(run, 95, "Drafting the measure from the spec");
    draft = DraftFromSpec(run, *spec, vsd);
  }
  std::vector<std::string> names;
  const fs::path out_dir = fs::path(run.dir) / "output";
  for (const auto& entry : fs::directory_iterator(out_dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  if (run.session != nullptr) {
    for (const std::string& n : names) {
      if (n != draft.file) run.session->AddOutput("mockup", (out_dir / n).string());
    }
    // After the mockup's files: the session's first output (output_file) stays the mockup's.
    if (!draft.file.empty()) run.session->AddOutput("draft", (out_dir / draft.file).string());
  }
  run.config.store->Update(run.job.id, [&](Job& job) {
    job.report_json = PublicReport(report, names);
    job.outputs = names;
    job.draft_json = draft.json;
  }, false);
  return Status::Ok();
}

std::optional<audit::Session> BeginSession(const RunnerConfig& config, const Job& job) {
  if (!config.audit) return std::nullopt;
  auto begun = audit::Session::Begin(*config.audit, "generate", job.request.measure);
  if (!begun.ok()) {
    log::Warn("job {} runs unaudited: {}", job.id, begun.status().ToString());
    return std::nullopt;
  }
  // The session is the signed-in user's; the event also names the job, its web user (the
  // history's ownership test) and the workbook's name as the user knows it (the session's
  // testcase_file is the stored name, input/testcases.xlsx).
  begun->SetUser(job.owner);
  nlohmann::json details = {{"job_id", job.id}, {"web_user", job.owner}};
  for (const JobInput& in : job.request.inputs) {
    if (in.role == "testcases") details["testcase_name"] = in.original_name;
  }
  begun->AddEvent("web_job", fmt::format("job {} submitted by {}", job.id, job.owner), details.dump());
  return std::move(begun).value();
}

// Empties output/: a cancelled job keeps nothing it wrote (the core's own outputs are already
// whole-or-absent; this also removes what earlier phases wrote, such as the standard layout).
void RemoveOutputs(const std::string& dir) {
  std::error_code ec;
  const fs::path out = fs::path(dir) / "output";
  for (const auto& entry : fs::directory_iterator(out, ec)) fs::remove_all(entry.path(), ec);
}

void MarkCancelled(JobStore& store, const std::string& id, const std::string& by) {
  store.Update(id, [&](Job& j) {
    if (IsFinished(j.status)) return;
    j.status = JobStatus::kCancelled;
    j.phase = "Cancelled";
    j.error = "cancelled by " + by;
    j.report_json.clear();
    j.outputs.clear();
    j.draft_json.clear();
    j.finished = NowIso8601();
  });
}

}  // namespace

void RunJob(const RunnerConfig& config, const std::string& id) {
  const std::optional<Job> job = config.store->Get(id);
  if (!job || IsFinished(job->status)) {
    if (config.cancellations) config.cancellations->Forget(id);
    return;
  }
  std::optional<audit::Session> session = BeginSession(config, *job);
  log::ScopedContext context;
  context.Measure(job->request.measure).Phase("WEB_JOB");
  if (session) context.Session(session->session_id());
  config.store->Update(id, [&](Job& j) {
    j.status = JobStatus::kRunning;
    j.started = NowIso8601();
    j.progress = 1;
    j.phase = "Starting";
    if (session) j.session_id = session->session_id();
  });
  const JobRun run{config, *job, config.store->JobDir(id), session ? &*session : nullptr,
                   config.cancellations ? config.cancellations->Poller(id) : std::function<bool()>()};
  Status outcome;
  try {
    outcome = Execute(run);
  } catch (const std::exception& e) {  // a bug in the core must fail this job, not the server
    outcome = Status::Internal(e.what());
  }
  // A cancel that arrived at any point, even after the last check, wins: the user asked for it and
  // was told it would be done.
  const std::string cancelled_by = config.cancellations ? config.cancellations->RequestedBy(id) : "";
  if (!cancelled_by.empty()) {
    RemoveOutputs(run.dir);
    outcome = Status::LimitExceeded("cancelled by " + cancelled_by);
    if (session) session->AddEvent("cancelled", outcome.message(), nlohmann::json{{"by", cancelled_by}}.dump());
  }
  if (session) {
    if (Status s = session->Finish(outcome); !s.ok()) log::Warn("job {}: {}", id, s.ToString());
  }
  if (config.cancellations) config.cancellations->Forget(id);
  log::Info("job {} {}", id, !cancelled_by.empty() ? "cancelled" : outcome.ok() ? "succeeded" : "failed");
  if (!cancelled_by.empty()) return MarkCancelled(*config.store, id, cancelled_by);
  config.store->Update(id, [&](Job& j) {
    if (IsFinished(j.status)) return;  // failed by a shutdown that stopped waiting
    j.status = outcome.ok() ? JobStatus::kSucceeded : JobStatus::kFailed;
    j.progress = outcome.ok() ? 100 : j.progress;
    j.phase = outcome.ok() ? "Done" : "Failed";
    j.error = outcome.ok() ? "" : WithoutDir(outcome.ToString(), run.dir);
    j.finished = NowIso8601();
  });
}

void RecordCancelledBeforeStart(const RunnerConfig& config, const std::string& id, const std::string& by) {
  const std::optional<Job> job = config.store->Get(id);
  if (config.cancellations) config.cancellations->Forget(id);
  if (!job || IsFinished(job->status)) return;
  if (std::optional<audit::Session> session = BeginSession(config, *job)) {
    const Status outcome = Status::LimitExceeded(fmt::format("cancelled by {} before it started", by));
    session->AddEvent("cancelled", outcome.message(), nlohmann::json{{"by", by}}.dump());
    if (Status s = session->Finish(outcome); !s.ok()) log::Warn("job {}: {}", id, s.ToString());
    config.store->Update(id, [&](Job& j) { j.session_id = session->session_id(); }, false);
  }
  log::Info("job {} cancelled before it started", id);
  MarkCancelled(*config.store, id, by);
}

}  // namespace hm::serve
