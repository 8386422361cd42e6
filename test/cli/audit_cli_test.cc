// End-to-end tests of the backbone through the real binary: every `vsd` run is a session in the
// audit log; history, stats, verify and export read it; logs carry the session's context.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "read/workbook.h"
#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using hm::testing::CliResult;
using hm::testing::RunCli;
using nlohmann::json;

class AuditCliTest : public ::testing::Test {
 protected:
  std::string SampleVsd() const { return hm::testing::SourceDir() + "/examples/vsd"; }
  CliResult Run(const std::string& args) { return RunCli(args, home_.path().string()); }
  json History() {
    CliResult r = Run("history --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  std::string AuditFile() const { return (home_.path() / "audit" / "audit.jsonl").string(); }
  hm::testing::TempDir home_;
  hm::testing::TempDir files_;
};

TEST_F(AuditCliTest, VsdRunLeavesASessionWithInputHashAndDuration) {
  ASSERT_EQ(Run("vsd lookup --vsd " + SampleVsd() + " --code 84153").exit_code, 0);
  const json history = History();
  ASSERT_EQ(history.size(), 1u);
  const json& s = history[0];
  EXPECT_EQ(s["command"], "vsd lookup");
  EXPECT_EQ(s["status"], "success");
  EXPECT_GE(s["duration_seconds"].get<double>(), 0.0);
  EXPECT_FALSE(s["timestamp_start"].get<std::string>().empty());
  ASSERT_FALSE(s["inputs"].empty());
  bool found_codes_file = false;
  for (const json& input : s["inputs"]) {
    EXPECT_EQ(input["sha256"].get<std::string>().size(), 64u) << input.dump();
    found_codes_file |= input["path"].get<std::string>().find("value_sets_to_codes.csv") !=
                        std::string::npos;
  }
  EXPECT_TRUE(found_codes_file) << s.dump();
  // The session carries the run's completeness: the VSD source succeeded with its codes.
  const json completeness = s["completeness"].is_string() ? json::parse(s["completeness"].get<std::string>())
                                                         : s["completeness"];
  EXPECT_EQ(completeness["data_sources"]["vsd"]["succeeded"], true) << completeness.dump();
  EXPECT_GT(completeness["data_sources"]["vsd"]["record_count"].get<int>(), 500);
}

TEST_F(AuditCliTest, RunOnABrokenFileIsRecordedAsFailedWithItsError) {
  const std::string bad = files_.Write("broken.xlsx", "not a workbook at all");
  CliResult r = Run("vsd info --vsd " + bad);
  ASSERT_EQ(r.exit_code, 2);
  const json history = History();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["status"], "failed");
  EXPECT_NE(history[0]["error"].get<std::string>().find("not a zip archive"), std::string::npos)
      << history[0].dump();
  EXPECT_EQ(history[0]["inputs"][0]["path"], bad);
}

// A run that reads a test-case workbook names it, with its hash, in the record's testcase_file.
TEST_F(AuditCliTest, TheTestCaseWorkbookIsNamedInTheRecord) {
  const std::string deck = hm::testing::SourceDir() + "/examples/testcases/psa_example.csv";
  ASSERT_EQ(Run("parse --my 2026 --testcases " + deck).exit_code, 0);
  const json history = History();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["testcase_file"], "psa_example.csv") << history[0].dump();
  EXPECT_EQ(history[0]["testcase_hash"].get<std::string>().size(), 64u) << history[0].dump();
}

TEST_F(AuditCliTest, HistoryFiltersAndLimits) {
  ASSERT_EQ(Run("vsd info --vsd " + SampleVsd()).exit_code, 0);
  ASSERT_EQ(Run("vsd info --vsd " + files_.Write("x.xlsx", "junk")).exit_code, 2);
  ASSERT_EQ(Run("vsd codes --vsd " + SampleVsd() + " --value-set Mammography").exit_code, 0);
  EXPECT_EQ(History().size(), 3u);
  CliResult r = Run("history --json --limit 1");
  ASSERT_EQ(r.exit_code, 0);
  ASSERT_EQ(json::parse(r.out).size(), 1u);
  EXPECT_EQ(json::parse(r.out)[0]["command"], "vsd codes") << "newest first";
  r = Run("history --json --status failed");
  ASSERT_EQ(json::parse(r.out).size(), 1u);
  r = Run("history");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("vsd codes"), std::string::npos) << r.out;
}

