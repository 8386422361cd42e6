// One job of the web application: what the user asked for, where it stands, and what it made.
// Persisted as DATA/jobs/<id>/job.json at every change of status, so a restart keeps the list and
// downloads (and marks the jobs it interrupted failed).
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::serve {

enum class JobStatus : std::uint8_t { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
// "queued", "running", "succeeded", "failed", "cancelled".
const char* JobStatusName(JobStatus status);
bool IsFinished(JobStatus status);

// An uploaded file, saved under a fixed name chosen by the server.
struct JobInput {
  std::string role;           // "testcases", "vsd", "spec", "measure" (an uploaded measure file)
  std::string path;           // relative to the job folder: "input/testcases.xlsx"
  std::string original_name;  // the client's name, sanitized; metadata only, never a path
  std::string kind;           // "xlsx", "csv", "pdf" (by content), "yaml" (a measure)
  std::uint64_t size = 0;
};

struct JobRequest {
  // A shipped measure id, upper case; or the id of the user's uploaded measure, whose copy is the
  // input of role "measure" (so the job keeps the file it ran with, whatever is uploaded later).
  std::string measure;
  int measurement_year = 0;
  std::uint64_t seed = 1;
  bool auto_reformat = false;   // also write the workbook in the standard layout
  bool skip_attention = false;  // generate the understood rows, list the others
  std::vector<JobInput> inputs;
};

struct Job {
  std::string id;     // 32 hex digits
  std::string owner;  // the signed-in user who submitted it
  JobRequest request;
  JobStatus status = JobStatus::kQueued;
  int progress = 0;    // 0-100, never decreasing
  std::string phase;   // what is being done, as a person reads it
  std::string error;   // why it failed, or who cancelled it
  std::string session_id;  // its session in the audit log
  std::string created, started, finished;  // ISO 8601 UTC
  // GenerateMockup's report (ToJson) with "outputs" as file names: parse, quality, validation.
  std::string report_json;
  std::vector<std::string> outputs;  // file names in output/, downloadable
  // The measure drafted from the spec PDF, for review only (never the measure the job ran), as a
  // JSON object: {"file","loads","review"} and, when drafting failed, "error" (the job still
  // succeeds). Empty when the job has no spec or has not got that far.
  std::string draft_json;
};

// The phase of a running job asked to stop (POST /api/jobs/{id}/cancel); progress keeps it.
inline constexpr std::string_view kCancellingPhase = "Cancelling";

// The API's and job.json's form: {"job_id","user","status","progress","phase","measure","my",
// "seed","auto_reformat","skip_attention","inputs":[...],"created","started","finished","error",
// "session_id","report":{...}|null,"outputs":[...],"draft":{...}|null}.
std::string JobToJson(const Job& job);
// Reads job.json. kInvalidInput if it is not a job.
Result<Job> JobFromJson(std::string_view text);

// True for 32 lower-case hex digits: checked before an id from a URL touches the file system.
bool IsValidJobId(std::string_view id);

// The time now as ISO 8601 UTC to the second: "2026-02-07T17:45:30Z".
std::string NowIso8601();
// `when` in the same form. Strings of this form order as their times do.
std::string Iso8601(std::chrono::system_clock::time_point when);

}  // namespace hm::serve
