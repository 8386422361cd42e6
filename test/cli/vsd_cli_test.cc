// End-to-end tests of `hedis-mockup vsd ...`: the real binary on the shipped sample VSD and on bad
// files the tests write. Checks exit codes, messages and that --json output parses.
#include <zip.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using hm::testing::CliResult;
using hm::testing::RunCli;

class VsdCliTest : public ::testing::Test {
 protected:
  std::string SampleVsd() const { return hm::testing::SourceDir() + "/examples/vsd"; }
  CliResult Run(const std::string& args) { return RunCli(args, home_.path().string()); }
  std::size_t CacheFiles() const {
    const auto dir = home_.path() / "cache" / "vsd";
    if (!std::filesystem::exists(dir)) return 0;
    return std::distance(std::filesystem::directory_iterator(dir),
                         std::filesystem::directory_iterator());
  }
  // Expects exit 2, one "hedis-mockup: error:" message naming `file` and containing `what`, and
  // no cache written.
  void ExpectBadInput(const CliResult& r, const std::string& file, const std::string& what) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("hedis-mockup: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
    EXPECT_EQ(CacheFiles(), 0u);
  }
  hm::testing::TempDir home_;
  hm::testing::TempDir files_;
};

TEST_F(VsdCliTest, HelpListsTheCommands) {
  CliResult r = Run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("vsd"), std::string::npos) << r.out;
  r = Run("vsd --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"info", "lookup", "codes"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command << "\n" << r.out;
  }
}

TEST_F(VsdCliTest, BadUsageExitsTwo) {
  EXPECT_EQ(Run("").exit_code, 2);
  EXPECT_EQ(Run("vsd lookup --code 84153").exit_code, 2) << "--vsd is required";
  EXPECT_EQ(Run("vsd info --vsd /no/such/file.xlsx").exit_code, 2);
  EXPECT_EQ(Run("frobnicate").exit_code, 2);
}

TEST_F(VsdCliTest, InfoPrintsValueSetsAndCodesPerSystem) {
  CliResult r = Run("vsd info --vsd " + SampleVsd());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Codes per code system"), std::string::npos);
  EXPECT_NE(r.out.find("PSA Lab Test"), std::string::npos);
  for (const char* system : {"CPT", "HCPCS", "ICD10CM", "LOINC", "CVX"}) {
    EXPECT_NE(r.out.find(system), std::string::npos) << system;
  }
}

TEST_F(VsdCliTest, InfoJsonParsesAndCountsAddUp) {
  CliResult r = Run("vsd info --json --vsd " + SampleVsd());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  std::size_t by_system = 0;
  for (const auto& [system, count] : json.at("codes_by_system").items()) by_system += count.get<std::size_t>();
  EXPECT_EQ(by_system, json.at("code_count").get<std::size_t>());
  std::size_t in_sets = 0;
  for (const auto& set : json.at("value_sets")) in_sets += set.at("code_count").get<std::size_t>();
  EXPECT_EQ(in_sets, json.at("code_count").get<std::size_t>());
  EXPECT_EQ(json.at("value_sets").size(), json.at("value_set_count").get<std::size_t>());
  std::vector<std::string> measures;
  for (const auto& m : json.at("measures")) measures.push_back(m.at("id"));
  for (const char* id : {"PSA", "WCC", "IMA", "CBP", "BCS-E", "COL-E", "CCS", "GSD"}) {
    EXPECT_NE(std::find(measures.begin(), measures.end(), id), measures.end()) << id;
  }
}

TEST_F(VsdCliTest, SecondRunUsesTheCache) {
  ASSERT_EQ(Run("vsd info --json --vsd " + SampleVsd()).exit_code, 0);
  EXPECT_EQ(CacheFiles(), 1u);
  CliResult r = Run("vsd info --json --vsd " + SampleVsd());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out).at("load").at("from_cache").get<bool>());
  r = Run("vsd info --json --no-cache --vsd " + SampleVsd());
  EXPECT_FALSE(nlohmann::json::parse(r.out).at("load").at("from_cache").get<bool>());
}

TEST_F(VsdCliTest, LookupNamesThePsaValueSet) {
  CliResult r = Run("vsd lookup --vsd " + SampleVsd() + " --code 84153");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("PSA Lab Test"), std::string::npos) << r.out;

  r = Run("vsd lookup --json --vsd " + SampleVsd() + " --code 84153 --system CPT");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_FALSE(json.at("matches").empty());
  EXPECT_EQ(json["matches"][0]["value_set"], "PSA Lab Test");
  EXPECT_EQ(json["matches"][0]["code_system"], "CPT");
  const auto& measures = json["matches"][0]["measures"];
  EXPECT_NE(std::find(measures.begin(), measures.end(), "PSA"), measures.end()) << r.out;
}

