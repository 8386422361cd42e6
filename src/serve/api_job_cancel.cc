// Cancelling a job: POST /api/jobs/{id}/cancel. POST rather than DELETE: the job and its record
// stay (status "cancelled", in the list and the history); only its work stops.
#include <fmt/format.h>

#include "hedis_mockup/log.h"
#include "serve/http_util.h"
#include "serve/job_runner.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

void Cancel(ServerState& state, const std::string& id, httplib::Response& res, const Caller& caller) {
  const std::optional<Job> job = VisibleJob(state, id, caller);
  if (!job) return SendError(res, 404, "no such job");
  // The flag first: a worker taking the job from the queue right now sees it before it starts.
  if (IsFinished(job->status) || !state.cancellations->Request(id, caller.user)) {
    const std::optional<Job> now = state.jobs->Get(id);  // it may have finished meanwhile
    return SendError(res, 409, fmt::format("the job has finished ({})", JobStatusName(now ? now->status : job->status)),
                     "only a queued or running job can be cancelled");
  }
  log::Info("job {}: cancel requested by {}", id, caller.user);
  if (state.queue->Cancel(id)) {
    RecordCancelledBeforeStart(state.runner, id, caller.user);
  } else {
    // Running (or being taken by a worker): it stops at its next check and empties its output.
    state.jobs->Update(id, [](Job& j) {
      if (!IsFinished(j.status)) j.phase = kCancellingPhase;
    }, false);
  }
  const std::optional<Job> now = state.jobs->Get(id);
  if (!now) return SendError(res, 404, "no such job");
  SendJson(res, IsFinished(now->status) ? 200 : 202, JobToJson(*now));
}

}  // namespace

void AddJobCancelRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/api/jobs/([0-9a-f]{32})/cancel",
            RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
              Cancel(state, req.matches[1].str(), res, c);
            }));
}

}  // namespace hm::serve
