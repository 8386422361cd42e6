// Jobs: POST /api/jobs (submit), GET /api/jobs (list), GET /api/jobs/{id} (status).
#include <filesystem>

#include <fmt/format.h>

#include "hedis_mockup/log.h"
#include "serve/http_util.h"
#include "serve/job_form.h"
#include "serve/random.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// Reads the form into a fresh job folder and makes the job; on a refusal the response is set,
// the folder removed, and nullopt returned.
std::optional<Job> ReceiveJob(ServerState& state, const Caller& caller, const httplib::ContentReader& reader,
                              httplib::Response& res) {
  auto id = RandomHex(16);
  if (!id.ok()) {
    SendStatus(res, id.status());
    return std::nullopt;
  }
  const std::string dir = state.jobs->JobDir(*id);
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "input", ec);
  if (!ec) fs::create_directories(fs::path(dir) / "output", ec);
  if (ec) {
    SendError(res, 500, "cannot create the job folder");
    return std::nullopt;
  }
  const auto refuse = [&](int http, const Status& status) {
    fs::remove_all(dir, ec);
    SendError(res, http, status.message(), status.hint());
    return std::nullopt;
  };
  auto form = ReadUploadForm(reader, (fs::path(dir) / "input").string(), state.options.max_upload_bytes);
  // httplib sets 413 itself when the Content-Length alone is over its payload limit.
  if (!form.ok() && res.status == 413) return refuse(413, UploadTooLarge(state.options.max_upload_bytes));
  if (!form.ok()) return refuse(HttpStatusFor(form.status()), form.status());
  std::vector<std::string> kinds;
  if (Status types = CheckFileTypes(*form, kinds); !types.ok()) {
    return refuse(types.code() == StatusCode::kInvalidInput ? 415 : 500, types);
  }
  auto request = BuildJobRequest(*form, kinds, dir);
  if (!request.ok()) return refuse(HttpStatusFor(request.status()), request.status());
  if (IsUploadedMeasureRef(request->measure)) {
    // The caller's own uploads only: someone else's id is simply not found.
    const std::string measure_id = request->measure.substr(kUploadedMeasurePrefix.size());
    auto input = state.measures->CopyToJob(caller.user, measure_id, dir);
    if (!input.ok()) return refuse(input.status().code() == StatusCode::kNotFound ? 400 : 500, input.status());
    request->measure = measure_id;
    request->inputs.push_back(std::move(input).value());
  }
  Job job;
  job.id = *id;
  job.owner = caller.user;
  job.request = std::move(request).value();
  job.created = NowIso8601();
  job.phase = "Waiting for a worker";
  return job;
}

void Submit(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller,
            const httplib::ContentReader& reader) {
  if (state.stopping || !req.is_multipart_form_data()) {
    DrainBody(req, reader);
    if (state.stopping) return SendError(res, 503, "the server is shutting down");
    return SendError(res, 400, "expected multipart/form-data", "see docs/web-api.md, POST /api/jobs");
  }
  std::optional<Job> job = ReceiveJob(state, caller, reader, res);
  if (!job) return;
  const std::string id = job->id;
  if (Status added = state.jobs->Add(std::move(*job)); !added.ok()) return SendStatus(res, added);
  state.cancellations->Track(id);  // before a worker can take it, so no cancel is missed
  if (!state.queue->Submit(id)) {
    state.cancellations->Forget(id);
    state.jobs->Remove(id);
    res.set_header("Retry-After", "30");
    return SendError(res, 503, "the job queue is full", "try again in a minute");
  }
  log::Info("job {} queued for {}", id, caller.user);
  res.set_header("Location", "/api/jobs/" + id);
  SendJson(res, 202, fmt::format(R"({{"job_id":"{}","status":"queued","url":"/api/jobs/{}"}})", id, id));
}

void List(ServerState& state, httplib::Response& res, const Caller& caller) {
  std::string body = R"({"jobs":[)";
  bool first = true;
  for (const Job& job : state.jobs->List(caller.admin ? "" : caller.user)) {
    body += (first ? "" : ",") + JobToJson(job);
    first = false;
  }
  SendJson(res, 200, body + "]}");
}

}  // namespace

std::optional<Job> VisibleJob(ServerState& state, const std::string& id, const Caller& caller) {
  std::optional<Job> job = state.jobs->Get(id);
  // Someone else's job is "not found", not "forbidden": its existence is not the caller's business.
  if (!job || !caller.May(job->owner)) return std::nullopt;
  return job;
}

void AddJobRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/api/jobs", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c,
                                                  const httplib::ContentReader& reader) { Submit(state, req, res, c, reader); }));
  http.Get("/api/jobs", RequireSignIn(state, [&state](const httplib::Request&, httplib::Response& res, const Caller& c) {
    List(state, res, c);
  }));
  http.Get("/api/jobs/([0-9a-f]{32})", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    const std::optional<Job> job = VisibleJob(state, req.matches[1].str(), c);
    if (!job) return SendError(res, 404, "no such job");
    SendJson(res, 200, JobToJson(*job));
  }));
}

}  // namespace hm::serve
