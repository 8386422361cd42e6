// End-to-end tests of `hedis-mockup compare`: a QA workbook written as analysts do (a merged
// title, styles, a header with Member ID / Scenario / Expected Result, real QA phrasing, a member
// on two product lines, one that should not appear), engine output as CSV and as .xlsx with
// deliberate mismatches. The annotated copy is read back with our reader and with openpyxl (an
// independent one): Actual Result and Status must be right and every other cell unchanged.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace {

using hm::testing::CliResult;
using hm::testing::RunCli;
using nlohmann::json;

// Columns: A Member ID, B Scenario, C Expected Result, D Actual Result; Status is added as E.
void WriteTestCases(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* notes = workbook_add_worksheet(wb, "Revision_History");
  worksheet_write_string(notes, 0, 0, "Test Case Prepared History", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PSA_Measure");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_bg_color(title, LXW_COLOR_YELLOW);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_border(wrap, LXW_BORDER_THIN);
  worksheet_merge_range(ws, 0, 0, 0, 3, "PSA MY2026 test cases", title);
  const char* header[] = {"Member ID", "Scenario", "Expected Result", "Actual Result"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 2, c, header[c], title);
  worksheet_merge_range(ws, 3, 0, 3, 3, "PL", nullptr);
  auto row = [&](lxw_row_t r, const char* id, const char* scenario, const char* expected) {
    worksheet_write_string(ws, r, 0, id, nullptr);
    worksheet_write_string(ws, r, 1, scenario, wrap);
    worksheet_write_string(ws, r, 2, expected, wrap);
  };
  row(4, "PSA_AG_01", "Verify, if a member is (male) 70 years as of December 31 of the MY",
      "PL=1, AG=1, CE=1, AD=1, ED=1, RE=0, NE=1");
  row(5, "PSA_AG_02", "Verify, if a member is (male) 69 years as of December 31 of the MY",
      "AG=0\nAGE_END_REP_YR=69, Gender=M");
  row(6, "PSA_DECEASED_01", "Deceased on 1/1/MY-1", "Member should not appear");
  row(7, "PSA_DUAL_01", "Enrollment for product id 2 and product id 92",
      "AD=1, CE=1 and BE=1, product id 2\nAD=1, CE=0 and BE=0, product id 92");
  row(8, "PSA_MISSING_01", "Verify a member the engine dropped", "CE=1");
  row(9, "PSA_UNKNOWN_01", "Verify race", "RACE_ID:1");
  worksheet_set_column(ws, 1, 2, 40, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

// Mismatches: PSA_AG_01 CE=0; PSA_DECEASED_01 appears; PSA_DUAL_01 product 92 has CE=1;
// PSA_MISSING_01 is absent.
const char* kOutputCsv =
    "SMD,*MEM_NBR,*PRODUCT_ID,PL,AG,CE,BE,AD,ED,RE,NE,GENDER,AGE_END_REP_YR\n"
    "PSA,PSA_AG_01,3,1,1,0,1,1,1,0,1,M,70\n"
    "PSA,PSA_AG_02,3,1,0,1,1,1,1,0,0,M,69\n"
    "PSA,PSA_DECEASED_01,3,1,1,1,1,1,1,1,0,M,71\n"
    "PSA,PSA_DUAL_01,2,1,1,1,1,1,1,0,0,M,70\n"
    "PSA,PSA_DUAL_01,92,1,1,1,0,1,1,0,0,M,70\n"
    "PSA,PSA_UNKNOWN_01,3,1,1,1,1,1,1,0,0,M,70\n";

void WriteOutputXlsx(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* in = workbook_add_worksheet(wb, "PSA_MEMBER_IN");
  worksheet_write_string(in, 0, 0, "MEM_NBR", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PSA_EOUT");
  std::string csv = kOutputCsv;
  lxw_row_t r = 0;
  for (std::size_t start = 0; start < csv.size(); ++r) {
    const std::size_t end = csv.find('\n', start);
    const std::string line = csv.substr(start, end - start);
    lxw_col_t c = 0;
    for (std::size_t f = 0; f <= line.size(); ++c) {
      const std::size_t comma = std::min(line.find(',', f), line.size());
      const std::string field = line.substr(f, comma - f);
      const bool number = !field.empty() && field.find_first_not_of("0123456789") == std::string::npos;
      if (number && r > 0) worksheet_write_number(ws, r, c, std::stod(field), nullptr);
      else worksheet_write_string(ws, r, c, field.c_str(), nullptr);
      f = comma + 1;
    }
    start = end + 1;
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

// Every cell of every sheet as openpyxl reads it, as JSON: {sheet: {"A1": "text", ...}}, plus
// the merged ranges under "merges".
json ReadWithOpenpyxl(const std::string& path, const std::string& dir) {
  const std::string script = dir + "/dump.py";
  std::FILE* f = std::fopen(script.c_str(), "w");
  std::fputs(
      "import json, sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "out = {}\n"
      "for ws in wb.worksheets:\n"
      "    cells = {c.coordinate: str(c.value) for row in ws.iter_rows() for c in row\n"
      "             if c.value is not None}\n"
      "    cells['merges'] = sorted(str(m) for m in ws.merged_cells.ranges)\n"
      "    cells['bold_C3'] = bool(ws['C3'].font.bold)\n"
      "    out[ws.title] = cells\n"
      "print(json.dumps(out))\n",
      f);
  std::fclose(f);
  const std::string command = "/usr/bin/python3 " + script + " " + path + " > " + dir + "/dump.json";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return json::parse(hm::testing::ReadAll(dir + "/dump.json"));
}

class CompareCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cases_ = dir_.File("PSA_MY2026_TestCase.xlsx");
    WriteTestCases(cases_);
  }
  CliResult Compare(const std::string& actual, const std::string& more = "") {
    return RunCli("compare --testcases " + cases_ + " --actual " + actual + " " + more,
                  dir_.File("home"));
  }
  // The annotated copy: Actual Result (D) and Status (E) right, every other cell as the input's.
  void CheckAnnotated(const std::string& out) {
    const json before = ReadWithOpenpyxl(cases_, dir_.path().string());
    const json after = ReadWithOpenpyxl(out, dir_.path().string());
    json sheet = after["PSA_Measure"];
    EXPECT_EQ(sheet["E3"], "Status");
    EXPECT_EQ(sheet["D5"], "PL=1, AG=1, CE=0, AD=1, ED=1, RE=0, NE=1");
    EXPECT_EQ(sheet["E5"], "Fail: CE expected 1 got 0");
    EXPECT_EQ(sheet["E6"], "Pass");
    EXPECT_EQ(sheet["D6"], "AG=0\nAGE_END_REP_YR=69, GENDER=M");
    EXPECT_EQ(sheet["E7"], "Fail: member should not appear, but has 1 output row");
    EXPECT_EQ(sheet["D8"], "AD=1, CE=1, BE=1, PRODUCT_ID=2\nAD=1, CE=1, BE=0, PRODUCT_ID=92");
    EXPECT_EQ(sheet["E8"], "Fail: CE expected 0 got 1");
    EXPECT_EQ(sheet["E9"], "Not in output");
    EXPECT_EQ(sheet["E10"], "Not checkable: RACE_ID: not a key we can check");
    EXPECT_EQ(after["Revision_History"], before["Revision_History"]);
    for (auto& [ref, value] : before["PSA_Measure"].items()) {
      if (ref[0] == 'D' || ref[0] == 'E') continue;
      EXPECT_EQ(sheet[ref], value) << ref;
    }
    for (auto& [ref, value] : sheet.items()) {
      if (ref[0] == 'D' || ref[0] == 'E') continue;
      EXPECT_TRUE(before["PSA_Measure"].contains(ref)) << "new cell " << ref;
    }
  }

  hm::testing::TempDir dir_;
  std::string cases_;
};

TEST_F(CompareCliTest, CsvOutputWithMismatches) {
  const std::string actual = dir_.Write("engine_output.csv", kOutputCsv);
  const std::string out = dir_.File("annotated.xlsx");
  const CliResult r = Compare(actual, "--out " + out + " --json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const json summary = json::parse(r.out);
  EXPECT_EQ(summary["checked"], 20);
  EXPECT_EQ(summary["passed"], 16);
  EXPECT_EQ(summary["failed"], 4);
  EXPECT_EQ(summary["not_checkable"], 1);
  ASSERT_EQ(summary["members"].size(), 6u);
  EXPECT_EQ(summary["members"][0]["member_id"], "PSA_AG_01");
  EXPECT_EQ(summary["members"][0]["row"], 5);
  EXPECT_EQ(summary["members"][0]["outcome"], "fail");
  EXPECT_EQ(summary["members"][0]["items"][2]["key"], "CE");
  EXPECT_EQ(summary["members"][0]["items"][2]["actual"], "0");
  CheckAnnotated(out);
}

TEST_F(CompareCliTest, XlsxOutputAndDefaultOutPath) {
  const std::string actual = dir_.File("engine_output.xlsx");
  WriteOutputXlsx(actual);
  const CliResult r = Compare(actual);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("6 members: 1 pass, 4 fail, 1 not checkable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("20 expectations checked: 16 passed, 4 failed; 1 not checkable"),
            std::string::npos)
      << r.out;
  const std::string out = dir_.File("PSA_MY2026_TestCase_Compared.xlsx");
  ASSERT_TRUE(std::filesystem::exists(out));
  CheckAnnotated(out);
  // Our own reader sees the same cells.
  const CliResult parsed = RunCli("parse --json --testcases " + out, dir_.File("home"));
  EXPECT_NE(parsed.out.find("PSA_DUAL_01"), std::string::npos) << parsed.err;
}

TEST_F(CompareCliTest, AllPassIsExitZero) {
  const std::string actual = dir_.Write(
      "good.csv",
      "MEM_NBR,PRODUCT_ID,PL,AG,CE,BE,AD,ED,RE,NE,GENDER,AGE_END_REP_YR\n"
      "PSA_AG_01,3,1,1,1,1,1,1,0,1,M,70\n"
      "PSA_AG_02,3,1,0,1,1,1,1,0,0,M,69\n"
      "PSA_DUAL_01,2,1,1,1,1,1,1,0,0,M,70\n"
      "PSA_DUAL_01,92,1,1,0,0,1,1,0,0,M,70\n");
  const std::string out = dir_.File("good.xlsx");
  const CliResult r = Compare(actual, "--out " + out);
  // PSA_MISSING_01 expects CE=1 and is not in the output: that is a failure.
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("PSA_MISSING_01 (PSA_Measure!9): Not in output"), std::string::npos);
}

TEST_F(CompareCliTest, BadInputIsExitTwo) {
  const std::string no_id = dir_.Write("bad.csv", "NAME,CE\nA,1\n");
  CliResult r = Compare(no_id);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("member id column"), std::string::npos) << r.err;
  r = Compare(dir_.File("missing.csv"));
  EXPECT_EQ(r.exit_code, 2);
  r = Compare(no_id, "--out " + cases_);
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
