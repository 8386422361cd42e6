// End-to-end tests of `hedis-mockup timeline` and `timeline demo-warehouse` (issue 7): the real
// binary on a demo warehouse in SQLite and in the PostgreSQL server the test binary starts.
// Checked: the artifacts and the exit code (1: some patients fatal); strategies and repeated
// runs give byte-identical artifacts; --json; the audit record; bad input (unknown profile
// field, a required source whose SQL fails, an unreachable server) exits 2 and writes nothing.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "testing/cli_runner.h"
#include "testing/postgres_server.h"
#include "testing/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using hm::testing::CliResult;
using hm::testing::ReadAll;
using nlohmann::json;

class TimelineCliTest : public ::testing::Test {
 protected:
  CliResult Run(const std::string& args) { return hm::testing::RunCli(args, home_.path().string()); }

  // A demo warehouse of `patients` patients in a SQLite file; its connection string.
  std::string SqliteWarehouse(int patients = 12) {
    const std::string uri = "sqlite:" + dir_.File("warehouse.sqlite");
    const CliResult r = Run(Subst("timeline demo-warehouse --out '{}' --patients {}", uri, patients));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return uri;
  }

  static std::string Subst(std::string pattern, const std::string& a, int b = 0) {
    pattern.replace(pattern.find("{}"), 2, a);
    if (const std::size_t at = pattern.find("{}"); at != std::string::npos) {
      pattern.replace(at, 2, std::to_string(b));
    }
    return pattern;
  }

  // Every artifact but run_info.json, by relative path.
  static std::map<std::string, std::string> Artifacts(const std::string& out) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
      if (!entry.is_regular_file() || entry.path().filename() == "run_info.json") continue;
      files[fs::relative(entry.path(), out).string()] = ReadAll(entry.path().string());
    }
    return files;
  }

  std::string Timeline(const std::string& uri, const std::string& out, const std::string& more) {
    return "timeline --profile oncology --source '" + uri + "' --out '" + out + "' " + more;
  }

  hm::testing::TempDir home_, dir_;
};

TEST_F(TimelineCliTest, DemoWarehouseAndTimelineOnSqlite) {
  const std::string uri = SqliteWarehouse();
  const std::string out = dir_.File("out");
  const CliResult r = Run(Timeline(uri, out, "--patients demo-patient-001,demo-patient-007"));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // 007 has no anchored diagnosis
  EXPECT_NE(r.out.find("2 patients: 1 ok, 0 partial, 1 fatal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FATAL demo-patient-007"), std::string::npos) << r.out;
  EXPECT_EQ(hm::testing::FilesIn(out + "/patients"),
            (std::vector<std::string>{"demo-patient-001.json", "demo-patient-007.json"}));
  const json p = json::parse(ReadAll(out + "/patients/demo-patient-001.json"));
  EXPECT_EQ(p["status"], "ok");
  EXPECT_EQ(p["anchored_diagnosis"]["kind"], "pathology");
  EXPECT_EQ(p["phase_1_completeness"]["total_sources_attempted"], 6);
  EXPECT_FALSE(p["timeline_events"].empty());
  EXPECT_TRUE(fs::exists(out + "/cohort_summary.xlsx"));
  const json summary = json::parse(ReadAll(out + "/cohort_summary.json"));
  EXPECT_EQ(summary["patients_fatal"], 1);
  // The audit log has the session.
  const CliResult history = Run("history --json");
  EXPECT_NE(history.out.find("\"timeline\""), std::string::npos) << history.out;
}

TEST_F(TimelineCliTest, StrategiesAndRepeatedRunsAreByteIdentical) {
  const std::string uri = SqliteWarehouse();
  const std::string cohort = dir_.Write("cohort.txt", "# the demo cohort\ndemo-patient-001\n"
                                                     "demo-patient-002\n\ndemo-patient-005\n"
                                                     "demo-patient-007\ndemo-patient-010\n");
  const std::vector<std::string> runs = {"--strategy batched", "--strategy batched",
                                         "--strategy per-patient --max-concurrent 3",
                                         "--strategy per-patient --max-concurrent 1"};
  std::map<std::string, std::string> first;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string out = dir_.File("out" + std::to_string(i));
    const CliResult r = Run(Timeline(uri, out, "--cohort '" + cohort + "' " + runs[i]));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto artifacts = Artifacts(out);
    EXPECT_EQ(artifacts.size(), 7u);  // 5 patients, summary .json and .xlsx
    if (i == 0) first = artifacts;
    EXPECT_EQ(artifacts, first) << runs[i];
  }
}

