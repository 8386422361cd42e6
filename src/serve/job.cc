#include "serve/job.h"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

namespace hm::serve {
namespace {

using nlohmann::ordered_json;

JobStatus StatusFromName(const std::string& name) {
  if (name == "running") return JobStatus::kRunning;
  if (name == "succeeded") return JobStatus::kSucceeded;
  if (name == "failed") return JobStatus::kFailed;
  if (name == "cancelled") return JobStatus::kCancelled;
  return JobStatus::kQueued;
}

ordered_json InputsJson(const std::vector<JobInput>& inputs) {
  ordered_json out = ordered_json::array();
  for (const JobInput& in : inputs) {
    out.push_back({{"role", in.role}, {"path", in.path}, {"name", in.original_name},
                   {"kind", in.kind}, {"size", in.size}});
  }
  return out;
}

std::vector<JobInput> InputsFrom(const ordered_json& list) {
  std::vector<JobInput> inputs;
  for (const ordered_json& in : list) {
    inputs.push_back({in.value("role", ""), in.value("path", ""), in.value("name", ""),
                      in.value("kind", ""), in.value("size", std::uint64_t{0})});
  }
  return inputs;
}

}  // namespace

const char* JobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued: return "queued";
    case JobStatus::kRunning: return "running";
    case JobStatus::kSucceeded: return "succeeded";
    case JobStatus::kFailed: return "failed";
    case JobStatus::kCancelled: return "cancelled";
  }
  return "?";
}

bool IsFinished(JobStatus status) {
  return status == JobStatus::kSucceeded || status == JobStatus::kFailed || status == JobStatus::kCancelled;
}

std::string JobToJson(const Job& job) {
  const JobRequest& r = job.request;
  ordered_json j = {{"job_id", job.id}, {"user", job.owner}, {"status", JobStatusName(job.status)},
                    {"progress", job.progress}, {"phase", job.phase}, {"measure", r.measure},
                    {"my", r.measurement_year}, {"seed", r.seed}, {"auto_reformat", r.auto_reformat},
                    {"skip_attention", r.skip_attention}, {"inputs", InputsJson(r.inputs)},
                    {"created", job.created}, {"started", job.started}, {"finished", job.finished},
                    {"error", job.error}, {"session_id", job.session_id}};
  j["report"] = job.report_json.empty() ? ordered_json(nullptr) : ordered_json::parse(job.report_json, nullptr, false);
  j["outputs"] = job.outputs;
  j["draft"] = job.draft_json.empty() ? ordered_json(nullptr) : ordered_json::parse(job.draft_json, nullptr, false);
  return j.dump();
}

Result<Job> JobFromJson(std::string_view text) {
  const ordered_json j = ordered_json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("job_id") || !j["job_id"].is_string()) {
    return Status::InvalidInput("not a job record");
  }
  try {
    Job job;
    job.id = j["job_id"].get<std::string>();
    job.owner = j.value("user", "");
    job.status = StatusFromName(j.value("status", ""));
    job.progress = j.value("progress", 0);
    job.phase = j.value("phase", "");
    job.request = {j.value("measure", ""), j.value("my", 0), j.value("seed", std::uint64_t{1}),
                   j.value("auto_reformat", false), j.value("skip_attention", false),
                   InputsFrom(j.value("inputs", ordered_json::array()))};
    job.created = j.value("created", "");
    job.started = j.value("started", "");
    job.finished = j.value("finished", "");
    job.error = j.value("error", "");
    job.session_id = j.value("session_id", "");
    if (j.contains("report") && j["report"].is_object()) job.report_json = j["report"].dump();
    job.outputs = j.value("outputs", std::vector<std::string>{});
    if (j.contains("draft") && j["draft"].is_object()) job.draft_json = j["draft"].dump();
    return job;
  } catch (const nlohmann::json::exception& e) {  // a field of the wrong type: a foreign file
    return Status::InvalidInput(std::string("not a job record: ") + e.what());
  }
}

bool IsValidJobId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string NowIso8601() { return Iso8601(std::chrono::system_clock::now()); }

std::string Iso8601(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace hm::serve
