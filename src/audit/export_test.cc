#include "audit/export.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "audit/audit_test_util.h"
#include "audit/clock.h"
#include "audit/record_json.h"
#include "read/workbook.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::audit {
namespace {

namespace fs = std::filesystem;
using testutil::MakeRecord;

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = AuditLog::Open(testutil::TestOptions(dir_));
    ASSERT_TRUE(opened.ok());
    log_.emplace(std::move(opened).value());
    const SessionRecord records[] = {
        MakeRecord("s1", "PSA", "2026-02-20T00:00:00Z", 10, "success", 100),
        MakeRecord("s2", "CBP", "2026-02-25T00:00:00Z", 20, "failed"),
        MakeRecord("s3", "=HYPERLINK(\"x\")", "2026-02-26T00:00:00Z", 5, "success", 3),
        MakeRecord("old", "PSA", "2025-01-01T00:00:00Z", 1, "success", 1),
    };
    for (const SessionRecord& r : records) ASSERT_TRUE(log_->Append(r).ok());
    options_.now = TimePoint(std::chrono::seconds(*ParseUtcSeconds("2026-03-01T00:00:00Z")));
    options_.days = 30;
  }
  // The files in the output folder: no temporary may be left behind.
  // An export and its completeness sidecar, as OutFiles() lists them.
  static std::vector<std::string> WithSidecar(const std::string& name) {
    return {name, name + ".completeness.json"};
  }
  std::vector<std::string> OutFiles() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out_dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  hm::testing::TempDir dir_;
  fs::path out_dir_ = dir_.path() / "out";
  std::optional<AuditLog> log_;
  ExportOptions options_;
};

TEST_F(ExportTest, Json) {
  fs::create_directories(out_dir_);
  const std::string out = (out_dir_ / "summary.json").string();
  ASSERT_TRUE(log_->Export(out, options_).ok());
  const auto json = ordered_json::parse(util::ReadFile(out).value());
  ASSERT_EQ(json["sessions"].size(), 3u);              // "old" is outside the 30 days
  EXPECT_EQ(json["sessions"][0]["session_id"], "s1");  // oldest first
  EXPECT_EQ(json["statistics"]["total_generations"], 3);
  EXPECT_EQ(json["statistics"]["total_members_generated"], 103);
  EXPECT_EQ(json["statistics"]["period_days"], 30);
  EXPECT_EQ(json["verify"]["intact"], true);
  EXPECT_EQ(json["verify"]["records"], 4);
  EXPECT_EQ(json["exported_at"], "2026-03-01T00:00:00Z");
  EXPECT_EQ(json["completeness"]["data_sources"]["audit_log"]["record_count"], 3);
  EXPECT_EQ(OutFiles(), WithSidecar("summary.json"));
}

TEST_F(ExportTest, CsvHasOneRowPerSessionAndDefusesFormulas) {
  fs::create_directories(out_dir_);
  const std::string out = (out_dir_ / "summary.CSV").string();  // the extension ignores case
  options_.days = 0;                                            // everything
  ASSERT_TRUE(log_->Export(out, options_).ok());
  Result<std::unique_ptr<read::Workbook>> book = read::Workbook::Open(out);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  Result<read::Sheet> sheet = (*book)->LoadSheet(0);
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 5u);  // header + 4
  for (std::size_t i = 0; i < SessionColumns().size(); ++i) {
    EXPECT_EQ(sheet->rows[0].at(i).AsText(), SessionColumns()[i]);
  }
  EXPECT_EQ(sheet->rows[1].at(0).AsText(), "old");
  EXPECT_EQ(sheet->rows[4].at(1).AsText(), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(OutFiles(), WithSidecar("summary.CSV"));
}

