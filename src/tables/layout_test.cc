#include <gtest/gtest.h>

#include "hedis_mockup/tables.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

std::vector<std::string> ColumnNames(const LayoutTable& table) {
  std::vector<std::string> names;
  for (const LayoutColumn& column : table.columns) names.push_back(column.name);
  return names;
}

std::vector<std::string> First(std::vector<std::string> names, std::size_t n) {
  names.resize(std::min(n, names.size()));
  return names;
}

// The reference layout (the QA team's engine input tables), written out here on purpose: the
// shipped layout must keep this order.
TEST(LayoutTest, DefaultLayoutKeepsTheReferenceColumnOrder) {
  const Layout& layout = DefaultLayout();
  std::vector<std::string> tables;
  for (const LayoutTable& table : layout.tables) tables.push_back(table.name);
  EXPECT_EQ(tables, (std::vector<std::string>{"MEMBER_IN", "ENROLLMENT_IN", "VISIT_IN", "EMR_IN",
                                              "RX_IN", "LAB_IN", "MONTHLY_MBR_IN"}));

  const std::vector<std::string> member = {
      "MEM_NBR", "MEM_LNAME", "MEM_FNAME", "MEM_MNAME", "MEM_DOB", "DECEASED_DT", "MEM_GENDER",
      "MEM_ADDR1", "MEM_ADDR2", "MEM_ADDR3", "MEM_CITY", "MEM_STATE", "MEM_ZIP", "MEM_COUNTY",
      "MEM_PHONE", "MEM_EMAIL", "MEM_SSN", "MEM_HISP_ORIG", "MEM_NEED_INTERPRETER",
      "RACE_CODE_1", "RACE_CODE_2", "RACE_CODE_3", "HIC_NUMBER", "MBI_NUMBER", "MRN_NUMBER"};
  EXPECT_EQ(First(ColumnNames(*layout.Find(SourceTable::kMember)), member.size()), member);

  const std::vector<std::string> visit = {
      "MEM_NBR", "SERV_DT", "ADMIT_DT", "DISCH_DT", "CLAIM_FROM_DT", "CLAIM_THRU_DT", "PAID_DAYS",
      "UNITS", "CVX", "CPT_1", "CPT_2", "CPTMOD_1", "CPTMOD_2", "CPTMOD_3", "CPTMOD_4", "CPTII_1",
      "CPTII_MOD_1", "CPTII_2", "CPTII_MOD_2", "PN_IND", "RXHCC", "HCPCS_1", "HCPCS_2", "REV",
      "MSDRG", "TOB", "POS", "ICD_FORMAT", "DIAG_I_1", "DIAG_I_2"};
  EXPECT_EQ(First(ColumnNames(*layout.Find(SourceTable::kVisit)), visit.size()), visit);

  const std::vector<std::string> lab = {"MEM_NBR", "LAB_SCR_DT", "LAB_CPT", "LAB_VALUE",
                                        "LAB_NBR", "USE_LAB_VALUE", "LOINC", "PROV_NBR"};
  EXPECT_EQ(First(ColumnNames(*layout.Find(SourceTable::kLab)), lab.size()), lab);
  const std::vector<std::string> rx = {"MEM_NBR", "RX_SERV_DT", "RX_NDC", "RX_DAYS_SUPP",
                                       "CLAIM_DEN", "RX_CLAIM_ID"};
  EXPECT_EQ(First(ColumnNames(*layout.Find(SourceTable::kPharmacy)), rx.size()), rx);

  // Every table's size in the reference, and FILE_ID last.
  const std::pair<SourceTable, std::size_t> sizes[] = {
      {SourceTable::kMember, 70}, {SourceTable::kEnrollment, 57}, {SourceTable::kVisit, 145},
      {SourceTable::kEmr, 96},    {SourceTable::kPharmacy, 33},   {SourceTable::kLab, 29},
      {SourceTable::kMonthlyMembership, 24}};
  for (const auto& [table, size] : sizes) {
    const LayoutTable* t = layout.Find(table);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->columns.size(), size) << t->name;
    EXPECT_EQ(t->columns.back().name, "FILE_ID") << t->name;
  }
}

TEST(LayoutTest, ShippedFileLoadsAndMatchesTheBuiltInCopy) {
  Result<Layout> loaded = LoadLayout(testing::SourceDir() + "/layouts/engine_input.json");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Layout& built_in = DefaultLayout();
  EXPECT_EQ(loaded->name, "engine_input");
  EXPECT_EQ(loaded->date_format, "MM/DD/YYYY");
  EXPECT_EQ(loaded->null_values, std::vector<std::string>{"NULL"});
  ASSERT_EQ(loaded->tables.size(), built_in.tables.size());
  for (std::size_t i = 0; i < built_in.tables.size(); ++i) {
    EXPECT_EQ(ColumnNames(loaded->tables[i]), ColumnNames(built_in.tables[i]));
  }
}

