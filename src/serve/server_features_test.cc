// The API of uploaded measures, per-user statistics, job cancellation, old-job clean-up and the
// history's file names, end to end against a server in this process (server_test_util.h).
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "serve/job.h"
#include "serve/server_test_util.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::serve::testing {
namespace {

using nlohmann::json;

std::string SubmitJob(SignedInClient& c, httplib::MultipartFormDataItems items = ExampleDeck()) {
  auto res = c.client->Post("/api/jobs", items);
  EXPECT_TRUE(res && res->status == 202) << (res ? res->body : "no answer");
  return res && res->status == 202 ? json::parse(res->body).value("job_id", "") : "";
}

httplib::Result UploadMeasure(SignedInClient& c, const std::string& text, const std::string& file_name) {
  return c.client->Post("/api/measures", httplib::MultipartFormDataItems{{"file", text, file_name, "application/yaml"}});
}

// psa.yaml under another display name, so the picker can tell it from the shipped one.
std::string MyPsa() {
  std::string yaml = *ShippedMeasureText("PSA");
  const std::size_t at = yaml.find("\nname: ");
  yaml.insert(at + 7, "My variant of ");
  return yaml;
}

json Measures(SignedInClient& c) { return json::parse(c.client->Get("/api/measures")->body)["measures"]; }

// The entry of `measures` with this key, or null.
json WithKey(const json& measures, const std::string& key) {
  for (const json& m : measures) {
    if (m.value("key", "") == key) return m;
  }
  return nullptr;
}

std::string JobStatusOf(SignedInClient& c, const std::string& id) {
  auto res = c.client->Get("/api/jobs/" + id);
  return res && res->status == 200 ? json::parse(res->body).value("status", "") : "";
}

TEST(MeasureUploadApiTest, CheckedStoredListedForItsOwnerAndUsedByAJob) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice"), bob = SignIn(s, "bob"), root = SignIn(s, "root");
  auto res = UploadMeasure(alice, MyPsa(), "../../My PSA.yaml");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json uploaded = json::parse(res->body)["measure"];
  EXPECT_EQ(uploaded["key"], "uploaded:PSA");
  EXPECT_EQ(uploaded["uploaded"], true);
  EXPECT_EQ(uploaded["file_name"], "My PSA.yaml") << "sanitized: the path is dropped";
  EXPECT_EQ(json::parse(res->body)["warnings"].size(), 0u) << res->body;
  EXPECT_TRUE(std::filesystem::exists(s.dir.File("data/measures/user-alice/PSA.yaml")));

  const json mine = WithKey(Measures(alice), "uploaded:PSA");
  ASSERT_TRUE(mine.is_object()) << Measures(alice);
  EXPECT_TRUE(mine["name"].get<std::string>().starts_with("My variant of")) << mine;
  EXPECT_EQ(mine["file_name"], "My PSA.yaml");
  ASSERT_TRUE(WithKey(Measures(alice), "PSA").is_object()) << "the shipped one is still there";
  EXPECT_EQ(WithKey(Measures(alice), "PSA")["uploaded"], false);
  for (SignedInClient* other : {&bob, &root}) {
    EXPECT_EQ(Measures(*other).dump().find("uploaded:"), std::string::npos) << "only the owner sees an upload";
  }

  auto items = ExampleDeck();
  items[0].content = "uploaded:psa";
  const std::string id = SubmitJob(alice, items);
  const json job = json::parse(WaitForJob(*alice.client, id));
  ASSERT_EQ(job["status"], "succeeded") << job.dump(2);
  EXPECT_EQ(job["measure"], "PSA");
  const json& measure_input = job["inputs"].back();
  EXPECT_EQ(measure_input["role"], "measure") << job["inputs"];
  EXPECT_EQ(measure_input["path"], "input/measure.yaml");
  EXPECT_EQ(measure_input["name"], "My PSA.yaml");
  EXPECT_EQ(*util::ReadFile(s.dir.File("data/jobs/" + id + "/input/measure.yaml")), MyPsa()) << "the job's own copy";
  auto refused = bob.client->Post("/api/jobs", items);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400) << "bob has no such upload";
  EXPECT_NE(refused->body.find("no uploaded measure 'PSA'"), std::string::npos) << refused->body;
}