TEST_F(AuditCliTest, StatsCountSessions) {
  ASSERT_EQ(Run("vsd info --vsd " + SampleVsd()).exit_code, 0);
  ASSERT_EQ(Run("vsd lookup --vsd " + SampleVsd() + " --code 84153").exit_code, 0);
  ASSERT_EQ(Run("vsd info --vsd " + files_.Write("x.xlsx", "junk")).exit_code, 2);
  CliResult r = Run("stats --json --days 30");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json stats = json::parse(r.out);
  for (const char* field : {"total_generations", "successful_generations", "failed_generations",
                            "success_rate", "avg_duration_seconds", "measures",
                            "total_members_generated", "period_days"}) {
    EXPECT_TRUE(stats.contains(field)) << field << " in " << r.out;
  }
  EXPECT_EQ(stats["total_generations"], 3);
  EXPECT_EQ(stats["successful_generations"], 2);
  EXPECT_EQ(stats["failed_generations"], 1);
  EXPECT_EQ(stats["period_days"], 30);
  EXPECT_EQ(Run("stats --days 0").exit_code, 2);
}

TEST_F(AuditCliTest, VerifyDetectsAnEditedRecord) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Run("vsd info --vsd " + SampleVsd()).exit_code, 0);
  CliResult r = Run("audit verify");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("intact"), std::string::npos) << r.out;

  // Rewrite the middle record's status, as someone hiding a failure would.
  std::ifstream in(AuditFile());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  in.close();
  ASSERT_EQ(lines.size(), 3u);
  const std::size_t at = lines[1].find("\"success\"");
  ASSERT_NE(at, std::string::npos);
  lines[1].replace(at, 9, "\"SUCCESS\"");
  std::ofstream out(AuditFile(), std::ios::trunc);
  for (const std::string& line : lines) out << line << "\n";
  out.close();

  r = Run("audit verify --json");
  EXPECT_EQ(r.exit_code, 1) << "the job ran and found a failure";
  const json report = json::parse(r.out);
  ASSERT_FALSE(report["broken_links"].empty()) << r.out;
  EXPECT_EQ(report["broken_links"][0]["line"], 3) << "line 3 no longer follows the edited line 2";
  EXPECT_EQ(report["intact"], false);
}

TEST_F(AuditCliTest, ExportWritesAWorkbookAnIndependentReaderOpens) {
  ASSERT_EQ(Run("vsd info --vsd " + SampleVsd()).exit_code, 0);
  const std::string out = files_.File("summary.xlsx");
  CliResult r = Run("audit export --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto workbook = read::Workbook::Open(out);
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  const auto& sheets = (*workbook)->SheetNames();
  for (const char* name : {"Sessions", "Statistics", "Run Info"}) {
    EXPECT_NE(std::find(sheets.begin(), sheets.end(), name), sheets.end()) << name;
  }
  // The Run Info sheet and a JSON sidecar carry the export's completeness.
  auto run_info = (*workbook)->LoadSheet(static_cast<std::size_t>((*workbook)->FindSheet("Run Info")));
  ASSERT_TRUE(run_info.ok()) << run_info.status().ToString();
  std::string completeness_cell;
  for (const read::Row& row : run_info->rows) {
    if (row.at(0).AsText() == "completeness") completeness_cell = row.at(1).AsText();
  }
  ASSERT_FALSE(completeness_cell.empty());
  EXPECT_EQ(json::parse(completeness_cell)["data_sources"]["audit_log"]["record_count"], 1);
  std::ifstream sidecar(out + ".completeness.json");
  ASSERT_TRUE(sidecar.good()) << "no sidecar beside " << out;
  const json beside = json::parse(sidecar);
  EXPECT_EQ(beside["total_sources_succeeded"], 1);
  EXPECT_DOUBLE_EQ(beside["completeness_score"].get<double>(), 1.0);

  EXPECT_EQ(Run("audit export --out " + files_.File("summary.pdf")).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(files_.File("summary.pdf.completeness.json")));
}

TEST_F(AuditCliTest, JsonLogLinesCarryTheSessionContext) {
  const std::string log_file = files_.File("run.log");
  CliResult r = Run("--log-format json --log-file " + log_file + " -v vsd info --vsd " + SampleVsd());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string session_id = History()[0]["session_id"];
  std::ifstream in(log_file);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    const json entry = json::parse(line);
    EXPECT_TRUE(entry.contains("timestamp") && entry.contains("level") && entry.contains("message"))
        << line;
    EXPECT_EQ(entry["session_id"], session_id) << line;
  }
  EXPECT_GT(lines, 0);
  EXPECT_EQ(Run("--log-format xml vsd info --vsd " + SampleVsd()).exit_code, 2);
  const std::string blocker = files_.Write("blocker", "a file, not a folder");
  r = Run("--log-file " + blocker + "/x.log vsd info --vsd " + SampleVsd());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(blocker), std::string::npos) << "names the file: " << r.err;
}

}  // namespace
}  // namespace hm
