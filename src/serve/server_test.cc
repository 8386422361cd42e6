// The API end to end: a server in this process on a free port, driven with httplib's client.
#include <zip.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "serve/job.h"
#include "serve/job_store.h"
#include "serve/server_test_util.h"
#include "util/files.h"

namespace hm::serve::testing {
namespace {

using nlohmann::json;

std::string Submit(SignedInClient& c, const httplib::MultipartFormDataItems& items, int expect = 202) {
  auto res = c.client->Post("/api/jobs", items);
  EXPECT_TRUE(res);
  if (!res) return "";
  EXPECT_EQ(res->status, expect) << res->body;
  return res->status == 202 ? json::parse(res->body).value("job_id", "") : res->body;
}

bool ZipHasWorkbook(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return false;
  }
  const bool found = zip_name_locate(archive, "xl/workbook.xml", 0) >= 0;
  zip_discard(archive);
  return found;
}

void ExpectSecurityHeaders(const httplib::Result& res, const std::string& what) {
  ASSERT_TRUE(res) << what;
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos) << what;
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << what;
}

TEST(ServerTest, UnauthenticatedRequestsGet401) {
  TestServer s;
  auto client = s.Client();
  const char* paths[] = {"/api/jobs", "/api/session", "/api/history", "/api/stats", "/api/measures",
                         "/api/jobs/0123456789abcdef0123456789abcdef"};
  for (const char* path : paths) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_NE(res->body.find("not signed in"), std::string::npos) << path;
  }
  auto post = client.Post("/api/jobs", ExampleDeck());
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 401);
  auto forged = client.Get("/api/jobs", {{"Cookie", "hm_session=" + std::string(64, 'a')}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
}

TEST(ServerTest, SignInChecksThePasswordAndSetsASafeCookie) {
  TestServer s;
  auto client = s.Client();
  const std::pair<std::string, int> cases[] = {
      {R"({"user":"alice","password":"wrong"})", 401}, {R"({"user":"nobody","password":"alice-pw"})", 401},
      {R"({"user":"alice"})", 400},                    {"not json", 400},
      {R"({"user":"alice","password":"alice-pw"})", 200}};
  for (const auto& [body, status] : cases) {
    auto res = client.Post("/api/login", body, "application/json");
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, status) << body << ": " << res->body;
    if (status != 200) {
      EXPECT_FALSE(res->has_header("Set-Cookie")) << body;
      continue;
    }
    const std::string cookie = res->get_header_value("Set-Cookie");
    EXPECT_TRUE(cookie.starts_with("hm_session=")) << cookie;
    for (const char* attribute : {"HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="}) {
      EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
    }
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: no Secure flag";
    EXPECT_EQ(json::parse(res->body)["csrf_token"].get<std::string>().size(), 64u);
  }
}

TEST(ServerTest, SessionAndLogout) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  ASSERT_FALSE(alice.csrf.empty());
  auto session = alice.client->Get("/api/session");
  ASSERT_TRUE(session);
  ASSERT_EQ(session->status, 200);
  EXPECT_EQ(json::parse(session->body)["user"], "alice");
  EXPECT_EQ(json::parse(session->body)["csrf_token"], alice.csrf);
  auto out = alice.client->Post("/api/logout");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_EQ(alice.client->Get("/api/session")->status, 401) << "the old cookie is gone";
}

TEST(ServerTest, StateChangesWithoutTheCsrfTokenGet403) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  ASSERT_FALSE(alice.csrf.empty());
  // The same session cookie, with no token and with a wrong one.
  const httplib::Headers cases[] = {{{"Cookie", alice.cookie}},
                                    {{"Cookie", alice.cookie}, {"X-CSRF-Token", std::string(64, '0')}}};
  for (const httplib::Headers& headers : cases) {
    httplib::Client client = s.Client();
    client.set_default_headers(headers);
    auto res = client.Post("/api/jobs", ExampleDeck());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << res->body;
    EXPECT_NE(res->body.find("CSRF"), std::string::npos);
    EXPECT_EQ(client.Post("/api/logout")->status, 403);
    EXPECT_EQ(client.Get("/api/jobs")->status, 200) << "GET needs no token";
  }
  EXPECT_EQ(alice.client->Get("/api/session")->status, 200) << "still signed in";
}

