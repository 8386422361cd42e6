#include "testcase/scenario_rows.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace hm::testcase {
namespace {

using testing::TempDir;

Result<ScenarioTable> FindIn(const std::string& path) {
  HM_ASSIGN_OR_RETURN(auto workbook, read::Workbook::Open(path));
  return FindScenarios(*workbook);
}

std::vector<std::string> Ids(const ScenarioTable& table) {
  std::vector<std::string> ids;
  for (const ScenarioRow& row : table.rows) ids.push_back(row.member_id);
  return ids;
}

TEST(LooksLikeMemberIdTest, Cases) {
  struct Case {
    const char* text;
    bool id;
  } cases[] = {
      {"PSA_AG_01", true}, {"95001", true},     {"WCC_CE_01", true},  {"Misc_01", true},
      {"PSA_PL_COMMERCIAL", true},              {"A-1.2", true},      {"PL", false},
      {"AG", false},       {"CE & Gap", false}, {"Medicaid", false},  {"For CE", false},
      {"CE Misc", false},  {"NUM", false},      {"SNE", false},       {"IDSS", false},
      {"ED=1", false},     {"", false},         {"7", false},         {"__", false},
      {"PSA AG 01", false},
  };
  for (const Case& c : cases) EXPECT_EQ(LooksLikeMemberId(c.text), c.id) << "'" << c.text << "'";
}

// The shape of the free-text QA workbook exported to CSV: a junk first line, the header on line 2,
// group rows in either column, multi-line scenario text.
TEST(FindScenariosTest, FreeTextCsvWithGroupRows) {
  TempDir dir;
  const std::string path = dir.Write(
      "PSA_original.csv",
      "Unnamed: 0,Unnamed: 1,Unnamed: 2,Unnamed: 3,Unnamed: 4,Unnamed: 5\n"
      "#  member number/TestCase ID,Scenario,Test Objective,ADD/UPDATE,Expected Result,Status - Oracle\n"
      ",PL,,,,\n"
      "XX_PL_ONE,\"Check a plan member\",,,PL=1,Not Tested\n"
      ",CE & Gap,,,,\n"
      "XX_CE_01,\"Enrolled all year\nCE:\n1/1/MY-1 TO 12/31/MY\",,Name update,CE=1,Not Tested\n"
      "CE Misc,Enrollment Span,,,,\n"
      "XX_ENR_01,Two spans,objective text,,\"AD=1\nCE=1\",\n"
      ",,,,,\n"
      ",For CE,,,,\n"
      "Misc_01,Count check,,,,\n"
      "#  member number/TestCase ID,Scenario,,,,\n"  // the header again, above a second block
      ",more text,,,x,\n");
  Result<ScenarioTable> table = FindIn(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(Ids(*table), (std::vector<std::string>{"XX_PL_ONE", "XX_CE_01", "XX_ENR_01", "Misc_01"}));
  const ScenarioRow& ce = table->rows[1];
  EXPECT_EQ(ce.row, 6);
  EXPECT_EQ(ce.group, "CE & Gap");
  EXPECT_EQ(ce.scenario, "Enrolled all year\nCE:\n1/1/MY-1 TO 12/31/MY");
  EXPECT_EQ(ce.add_update, "Name update");
  EXPECT_EQ(ce.expected, "CE=1");
  EXPECT_EQ(ce.other_columns.at("Status - Oracle"), "Not Tested");
  EXPECT_EQ(table->rows[0].group, "PL");
  EXPECT_EQ(table->rows[2].group, "CE Misc: Enrollment Span");
  EXPECT_EQ(table->rows[2].objective, "objective text");
  EXPECT_EQ(table->rows[2].expected, "AD=1\nCE=1");
  EXPECT_EQ(table->rows[3].group, "For CE");
  EXPECT_TRUE(table->rows[3].continuation_rows.empty());
  EXPECT_TRUE(table->skipped.empty());
  EXPECT_TRUE(table->warnings.empty());
}

// A workbook written with libxlsxwriter: a scenario sheet with a title block, the header on row 5,
// an id merged down across two rows, trailing spaces, a date serial, a continuation row; a DST
// sheet, a revision history and an empty sheet, all skipped.
class MessyWorkbookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("messy.xlsx");
    lxw_workbook* wb = workbook_new(path_.c_str());
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "mm/dd/yyyy");
    WriteScenarios(workbook_add_worksheet(wb, "Scenarios"), date);
    lxw_worksheet* dst = workbook_add_worksheet(wb, "DST_Template");
    const char* dst_header[] = {"TEST_GRP_ID", "MEAS_ABBR", "DST_TYPE", "DESC"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(dst, 0, c, dst_header[c], nullptr);
    worksheet_write_string(dst, 1, 0, "XX", nullptr);
    worksheet_write_number(dst, 1, 2, 1, nullptr);
    lxw_worksheet* detail = workbook_add_worksheet(wb, "FILEID_Detail");
    worksheet_write_string(detail, 0, 0, "test_grp_id", nullptr);
    worksheet_write_string(detail, 0, 1, "mem_nbr", nullptr);
    worksheet_write_string(detail, 0, 2, "file_id", nullptr);
    workbook_add_worksheet(wb, "Empty");
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }

