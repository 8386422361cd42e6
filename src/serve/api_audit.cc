// The audit log: GET /api/history, GET /api/stats.
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/http_util.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

using nlohmann::ordered_json;

int IntParam(const httplib::Request& req, const char* name, int fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : -1;
}

// What a web job's session says about itself in its "web_job" event: the signed-in user and the
// workbook's original name. Empty for sessions of the command line.
struct WebJobFacts {
  std::string user;
  std::string testcase_name;
};

WebJobFacts WebJobOf(const audit::SessionRecord& r) {
  for (const audit::Event& e : r.events) {
    if (e.type != "web_job") continue;
    const ordered_json details = ordered_json::parse(e.details_json, nullptr, false);
    if (!details.is_object()) continue;
    const auto text = [&](const char* key) {
      return details.contains(key) && details[key].is_string() ? details[key].get<std::string>() : std::string();
    };
    return {text("web_user"), text("testcase_name")};
  }
  return {};
}

// The caller's own web jobs: the session's user and its web_job event both name them. The event
// matters: a command-line run on the server's machine may carry the same account name. (Job
// folders are deleted after job_retention_days; the audit log is the lasting record.)
bool OwnWebJob(const audit::SessionRecord& r, const WebJobFacts& facts, const Caller& caller) {
  return r.user == caller.user && facts.user == caller.user;
}

// Sessions newest first; a non-admin sees only their own web jobs. Each gets `testcase_name`, the
// workbook as the user named it (sanitized at upload; display only): the record's testcase_file
// is the stored name (testcases.xlsx).
void History(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const int limit = IntParam(req, "limit", 50);
  if (limit < 0 || limit > 1000) return SendError(res, 400, "limit must be a whole number from 0 to 1000");
  audit::HistoryQuery query;
  query.limit = caller.admin ? static_cast<std::size_t>(limit) : 0;
  query.measure = req.get_param_value("measure");
  query.status = req.get_param_value("status");
  auto history = state.audit->History(query);
  if (!history.ok()) return SendStatus(res, history.status());
  ordered_json sessions = ordered_json::array();
  for (const audit::SessionRecord& r : history->sessions) {
    const WebJobFacts facts = WebJobOf(r);
    if (!caller.admin && !OwnWebJob(r, facts, caller)) continue;
    if (limit > 0 && sessions.size() >= static_cast<std::size_t>(limit)) break;
    ordered_json j = ordered_json::parse(audit::RecordToJson(r));
    j["testcase_name"] = facts.testcase_name.empty() ? r.testcase_file : facts.testcase_name;
    sessions.push_back(std::move(j));
  }
  ordered_json body = {{"sessions", sessions}};
  if (caller.admin) body["warnings"] = history->warnings;
  SendJson(res, 200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// A non-admin's statistics count the sessions recorded under their name; an admin's count everyone's.
void Stats(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const int days = IntParam(req, "days", 30);
  if (days < 1 || days > 3660) return SendError(res, 400, "days must be a whole number from 1 to 3660");
  auto stats = state.audit->Stats(days, std::chrono::system_clock::now(), caller.admin ? "" : caller.user);
  if (!stats.ok()) return SendStatus(res, stats.status());
  SendJson(res, 200, audit::StatisticsToJson(*stats));
}

}  // namespace

void AddAuditRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/api/history", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    History(state, req, res, c);
  }));
  http.Get("/api/stats", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    Stats(state, req, res, c);
  }));
}

}  // namespace hm::serve
