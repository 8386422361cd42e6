// What the routes of the server share, and the guard every signed-in route goes through.
// Internal to src/serve/.
//
// Thread-safety: the members are thread-safe objects; `options` is read-only once serving.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

#include "hedis_mockup/audit.h"
#include "hedis_mockup/server.h"
#include "serve/cancellations.h"
#include "serve/job_queue.h"
#include "serve/job_runner.h"
#include "serve/job_store.h"
#include "serve/job_sweeper.h"
#include "serve/measure_store.h"
#include "serve/login_sessions.h"
#include "serve/rate_limiter.h"
#include "serve/user_store.h"

namespace hm::serve {

struct ServerState {
  ServerOptions options;
  bool tls = false;
  std::unique_ptr<UserStore> users;
  std::unique_ptr<LoginSessions> sessions;
  std::unique_ptr<RateLimiter> limiter;
  std::shared_ptr<JobStore> jobs;
  std::optional<audit::AuditLog> audit;
  std::unique_ptr<MeasureStore> measures;  // uploaded measure files
  std::shared_ptr<Cancellations> cancellations;
  RunnerConfig runner;                     // what the workers run jobs with
  std::unique_ptr<JobQueue> queue;
  std::unique_ptr<JobSweeper> sweeper;     // deletes old finished jobs
  std::atomic<bool> stopping{false};
};

// The signed-in user a request comes from.
struct Caller {
  std::string user;
  bool admin = false;
  std::string csrf_token;
  // Whether this caller may see `owner`'s jobs.
  bool May(const std::string& owner) const { return admin || owner == user; }
};

using CallerHandler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&)>;
using CallerUploadHandler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&,
                                               const httplib::ContentReader&)>;

// The guard of the API: 401 without a valid session cookie, 429 over the caller's rate, 403 for a
// POST or DELETE without the session's X-CSRF-Token; otherwise runs `handler`.
httplib::Server::Handler RequireSignIn(ServerState& state, CallerHandler handler);
// The same for uploads; a refused request's body is read and dropped first.
httplib::Server::HandlerWithContentReader RequireSignIn(ServerState& state, CallerUploadHandler handler);
// Rate limit by client address, for requests made before signing in. False (with 429 set) when
// over it.
bool AllowAnonymous(ServerState& state, const httplib::Request& req, httplib::Response& res);

// The job `id` if `caller` may see it (their own, or any for an admin); else nullopt, which the
// routes answer with 404 so that other users' jobs are not revealed to exist. (api_jobs.cc)
std::optional<Job> VisibleJob(ServerState& state, const std::string& id, const Caller& caller);

// The routes, one file each.
void AddAuthRoutes(httplib::Server& http, ServerState& state);       // api_auth.cc
void AddJobRoutes(httplib::Server& http, ServerState& state);        // api_jobs.cc
void AddJobOutputRoutes(httplib::Server& http, ServerState& state);  // api_job_outputs.cc
void AddJobCancelRoutes(httplib::Server& http, ServerState& state);  // api_job_cancel.cc
void AddMeasureRoutes(httplib::Server& http, ServerState& state);    // api_measures.cc
void AddAuditRoutes(httplib::Server& http, ServerState& state);      // api_audit.cc
void AddHealthRoutes(httplib::Server& http, ServerState& state);     // api_health.cc

}  // namespace hm::serve
