#include "timeline_command.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/abstract.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/sql.h"

namespace hm::cli {
namespace {

struct TimelineOptions {
  std::string profile;
  std::string source;
  std::string cohort;
  std::string patients;
  std::string out;
  int max_concurrent = 5;
  double timeout_seconds = 300;
  int retries = 3;
  std::string strategy = "batched";
  bool json = false;
};

struct DemoOptions {
  std::string out;
  int patients = 30;
  std::uint64_t seed = 1;
  int sleep_ms = 0;
  bool json = false;
};

std::vector<std::string> SplitIds(const std::string& text, char separator) {
  std::vector<std::string> ids;
  std::stringstream in(text);
  for (std::string id; std::getline(in, id, separator);) {
    const std::size_t first = id.find_first_not_of(" \t\r");
    if (first == std::string::npos || id[first] == '#') continue;  // blank or a comment
    id = id.substr(first, id.find_last_not_of(" \t\r") - first + 1);
    ids.push_back(std::move(id));
  }
  return ids;
}

// The cohort: --patients a,b,c or --cohort FILE (one id a line; blank lines and # comments
// skipped), exactly one of them.
Result<std::vector<std::string>> PatientIds(const TimelineOptions& o, Run& run) {
  if (o.cohort.empty() == o.patients.empty()) {
    return Status::InvalidInput("give either --cohort FILE or --patients a,b,c",
                                "--cohort names a file with one patient id a line");
  }
  if (!o.patients.empty()) return SplitIds(o.patients, ',');
  std::ifstream in(o.cohort);
  if (!in) return Status::IoError("cannot read the cohort file").InFile(o.cohort);
  std::stringstream text;
  text << in.rdbuf();
  if (run.session != nullptr) run.session->AddInput("cohort", o.cohort);
  std::vector<std::string> ids = SplitIds(text.str(), '\n');
  if (ids.empty()) return Status::InvalidInput("the cohort file lists no patient").InFile(o.cohort);
  return ids;
}

Result<AbstractOptions> MakeOptions(const TimelineOptions& o) {
  AbstractOptions a;
  const std::optional<AbstractStrategy> strategy = ParseAbstractStrategy(o.strategy);
  if (!strategy) {
    return Status::InvalidInput(fmt::format("--strategy {}: unknown strategy", o.strategy),
                                "use batched or per-patient");
  }
  a.strategy = *strategy;
  a.max_concurrent = o.max_concurrent;
  a.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(o.timeout_seconds * 1000));
  a.retries = o.retries;
  a.progress = AutoProgress();
  return a;
}

// Run-varying facts, kept out of the artifacts so that those stay byte-identical.
std::string RunInfo(const TimelineOptions& o, const Run& run, double seconds) {
  const nlohmann::ordered_json info{
      {"session_id", run.session != nullptr ? run.session->session_id() : ""},
      {"profile", o.profile},
      {"source", MaskConnectionString(o.source)},
      {"strategy", o.strategy},
      {"max_concurrent", o.max_concurrent},
      {"seconds", std::round(seconds * 1000) / 1000}};
  return info.dump(2);
}

// The session's completeness: per source, whether it failed for any patient.
void RecordSources(const CohortSummary& summary, Run& run) {
  for (const auto& [source, failures] : summary.source_failures) {
    if (failures == 0) {
      run.completeness.MarkSuccess(source, summary.patients);
    } else {
      run.completeness.MarkFailure(
          source, Status::IoError(fmt::format("failed for {} patients", failures)).Recoverable(),
          "PHASE_1");
    }
  }
}

void Print(const CohortSummary& s, const TimelineOptions& o, const Run& run, std::size_t files) {
  if (o.json) {
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(CohortSummaryJson(s));
    json["out"] = o.out;
    json["files_written"] = files;
    json["session_id"] = run.session != nullptr ? run.session->session_id() : "";
    fmt::print("{}\n", json.dump());
    return;
  }
  fmt::print("{}: {} patients: {} ok, {} partial, {} fatal; average completeness {:.3f}; {} "
             "events\n",
             s.profile, s.patients, s.ok, s.partial, s.fatal, s.average_phase_1_completeness,
             s.total_events);
  for (const auto& [id, why] : s.fatal_patients) fmt::print("  FATAL {}: {}\n", id, why);
  for (const auto& [source, n] : s.source_failures) {
    if (n > 0) fmt::print("  source {} failed for {} patients\n", source, n);
  }
  fmt::print("wrote {} files to {}\n", files, o.out);
}

Result<int> RunTimeline(const TimelineOptions& o, Run& run) {
  if (o.profile.empty() || o.source.empty() || o.out.empty()) {
    return Status::InvalidInput("timeline needs --profile, --source and --out",
                                "see hedis-mockup timeline --help");
  }
  const auto start = std::chrono::steady_clock::now();
  HM_ASSIGN_OR_RETURN(const TimelineProfile profile, LoadTimelineProfile(o.profile));
  HM_ASSIGN_OR_RETURN(const std::vector<std::string> ids, PatientIds(o, run));
  HM_ASSIGN_OR_RETURN(const AbstractOptions options, MakeOptions(o));
  if (run.session != nullptr) run.session->AddEvent("profile", profile.name);
  HM_ASSIGN_OR_RETURN(const CohortResult cohort, AbstractCohort(profile, o.source, ids, options));
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  HM_ASSIGN_OR_RETURN(const std::vector<std::string> written,
                      WriteTimelineArtifacts(cohort, o.out, RunInfo(o, run, seconds.count())));
  const CohortSummary summary = SummarizeCohort(cohort);
  RecordSources(summary, run);
  if (run.session != nullptr) {
    run.session->AddOutput("summary", o.out + "/cohort_summary.json");
    run.session->SetMembersGenerated(summary.patients);
    run.session->AddEvent("abstraction", fmt::format("{} patients: {} ok, {} partial, {} fatal",
                                                     summary.patients, summary.ok,
                                                     summary.partial, summary.fatal));
  }
  Print(summary, o, run, written.size());
  return summary.fatal + summary.partial > 0 ? kExitFailures : kExitOk;
}

Result<int> RunDemo(const DemoOptions& o, Run& run) {
  DemoWarehouseOptions options{o.patients, o.seed, o.sleep_ms};
  HM_ASSIGN_OR_RETURN(const DemoWarehouseReport report, CreateDemoWarehouse(o.out, options));
  std::int64_t rows = 0;
  for (const auto& [view, n] : report.rows_by_view) rows += n;
  run.completeness.MarkSuccess("demo warehouse", rows);
  if (o.json) {
    const nlohmann::ordered_json json{{"warehouse", MaskConnectionString(o.out)},
                                      {"patients", report.patient_ids.size()},
                                      {"without_evidence", report.without_evidence},
                                      {"rows_by_view", report.rows_by_view}};
    fmt::print("{}\n", json.dump());
    return kExitOk;
  }
  fmt::print("{}: {} patients ({} without diagnostic evidence: {})\n", MaskConnectionString(o.out),
             report.patient_ids.size(), report.without_evidence.size(),
             fmt::join(report.without_evidence, ", "));
  for (const auto& [view, n] : report.rows_by_view) fmt::print("  {:<32}{:>8} rows\n", view, n);
  return kExitOk;
}

void AddDemo(CLI::App* timeline, Command& chosen) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* demo = timeline->add_subcommand(
      "demo-warehouse", "Create a synthetic oncology warehouse (the six views) for the demo");
  demo->add_option("--out", o->out, "sqlite:PATH or postgresql://...")->required();
  demo->add_option("--patients", o->patients, "patients (default 30)")->check(CLI::Range(1, 9999));
  demo->add_option("--seed", o->seed, "seed (default 1)");
  demo->add_option("--sleep-ms", o->sleep_ms,
                   "PostgreSQL: every view sleeps this long per query (default 0)")
      ->check(CLI::Range(0, 600000));
  demo->add_flag("--json", o->json, "print the report as JSON");
  demo->callback([&chosen, o] {
    chosen = {"timeline demo-warehouse", "", true, [o](Run& r) { return RunDemo(*o, r); }};
  });
}

}  // namespace

