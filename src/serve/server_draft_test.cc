// A job with a spec PDF drafts its measure from it (for review only) and offers the draft as one
// more download; a spec the drafter cannot use never fails the job. End to end against a server in
// this process (server_test_util.h), on PDFs LibreOffice makes here (test/testing/pdf_fixture.h).
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "serve/server_test_util.h"
#include "testing/pdf_fixture.h"
#include "util/files.h"

namespace hm::serve::testing {
namespace {

using nlohmann::json;


// A specification with another measure's section only.
hm::testing::SpecDocument WccOnlySpec() {
  hm::testing::SpecDocument document;
  document.Heading("Weight Assessment and Counseling for Nutrition and Physical Activity (WCC)")
      .Paragraph("Ages: 3\xE2\x80\x93" "17 years as of December 31 of the measurement year.");
  return document;
}

std::string Submit(SignedInClient& c, const httplib::MultipartFormDataItems& items) {
  auto res = c.client->Post("/api/jobs", items);
  EXPECT_TRUE(res);
  if (!res) return "";
  EXPECT_EQ(res->status, 202) << res->body;
  return res->status == 202 ? json::parse(res->body).value("job_id", "") : "";
}

bool Has(const json& list, const std::string& name) {
  const auto names = list.get<std::vector<std::string>>();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The example deck with `pdf` as its spec; the job as it finished.
json RunWithSpec(SignedInClient& c, const std::string& pdf) {
  auto items = ExampleDeck();
  items.push_back({"spec", pdf, "NCQA spec.pdf", "application/pdf"});
  const std::string id = Submit(c, items);
  EXPECT_FALSE(id.empty());
  const std::string last = WaitForJob(*c.client, id, 120);
  return last.empty() ? json::object() : json::parse(last);
}

TEST(ServerDraftTest, ASpecPdfGivesADraftToDownload) {
  hm::testing::TempDir dir;
  Result<std::string> pdf = hm::testing::MakePdf(hm::testing::PsaSpecDocument(), dir.path(), "spec");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  TestServer s;
  SignedInClient alice = SignIn(s, "alice");
  const json job = RunWithSpec(alice, *util::ReadFile(*pdf));
  ASSERT_EQ(job.value("status", ""), "succeeded") << job.dump(2);
  EXPECT_EQ(job["progress"], 100);
  ASSERT_TRUE(job["draft"].is_object()) << job.dump(2);
  EXPECT_EQ(job["draft"]["file"], "PSA_MY2026_Draft.yaml");
  EXPECT_EQ(job["draft"]["loads"], true) << job["draft"].dump();
  EXPECT_GT(job["draft"]["review"].get<int>(), 0);
  EXPECT_FALSE(job["draft"].contains("error")) << job["draft"].dump();
  // One more output beside the mockup's (which the job made with the shipped measure, as always).
  EXPECT_TRUE(Has(job["outputs"], "PSA_MY2026_Draft.yaml")) << job["outputs"];
  EXPECT_TRUE(Has(job["outputs"], "PSA_MY2026_Mockup.xlsx")) << job["outputs"];
  EXPECT_EQ(job["report"]["validation"]["failed"], 0);
  auto file = alice.client->Get("/api/jobs/" + job["job_id"].get<std::string>() + "/files/PSA_MY2026_Draft.yaml");
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->get_header_value("Content-Disposition"), "attachment; filename=\"PSA_MY2026_Draft.yaml\"");
  EXPECT_NE(file->body.find("\nreview:"), std::string::npos) << file->body;
  EXPECT_NE(file->body.find("measure: PSA"), std::string::npos) << file->body;
  EXPECT_EQ(file->body.find(s.dir.path().string()), std::string::npos) << "no server path in the draft";
  // The audit session records the draft as an output and says how it went.
  const json sessions = json::parse(alice.client->Get("/api/history")->body)["sessions"];
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0]["status"], "success");
  EXPECT_NE(sessions[0]["events"].dump().find("drafted from the spec"), std::string::npos) << sessions[0].dump();
  EXPECT_NE(sessions[0].dump().find("PSA_MY2026_Draft.yaml"), std::string::npos) << sessions[0].dump();
}

TEST(ServerDraftTest, ASpecTheDrafterCannotUseNeverFailsTheJob) {
  hm::testing::TempDir dir;
  Result<std::string> wcc = hm::testing::MakePdf(WccOnlySpec(), dir.path(), "wcc");
  ASSERT_TRUE(wcc.ok()) << wcc.status().ToString();
  TestServer s;
  SignedInClient bob = SignIn(s, "bob");
  struct Case {
    std::string what, pdf, error;
  };
  for (const Case& c : {Case{"no PSA section", *util::ReadFile(*wcc), "WCC"},
                        Case{"not really a PDF", "%PDF-1.7\nnothing else\n", "input/spec.pdf: not a PDF"}}) {
    const json job = RunWithSpec(bob, c.pdf);
    ASSERT_EQ(job.value("status", ""), "succeeded") << c.what << ": " << job.dump(2);
    EXPECT_EQ(job["progress"], 100) << c.what;
    ASSERT_TRUE(job["draft"].is_object()) << c.what << ": " << job.dump(2);
    const std::string error = job["draft"].value("error", "");
    EXPECT_FALSE(error.empty()) << c.what << ": " << job["draft"].dump();
    EXPECT_EQ(job["draft"]["loads"], false) << c.what;
    EXPECT_TRUE(job["draft"]["file"].is_null()) << c.what;
    EXPECT_EQ(error.find(s.dir.path().string()), std::string::npos) << c.what << ": no server path: " << error;
    EXPECT_NE(error.find(c.error), std::string::npos) << c.what << ": " << error;
    EXPECT_FALSE(Has(job["outputs"], "PSA_MY2026_Draft.yaml")) << c.what << ": " << job["outputs"];
    EXPECT_TRUE(Has(job["outputs"], "PSA_MY2026_Mockup.xlsx")) << c.what << ": " << job["outputs"];
    EXPECT_TRUE(Has(job["outputs"], "PSA_MY2026_Validation.json")) << c.what << ": " << job["outputs"];
    auto mockup = bob.client->Get("/api/jobs/" + job["job_id"].get<std::string>() + "/files/PSA_MY2026_Mockup.xlsx");
    ASSERT_TRUE(mockup);
    EXPECT_EQ(mockup->status, 200) << c.what;
  }
  // Each session succeeded, with the draft's failure as a warning event.
  const json sessions = json::parse(bob.client->Get("/api/history")->body)["sessions"];
  ASSERT_EQ(sessions.size(), 2u);
  for (const json& session : sessions) {
    EXPECT_EQ(session["status"], "success") << session.dump();
    EXPECT_NE(session["events"].dump().find("could not be drafted from the spec"), std::string::npos) << session.dump();
  }
}

TEST(ServerDraftTest, AJobWithoutASpecHasNoDraft) {
  TestServer s;
  SignedInClient carol = SignIn(s, "carol");
  const std::string id = Submit(carol, ExampleDeck());
  const json job = json::parse(WaitForJob(*carol.client, id));
  ASSERT_EQ(job["status"], "succeeded") << job.dump(2);
  EXPECT_TRUE(job["draft"].is_null());
  EXPECT_FALSE(Has(job["outputs"], "PSA_MY2026_Draft.yaml"));
}

}  // namespace
}  // namespace hm::serve::testing