TEST(MeasureUploadApiTest, BadFilesAreRefusedWithFileAndLine) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  auto broken = UploadMeasure(alice, "measure: X\nname: [unclosed\n", "broken.yaml");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400) << broken->body;
  EXPECT_NE(json::parse(broken->body)["error"].get<std::string>().find("broken.yaml: line"), std::string::npos) << broken->body;
  auto binary = UploadMeasure(alice, std::string("MZ\x90\0\x03\0\0\0", 8) + "program", "measure.yaml");
  ASSERT_TRUE(binary);
  EXPECT_EQ(binary->status, 400);
  EXPECT_NE(binary->body.find("not a text file"), std::string::npos) << binary->body;
  auto large = UploadMeasure(alice, "# " + std::string(1'100'000, 'x') + "\n", "big.yaml");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413) << large->body;
  EXPECT_NE(large->body.find("larger than the limit of 1 MB"), std::string::npos) << large->body;
  auto no_file = alice.client->Post("/api/measures", httplib::MultipartFormDataItems{{"other", "x", "", ""}});
  EXPECT_EQ(no_file->status, 400);
  httplib::Client no_token = s.Client();
  no_token.set_default_headers({{"Cookie", alice.cookie}});
  EXPECT_EQ(no_token.Post("/api/measures", httplib::MultipartFormDataItems{{"file", MyPsa(), "a.yaml", ""}})->status, 403);
  EXPECT_EQ(Measures(alice).dump().find("uploaded:"), std::string::npos) << "nothing stored";
  EXPECT_TRUE(std::filesystem::is_empty(s.dir.File("data/measures/.incoming"))) << "uploads in progress cleaned up";
}

TEST(StatsApiTest, EachUserCountsTheirOwnAndAnAdminEveryones) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice"), bob = SignIn(s, "bob"), root = SignIn(s, "root");
  std::vector<std::string> ids = {SubmitJob(alice), SubmitJob(bob), SubmitJob(bob)};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ASSERT_FALSE(WaitForJob(i == 0 ? *alice.client : *bob.client, ids[i]).empty());
  }
  const auto total = [](SignedInClient& c) {
    return json::parse(c.client->Get("/api/stats?days=30")->body)["total_generations"].get<int>();
  };
  EXPECT_EQ(total(alice), 1);
  EXPECT_EQ(total(bob), 2);
  EXPECT_EQ(total(root), 3);
  EXPECT_EQ(json::parse(bob.client->Get("/api/stats")->body)["measures"]["PSA"]["total"], 2);
  SignedInClient carol = SignIn(s, "carol");
  EXPECT_EQ(total(carol), 0);
}

TEST(HistoryApiTest, ShowsTheWorkbooksOriginalName) {
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  auto items = ExampleDeck();
  items.back().filename = "C:\\Users\\qa\\PSA deck; v2.csv";
  ASSERT_FALSE(WaitForJob(*alice.client, SubmitJob(alice, items)).empty());
  const json sessions = json::parse(alice.client->Get("/api/history")->body)["sessions"];
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0]["testcase_name"], "PSA deck v2.csv") << "sanitized for display";
  EXPECT_EQ(sessions[0]["testcase_file"], "testcases.csv") << "the audit record keeps the stored name";
}

