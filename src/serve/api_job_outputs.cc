// What a job gives back: GET /api/jobs/{id}/events (progress as Server-Sent Events) and
// GET /api/jobs/{id}/files/{name} (downloads).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "serve/http_util.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// One stream's state between calls of the content provider.
struct EventStream {
  ServerState* state;
  std::string job_id;
  std::uint64_t sent_version = ~std::uint64_t{0};
};

std::string Event(const char* name, const std::string& data) { return fmt::format("event: {}\ndata: {}\n\n", name, data); }

// Called by httplib again and again until it calls sink.done() or returns false: sends the job
// when it changed, ends after the job finished, and otherwise waits for a change (sending a
// comment every 15 s so that proxies keep the connection).
bool StreamEvents(EventStream& s, httplib::DataSink& sink) {
  const std::uint64_t version = s.state->jobs->version();
  const std::optional<Job> job = s.state->jobs->Get(s.job_id);
  if (!job || s.state->stopping) {
    sink.done();
    return true;
  }
  if (version != s.sent_version) {
    s.sent_version = version;
    const std::string data = JobToJson(*job);
    const std::string progress = Event("progress", data);
    if (!sink.write(progress.data(), progress.size())) return false;
    if (IsFinished(job->status)) {
      const std::string done = Event("done", data);
      sink.write(done.data(), done.size());
      sink.done();
      return true;
    }
  }
  s.state->jobs->WaitForChange(version, std::chrono::seconds(15));
  if (s.state->jobs->version() == version && !s.state->stopping) {
    static constexpr char kKeepAlive[] = ": keep-alive\n\n";
    return sink.write(kKeepAlive, sizeof kKeepAlive - 1);
  }
  return true;
}

void Events(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const std::optional<Job> job = VisibleJob(state, req.matches[1].str(), caller);
  if (!job) return SendError(res, 404, "no such job");
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");  // nginx: pass events on at once
  auto stream = std::make_shared<EventStream>(EventStream{&state, job->id});
  res.set_chunked_content_provider("text/event-stream",
                                   [stream](std::size_t, httplib::DataSink& sink) { return StreamEvents(*stream, sink); });
}

void Download(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const std::optional<Job> job = VisibleJob(state, req.matches[1].str(), caller);
  const std::string name = req.matches[2].str();
  // Only names the job listed as its outputs: nothing else in the folder, and no path at all.
  if (!job || std::find(job->outputs.begin(), job->outputs.end(), name) == job->outputs.end()) {
    return SendError(res, 404, "no such file");
  }
  const fs::path path = fs::path(state.jobs->JobDir(job->id)) / "output" / name;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (ec || !*in) return SendError(res, 404, "no such file");
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
  res.set_header("Cache-Control", "no-store");
  const std::string type = name.ends_with(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : name.ends_with(".json") ? "application/json"
                           : name.ends_with(".yaml") ? "application/yaml"
                                                     : "application/octet-stream";
  res.set_content_provider(static_cast<std::size_t>(size), type,
                           [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
                             in->seekg(static_cast<std::streamoff>(offset));
                             in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                             const auto got = static_cast<std::size_t>(in->gcount());
                             return got > 0 && sink.write(buffer.data(), got);
                           });
}

}  // namespace

void AddJobOutputRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/api/jobs/([0-9a-f]{32})/events", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res,
                                                                        const Caller& c) { Events(state, req, res, c); }));
  http.Get("/api/jobs/([0-9a-f]{32})/files/([^/]+)",
           RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
             Download(state, req, res, c);
           }));
}

}  // namespace hm::serve