TEST_F(TimelineCliTest, JsonOutput) {
  const std::string uri = SqliteWarehouse(3);
  const std::string out = dir_.File("out");
  const CliResult r = Run(Timeline(uri, out, "--patients demo-patient-001,demo-patient-002 --json"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["patients_ok"], 2);
  EXPECT_EQ(j["average_completeness_score"], 1.0);
  EXPECT_EQ(j["files_written"], 5);
  EXPECT_FALSE(j["session_id"].get<std::string>().empty());
}

TEST_F(TimelineCliTest, UnknownProfileFieldIsExit2) {
  const std::string uri = SqliteWarehouse(3);
  const std::string profile = dir_.Write("p.yaml", "profile: p\npatient_key: patient_fhir_id\n"
                                                   "sourcez: []\n");
  const std::string out = dir_.File("out");
  const CliResult r = Run("timeline --profile '" + profile + "' --source '" + uri + "' --out '" +
                          out + "' --patients demo-patient-001");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.yaml: line 3: unknown field 'sourcez'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'sources'?"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(TimelineCliTest, FailingRequiredSourceIsExit2AndWritesNothing) {
  const std::string uri = SqliteWarehouse(3);
  const std::string profile = dir_.Write(
      "p.yaml",
      "profile: p\npatient_key: patient_fhir_id\nsources:\n"
      "  - name: imaging\n    view: v_imaging\n    events: [{type: imaging, date: imaging_date}]\n"
      "  - name: broken\n    required: true\n    sql: SELEC * FROM v_imaging WHERE x = $1\n"
      "anchor:\n  preference: [imaging]\n"
      "  evidence: [{kind: imaging, source: imaging, date: imaging_date, match: any}]\n");
  const std::string out = dir_.File("out");
  for (const char* strategy : {"batched", "per-patient"}) {
    const CliResult r = Run("timeline --profile '" + profile + "' --source '" + uri + "' --out '" +
                            out + "' --patients demo-patient-001,demo-patient-002 --strategy " +
                            strategy);
    EXPECT_EQ(r.exit_code, 2) << strategy;
    EXPECT_NE(r.err.find("broken"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("syntax error"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
}

TEST_F(TimelineCliTest, UnreachableServerIsExit2WithTheMaskedString) {
  const std::string out = dir_.File("out");
  const CliResult r = Run(Timeline("postgresql://etl:secret@127.0.0.1:1/w?connect_timeout=2", out,
                                   "--patients a"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("postgresql://etl:***@127.0.0.1:1/w"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(TimelineCliTest, BadArguments) {
  EXPECT_EQ(Run("timeline --profile oncology --source sqlite::memory: --out x").exit_code, 2);
  EXPECT_EQ(Run("timeline --profile oncology --source sqlite::memory: --out x --patients a "
                "--strategy fastest").exit_code, 2);
  EXPECT_EQ(Run("timeline --profile nope --source sqlite::memory: --out x --patients a").exit_code,
            2);
  EXPECT_EQ(Run("timeline demo-warehouse --out sqlite::memory: --sleep-ms 10").exit_code, 2);
}

TEST_F(TimelineCliTest, PostgresWarehouseGivesTheSqliteArtifacts) {
  const auto& server = hm::testing::SharedPostgresServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string pg = (*server)->Uri();
  ASSERT_EQ(Run("timeline demo-warehouse --out '" + pg + "' --patients 12").exit_code, 0);
  const std::string sqlite = SqliteWarehouse(12);
  const std::string ids = "--patients demo-patient-001,demo-patient-004,demo-patient-007";
  const CliResult a = Run(Timeline(pg, dir_.File("pg"), ids));
  const CliResult b = Run(Timeline(sqlite, dir_.File("sqlite"), ids + " --strategy per-patient"));
  EXPECT_EQ(a.exit_code, 1) << a.err;
  EXPECT_EQ(b.exit_code, 1) << b.err;
  EXPECT_EQ(Artifacts(dir_.File("pg")), Artifacts(dir_.File("sqlite")));
}

}  // namespace
