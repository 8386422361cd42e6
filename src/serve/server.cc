// Server (hedis_mockup/server.h): wires the options, the stores, the worker pool and the routes
// into one httplib server, and shuts it all down in order.
#include "hedis_mockup/server.h"

#include <sys/socket.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "hedis_mockup/log.h"
#include "serve/http_util.h"
#include "serve/job_runner.h"
#include "serve/server_state.h"
#include "serve/upload_form.h"
#include "util/files.h"

namespace hm::serve {

struct Server::Impl {
  ServerState state;
  std::unique_ptr<httplib::Server> http;
  std::thread listener;
  int port = 0;
  std::mutex stop_mutex;
  bool stopped = false;
};

namespace {

Status CheckOptions(const ServerOptions& o) {
  if (o.config_file.empty()) return Status::InvalidInput("no config file", "pass --config FILE (users are in it)");
  if (o.tls_cert.empty() != o.tls_key.empty()) return Status::InvalidInput("--tls-cert and --tls-key go together");
  if (o.workers < 1 || o.workers > 256) return Status::InvalidInput("--workers must be from 1 to 256");
  if (o.port < 0 || o.port > 65535) return Status::InvalidInput("--port must be from 0 to 65535");
  if (!(o.job_retention_days >= 0)) return Status::InvalidInput("job_retention_days must be 0 or more");
  if (o.sweep_interval.count() <= 0) return Status::InvalidInput("the sweep interval must be positive");
  return Status::Ok();
}

// The stores and the worker pool.
Status OpenState(ServerState& s) {
  if (s.options.data_dir.empty()) s.options.data_dir = (std::filesystem::path(util::StateHome()) / "serve").string();
  HM_ASSIGN_OR_RETURN(s.users, UserStore::Open(s.options.config_file));
  HM_ASSIGN_OR_RETURN(s.jobs, JobStore::Open(s.options.data_dir));
  HM_ASSIGN_OR_RETURN(audit::AuditLog log, audit::AuditLog::Open(s.options.audit));
  s.audit = log;
  s.sessions = std::make_unique<LoginSessions>(s.options.session_ttl);
  s.limiter = std::make_unique<RateLimiter>(s.options.rate_per_second, s.options.rate_burst);
  HM_ASSIGN_OR_RETURN(s.measures, MeasureStore::Open(s.options.data_dir));
  s.cancellations = std::make_shared<Cancellations>();
  s.runner = RunnerConfig{s.jobs, log, s.options.default_vsd, s.options.vsd_cache_dir, s.cancellations};
  s.queue = std::make_unique<JobQueue>(s.options.workers, s.options.queue_capacity,
                                       [runner = s.runner](const std::string& id) { RunJob(runner, id); });
  // Whole seconds: a fraction of a day is allowed (0.5 keeps jobs for 12 h).
  const auto retention = std::chrono::seconds(static_cast<std::int64_t>(s.options.job_retention_days * 86400));
  s.sweeper = std::make_unique<JobSweeper>(s.jobs, retention, s.options.sweep_interval);
  return Status::Ok();
}

Result<std::unique_ptr<httplib::Server>> MakeHttp(const ServerOptions& o) {
  std::unique_ptr<httplib::Server> http;
  if (o.tls_cert.empty()) {
    http = std::make_unique<httplib::Server>();
  } else {
    http = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
  }
  if (!http->is_valid()) {
    return Status::InvalidInput("cannot use the TLS certificate or key", "check that both are readable PEM files and match")
        .InFile(o.tls_cert);
  }
  return http;
}

// An error the routes did not answer themselves (no route, an upload past the payload limit,
// a malformed request) gets the same JSON shape as theirs.
httplib::Server::HandlerResponse DefaultError(const ServerOptions& o, const httplib::Request&, httplib::Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  switch (res.status) {
    case 404: SendError(res, 404, "not found"); break;
    case 413: {
      const Status too_large = UploadTooLarge(o.max_upload_bytes);
      SendError(res, 413, too_large.message(), too_large.hint());
      break;
    }
    case 400: SendError(res, 400, "bad request"); break;
    default: SendError(res, res.status, fmt::format("request failed (HTTP {})", res.status)); break;
  }
  return httplib::Server::HandlerResponse::Handled;
}

void Configure(httplib::Server& http, ServerState& s) {
  const ServerOptions& o = s.options;
  http.set_default_headers(SecurityHeaders());
  // Room for the multipart framing around max_upload_bytes of files; ReadUploadForm counts the
  // files themselves.
  http.set_payload_max_length(static_cast<std::size_t>(o.max_upload_bytes) + 1024 * 1024);
  http.new_task_queue = [n = o.http_threads] { return new httplib::ThreadPool(n); };
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second server
  // (a stale instance, another user) share the port and receive half the connections.
  http.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_keep_alive_timeout(2);  // idle connections hold a thread; shutdown waits this long at most
  http.set_read_timeout(30);       // a slow upload over a poor link still arrives
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&o](const httplib::Request& req, httplib::Response& res) { return DefaultError(o, req, res); }));
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      log::Error("{} {}: {}", req.method, req.path, e.what());
    }
    SendError(res, 500, "internal error");
  });
  // Method, path and status only: never headers (cookies, CSRF tokens) or bodies (passwords).
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    log::Info("{} {} {} {}", req.remote_addr, req.method, req.path, res.status);
  });
  AddHealthRoutes(http, s);
  AddAuthRoutes(http, s);
  AddJobRoutes(http, s);
  AddJobOutputRoutes(http, s);
  AddJobCancelRoutes(http, s);
  AddAuditRoutes(http, s);
  AddMeasureRoutes(http, s);
  if (!o.web_dir.empty() && !http.set_mount_point("/", o.web_dir)) {
    log::Warn("no page: the web folder {} does not exist", o.web_dir);
  }
}