TEST(ServerTest, ExampleDeckRunsToTheEndAndTheMockupDownloads) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  const std::string id = Submit(alice, ExampleDeck());
  ASSERT_TRUE(IsValidJobId(id)) << id;
  const json job = json::parse(WaitForJob(*alice.client, id));
  ASSERT_EQ(job["status"], "succeeded") << job.dump(2);
  EXPECT_EQ(job["progress"], 100);
  EXPECT_EQ(job["user"], "alice");
  EXPECT_EQ(job["report"]["measure"], "PSA");
  EXPECT_GT(job["report"]["parse"]["rows"].get<int>(), 0);
  EXPECT_EQ(job["report"]["validation"]["failed"], 0) << job["report"].dump();
  EXPECT_EQ(job["inputs"][0]["name"], "psa_example.csv");
  EXPECT_EQ(job["inputs"][0]["path"], "input/testcases.csv");
  const auto outputs = job["outputs"].get<std::vector<std::string>>();
  ASSERT_NE(std::find(outputs.begin(), outputs.end(), "PSA_MY2026_Mockup.xlsx"), outputs.end()) << job.dump();
  auto file = alice.client->Get("/api/jobs/" + id + "/files/PSA_MY2026_Mockup.xlsx");
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->get_header_value("Content-Disposition"), "attachment; filename=\"PSA_MY2026_Mockup.xlsx\"");
  EXPECT_TRUE(ZipHasWorkbook(file->body));
  ExpectSecurityHeaders(file, "download");
  // In the owner's list, in the history as an audited session, and counted in the statistics.
  EXPECT_NE(alice.client->Get("/api/jobs")->body.find(id), std::string::npos);
  const json history = json::parse(alice.client->Get("/api/history")->body);
  ASSERT_EQ(history["sessions"].size(), 1u) << history.dump();
  EXPECT_EQ(history["sessions"][0]["session_id"], job["session_id"]);
  EXPECT_EQ(history["sessions"][0]["status"], "success");
  EXPECT_NE(history["sessions"][0]["events"].dump().find("\"web_user\":\"alice\""), std::string::npos);
  EXPECT_EQ(json::parse(alice.client->Get("/api/stats?days=30")->body)["total_generations"], 1);
  EXPECT_EQ(alice.client->Get("/api/stats?days=0")->status, 400);
}

TEST(ServerTest, EventStreamDeliversProgressAndEnds) {
  TestServer s;
  SignedInClient bob = SignIn(s, "bob");
  const std::string id = Submit(bob, ExampleDeck());
  ASSERT_FALSE(id.empty());
  std::string stream;
  auto res = bob.client->Get("/api/jobs/" + id + "/events", [&](const char* data, std::size_t size) {
    stream.append(data, size);
    return true;
  });
  ASSERT_TRUE(res) << "the stream ended by itself";
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/event-stream");
  EXPECT_NE(stream.find("event: progress\ndata: {"), std::string::npos) << stream;
  const std::size_t done = stream.find("event: done\ndata: ");
  ASSERT_NE(done, std::string::npos) << stream;
  const std::string last = stream.substr(done + 18, stream.find('\n', done + 18) - done - 18);
  EXPECT_EQ(json::parse(last)["status"], "succeeded");
  EXPECT_EQ(json::parse(last)["progress"], 100);
}

TEST(ServerTest, OtherUsersJobsAreNotFoundButAdminsSeeThem) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice"), bob = SignIn(s, "bob"), root = SignIn(s, "root");
  const std::string id = Submit(alice, ExampleDeck());
  ASSERT_FALSE(WaitForJob(*alice.client, id).empty());
  for (const std::string& path : {"/api/jobs/" + id, "/api/jobs/" + id + "/events",
                                  "/api/jobs/" + id + "/files/PSA_MY2026_Mockup.xlsx"}) {
    auto res = bob.client->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(root.client->Get(path)->status, 200) << path;
  }
  EXPECT_EQ(bob.client->Get("/api/jobs")->body.find(id), std::string::npos);
  EXPECT_NE(root.client->Get("/api/jobs")->body.find(id), std::string::npos);
  EXPECT_EQ(json::parse(bob.client->Get("/api/history")->body)["sessions"].size(), 0u);
  EXPECT_EQ(json::parse(root.client->Get("/api/history")->body)["sessions"].size(), 1u);
}

TEST(ServerTest, DownloadsAreOnlyTheJobsOutputs) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  const std::string id = Submit(alice, ExampleDeck());
  ASSERT_FALSE(WaitForJob(*alice.client, id).empty());
  const std::string base = "/api/jobs/" + id + "/files/";
  for (const std::string& name : {std::string("..%2F..%2F..%2Fserve.json"), std::string("..%2Fjob.json"),
                                  std::string("%2E%2E%2Fjob.json"), std::string("job.json"), std::string(".."),
                                  std::string("..%2Finput%2Ftestcases.csv"), std::string("nothing.xlsx")}) {
    auto res = alice.client->Get(base + name);
    ASSERT_TRUE(res) << name;
    EXPECT_EQ(res->status, 404) << name << ": " << res->body;
  }
  EXPECT_EQ(alice.client->Get("/api/jobs/../../serve.json")->status, 404);
}

