#include "serve/job_runner.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/log.h"
#include "hedis_mockup/measure.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// What a running job needs at hand.
struct JobRun {
  const RunnerConfig& config;
  const Job& job;
  const std::string dir;  // the job folder
  audit::Session* session = nullptr;
};

// Maps a core task's own progress onto a slice [lo, hi] of the job's 0-100 bar; the bar never
// goes back when a later task starts counting from zero.
ProgressCallback ProgressSlice(const JobRun& run, int lo, int hi, std::string phase) {
  auto store = run.config.store;
  return [store, id = run.job.id, lo, hi, phase](const ProgressEvent& e) {
    const double share = e.total > 0 ? static_cast<double>(e.done) / static_cast<double>(e.total) : 0.0;
    const int value = lo + static_cast<int>((hi - lo) * std::clamp(share, 0.0, 1.0));
    store->Update(id, [&](Job& job) {
      job.progress = std::max(job.progress, value);
      job.phase = e.task.empty() ? phase : phase + ": " + e.task;
    }, false);
  };
}

void EnterPhase(const JobRun& run, int progress, const std::string& phase) {
  run.config.store->Update(run.job.id, [&](Job& job) {
    job.progress = std::max(job.progress, progress);
    job.phase = phase;
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

Result<GenerateReport> Generate(const JobRun& run, const ValueSetDirectory& vsd, const TestCaseBook& book) {
  const JobRequest& r = run.job.request;
  HM_ASSIGN_OR_RETURN(std::string text, ShippedMeasureText(r.measure));
  HM_ASSIGN_OR_RETURN(CompiledMeasure measure,
                      CompiledMeasure::FromText(text, fmt::format("measures/{}.yaml", r.measure), vsd, r.measurement_year));
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
  g.progress = ProgressSlice(run, 22, 98, "Generating");
  EnterPhase(run, 22, "Generating");
  return GenerateMockup(book, measure, vsd, g);
}

// The whole job; the caller records the outcome.
Status Execute(const JobRun& run) {
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd, LoadJobVsd(run));
  const std::string testcases = InputPath(run, "testcases");
  if (run.session != nullptr) {
    run.session->AddInput("testcase", testcases);  // the role that fills testcase_file
    if (std::string spec = InputPath(run, "spec"); !spec.empty()) run.session->AddInput("spec", spec);
  }
  EnterPhase(run, 15, "Reading the test cases");
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(testcases, {run.job.request.measurement_year, &vsd}));
  if (run.session != nullptr) run.session->AddEvent("parsing", SummaryText(book.summary, book.measurement_year));
  HM_ASSIGN_OR_RETURN(GenerateReport report, Generate(run, vsd, book));
  std::vector<std::string> names;
  const fs::path out_dir = fs::path(run.dir) / "output";
  for (const auto& entry : fs::directory_iterator(out_dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  if (run.session != nullptr) {
    for (const std::string& n : names) run.session->AddOutput("mockup", (out_dir / n).string());
    run.session->SetMembersGenerated(static_cast<std::int64_t>(report.members));
    run.session->AddEvent("generation", fmt::format("{}: {} members, quality {} errors / {} warnings", report.measure,
                                                    report.members, report.quality_errors, report.quality_warnings));
  }
  run.config.store->Update(run.job.id, [&](Job& job) {
    job.report_json = PublicReport(report, names);
    job.outputs = names;
  }, false);
  return Status::Ok();
}

// Messages name the job's files by their place in the job folder, not the server's path.
std::string WithoutDir(std::string message, const std::string& dir) {
  const std::string prefix = dir + "/";
  for (std::size_t at; (at = message.find(prefix)) != std::string::npos;) message.erase(at, prefix.size());
  return message;
}

std::optional<audit::Session> BeginSession(const RunnerConfig& config, const Job& job) {
  if (!config.audit) return std::nullopt;
  auto begun = audit::Session::Begin(*config.audit, "generate", job.request.measure);
  if (!begun.ok()) {
    log::Warn("job {} runs unaudited: {}", job.id, begun.status().ToString());
    return std::nullopt;
  }
  // The session is the signed-in user's; the event also names the job.
  begun->SetUser(job.owner);
  begun->AddEvent("web_job", fmt::format("job {} submitted by {}", job.id, job.owner),
                  nlohmann::json{{"job_id", job.id}, {"web_user", job.owner}}.dump());
  return std::move(begun).value();
}

}  // namespace

void RunJob(const RunnerConfig& config, const std::string& id) {
  const std::optional<Job> job = config.store->Get(id);
  if (!job || IsFinished(job->status)) return;
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
  const JobRun run{config, *job, config.store->JobDir(id), session ? &*session : nullptr};
  Status outcome;
  try {
    outcome = Execute(run);
  } catch (const std::exception& e) {  // a bug in the core must fail this job, not the server
    outcome = Status::Internal(e.what());
  }
  if (session) {
    if (Status s = session->Finish(outcome); !s.ok()) log::Warn("job {}: {}", id, s.ToString());
  }
  log::Info("job {} {}", id, outcome.ok() ? "succeeded" : "failed");
  config.store->Update(id, [&](Job& j) {
    if (IsFinished(j.status)) return;  // failed by a shutdown that stopped waiting
    j.status = outcome.ok() ? JobStatus::kSucceeded : JobStatus::kFailed;
    j.progress = outcome.ok() ? 100 : j.progress;
    j.phase = outcome.ok() ? "Done" : "Failed";
    j.error = outcome.ok() ? "" : WithoutDir(outcome.ToString(), run.dir);
    j.finished = NowIso8601();
  });
}

}  // namespace hm::serve