  static void WriteScenarios(lxw_worksheet* ws, lxw_format* date) {
    worksheet_write_string(ws, 0, 0, "XX Measure test cases", nullptr);
    worksheet_write_string(ws, 1, 0, "Prepared by QA", nullptr);
    worksheet_write_string(ws, 2, 0, "Note: dates are MY-relative", nullptr);
    const char* header[] = {"Test data (Member number)", "Scenario", "Expected Results", "AGE",
                            "ENROLLMENT_1_START"};
    for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 4, c, header[c], nullptr);  // row 5
    worksheet_write_string(ws, 5, 1, "AG", nullptr);                                    // group
    worksheet_write_string(ws, 6, 0, "XX_AG_01   ", nullptr);  // trailing spaces
    worksheet_write_string(ws, 6, 1, "Age 70\non Dec 31", nullptr);
    worksheet_write_string(ws, 6, 2, "AG=1", nullptr);
    worksheet_write_number(ws, 6, 3, 70, nullptr);
    worksheet_write_number(ws, 6, 4, 46023, date);  // 2026-01-01
    // An id merged down across rows 8 and 9: row 9 is the member's second enrollment.
    worksheet_merge_range(ws, 7, 0, 8, 0, "95001", nullptr);
    worksheet_write_string(ws, 7, 1, "Dual enrollment", nullptr);
    worksheet_write_string(ws, 7, 4, "1/1/MY", nullptr);  // a text date
    worksheet_write_string(ws, 8, 1, "second span", nullptr);
    worksheet_write_string(ws, 8, 4, "7/1/MY", nullptr);
    // A blank id with several cells filled: a continuation of 95001 as well.
    worksheet_write_string(ws, 9, 2, "CE=1", nullptr);
    worksheet_write_string(ws, 9, 4, "10/1/MY", nullptr);
    // A group label merged across the row.
    worksheet_merge_range(ws, 10, 0, 10, 4, "Medicaid", nullptr);
    worksheet_write_number(ws, 11, 0, 95002, nullptr);  // a numeric id
    worksheet_write_string(ws, 11, 2, "Member should not be reported", nullptr);
    worksheet_write_string(ws, 12, 0, "XX AG 02", nullptr);  // a mistyped id
    worksheet_write_string(ws, 12, 2, "AG=0", nullptr);
  }

  TempDir dir_;
  std::string path_;
};

TEST_F(MessyWorkbookTest, FindsMembersContinuationsAndGroups) {
  Result<ScenarioTable> table = FindIn(path_);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(Ids(*table), (std::vector<std::string>{"XX_AG_01", "95001", "95002"}));
  const ScenarioRow& age = table->rows[0];
  EXPECT_EQ(age.sheet, "Scenarios");
  EXPECT_EQ(age.row, 7);
  EXPECT_EQ(age.group, "AG");
  EXPECT_EQ(age.scenario, "Age 70\non Dec 31");
  EXPECT_EQ(age.other_columns.at("AGE"), "70");
  EXPECT_EQ(age.other_columns.at("ENROLLMENT_1_START"), "2026-01-01");
  const ScenarioRow& dual = table->rows[1];
  EXPECT_EQ(dual.continuation_rows, (std::vector<std::int64_t>{9, 10}));
  EXPECT_EQ(dual.scenario, "Dual enrollment\nsecond span");
  EXPECT_EQ(dual.expected, "CE=1");
  EXPECT_EQ(dual.other_columns.at("ENROLLMENT_1_START"), "1/1/MY\n7/1/MY\n10/1/MY");
  EXPECT_EQ(table->rows[2].group, "Medicaid");
  EXPECT_TRUE(table->rows[2].continuation_rows.empty());
  // The mistyped id is not a member, and the user is told.
  ASSERT_EQ(table->warnings.size(), 1u);
  EXPECT_NE(table->warnings[0].ToString().find("'XX AG 02'"), std::string::npos);
  EXPECT_NE(table->warnings[0].ToString().find("sheet 'Scenarios', row 13"), std::string::npos)
      << table->warnings[0].ToString();
}

