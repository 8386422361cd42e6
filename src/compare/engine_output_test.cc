#include "compare/engine_output.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "testing/temp_dir.h"

namespace hm::compare {
namespace {

using hm::testing::TempDir;

TEST(EngineOutputTest, QaOutputSheetCsv) {
  TempDir dir;
  const std::string path = dir.Write(
      "out.csv",
      "SMD,KEY,,*MEM_NBR,*PRODUCT_ID,PL,AG,CE,GENDER,DIAB_DIAG_DT1\n"
      "SMD,,SMD_AG_01,SMD_AG_01 ,3,1,1,1,F,01/01/2026\n"
      "SMD,,SMD_DUAL,SMD_DUAL,2,1,1,1,M,ND\n"
      "SMD,,SMD_DUAL,SMD_DUAL,3,1,1,0,M,ND\n"
      ",,,,,,,,,\n");
  Result<EngineOutput> out = ReadEngineOutput(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->header_row, 1);
  EXPECT_FALSE(out->ncqa_result_file);
  EXPECT_EQ(out->row_count, 3u);
  ASSERT_EQ(out->RowsOf("SMD_AG_01").size(), 1u);
  const ActualRow& row = out->RowsOf(" SMD_AG_01")[0];
  EXPECT_EQ(row.values.at("MEM_NBR"), "SMD_AG_01");
  EXPECT_EQ(row.values.at("PRODUCT_ID"), "3");
  EXPECT_EQ(row.values.at("DIAB_DIAG_DT1"), "01/01/2026");
  EXPECT_EQ(row.source_row, 2);
  EXPECT_EQ(row.values.count(""), 0u);
  ASSERT_EQ(out->RowsOf("SMD_DUAL").size(), 2u);
  EXPECT_EQ(out->RowsOf("SMD_DUAL")[1].values.at("CE"), "0");
  EXPECT_TRUE(out->RowsOf("NOBODY").empty());
}

TEST(EngineOutputTest, NcqaResultFileIsRenamed) {
  TempDir dir;
  const std::string path = dir.Write(
      "ncqa.csv",
      "MemID,Meas,Payer,CE,Event,Epop,Excl,Num,RExcl,RExclD,Age,Gender\n"
      "95001,PSA,MCR,1,1,1,0,1,0,0,70,M\n");
  Result<EngineOutput> out = ReadEngineOutput(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->ncqa_result_file);
  const std::vector<std::string> columns = {"MEM_NBR", "MEAS", "PAYER", "CE",  "ED",  "EPOP",
                                            "EXCL",    "NUM",  "RE",    "REXCLD", "AGE", "GENDER"};
  EXPECT_EQ(out->columns, columns);
  ASSERT_EQ(out->RowsOf("95001").size(), 1u);
  EXPECT_EQ(out->RowsOf("95001")[0].values.at("ED"), "1");
}

TEST(EngineOutputTest, HeaderBelowATitleAndRepeated) {
  TempDir dir;
  const std::string path = dir.Write(
      "out.csv",
      "Engine run 2026-02-07\n\nMEMBER_ID,CE\nA_01,1\nMEMBER_ID,CE\nA_02,0\n");
  Result<EngineOutput> out = ReadEngineOutput(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->header_row, 3);
  EXPECT_EQ(out->row_count, 2u);
}

// A mockup workbook: input sheets with MEM_NBR, and the output sheet with flags.
std::string WriteMockup(const TempDir& dir, bool second_output) {
  const std::string path = dir.File("mockup.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* in = workbook_add_worksheet(wb, "SMD_MEMBER_IN");
  worksheet_write_string(in, 0, 0, "MEM_NBR", nullptr);
  worksheet_write_string(in, 1, 0, "SMD_AG_01", nullptr);
  for (int n = 0; n < (second_output ? 2 : 1); ++n) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, n == 0 ? "SMD_EOUT" : "SMD_EOUT2");
    const char* header[] = {"SMD", "*MEM_NBR", "*PRODUCT_ID", "AG", "CE"};
    for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
    worksheet_write_string(ws, 1, 1, "SMD_AG_01", nullptr);
    worksheet_write_number(ws, 1, 2, 3, nullptr);
    worksheet_write_number(ws, 1, 3, 1, nullptr);
    worksheet_write_number(ws, 1, 4, 0, nullptr);
  }
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST(EngineOutputTest, XlsxOutputSheetIsFound) {
  TempDir dir;
  Result<EngineOutput> out = ReadEngineOutput(WriteMockup(dir, false));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->sheet, "SMD_EOUT");
  ASSERT_EQ(out->RowsOf("SMD_AG_01").size(), 1u);
  EXPECT_EQ(out->RowsOf("SMD_AG_01")[0].values.at("PRODUCT_ID"), "3");
  EXPECT_EQ(out->RowsOf("SMD_AG_01")[0].values.at("CE"), "0");
}

TEST(EngineOutputTest, Errors) {
  TempDir dir;
  const std::string two = WriteMockup(dir, true);
  Result<EngineOutput> several = ReadEngineOutput(two);
  ASSERT_FALSE(several.ok());
  EXPECT_NE(several.status().ToString().find("several sheets hold member-level output: SMD_EOUT, "
                                             "SMD_EOUT2"),
            std::string::npos)
      << several.status().ToString();
  Result<EngineOutput> named = ReadEngineOutput(two, {"smd_eout2"});
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->sheet, "SMD_EOUT2");
  Result<EngineOutput> missing = ReadEngineOutput(two, {"Nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("no sheet named 'Nope'"), std::string::npos);

  const std::string no_id = dir.Write("no_id.csv", "NAME,CE\nA,1\n");
  Result<EngineOutput> bad = ReadEngineOutput(no_id);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().ToString().find("no_id.csv"), std::string::npos);
  EXPECT_NE(bad.status().ToString().find("member id column"), std::string::npos);

  Result<EngineOutput> absent = ReadEngineOutput(dir.File("absent.csv"));
  EXPECT_FALSE(absent.ok());
}

}  // namespace
}  // namespace hm::compare
