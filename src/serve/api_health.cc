// Health for load balancers and systemd: GET /healthz (the process answers) and GET /readyz
// (workers are up and the data folder takes writes). Neither needs a sign-in nor says more.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "serve/http_util.h"
#include "serve/server_state.h"

namespace hm::serve {
namespace {

bool DataDirWritable(const ServerState& state) {
  const std::filesystem::path probe = std::filesystem::path(state.jobs->jobs_dir()) / ".readyz";
  bool ok = static_cast<bool>(std::ofstream(probe) << "ok");
  std::error_code ignored;
  std::filesystem::remove(probe, ignored);
  return ok;
}

}  // namespace

void AddHealthRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, R"({"status":"ok"})"); });
  http.Get("/readyz", [&state](const httplib::Request&, httplib::Response& res) {
    const std::size_t workers = state.stopping ? 0 : state.queue->workers_running();
    const bool writable = DataDirWritable(state);
    const bool ready = workers > 0 && writable;
    SendJson(res, ready ? 200 : 503,
             fmt::format(R"({{"status":"{}","workers":{},"data_dir_writable":{}}})", ready ? "ready" : "not ready",
                         workers, writable));
  });
}

}  // namespace hm::serve