TEST(LayoutTest, RequiredTablesAndColumns) {
  const Layout& layout = DefaultLayout();
  EXPECT_TRUE(layout.Find(SourceTable::kMember)->required);
  EXPECT_TRUE(layout.Find(SourceTable::kEnrollment)->required);
  EXPECT_FALSE(layout.Find(SourceTable::kLab)->required);
  EXPECT_TRUE(layout.Find(SourceTable::kVisit)->Find("SERV_DT")->required);
  EXPECT_TRUE(layout.Find(SourceTable::kVisit)->Find("mem_nbr")->required);
  EXPECT_FALSE(layout.Find(SourceTable::kVisit)->Find("CPT_1")->required);
  EXPECT_EQ(layout.Find(SourceTable::kVisit)->Find("DIAG_I_7")->maps_to, "code:ICD-CM");
  EXPECT_EQ(layout.Find(SourceTable::kEnrollment)->Find("HP_EMPLOYEE")->maps_to, "employee");
}

TEST(LayoutTest, FileIdsDecideTheDataSource) {
  const Layout& layout = DefaultLayout();
  const LayoutTable& visit = *layout.Find(SourceTable::kVisit);
  const LayoutTable& emr = *layout.Find(SourceTable::kEmr);
  const std::tuple<const LayoutTable*, const char*, DataSource> cases[] = {
      {&visit, "90055", DataSource::kClaim},       {&visit, "17955", DataSource::kSupplemental},
      {&emr, "18155", DataSource::kEmr},           {&emr, "18055", DataSource::kSupplemental},
      {&visit, "70055", DataSource::kClaim},       {&visit, "17055", DataSource::kSupplemental},
      {&visit, "80055", DataSource::kClaim},       {&visit, "17555", DataSource::kSupplemental},
      {&visit, "12345", DataSource::kClaim},       {&emr, "12345", DataSource::kEmr},
      {&visit, "", DataSource::kClaim},
  };
  for (const auto& [table, id, source] : cases) {
    EXPECT_EQ(layout.SourceFor(*table, id), source) << table->name << " " << id;
  }
}

TEST(LayoutTest, BadLayoutsNameTheProblem) {
  const auto with_column = [](const std::string& column) {
    return R"({"name": "t", "tables": [{"name": "MEMBER_IN", "columns": [)" + column + "]}]}";
  };
  const std::pair<std::string, std::string> cases[] = {
      {"{", "not valid JSON"},
      {with_column(R"({"name": "A", "type": "dat"})"), "tables[0] (MEMBER_IN).columns[0] (A).type: unknown type 'dat'"},
      {with_column(R"({"name": "A", "maps_to": "birthday"})"), "unknown maps_to 'birthday'"},
      {with_column(R"({"name": "A", "maps_to": "run_date"})"), "'run_date' is not a field of MEMBER_IN"},
      {with_column(R"({"name": "A", "maps_to": "code:CPT"})"), "MEMBER_IN has no coded events"},
      {with_column(R"({"name": "A"}, {"name": "a"})"), "column a is listed twice"},
      {with_column(R"({"name": "A", "max_length": "ten"})"), "wrong type"},
      {R"({"tables": [{"name": "PATIENT_IN", "columns": [{"name": "A"}]}]})", "unknown table 'PATIENT_IN'"},
      {R"({"tables": [{"name": "VISIT_IN", "columns": [{"name": "A", "maps_to": "code:XYZ"}]}]})", "'XYZ' is not a code system"},
      {R"({"file_ids": {"ids": [{"id": "1", "source": "paper"}]}, "tables": []})", "unknown data source 'paper'"},
      {R"({"tables": []})", "no MEMBER_IN table"},
  };
  for (const auto& [json, expected] : cases) {
    Result<Layout> layout = ParseLayout(json, "my_layout.json");
    ASSERT_FALSE(layout.ok()) << json;
    EXPECT_EQ(layout.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(layout.status().ToString().find(expected), std::string::npos)
        << layout.status().ToString();
    EXPECT_NE(layout.status().ToString().find("my_layout.json"), std::string::npos);
  }
}

TEST(LayoutTest, MissingFileNamesTheFile) {
  testing::TempDir dir;
  Result<Layout> layout = LoadLayout(dir.File("nope.json"));
  ASSERT_FALSE(layout.ok());
  EXPECT_NE(layout.status().ToString().find("nope.json"), std::string::npos);
}

}  // namespace
}  // namespace hm