Status Bind(httplib::Server& http, const ServerOptions& o, int& port) {
  port = o.port == 0 ? http.bind_to_any_port(o.bind) : (http.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port <= 0) {
    return Status::IoError(fmt::format("cannot listen on {}:{}", o.bind, o.port),
                           "is another server using the port? is the address one of this machine's?");
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  HM_RETURN_IF_ERROR(CheckOptions(options));
  auto impl = std::make_unique<Impl>();
  impl->state.options = std::move(options);
  impl->state.tls = !impl->state.options.tls_cert.empty();
  HM_RETURN_IF_ERROR(OpenState(impl->state));
  HM_ASSIGN_OR_RETURN(impl->http, MakeHttp(impl->state.options));
  Configure(*impl->http, impl->state);
  if (Status bound = Bind(*impl->http, impl->state.options, impl->port); !bound.ok()) {
    (void)impl->state.queue->Stop(std::chrono::milliseconds(0));
    return bound;
  }
  impl->listener = std::thread([http = impl->http.get()] { http->listen_after_bind(); });
  log::Info("serving on {}://{}:{} with {} workers; jobs in {}", impl->state.tls ? "https" : "http",
            impl->state.options.bind, impl->port, impl->state.options.workers, impl->state.options.data_dir);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port; }
bool Server::tls() const { return impl_->state.tls; }

void Server::Stop() {
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  ServerState& s = impl_->state;
  log::Info("stopping: no new connections or jobs; waiting up to {} s for running jobs", s.options.shutdown_grace.count());
  s.stopping = true;
  s.sweeper->Stop();  // before the jobs are failed below: a sweep must not race those updates
  s.jobs->Wake();  // event streams end
  impl_->http->stop();
  if (impl_->listener.joinable()) impl_->listener.join();
  const JobQueue::Stopped stopped = s.queue->Stop(s.options.shutdown_grace);
  const auto fail = [&](const std::string& id, const char* why) {
    s.jobs->Update(id, [&](Job& job) {
      if (IsFinished(job.status)) return;
      job.status = JobStatus::kFailed;
      job.error = why;
      job.phase = "Failed";
      job.finished = NowIso8601();
    });
  };
  for (const std::string& id : stopped.never_started) fail(id, "the server stopped before the job started");
  for (const std::string& id : stopped.still_running) fail(id, "the server stopped before the job finished");
  log::Info("stopped ({} queued and {} running jobs marked failed)", stopped.never_started.size(), stopped.still_running.size());
}

}  // namespace hm::serve
