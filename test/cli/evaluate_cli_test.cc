// End-to-end tests of `evaluate` and `measure list|show`: the same PSA mockup written as an .xlsx
// workbook, a CSV folder and a SQLite database gives identical flags; the flags are the ones the
// members were built for; bad measure files and data are exit 2 with the place named.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/tables.h"
#include "tables/test_mockup.h"
#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace {

using hm::tables::testing::MockTable;
using hm::tables::testing::Mockup;
using hm::testing::CliResult;
using hm::testing::RunCli;

// Every table with the default layout's columns, so no column the reader needs is missing.
MockTable Table(const std::string& name, std::vector<std::map<std::string, std::string>> rows) {
  MockTable table{name, {}, std::move(rows)};
  for (const hm::LayoutTable& t : hm::DefaultLayout().tables) {
    if (t.name != name) continue;
    for (const hm::LayoutColumn& c : t.columns) table.header.push_back(c.name);
  }
  return table;
}

// Three Medicare men and one woman: a PSA test (NE), a hospice claim (RE), a supplemental PSA
// test (which PSA never counts: NE=0, SNE=0, where a primary one gives NE=1) and a woman (AG=0).
Mockup PsaMockup() {
  Mockup m;
  m.prefix = "PSA_";
  m.tables.push_back(Table("MEMBER_IN", {
      {{"MEM_NBR", "P1"}, {"MEM_DOB", "06/01/1950"}, {"MEM_GENDER", "M"}},
      {{"MEM_NBR", "P2"}, {"MEM_DOB", "06/01/1950"}, {"MEM_GENDER", "M"}},
      {{"MEM_NBR", "P3"}, {"MEM_DOB", "06/01/1950"}, {"MEM_GENDER", "M"}},
      {{"MEM_NBR", "P4"}, {"MEM_DOB", "06/01/1950"}, {"MEM_GENDER", "F"}},
  }));
  std::vector<std::map<std::string, std::string>> spans;
  for (const char* id : {"P1", "P2", "P3", "P4"}) {
    spans.push_back({{"MEM_NBR", id}, {"ENR_START", "01/01/2026"}, {"ENR_END", "12/31/2026"},
                     {"PRODUCT_ID", "11"}, {"BEN_MEDICAL", "Y"}});
  }
  m.tables.push_back(Table("ENROLLMENT_IN", spans));
  m.tables.push_back(Table("VISIT_IN", {
      {{"MEM_NBR", "P2"}, {"SERV_DT", "07/01/2026"}, {"HCPCS_1", "G9473"}, {"FILE_ID", "90055"}},
  }));
  m.tables.push_back(Table("LAB_IN", {
      {{"MEM_NBR", "P1"}, {"LAB_SCR_DT", "03/15/2026"}, {"LAB_CPT", "84153"}, {"LAB_VALUE", "2.1"},
       {"FILE_ID", "70055"}},
      {{"MEM_NBR", "P3"}, {"LAB_SCR_DT", "05/01/2026"}, {"LAB_CPT", "84153"}, {"FILE_ID", "17055"}},
  }));
  return m;
}

class EvaluateCliTest : public ::testing::Test {
 protected:
  CliResult Run(const std::string& args) { return RunCli(args, home_.path().string()); }
  std::string Vsd() const { return (std::filesystem::path(hm::testing::SourceDir()) / "examples" / "vsd").string(); }

  hm::testing::TempDir home_;
  hm::testing::TempDir files_;
};

