#include "compare/annotate_workbook.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <map>

#include "read/workbook.h"
#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace hm::compare {
namespace {

using hm::testing::TempDir;

// Entry name -> uncompressed bytes.
std::map<std::string, std::string> Entries(const std::string& path) {
  std::map<std::string, std::string> out;
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (z == nullptr) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    std::string bytes(st.size, '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    out[st.name] = bytes;
  }
  zip_close(z);
  return out;
}

read::Sheet Load(const std::string& path, std::size_t index) {
  auto workbook = read::Workbook::Open(path);
  EXPECT_TRUE(workbook.ok()) << workbook.status().ToString();
  auto sheet = (*workbook)->LoadSheet(index);
  EXPECT_TRUE(sheet.ok()) << sheet.status().ToString();
  return *sheet;
}

// Two sheets: "Notes" (untouched) and "Cases" with a title, a header lacking Status, and rows.
std::string WriteBook(const TempDir& dir) {
  const std::string path = dir.File("cases.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* notes = workbook_add_worksheet(wb, "Notes");
  worksheet_write_string(notes, 0, 0, "Revision history", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Cases");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_merge_range(ws, 0, 0, 0, 3, "PSA test cases", bold);
  const char* header[] = {"MEM_NBR", "Scenario", "Expected Result", "Actual Result"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), header[c], bold);
  worksheet_write_string(ws, 3, 0, "PSA_AG_01", nullptr);
  worksheet_write_string(ws, 3, 2, "AG=1", nullptr);
  worksheet_write_string(ws, 4, 0, "PSA_AG_02", nullptr);
  worksheet_write_string(ws, 4, 2, "AG=0", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST(AnnotateWorkbookTest, XlsxFillsActualAndAddsStatus) {
  TempDir dir;
  const std::string in = WriteBook(dir);
  const std::string out = dir.File("out.xlsx");
  const std::vector<Annotation> annotations = {{"Cases", 4, "AG=1", "Pass"},
                                               {"Cases", 5, "AG=1", "Fail: AG expected 0 got 1"}};
  ASSERT_TRUE(AnnotateWorkbook(in, out, annotations).ok());

  const auto before = Entries(in), after = Entries(out);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [name, bytes] : before) {
    if (name == "xl/worksheets/sheet2.xml") continue;
    EXPECT_EQ(after.at(name), bytes) << name;
  }
  const read::Sheet a = Load(in, 1), b = Load(out, 1);
  EXPECT_EQ(b.merges.size(), a.merges.size());
  EXPECT_EQ(b.Displayed(3, 5).AsText(), "Status");
  EXPECT_EQ(b.Displayed(4, 4).AsText(), "AG=1");
  EXPECT_EQ(b.Displayed(4, 5).AsText(), "Pass");
  EXPECT_EQ(b.Displayed(5, 5).AsText(), "Fail: AG expected 0 got 1");
  for (std::int64_t r = 1; r <= 5; ++r) {
    for (std::int64_t c = 1; c <= 3; ++c) {
      EXPECT_EQ(b.Displayed(r, c).AsText(), a.Displayed(r, c).AsText()) << r << "," << c;
    }
  }
}

TEST(AnnotateWorkbookTest, CsvKeepsLinesAndFields) {
  TempDir dir;
  const std::string in = dir.Write(
      "cases.csv", "Member ID,Scenario,Expected Result\n\nA_01,\"two\nlines\",CE=1\nA_02,x,CE=0\n");
  const std::string out = dir.File("out.csv");
  const std::vector<Annotation> annotations = {{"cases", 5, "CE=0", "Pass"},
                                               {"cases", 3, "CE=0", "Fail: CE expected 1 got 0"}};
  ASSERT_TRUE(AnnotateWorkbook(in, out, annotations).ok());
  EXPECT_EQ(hm::testing::ReadAll(out),
            "Member ID,Scenario,Expected Result,Actual Result,Status\n\n"
            "A_01,\"two\nlines\",CE=1,CE=0,Fail: CE expected 1 got 0\nA_02,x,CE=0,CE=0,Pass\n");
}

TEST(AnnotateWorkbookTest, Errors) {
  TempDir dir;
  const std::string in = WriteBook(dir);
  const std::vector<Annotation> missing = {{"Nope", 4, "", "Pass"}};
  Status status = AnnotateWorkbook(in, dir.File("o.xlsx"), missing);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.ToString().find("no sheet named 'Nope'"), std::string::npos);
  const std::vector<Annotation> no_header = {{"Notes", 2, "", "Pass"}};
  status = AnnotateWorkbook(in, dir.File("o.xlsx"), no_header);
  EXPECT_NE(status.ToString().find("sheet 'Notes'"), std::string::npos) << status.ToString();
  EXPECT_NE(status.ToString().find("no header row"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("o.xlsx")));
  status = AnnotateWorkbook(dir.path().string(), dir.File("o.xlsx"), missing);
  EXPECT_NE(status.ToString().find("folder of CSV files"), std::string::npos);
}

}  // namespace
}  // namespace hm::compare