void AddTimelineCommands(CLI::App& app, Command& chosen) {
  auto o = std::make_shared<TimelineOptions>();
  CLI::App* timeline = app.add_subcommand(
      "timeline", "Abstract patient timelines from a warehouse by a profile (Phase 0 and 1)");
  timeline->require_subcommand(0, 1);
  timeline->add_option("--profile", o->profile, "oncology, hedis, or a profile file");
  timeline->add_option("--source", o->source, "sqlite:PATH or postgresql://...");
  timeline->add_option("--cohort", o->cohort, "a file with one patient id a line");
  timeline->add_option("--patients", o->patients, "patient ids, comma-separated");
  timeline->add_option("--out", o->out, "the output folder");
  timeline->add_option("--max-concurrent", o->max_concurrent, "queries at once (default 5)")
      ->check(CLI::Range(1, 1000));
  timeline->add_option("--timeout", o->timeout_seconds,
                       "seconds per query attempt, 0 for none (default 300)")
      ->check(CLI::Range(0.0, 86400.0));
  timeline->add_option("--retries", o->retries, "retries after transient errors (default 3)")
      ->check(CLI::Range(0, 100));
  timeline->add_option("--strategy", o->strategy, "batched (default) or per-patient");
  timeline->add_flag("--json", o->json, "print the summary as JSON");
  AddDemo(timeline, chosen);
  timeline->callback([&chosen, o, timeline] {
    if (!timeline->get_subcommands().empty()) return;  // demo-warehouse chose itself
    chosen = {"timeline", "", true, [o](Run& r) { return RunTimeline(*o, r); }};
  });
}

}  // namespace hm::cli