TEST_F(EvaluateCliTest, XlsxCsvAndSqliteGiveIdenticalFlags) {
  const Mockup mockup = PsaMockup();
  hm::tables::testing::WriteXlsx(mockup, files_.File("psa.xlsx"));
  hm::tables::testing::WriteCsvFolder(mockup, files_.File("csv"));
  hm::tables::testing::WriteSqlite(mockup, files_.File("psa.db"));
  std::vector<std::string> outputs;
  for (const std::string& data : {files_.File("psa.xlsx"), files_.File("csv"), "sqlite:" + files_.File("psa.db")}) {
    const CliResult r = Run("evaluate --measure PSA --my 2026 --vsd " + Vsd() + " --data " + data);
    ASSERT_EQ(r.exit_code, 0) << data << "\n" << r.err;
    outputs.push_back(r.out);
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(outputs[0], outputs[2]);
  // The flags the members were built for (columns: see the header line).
  const std::string& out = outputs[0];
  EXPECT_NE(out.find("MemID,ProductLine,ProductID,PlanID,PL,AG,CE,AD,BE,ED,RE,HOSPICE_EXCL,DECEASED_EXCL,NE,SNE"), std::string::npos) << out;
  EXPECT_NE(out.find("P1,medicare,,,1,1,1,1,1,1,0,0,0,1,0,0,76,NULL,2026-03-15"), std::string::npos) << out;
  EXPECT_NE(out.find("P2,medicare,,,1,1,1,1,1,1,1,1,0,0,0,0,76,NULL,NULL"), std::string::npos) << out;
  EXPECT_NE(out.find("P3,medicare,,,1,1,1,1,1,1,0,0,0,0,0,0,76,NULL,NULL"), std::string::npos) << out;
  EXPECT_NE(out.find("P4,medicare,,,1,0,"), std::string::npos) << out;
}

TEST_F(EvaluateCliTest, JsonCitesTheTableRowAndNcqaHasItsHeader) {
  hm::tables::testing::WriteCsvFolder(PsaMockup(), files_.File("csv"));
  CliResult r = Run("evaluate --measure psa --vsd " + Vsd() + " --format json --data " + files_.File("csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  bool cited = false;
  for (const auto& f : j.at("members").at(0).at("flags")) {
    if (f.at("name") != "NE") continue;
    EXPECT_EQ(f.at("value"), "1");
    for (const auto& e : f.at("evidence")) cited = cited || e.get<std::string>().find("LAB_IN row 2") != std::string::npos;
  }
  EXPECT_TRUE(cited) << r.out;
  r = Run("evaluate --measure PSA --vsd " + Vsd() + " --format ncqa --data " + files_.File("csv") + " --out " + files_.File("out.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string ncqa = hm::testing::ReadAll(files_.File("out.csv"));
  EXPECT_EQ(ncqa.rfind("MemID,Meas,Payer,CE,Event,Epop,Excl,Num,RExcl,RExclD,Age,Gender\n", 0), 0u) << ncqa;
  EXPECT_NE(ncqa.find("P1,PSA,MCR,1,1,1,0,1,0,0,76,M"), std::string::npos) << ncqa;
}

TEST_F(EvaluateCliTest, BadMeasureFilesAndDataAreExitTwoNamingThePlace) {
  hm::tables::testing::WriteCsvFolder(PsaMockup(), files_.File("csv"));
  const std::string unknown_field = files_.Write("bad.yaml",
      "measure: X\nnumerators:\n  - id: NE\n    event: {value_sets: [PSA Lab Test], windw: MY}\n");
  CliResult r = Run("evaluate --measure " + unknown_field + " --vsd " + Vsd() + " --data " + files_.File("csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("windw"), std::string::npos) << r.err;

  const std::string unknown_set = files_.Write("vs.yaml",
      "measure: X\nnumerators:\n  - id: NE\n    event: {value_sets: [PSA Lab Tset]}\n");
  r = Run("evaluate --measure " + unknown_set + " --vsd " + Vsd() + " --data " + files_.File("csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("PSA Lab Tset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("PSA Lab Test"), std::string::npos) << "suggests the close name: " << r.err;

  const std::string backwards = files_.Write("w.yaml",
      "measure: X\nnumerators:\n  - id: NE\n    event: {value_sets: [PSA Lab Test], window: {from: 12/31/MY, to: 1/1/MY}}\n");
  r = Run("evaluate --measure " + backwards + " --vsd " + Vsd() + " --data " + files_.File("csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("w.yaml"), std::string::npos) << r.err;

  std::filesystem::remove(files_.File("csv") + "/PSA_ENROLLMENT_IN.csv");
  r = Run("evaluate --measure PSA --vsd " + Vsd() + " --data " + files_.File("csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ENROLLMENT_IN"), std::string::npos) << r.err;

  r = Run("evaluate --measure NOPE --vsd " + Vsd() + " --data " + files_.File("csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("PSA"), std::string::npos) << "lists the shipped measures: " << r.err;
}

TEST_F(EvaluateCliTest, MeasureListAndShow) {
  CliResult r = Run("measure list");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("PSA "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Non-Recommended PSA-Based Screening"), std::string::npos) << r.out;
  r = Run("measure show psa");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("measure: PSA"), std::string::npos);
}

}  // namespace