TEST(CancelApiTest, QueuedAndRunningJobsAreCancelledAndAudited) {
  TestServer s([](ServerOptions& o) { o.workers = 1; });
  SignedInClient alice = SignIn(s, "alice"), bob = SignIn(s, "bob"), root = SignIn(s, "root");
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(SubmitJob(alice));
  const std::string running = ids[0], queued = ids[3];
  EXPECT_EQ(bob.client->Post("/api/jobs/" + queued + "/cancel")->status, 404) << "not bob's";
  httplib::Client no_token = s.Client();
  no_token.set_default_headers({{"Cookie", alice.cookie}});
  EXPECT_EQ(no_token.Post("/api/jobs/" + queued + "/cancel")->status, 403);

  auto cancelled = alice.client->Post("/api/jobs/" + queued + "/cancel");
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, 200) << "a queued job is cancelled at once: " << cancelled->body;
  EXPECT_EQ(json::parse(cancelled->body)["status"], "cancelled");
  EXPECT_EQ(json::parse(cancelled->body)["error"], "cancelled by alice");

  auto stopping = root.client->Post("/api/jobs/" + running + "/cancel");  // an admin may
  ASSERT_TRUE(stopping);
  ASSERT_EQ(stopping->status, 202) << "still running: it stops at its next check; " << stopping->body;
  EXPECT_EQ(json::parse(stopping->body)["phase"], "Cancelling");
  const json job = json::parse(WaitForJob(*alice.client, running));
  EXPECT_EQ(job["status"], "cancelled") << job.dump(2);
  EXPECT_EQ(job["error"], "cancelled by root");
  EXPECT_TRUE(job["outputs"].empty());
  EXPECT_TRUE(std::filesystem::is_empty(s.dir.File("data/jobs/" + running + "/output"))) << "nothing left behind";

  for (const std::string& id : {ids[1], ids[2]}) EXPECT_EQ(json::parse(WaitForJob(*alice.client, id))["status"], "succeeded");
  EXPECT_EQ(alice.client->Post("/api/jobs/" + ids[1] + "/cancel")->status, 409) << "already finished";
  EXPECT_EQ(alice.client->Post("/api/jobs/" + queued + "/cancel")->status, 409) << "already cancelled";

  const std::string history = alice.client->Get("/api/history?limit=0")->body;
  for (const std::string& id : {running, queued}) {
    const std::string session = json::parse(alice.client->Get("/api/jobs/" + id)->body)["session_id"];
    ASSERT_FALSE(session.empty()) << id;
    const std::size_t at = history.find(session);
    ASSERT_NE(at, std::string::npos) << "every job is a session, a cancelled one too";
  }
  EXPECT_NE(history.find(R"("type":"cancelled")"), std::string::npos);
  EXPECT_NE(history.find("cancelled by alice before it started"), std::string::npos);
}

// The core's side of a cancel: GenerateMockup stops between members and leaves no file.
TEST(CancelApiTest, GenerateStopsBetweenMembersAndWritesNothing) {
  hm::testing::TempDir dir;
  const std::string root = hm::testing::SourceDir();
  VsdLoadOptions uncached;
  uncached.use_cache = false;
  auto vsd = ValueSetDirectory::Load({root + "/examples/vsd"}, uncached);
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  auto book = ReadTestCases(root + "/examples/testcases/psa_example.csv", {2026, &*vsd});
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  auto measure = CompiledMeasure::FromText(*ShippedMeasureText("PSA"), "psa.yaml", *vsd, 2026);
  ASSERT_TRUE(measure.ok());
  int polls = 0;
  GenerateOptions g;
  g.measurement_year = 2026;
  g.out_dir = dir.path().string();
  g.cancelled = [&polls] { return ++polls > 2; };  // after two members
  auto report = GenerateMockup(*book, *measure, *vsd, g);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "cancelled");
  EXPECT_EQ(polls, 3);
  EXPECT_TRUE(hm::testing::FilesIn(dir.path()).empty()) << hm::testing::FilesIn(dir.path())[0];
}

// A job folder left from long ago is deleted when the server starts; with a retention of 0 days a
// job is deleted at the first sweep after it finished.
TEST(RetentionTest, OldFinishedJobsAreDeleted) {
  hm::testing::TempDir data;
  Job old;
  old.id = std::string(32, 'a');
  old.owner = "alice";
  old.status = JobStatus::kSucceeded;
  old.created = old.finished = "2020-01-01T00:00:00Z";
  ASSERT_TRUE(util::AtomicWrite(data.File("jobs/" + old.id + "/job.json"), JobToJson(old)).ok());
  TestServer s([&](ServerOptions& o) {
    o.data_dir = data.path().string();
    o.job_retention_days = 0;
    o.sweep_interval = std::chrono::seconds(1);
  });
  SignedInClient alice = SignIn(s, "alice");
  for (int i = 0; i < 100 && std::filesystem::exists(data.File("jobs/" + old.id)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_FALSE(std::filesystem::exists(data.File("jobs/" + old.id))) << "swept at start";
  EXPECT_EQ(alice.client->Get("/api/jobs/" + old.id)->status, 404);
  const std::string id = SubmitJob(alice);
  ASSERT_EQ(json::parse(WaitForJob(*alice.client, id))["status"], "succeeded");
  for (int i = 0; i < 60 && JobStatusOf(alice, id) == "succeeded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(alice.client->Get("/api/jobs/" + id)->status, 404) << "deleted at the next sweep";
  EXPECT_FALSE(std::filesystem::exists(data.File("jobs/" + id)));
  EXPECT_EQ(json::parse(alice.client->Get("/api/history")->body)["sessions"].size(), 1u) << "the audit log keeps it";
}

}  // namespace
}  // namespace hm::serve::testing