TEST_F(MessyWorkbookTest, ReportsSkippedSheetsWithReasons) {
  Result<ScenarioTable> table = FindIn(path_);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  struct Case {
    const char* sheet;
    const char* reason_part;
  } cases[] = {
      {"DST_Template", "no header row with a member id column in the first 30 rows (looked for:"},
      {"FILEID_Detail", "row 1 has a member id column but no scenario"},
      {"Empty", "the sheet is empty"},
  };
  ASSERT_EQ(table->skipped.size(), std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(table->skipped[i].sheet, cases[i].sheet);
    EXPECT_NE(table->skipped[i].reason.find(cases[i].reason_part), std::string::npos)
        << cases[i].sheet << ": " << table->skipped[i].reason;
  }
}

TEST(FindScenariosTest, SheetsWithIdAndTextUnderSnAndTc) {
  TempDir dir;
  const std::string path = dir.Write(
      "file_id.csv",
      "S.N,#TC,Test Objectives,Expected Result - Member_XX.Product_ID\n"
      ",Members for file id checks,,SUPPL table\n"
      "XX_FILE_ID_01,Hospice member,Hospice 1/1/MY,HOSPICE_EXCL=1\n");
  Result<ScenarioTable> table = FindIn(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(Ids(*table), (std::vector<std::string>{"XX_FILE_ID_01"}));
  EXPECT_EQ(table->rows[0].scenario, "Hospice member");
  EXPECT_EQ(table->rows[0].expected, "HOSPICE_EXCL=1");
  EXPECT_EQ(table->rows[0].group, "Members for file id checks");
}

TEST(FindScenariosTest, DuplicateIdIsAWarning) {
  TempDir dir;
  const std::string path =
      dir.Write("dup.csv", "MEMBER_ID,EXPECTED_RESULT\nXX_01,NUM=1\nXX_01,NUM=0\n");
  Result<ScenarioTable> table = FindIn(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->rows.size(), 2u);
  ASSERT_EQ(table->warnings.size(), 1u);
  EXPECT_EQ(table->warnings[0].severity(), Severity::kRecoverable);
  EXPECT_NE(table->warnings[0].ToString().find("row 3"), std::string::npos);
}

TEST(FindScenariosTest, ErrorsNameFileAndSheets) {
  TempDir dir;
  struct Case {
    const char* name;
    const char* content;
    std::vector<const char*> parts;
  } cases[] = {
      {"no_header.csv", "Name,Notes\nfoo,bar\n",
       {"no_header.csv", "no sheet holds test scenarios", "sheet 'no_header'",
        "looked for: MEMBER_ID", "named one of"}},
      {"only_groups.csv", "MEMBER_ID,Scenario\n,PL\nAG,\n",
       {"only_groups.csv", "sheet 'only_groups': header on row 1, but no row below it"}},
      {"empty.csv", "", {"empty.csv", "the file is empty"}},
  };
  for (const Case& c : cases) {
    Result<ScenarioTable> table = FindIn(dir.Write(c.name, c.content));
    ASSERT_FALSE(table.ok()) << c.name;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidInput) << c.name;
    for (const char* part : c.parts) {
      EXPECT_NE(table.status().ToString().find(part), std::string::npos)
          << c.name << " lacks '" << part << "': " << table.status().ToString();
    }
  }
}

TEST(FindScenariosTest, CorruptWorkbookIsRefusedNamingTheFile) {
  TempDir dir;
  // A zip signature followed by garbage: a truncated or damaged .xlsx.
  const std::string path = dir.Write("broken.xlsx", std::string("PK\x03\x04", 4) + "garbage");
  Result<ScenarioTable> table = FindIn(path);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().ToString().find("broken.xlsx"), std::string::npos)
      << table.status().ToString();
}

}  // namespace
}  // namespace hm::testcase