TEST_F(ExportTest, XlsxReadsBackWithTheProjectsReader) {
  fs::create_directories(out_dir_);
  const std::string out = (out_dir_ / "summary.xlsx").string();
  ASSERT_TRUE(log_->Export(out, options_).ok());
  Result<std::unique_ptr<read::Workbook>> book = read::Workbook::Open(out);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ((*book)->SheetNames(),
            (std::vector<std::string>{"Sessions", "Statistics", "Run Info"}));
  Result<read::Sheet> sessions = (*book)->LoadSheet(0);
  ASSERT_TRUE(sessions.ok()) << sessions.status().ToString();
  ASSERT_EQ(sessions->rows.size(), 4u);  // header + 3 in the period
  for (std::size_t i = 0; i < SessionColumns().size(); ++i) {
    EXPECT_EQ(sessions->rows[0].at(i).AsText(), SessionColumns()[i]) << i;
  }
  EXPECT_EQ(sessions->rows[1].at(0).AsText(), "s1");
  EXPECT_EQ(sessions->rows[2].at(3).AsText(), "failed");

  Result<read::Sheet> stats = (*book)->LoadSheet(1);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->rows[2].at(0).AsText(), "total_generations");
  EXPECT_EQ(stats->rows[2].at(1).AsText(), "3");
  Result<read::Sheet> info = (*book)->LoadSheet(2);
  ASSERT_TRUE(info.ok());
  bool saw_chain = false;
  for (const read::Row& row : info->rows) {
    if (row.at(0).AsText() == "hash_chain") {
      saw_chain = true;
      EXPECT_EQ(row.at(1).AsText(), "intact");
    }
  }
  EXPECT_TRUE(saw_chain);
  EXPECT_EQ(OutFiles(), WithSidecar("summary.xlsx"));
}

TEST_F(ExportTest, AnEditTheIndexMissedFailsOnceThenExportsRight) {
  fs::create_directories(out_dir_);
  const std::string out = (out_dir_ / "summary.json").string();
  ASSERT_TRUE(log_->Export(out, options_).ok());
  std::vector<std::string> lines = testutil::ReadLines(log_->log_path());
  lines[1].replace(lines[1].find("\"s2\""), 4, "\"S2\"");  // same size, not the last line
  testutil::WriteLines(log_->log_path(), lines);
  Status status = log_->Export(out, options_);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.ToString().find("export again"), std::string::npos) << status.ToString();
  EXPECT_EQ(OutFiles(), WithSidecar("summary.json"));  // the old one, untouched
  ASSERT_TRUE(log_->Export(out, options_).ok());
  const auto json = ordered_json::parse(util::ReadFile(out).value());
  EXPECT_EQ(json["sessions"][1]["session_id"], "S2");
}

TEST_F(ExportTest, RefusesAnUnknownExtensionAndWritesNothing) {
  fs::create_directories(out_dir_);
  for (const char* name : {"summary.pdf", "summary", "summary.json.bak"}) {
    Status status = log_->Export((out_dir_ / name).string(), options_);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << name;
    EXPECT_NE(status.ToString().find(".json, .csv or .xlsx"), std::string::npos)
        << status.ToString();
  }
  EXPECT_TRUE(OutFiles().empty());
}

TEST_F(ExportTest, AMissingFolderIsCreated) {
  ASSERT_TRUE(log_->Export((out_dir_ / "reports" / "summary.json").string(), options_).ok());
  EXPECT_TRUE(fs::exists(out_dir_ / "reports" / "summary.json"));
}

TEST_F(ExportTest, AnUnwritablePlaceIsAnIoErrorAndLeavesNothing) {
  fs::create_directories(out_dir_);
  const fs::path blocker = out_dir_ / "blocker";
  std::ofstream(blocker) << "a file, not a folder";
  Status status = log_->Export((blocker / "summary.json").string(), options_);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.ToString().find("blocker"), std::string::npos) << status.ToString();
  EXPECT_EQ(OutFiles(), std::vector<std::string>{"blocker"});
}

}  // namespace
}  // namespace hm::audit
