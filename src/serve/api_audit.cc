// The audit log and the catalogue: GET /api/history, GET /api/stats, GET /api/measures.
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/measure.h"
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

// Sessions newest first. Everyone else's sessions are left out for a non-admin: ownership comes
// from the caller's own jobs (a job's session also records the signed-in user as `user`, but a
// CLI run on the same machine may carry the same account name).
void History(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const int limit = IntParam(req, "limit", 50);
  if (limit < 0 || limit > 1000) return SendError(res, 400, "limit must be a whole number from 0 to 1000");
  audit::HistoryQuery query;
  query.limit = caller.admin ? static_cast<std::size_t>(limit) : 0;
  query.measure = req.get_param_value("measure");
  query.status = req.get_param_value("status");
  auto history = state.audit->History(query);
  if (!history.ok()) return SendStatus(res, history.status());
  const std::set<std::string> own = caller.admin ? std::set<std::string>{} : state.jobs->SessionIdsOf(caller.user);
  ordered_json sessions = ordered_json::array();
  for (const audit::SessionRecord& r : history->sessions) {
    if (!caller.admin && !own.contains(r.session_id)) continue;
    if (limit > 0 && sessions.size() >= static_cast<std::size_t>(limit)) break;
    sessions.push_back(ordered_json::parse(audit::RecordToJson(r)));
  }
  ordered_json body = {{"sessions", sessions}};
  if (caller.admin) body["warnings"] = history->warnings;
  SendJson(res, 200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Stats(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const int days = IntParam(req, "days", 30);
  if (days < 1 || days > 3660) return SendError(res, 400, "days must be a whole number from 1 to 3660");
  auto stats = state.audit->Stats(days);
  if (!stats.ok()) return SendStatus(res, stats.status());
  SendJson(res, 200, audit::StatisticsToJson(*stats));
}

void Measures(httplib::Response& res) {
  ordered_json list = ordered_json::array();
  for (const std::string& id : ShippedMeasures()) {
    auto text = ShippedMeasureText(id);
    auto summary = text.ok() ? SummarizeMeasure(*text, id) : Result<MeasureSummary>(text.status());
    if (!summary.ok()) continue;  // a shipped file that does not read is a bug its own tests catch
    list.push_back({{"id", summary->id}, {"name", summary->name}, {"product_lines", summary->product_lines},
                    {"age_min", summary->age_min}, {"age_max", summary->age_max},
                    {"numerators", summary->numerators}});
  }
  SendJson(res, 200, ordered_json{{"measures", list}}.dump());
}

}  // namespace

void AddAuditRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/api/history", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    History(state, req, res, c);
  }));
  // Statistics are counts over everyone's runs; they show no one's inputs or outputs.
  http.Get("/api/stats", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res, const Caller&) {
    Stats(state, req, res);
  }));
  http.Get("/api/measures", RequireSignIn(state, [](const httplib::Request&, httplib::Response& res, const Caller&) {
    Measures(res);
  }));
}

}  // namespace hm::serve
