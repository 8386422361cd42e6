#include "serve/server_test_util.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "serve/password.h"
#include "util/files.h"

namespace hm::serve::testing {
namespace {

std::string WriteConfig(const hm::testing::TempDir& dir) {
  nlohmann::json users = nlohmann::json::object();
  for (const char* name : {"alice", "bob", "carol", "root"}) {
    // Cheap hashes: the tests sign in often, and the cost lives in the hash string.
    const std::string hash = *HashPassword(std::string(name) + "-pw", PasswordCost{1024, 1, 1});
    users[name] = {{"password", hash}, {"admin", std::string(name) == "root"}};
  }
  const std::string path = dir.File("serve.json");
  if (!util::AtomicWrite(path, nlohmann::json{{"users", users}}.dump()).ok()) throw std::runtime_error("config");
  return path;
}

}  // namespace

TestServer::TestServer(const std::function<void(ServerOptions&)>& tweak) {
  ServerOptions o;
  o.port = 0;
  o.config_file = WriteConfig(dir);
  o.data_dir = dir.File("data");
  o.workers = 3;
  o.http_threads = 12;
  o.default_vsd = {hm::testing::SourceDir() + "/examples/vsd"};
  o.vsd_cache_dir = dir.File("cache");
  o.web_dir = hm::testing::SourceDir() + "/web";
  o.shutdown_grace = std::chrono::seconds(20);
  o.audit.dir = dir.File("audit");
  o.audit.sync = false;
  o.audit.recover_interrupted = false;
  if (tweak) tweak(o);
  auto started = Server::Start(o);
  if (!started.ok()) throw std::runtime_error("server did not start: " + started.status().ToString());
  server = std::move(started).value();
}

TestServer::~TestServer() { server.reset(); }

httplib::Client TestServer::Client() const {
  httplib::Client client("127.0.0.1", server->port());
  client.set_read_timeout(60);
  return client;
}

SignedInClient SignIn(const TestServer& server, const std::string& user) {
  SignedInClient out;
  out.client = std::make_unique<httplib::Client>("127.0.0.1", server.server->port());
  out.client->set_read_timeout(60);
  const std::string body = nlohmann::json{{"user", user}, {"password", user + "-pw"}}.dump();
  auto res = out.client->Post("/api/login", body, "application/json");
  if (!res || res->status != 200) return out;
  const std::string cookie = res->get_header_value("Set-Cookie");
  out.csrf = nlohmann::json::parse(res->body).value("csrf_token", "");
  out.cookie = cookie.substr(0, cookie.find(';'));
  out.client->set_default_headers({{"Cookie", out.cookie}, {"X-CSRF-Token", out.csrf}});
  return out;
}

httplib::MultipartFormDataItems ExampleDeck() {
  const std::string csv = *util::ReadFile(hm::testing::SourceDir() + "/examples/testcases/psa_example.csv");
  return {{"measure", "PSA", "", ""}, {"my", "2026", "", ""}, {"seed", "7", "", ""},
          {"testcases", csv, "psa_example.csv", "text/csv"}};
}

std::string WaitForJob(httplib::Client& client, const std::string& id, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    auto res = client.Get(("/api/jobs/" + id).c_str());
    if (!res || res->status != 200) return "";
    last = res->body;
    const std::string status = nlohmann::json::parse(last).value("status", "");
    if (status == "succeeded" || status == "failed" || status == "cancelled") return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

}  // namespace hm::serve::testing
