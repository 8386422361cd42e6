// Signing in and out: POST /api/login, POST /api/logout, GET /api/session.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/log.h"
#include "serve/http_util.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

using nlohmann::ordered_json;

std::string SessionCookie(const ServerState& state, const std::string& token, std::int64_t max_age) {
  // HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send it; Secure: only
  // over HTTPS (set when this server does TLS; behind a TLS proxy see docs/deployment.md).
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token, max_age,
                     state.tls ? "; Secure" : "");
}

std::string SessionJson(const std::string& user, bool admin, const std::string& csrf, const ServerState& state) {
  return ordered_json{{"user", user}, {"admin", admin}, {"csrf_token", csrf},
                      {"expires_in", state.options.session_ttl.count()}}
      .dump();
}

void Login(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  if (!AllowAnonymous(state, req, res)) return;
  const ordered_json body = ordered_json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("user") || !body["user"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    SendError(res, 400, "expected a JSON object with \"user\" and \"password\"");
    return;
  }
  const std::string name = body["user"].get<std::string>();
  const std::optional<User> user = state.users->Authenticate(name, body["password"].get<std::string>());
  if (!user) {
    log::Info("sign-in refused from {}", req.remote_addr);  // never the name tried: it may be a password
    SendError(res, 401, "wrong user name or password");
    return;
  }
  auto created = state.sessions->Create(user->name, user->admin);
  if (!created.ok()) {
    SendStatus(res, created.status());
    return;
  }
  const auto& [token, session] = *created;
  log::Info("{} signed in from {}", user->name, req.remote_addr);
  res.set_header("Set-Cookie", SessionCookie(state, token, state.options.session_ttl.count()));
  SendJson(res, 200, SessionJson(user->name, user->admin, session.csrf_token, state));
}

}  // namespace

void AddAuthRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/api/login", [&state](const httplib::Request& req, httplib::Response& res) { Login(state, req, res); });
  http.Post("/api/logout", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    state.sessions->Remove(CookieValue(req, kSessionCookie));
    log::Info("{} signed out", c.user);
    res.set_header("Set-Cookie", SessionCookie(state, "", 0));
    SendJson(res, 200, R"({"signed_out":true})");
  }));
  http.Get("/api/session", RequireSignIn(state, [&state](const httplib::Request&, httplib::Response& res, const Caller& c) {
    SendJson(res, 200, SessionJson(c.user, c.admin, c.csrf_token, state));
  }));
}

}  // namespace hm::serve