TEST(ServerTest, UploadsOverTheLimitGet413) {
  TestServer s([](ServerOptions& o) { o.max_upload_bytes = 500'000; });
  SignedInClient alice = SignIn(s, "alice");
  // Within the request limit (which leaves room for the form) but over the files' limit; then
  // over both, refused before the body is read.
  for (std::size_t size : {std::size_t{800'000}, std::size_t{3'000'000}}) {
    auto items = ExampleDeck();
    items.back().content += "\n" + std::string(size, 'x');
    auto res = alice.client->Post("/api/jobs", items);
    ASSERT_TRUE(res) << size;
    EXPECT_EQ(res->status, 413) << size;
    EXPECT_NE(res->body.find("larger than the limit of 0.5 MB"), std::string::npos) << res->body;
    ExpectSecurityHeaders(res, "413");
  }
  EXPECT_TRUE(alice.client->Get("/api/jobs")->body.find("job_id") == std::string::npos) << "nothing kept";
}

TEST(ServerTest, FilesAreCheckedByContent) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  auto exe = ExampleDeck();
  exe.back() = {"testcases", std::string("MZ\x90\0\x03\0\0\0", 8) + "This program cannot be run in DOS mode",
                "PSA_MY2026_TestCase.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  const std::string refused = Submit(alice, exe, 415);
  EXPECT_NE(refused.find("Windows program"), std::string::npos) << refused;
  auto pdf_as_testcases = ExampleDeck();
  pdf_as_testcases.back().content = "%PDF-1.7 ...";
  EXPECT_NE(Submit(alice, pdf_as_testcases, 415).find("does not take"), std::string::npos);
  auto bad_measure = ExampleDeck();
  bad_measure[0].content = "NOPE";
  EXPECT_NE(Submit(alice, bad_measure, 400).find("not a shipped measure"), std::string::npos);
  auto no_file = ExampleDeck();
  no_file.pop_back();
  EXPECT_NE(Submit(alice, no_file, 400).find("testcases"), std::string::npos);
}

TEST(ServerTest, UploadedVsdAndSpecAreUsed) {
  TestServer s([](ServerOptions& o) { o.default_vsd.clear(); });
  SignedInClient carol = SignIn(s, "carol");
  auto items = ExampleDeck();
  EXPECT_NE(WaitForJob(*carol.client, Submit(carol, items)).find("no Value Set Directory"), std::string::npos);
  for (const char* sheet : {"value_sets_to_codes", "measures_to_value_sets", "medication_lists_to_codes",
                            "measures_to_medication_lists"}) {
    const std::string name = std::string(sheet) + ".csv";
    items.push_back({"vsd", *util::ReadFile(hm::testing::SourceDir() + "/examples/vsd/" + name), "My VSD " + name, "text/csv"});
  }
  items.push_back({"spec", "%PDF-1.4\n%fake spec\n", "PSA spec.pdf", "application/pdf"});
  items.push_back({"auto_reformat", "on", "", ""});
  const json job = json::parse(WaitForJob(*carol.client, Submit(carol, items)));
  ASSERT_EQ(job["status"], "succeeded") << job.dump(2);
  EXPECT_NE(job["outputs"].dump().find("PSA_MY2026_TestCases_Standard.xlsx"), std::string::npos) << job["outputs"];
  EXPECT_NE(job["inputs"].dump().find("input/vsd/value_sets_to_codes.csv"), std::string::npos);
  EXPECT_NE(job["inputs"].dump().find("input/spec.pdf"), std::string::npos);
  EXPECT_NE(job["draft"].value("error", ""), "") << "a spec the drafter cannot read: " << job["draft"].dump();
}

TEST(ServerTest, ConcurrentJobsFromThreeUsersAllComplete) {
  TestServer s;
  std::vector<std::string> statuses(6);
  std::vector<std::thread> threads;
  const char* users[] = {"alice", "bob", "carol"};
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] {
      SignedInClient c = SignIn(s, users[i % 3]);
      auto res = c.client->Post("/api/jobs", ExampleDeck());
      if (!res || res->status != 202) return;
      const std::string id = json::parse(res->body)["job_id"];
      const std::string last = WaitForJob(*c.client, id, 90);
      if (!last.empty()) statuses[i] = json::parse(last)["status"];
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < statuses.size(); ++i) EXPECT_EQ(statuses[i], "succeeded") << "job " << i;
}

TEST(ServerTest, RateLimitAnswers429WithRetryAfter) {
  TestServer s([](ServerOptions& o) {
    o.rate_burst = 5;
    o.rate_per_second = 0.2;
  });
  SignedInClient alice = SignIn(s, "alice");  // the sign-in took one token of the address's bucket
  int refused = 0;
  for (int i = 0; i < 8; ++i) {
    auto res = alice.client->Get("/api/jobs");
    ASSERT_TRUE(res);
    if (res->status == 429) {
      ++refused;
      EXPECT_GE(std::stoi(res->get_header_value("Retry-After")), 1);
    }
  }
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(s.Client().Get("/healthz")->status, 200) << "health checks are never limited";
}

TEST(ServerTest, SecurityHeadersOnEveryResponse) {
  TestServer s;
  auto client = s.Client();
  ExpectSecurityHeaders(client.Get("/healthz"), "healthz");
  ExpectSecurityHeaders(client.Get("/api/jobs"), "401");
  ExpectSecurityHeaders(client.Get("/nothing-here"), "404");
  ExpectSecurityHeaders(client.Get("/"), "page");
  SignedInClient alice = SignIn(s, "alice");
  ExpectSecurityHeaders(alice.client->Get("/api/measures"), "measures");
}

TEST(ServerTest, HealthReadinessMeasuresAndPage) {
  TestServer s;
  auto client = s.Client();
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(json::parse(ready->body)["workers"], 3);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("HEDIS Mockup"), std::string::npos);
  SignedInClient alice = SignIn(s, "alice");
  const json measures = json::parse(alice.client->Get("/api/measures")->body)["measures"];
  EXPECT_NE(measures.dump().find("\"id\":\"PSA\""), std::string::npos) << measures;
}

TEST(ServerTest, StopFailsQueuedJobsAndARestartKeepsFinishedOnes) {
  std::string data, finished_id;
  auto s = std::make_unique<TestServer>([](ServerOptions& o) { o.workers = 1; });
  SignedInClient alice = SignIn(*s, "alice");
  finished_id = Submit(alice, ExampleDeck());
  ASSERT_FALSE(WaitForJob(*alice.client, finished_id).empty());
  std::vector<std::string> more;
  for (int i = 0; i < 3; ++i) more.push_back(Submit(alice, ExampleDeck()));
  s->server->Stop();
  auto store = JobStore::Open(s->dir.File("data"));
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Get(finished_id)->status, JobStatus::kSucceeded);
  for (const std::string& id : more) {
    const std::optional<Job> job = (*store)->Get(id);
    ASSERT_TRUE(job) << id;
    EXPECT_TRUE(IsFinished(job->status)) << id << " " << JobStatusName(job->status);
  }
}

TEST(ServerTest, AFullQueueAnswers503WithRetryAfter) {
  TestServer s([](ServerOptions& o) {
    o.workers = 1;
    o.queue_capacity = 1;
  });
  SignedInClient alice = SignIn(s, "alice");
  int refused = 0;
  for (int i = 0; i < 10 && refused == 0; ++i) {
    auto res = alice.client->Post("/api/jobs", ExampleDeck());
    ASSERT_TRUE(res);
    if (res->status == 503) {
      ++refused;
      EXPECT_EQ(res->get_header_value("Retry-After"), "30");
      EXPECT_NE(res->body.find("queue is full"), std::string::npos);
    }
  }
  EXPECT_EQ(refused, 1) << "one worker and one place cannot take ten jobs submitted back to back";
  for (const auto& job : json::parse(alice.client->Get("/api/jobs")->body)["jobs"]) {
    EXPECT_NE(WaitForJob(*alice.client, job["job_id"]), "") << "a refused job leaves nothing behind";
  }
}

TEST(ServerTest, APortInUseIsAnError) {
  TestServer first;
  std::unique_ptr<TestServer> second;
  try {
    second = std::make_unique<TestServer>([&](ServerOptions& o) { o.port = first.server->port(); });
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:"), std::string::npos) << e.what();
  }
  EXPECT_EQ(second, nullptr) << "two servers on one port";
}

TEST(JobStoreTest, JobsLeftRunningByADeadServerAreFailedOnOpen) {
  hm::testing::TempDir dir;
  Job job;
  job.id = std::string(32, 'a');
  job.owner = "alice";
  job.status = JobStatus::kRunning;
  ASSERT_TRUE(util::AtomicWrite(dir.File("jobs/" + job.id + "/job.json"), JobToJson(job)).ok());
  ASSERT_TRUE(util::AtomicWrite(dir.File("jobs/not-a-job/job.json"), "{}").ok());
  auto store = JobStore::Open(dir.path().string());
  ASSERT_TRUE(store.ok());
  const std::optional<Job> found = (*store)->Get(job.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, JobStatus::kFailed);
  EXPECT_NE(found->error.find("stopped"), std::string::npos);
  EXPECT_EQ((*store)->List("").size(), 1u);
}

}  // namespace
}  // namespace hm::serve::testing
