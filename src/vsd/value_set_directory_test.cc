#include "hedis_mockup/value_sets.h"

#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "testing/temp_dir.h"

namespace hm {
namespace {

const char* kCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,2.16.840.1.113883.6.12,2026\n"
    "PSA Lab Test,2.999.1,2026,G0103,Screening PSA,HCPCS,2.16.840.1.113883.6.285,2026\n"
    "PSA Lab Test,2.999.1,2026,2857-1,PSA mass/vol,LOINC,2.16.840.1.113883.6.1,2.80\n"
    "Absence of Right Breast,2.999.2,2026,Z90.11,Acquired absence of right breast,ICD10CM,x,2026\n"
    "Bilateral Mastectomy,2.999.3,2026,Z90.13,Acquired absence of both breasts,ICD10CM,x,2026\n"
    "History of Bilateral Mastectomy,2.999.4,2026,Z90.13,Acquired absence of both breasts,"
    "ICD10CM,x,2026\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA (duplicate row),CPT,2.16.840.1.113883.6.12,2026\n";

const char* kMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,PSA Lab Test,2.999.1\n"
    "BCS-E,Breast Cancer Screening,Bilateral Mastectomy,2.999.3\n"
    "BCS-E,Breast Cancer Screening,History of Bilateral Mastectomy,2.999.4\n"
    "BCS-E,Breast Cancer Screening,Absence of Right Breast,2.999.2\n";

class VsdTest : public ::testing::Test {
 protected:
  std::string WriteCsvVsd(const std::string& codes = kCodes) {
    dir_.Write("vsd/value_sets_to_codes.csv", codes);
    dir_.Write("vsd/measures_to_value_sets.csv", kMeasures);
    return dir_.File("vsd");
  }
  VsdLoadOptions Options() {
    VsdLoadOptions options;
    options.cache_dir = dir_.File("cache");
    return options;
  }
  std::size_t CacheFiles() {
    std::error_code ec;
    if (!std::filesystem::exists(dir_.File("cache"), ec)) return 0;
    return std::distance(std::filesystem::directory_iterator(dir_.File("cache")),
                         std::filesystem::directory_iterator());
  }
  hm::testing::TempDir dir_;
};

TEST_F(VsdTest, LoadsCsvFolderAndIndexesBothWays) {
  auto vsd = ValueSetDirectory::Load({WriteCsvVsd()}, Options());
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  EXPECT_EQ(vsd->value_sets().size(), 4u);
  EXPECT_EQ(vsd->codes().size(), 6u) << "the duplicate 84153 row is dropped";

  const ValueSet* psa = vsd->Find("psa lab-test");
  ASSERT_NE(psa, nullptr);
  EXPECT_EQ(psa->name, "PSA Lab Test");
  EXPECT_EQ(psa->oid, "2.999.1");
  EXPECT_EQ(vsd->CodesOf(*psa).size(), 3u);

  auto rows = vsd->Lookup(CodeSystem::kCpt, "84153");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(vsd->value_sets()[rows[0]->value_set].name, "PSA Lab Test");
  EXPECT_EQ(rows[0]->definition, "Total PSA");

  // The dot is optional, and one code may be in several value sets.
  auto both = vsd->Lookup(CodeSystem::kIcd10Cm, "Z9013");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(vsd->value_sets()[both[0]->value_set].name, "Bilateral Mastectomy");
  EXPECT_EQ(vsd->value_sets()[both[1]->value_set].name, "History of Bilateral Mastectomy");
  EXPECT_EQ(vsd->Lookup("z90.13").size(), 2u);
  EXPECT_TRUE(vsd->Lookup(CodeSystem::kLoinc, "84153").empty()) << "wrong system";
  EXPECT_TRUE(vsd->Contains(*psa, CodeSystem::kHcpcs, "g0103"));
  EXPECT_FALSE(vsd->Contains(*psa, CodeSystem::kIcd10Cm, "Z90.13"));
}

TEST_F(VsdTest, MeasuresListTheirValueSets) {
  auto vsd = ValueSetDirectory::Load({WriteCsvVsd()}, Options());
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  const MeasureValueSets* bcs = vsd->FindMeasure("bcs-e");
  ASSERT_NE(bcs, nullptr);
  EXPECT_EQ(bcs->name, "Breast Cancer Screening");
  std::vector<std::string> names;
  for (std::uint32_t set : bcs->value_sets) names.push_back(vsd->value_sets()[set].name);
  EXPECT_EQ(names, (std::vector<std::string>{"Absence of Right Breast", "Bilateral Mastectomy",
                                             "History of Bilateral Mastectomy"}));
  EXPECT_EQ(vsd->FindMeasure("XYZ"), nullptr);
}

TEST_F(VsdTest, MissingValueSetSuggestsCloseNames) {
  auto vsd = ValueSetDirectory::Load({WriteCsvVsd()}, Options());
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  auto miss = vsd->Require("PSA Lab Tests");
  ASSERT_FALSE(miss.ok());
  EXPECT_EQ(miss.status().code(), StatusCode::kNotFound);
  EXPECT_NE(miss.status().hint().find("did you mean 'PSA Lab Test'"), std::string::npos)
      << miss.status().ToString();
  EXPECT_TRUE(vsd->Suggest("Completely Unrelated Words Here").empty());
}

TEST_F(VsdTest, SecondLoadComesFromCacheWithTheSameContent) {
  const std::string path = WriteCsvVsd();
  VsdLoadReport first_report, second_report;
  auto first = ValueSetDirectory::Load({path}, Options(), &first_report);
  auto second = ValueSetDirectory::Load({path}, Options(), &second_report);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(first_report.from_cache);
  EXPECT_TRUE(second_report.from_cache);
  EXPECT_EQ(first_report.inputs_sha256, second_report.inputs_sha256);
  ASSERT_EQ(first->codes().size(), second->codes().size());
  for (std::size_t i = 0; i < first->codes().size(); ++i) {
    EXPECT_EQ(first->codes()[i].code, second->codes()[i].code) << i;
    EXPECT_EQ(first->codes()[i].value_set, second->codes()[i].value_set) << i;
  }
  EXPECT_EQ(second->Lookup(CodeSystem::kIcd10Cm, "Z90.13").size(), 2u);
  EXPECT_NE(second->Find("PSA LAB TEST"), nullptr);
}

TEST_F(VsdTest, ChangedInputMissesTheCache) {
  const std::string path = WriteCsvVsd();
  VsdLoadReport report;
  ASSERT_TRUE(ValueSetDirectory::Load({path}, Options(), &report).ok());
  const std::string first_key = report.inputs_sha256;
  WriteCsvVsd(std::string(kCodes) + "Outpatient,2.999.9,2026,99213,Office visit,CPT,x,2026\n");
  auto vsd = ValueSetDirectory::Load({path}, Options(), &report);
  ASSERT_TRUE(vsd.ok());
  EXPECT_FALSE(report.from_cache);
  EXPECT_NE(report.inputs_sha256, first_key);
  EXPECT_NE(vsd->Find("Outpatient"), nullptr);
}

TEST_F(VsdTest, CorruptCacheIsRebuilt) {
  const std::string path = WriteCsvVsd();
  VsdLoadReport report;
  ASSERT_TRUE(ValueSetDirectory::Load({path}, Options(), &report).ok());
  const std::string cache = dir_.File("cache/" + report.inputs_sha256 + ".vsdcache");
  ASSERT_TRUE(std::filesystem::exists(cache));
  std::filesystem::resize_file(cache, std::filesystem::file_size(cache) / 2);
  CompletenessTracker completeness;
  ErrorPolicy errors(completeness);
  VsdLoadOptions options = Options();
  options.errors = &errors;
  auto vsd = ValueSetDirectory::Load({path}, options, &report);
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  EXPECT_FALSE(report.from_cache);
  EXPECT_EQ(vsd->codes().size(), 6u);
  // The damaged cache is a recoverable error of the source "vsd_cache", on record.
  EXPECT_EQ(errors.recoverable_count(), 1);
  EXPECT_EQ(errors.fatal_count(), 0);
  const CompletenessSnapshot snapshot = completeness.Snapshot();
  ASSERT_EQ(snapshot.errors.size(), 1u);
  EXPECT_EQ(snapshot.errors[0].severity, "recoverable");
  EXPECT_NE(snapshot.errors[0].message.find(".vsdcache"), std::string::npos);
  EXPECT_FALSE(snapshot.data_sources.at("vsd_cache").succeeded);
  // It was rebuilt: the next load is served from it again.
  ASSERT_TRUE(ValueSetDirectory::Load({path}, Options(), &report).ok());
  EXPECT_TRUE(report.from_cache);
}

TEST_F(VsdTest, ProgressReportsRowsPerSheet) {
  std::vector<ProgressEvent> events;
  VsdLoadOptions options = Options();
  options.use_cache = false;
  options.progress = [&events](const ProgressEvent& e) { events.push_back(e); };
  ASSERT_TRUE(ValueSetDirectory::Load({WriteCsvVsd()}, options).ok());
  std::map<std::string, std::int64_t> finished;
  for (const ProgressEvent& e : events) {
    if (e.finished) finished[e.task] = e.done;
  }
  // 7 code rows plus the header; 4 measure rows plus the header.
  EXPECT_EQ(finished["Reading value_sets_to_codes"], 8);
  EXPECT_EQ(finished["Reading measures_to_value_sets"], 5);
}

TEST_F(VsdTest, UnknownCodeSystemsAreAllReportedAndNothingIsCached) {
  std::string codes = kCodes;
  codes += "Outpatient,2.999.9,2026,99213,Office visit,CPT5,x,2026\n";
  codes += "Outpatient,2.999.9,2026,99214,Office visit,CPT5,x,2026\n";
  codes += "Outpatient,2.999.9,2026,T1015,Clinic visit,HCPCS-X,x,2026\n";
  auto vsd = ValueSetDirectory::Load({WriteCsvVsd(codes)}, Options());
  ASSERT_FALSE(vsd.ok());
  const Status& status = vsd.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ExitCodeFor(status), 2);
  const std::string text = status.ToString();
  EXPECT_NE(text.find("value_sets_to_codes.csv"), std::string::npos) << text;
  EXPECT_NE(text.find("sheet 'value_sets_to_codes'"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown code system 'CPT5'"), std::string::npos) << text;
  EXPECT_NE(text.find("column F"), std::string::npos) << text;
  EXPECT_NE(text.find("'HCPCS-X'"), std::string::npos) << "second system reported too: " << text;
  EXPECT_EQ(status.more().size(), 1u) << "CPT5 once, HCPCS-X once: " << text;
  EXPECT_NE(status.hint().find("LOINC"), std::string::npos) << "lists known systems";
  EXPECT_EQ(CacheFiles(), 0u);
}

TEST_F(VsdTest, MissingRequiredColumnNamesTheColumn) {
  auto vsd = ValueSetDirectory::Load(
      {WriteCsvVsd("Value Set Name,Value Set OID,Code,Definition\nPSA Lab Test,1,84153,x\n")},
      Options());
  ASSERT_FALSE(vsd.ok());
  const std::string text = vsd.status().ToString();
  EXPECT_NE(text.find("'Code System'"), std::string::npos) << text;
  EXPECT_NE(text.find("row 1"), std::string::npos) << text;
  EXPECT_NE(text.find("value_sets_to_codes"), std::string::npos) << text;
  EXPECT_EQ(CacheFiles(), 0u);
}

TEST_F(VsdTest, RowWithCodeButNoValueSetIsAnError) {
  auto vsd = ValueSetDirectory::Load(
      {WriteCsvVsd("Value Set Name,Code,Code System\nPSA Lab Test,84153,CPT\n,84154,CPT\n")},
      Options());
  ASSERT_FALSE(vsd.ok());
  EXPECT_NE(vsd.status().ToString().find("row 3"), std::string::npos) << vsd.status().ToString();
}

TEST_F(VsdTest, FolderWithoutVsdSheetsSaysWhatItExpected) {
  dir_.Write("other/members.csv", "MEM_NBR\n1\n");
  auto vsd = ValueSetDirectory::Load({dir_.File("other")}, Options());
  ASSERT_FALSE(vsd.ok());
  EXPECT_EQ(vsd.status().code(), StatusCode::kNotFound);
  EXPECT_NE(vsd.status().ToString().find("members"), std::string::npos) << vsd.status().ToString();
}

// NCQA's own workbook: the older "Volume 2 " sheet prefix, codes stored as numbers, and the
// Medication List Directory as a second workbook.
TEST_F(VsdTest, ReadsXlsxWorkbooksWithVolume2PrefixAndMld) {
  const std::string vsd_path = dir_.File("vsd.xlsx");
  {
    lxw_workbook* wb = workbook_new(vsd_path.c_str());
    lxw_worksheet* codes = workbook_add_worksheet(wb, "Volume 2 Value Sets to Codes");
    const char* headers[] = {"Value Set Name", "Value Set OID", "Value Set Version", "Code",
                             "Definition", "Code System", "Code System OID", "Code System Version"};
    for (int c = 0; c < 8; ++c) worksheet_write_string(codes, 0, c, headers[c], nullptr);
    worksheet_write_string(codes, 1, 0, "PSA Lab Test", nullptr);
    worksheet_write_string(codes, 1, 1, "2.999.1", nullptr);
    worksheet_write_number(codes, 1, 3, 84153, nullptr);  // a number, as Excel often stores CPT
    worksheet_write_string(codes, 1, 4, "Total PSA", nullptr);
    worksheet_write_string(codes, 1, 5, "CPT", nullptr);
    lxw_worksheet* links = workbook_add_worksheet(wb, "Volume 2 Measures to Value Sets");
    worksheet_write_string(links, 0, 0, "Measure ID", nullptr);
    worksheet_write_string(links, 0, 1, "Value Set Name", nullptr);
    worksheet_write_string(links, 1, 0, "PSA", nullptr);
    worksheet_write_string(links, 1, 1, "PSA Lab Test", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  const std::string mld_path = dir_.File("mld.xlsx");
  {
    lxw_workbook* wb = workbook_new(mld_path.c_str());
    lxw_worksheet* meds = workbook_add_worksheet(wb, "Medication Lists to Codes");
    const char* headers[] = {"Medication List Name", "Medication List OID", "Code",
                             "Generic Product Name", "Brand Name", "Route", "Code System"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(meds, 0, c, headers[c], nullptr);
    worksheet_write_string(meds, 1, 0, "5 Alpha Reductase Inhibitor Medications", nullptr);
    worksheet_write_number(meds, 1, 2, 6007231, nullptr);  // NDC 00006007231 lost its zeros
    worksheet_write_string(meds, 1, 3, "finasteride 5 MG Oral Tablet", nullptr);
    worksheet_write_string(meds, 1, 4, "Proscar", nullptr);
    worksheet_write_string(meds, 1, 5, "oral", nullptr);
    worksheet_write_string(meds, 1, 6, "NDC", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto vsd = ValueSetDirectory::Load({vsd_path, mld_path}, Options());
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  auto psa = vsd->Lookup(CodeSystem::kCpt, "84153");
  ASSERT_EQ(psa.size(), 1u);
  EXPECT_EQ(psa[0]->code, "84153");
  ASSERT_NE(vsd->FindMeasure("PSA"), nullptr);
  auto meds = vsd->Lookup(CodeSystem::kNdc, "00006007231");
  ASSERT_EQ(meds.size(), 1u);
  EXPECT_EQ(meds[0]->definition, "finasteride 5 MG Oral Tablet (Proscar), oral");
  EXPECT_TRUE(vsd->value_sets()[meds[0]->value_set].medication_list);
}

TEST_F(VsdTest, TextFileRenamedXlsxIsRefusedClearly) {
  const std::string path = dir_.Write("vsd.xlsx", "Value Set Name,Code\nthis is not a workbook\n");
  auto vsd = ValueSetDirectory::Load({path}, Options());
  ASSERT_FALSE(vsd.ok());
  EXPECT_EQ(ExitCodeFor(vsd.status()), 2);
  EXPECT_NE(vsd.status().ToString().find(path), std::string::npos) << vsd.status().ToString();
  EXPECT_EQ(CacheFiles(), 0u);
}

}  // namespace
}  // namespace hm
