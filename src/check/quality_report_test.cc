#include "check/quality_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "read/workbook.h"
#include "testing/temp_dir.h"

namespace hm::check {
namespace {

QualityReport SampleReport() {
  QualityReport report(2);
  report.Add(Finding{FindingSeverity::kError, "schema.type", "PSA_VISIT_IN", 7, "UNITS", "M1", 0,
                     "'two' is not a integer value"});
  report.Add(Finding{FindingSeverity::kWarning, "ref.enrollment", "", 0, "", "M2", kNoScenario,
                     "member M2 has no ENROLLMENT_IN row"});
  for (int i = 0; i < 3; ++i) {
    report.Add(Finding{FindingSeverity::kError, "date.range", "PSA_LAB_IN", 2 + i, "LAB_SCR_DT",
                       "M3", 2, "12/31/2100 is outside"});
  }
  return report;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(QualityReportTest, CountsAllKeepsTheCap) {
  const QualityReport report = SampleReport();
  EXPECT_EQ(report.errors(), 4u);
  EXPECT_EQ(report.warnings(), 1u);
  EXPECT_FALSE(report.passed());
  EXPECT_EQ(report.count("date.range"), 3u);
  EXPECT_EQ(report.count("nothing"), 0u);
  EXPECT_EQ(report.findings().size(), 4u);
  EXPECT_EQ(report.dropped(), 1u);
  EXPECT_EQ(report.by_check().at("date.range").errors, 3u);
  EXPECT_TRUE(QualityReport().passed());
}

TEST(QualityReportTest, Json) {
  const nlohmann::json j = nlohmann::json::parse(QualityReportJson(SampleReport()));
  EXPECT_EQ(j["errors"], 4);
  EXPECT_EQ(j["warnings"], 1);
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(j["by_check"], (nlohmann::json{{"date.range", 3}, {"ref.enrollment", 1},
                                           {"schema.type", 1}}));
  ASSERT_EQ(j["findings"].size(), 4u);
  const nlohmann::json& first = j["findings"][0];
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["check"], "schema.type");
  EXPECT_EQ(first["sheet"], "PSA_VISIT_IN");
  EXPECT_EQ(first["row"], 7);
  EXPECT_EQ(first["column"], "UNITS");
  EXPECT_EQ(first["member_id"], "M1");
  EXPECT_EQ(first["scenario"], 0);
  EXPECT_TRUE(j["findings"][1]["row"].is_null());
  EXPECT_TRUE(j["findings"][1]["scenario"].is_null());
  EXPECT_EQ(j["dropped"], 1);
}

TEST(QualityReportTest, WorkbookIsDeterministicAndReadsBack) {
  hm::testing::TempDir dir;
  const std::string first = dir.File("first.xlsx"), second = dir.File("out/second.xlsx");
  ASSERT_TRUE(WriteQualityWorkbook(SampleReport(), first).ok());
  ASSERT_TRUE(WriteQualityWorkbook(SampleReport(), second).ok());
  EXPECT_EQ(ReadBytes(first), ReadBytes(second)) << "the same report must give the same bytes";

  auto book = read::Workbook::Open(first);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ((*book)->SheetNames(), (std::vector<std::string>{"Summary", "Findings"}));
  auto summary = (*book)->LoadSheet(0);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->rows[0].at(1).AsText(), "FAIL");
  EXPECT_EQ(summary->rows[1].at(1).AsText(), "4");  // errors
  // The per-check table, sorted by id: date.range, ref.enrollment, schema.type.
  const read::Row& date_range = summary->rows[5];
  EXPECT_EQ(date_range.at(0).AsText(), "date.range");
  EXPECT_EQ(date_range.at(1).AsText(), "3");
  EXPECT_EQ(date_range.at(3).AsText(), "FAIL");
  EXPECT_EQ(summary->rows[6].at(3).AsText(), "PASS");  // ref.enrollment: warnings only

  auto findings = (*book)->LoadSheet(1);
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->rows.size(), 5u);  // header + 4 kept
  EXPECT_EQ(findings->rows[1].at(1).AsText(), "schema.type");
  EXPECT_EQ(findings->rows[1].at(3).AsText(), "7");
  EXPECT_EQ(findings->rows[1].at(6).AsText(), "1") << "scenarios are shown 1-based";
  EXPECT_TRUE(findings->rows[2].at(3).empty());
}

// An independent reader: openpyxl also checks the styles (the error highlight).
TEST(QualityReportTest, OpenpyxlReadsTheWorkbook) {
  if (std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 has no openpyxl";
  }
  hm::testing::TempDir dir;
  const std::string path = dir.File("report.xlsx");
  ASSERT_TRUE(WriteQualityWorkbook(SampleReport(), path).ok());
  const std::string script = dir.Write("check.py", R"(import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Summary", "Findings"], wb.sheetnames
s = wb["Summary"]
assert s["B1"].value == "FAIL" and s["B2"].value == 4 and s["B3"].value == 1, [c.value for c in s["B"]]
f = wb["Findings"]
rows = list(f.iter_rows(values_only=True))
assert rows[0][:3] == ("severity", "check", "sheet"), rows[0]
assert rows[1][1] == "schema.type" and rows[1][3] == 7, rows[1]
assert f["A2"].fill.fgColor.rgb.endswith("FFC7CE"), f["A2"].fill.fgColor.rgb
assert f["A3"].fill.fgColor.rgb in (None, "00000000"), f["A3"].fill.fgColor.rgb
assert wb.properties.created.year == 2000, wb.properties.created
)");
  EXPECT_EQ(std::system(("/usr/bin/python3 " + script + " " + path).c_str()), 0);
}

TEST(QualityReportTest, WorkbookErrorsNameTheFile) {
  hm::testing::TempDir dir;
  dir.Write("file", "x");
  const Status status = WriteQualityWorkbook(SampleReport(), dir.File("file/report.xlsx"));
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.ToString().find("report.xlsx"), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace hm::check
