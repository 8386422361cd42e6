// The guard in front of every signed-in route (declared in server_state.h).
#include <string>

#include "serve/http_util.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

bool ChangesState(const httplib::Request& req) { return req.method == "POST" || req.method == "DELETE"; }

void TooMany(httplib::Response& res, int retry_after) {
  res.set_header("Retry-After", std::to_string(retry_after));
  SendError(res, 429, "too many requests", "wait a moment and try again");
}

// The caller, or nullopt with the refusal set on `res`.
std::optional<Caller> Check(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const std::optional<SignedIn> session = state.sessions->Find(CookieValue(req, kSessionCookie));
  if (!session) {
    if (AllowAnonymous(state, req, res)) SendError(res, 401, "not signed in", "sign in with POST /api/login");
    return std::nullopt;
  }
  if (const int wait = state.limiter->Take("user:" + session->user); wait > 0) {
    TooMany(res, wait);
    return std::nullopt;
  }
  if (ChangesState(req) && !LoginSessions::CsrfMatches(*session, req.get_header_value(kCsrfHeader))) {
    SendError(res, 403, "missing or wrong CSRF token",
              "send the csrf_token from /api/login or /api/session in the X-CSRF-Token header");
    return std::nullopt;
  }
  return Caller{session->user, session->admin, session->csrf_token};
}

}  // namespace

bool AllowAnonymous(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  if (const int wait = state.limiter->Take("addr:" + req.remote_addr); wait > 0) {
    TooMany(res, wait);
    return false;
  }
  return true;
}

httplib::Server::Handler RequireSignIn(ServerState& state, CallerHandler handler) {
  return [&state, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    if (const std::optional<Caller> caller = Check(state, req, res)) handler(req, res, *caller);
  };
}

httplib::Server::HandlerWithContentReader RequireSignIn(ServerState& state, CallerUploadHandler handler) {
  return [&state, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                 const httplib::ContentReader& reader) {
    if (const std::optional<Caller> caller = Check(state, req, res)) {
      handler(req, res, *caller, reader);
    } else {
      DrainBody(req, reader);
    }
  };
}

}  // namespace hm::serve