TEST_F(VsdCliTest, LookupWithoutTheDotAndMisses) {
  CliResult r = Run("vsd lookup --json --vsd " + SampleVsd() + " --code Z9013");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).at("matches").empty()) << "Z90.13 without its dot";
  r = Run("vsd lookup --vsd " + SampleVsd() + " --code 00000");
  EXPECT_EQ(r.exit_code, 1) << "found nothing";
  EXPECT_NE(r.out.find("in no value set"), std::string::npos);
  r = Run("vsd lookup --vsd " + SampleVsd() + " --code 84153 --system CPX");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown code system 'CPX'"), std::string::npos) << r.err;
}

TEST_F(VsdCliTest, CodesListsTheValueSet) {
  CliResult r = Run("vsd codes --json --vsd " + SampleVsd() + " --value-set 'psa lab test'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("value_set"), "PSA Lab Test");
  bool has_84153 = false;
  for (const auto& code : json.at("codes")) has_84153 |= code.at("code") == "84153";
  EXPECT_TRUE(has_84153) << r.out;

  r = Run("vsd codes --vsd " + SampleVsd() + " --value-set 'PSA Lab Tests'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'PSA Lab Test'"), std::string::npos) << r.err;
}

TEST_F(VsdCliTest, TextFileRenamedXlsx) {
  const std::string path = files_.Write("vsd.xlsx", "Value Set Name,Code\nnot a workbook\n");
  ExpectBadInput(Run("vsd info --vsd " + path), path, "not a zip");
}

TEST_F(VsdCliTest, TruncatedZip) {
  const std::string whole = files_.File("whole.xlsx");
  lxw_workbook* wb = workbook_new(whole.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "Value Sets to Codes");
  for (int row = 0; row < 2000; ++row) worksheet_write_string(sheet, row, 0, "some text", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = hm::testing::ReadAll(whole);
  const std::string path = files_.Write("truncated.xlsx", bytes.substr(0, bytes.size() / 2));
  ExpectBadInput(Run("vsd info --vsd " + path), path, "damaged or truncated");
}

TEST_F(VsdCliTest, ZipBomb) {
  // One entry of 64 MiB of zeros compresses about 1000:1; the reader refuses it from the sizes
  // recorded in the archive, before inflating anything.
  const std::string path = files_.File("bomb.xlsx");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  static const std::string zeros(64u << 20, '0');
  zip_source_t* source = zip_source_buffer(zip, zeros.data(), zeros.size(), 0);
  ASSERT_GE(zip_file_add(zip, "xl/worksheets/sheet1.xml", source, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(zip), 0);
  ExpectBadInput(Run("vsd info --vsd " + path), path, "xl/worksheets/sheet1.xml");
}

TEST_F(VsdCliTest, SheetMissingARequiredColumn) {
  const std::string path = files_.File("vsd.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "Value Sets to Codes");
  worksheet_write_string(sheet, 0, 0, "Value Set Name", nullptr);
  worksheet_write_string(sheet, 0, 1, "Code", nullptr);
  worksheet_write_string(sheet, 1, 0, "PSA Lab Test", nullptr);
  worksheet_write_string(sheet, 1, 1, "84153", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  CliResult r = Run("vsd info --vsd " + path);
  ExpectBadInput(r, path, "'Code System'");
  EXPECT_NE(r.err.find("sheet 'Value Sets to Codes'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("row 1"), std::string::npos) << r.err;
}

TEST_F(VsdCliTest, UnknownCodeSystem) {
  const std::string path = files_.File("vsd.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "Value Sets to Codes");
  const char* row0[] = {"Value Set Name", "Code", "Code System"};
  const char* row1[] = {"PSA Lab Test", "84153", "CPT"};
  const char* row2[] = {"PSA Lab Test", "84154", "CPT-5"};
  for (int c = 0; c < 3; ++c) {
    worksheet_write_string(sheet, 0, c, row0[c], nullptr);
    worksheet_write_string(sheet, 1, c, row1[c], nullptr);
    worksheet_write_string(sheet, 2, c, row2[c], nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  CliResult r = Run("vsd info --vsd " + path);
  ExpectBadInput(r, path, "unknown code system 'CPT-5'");
  EXPECT_NE(r.err.find("row 3, column C"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("use one of"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace hm
