#include "testcase/structured_layout.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "hedis_mockup/code_system.h"
#include "testing/temp_dir.h"

namespace hm::testcase {
namespace {

using testing::TempDir;

constexpr int kMy = 2026;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

TestCaseOptions Options() {
  TestCaseOptions options;
  options.measurement_year = kMy;
  return options;
}

ScenarioRow RowWith(std::map<std::string, std::string> columns) {
  ScenarioRow row;
  row.sheet = "Sheet1";
  row.row = 2;
  row.member_id = "XX_01";
  row.other_columns = std::move(columns);
  return row;
}

std::vector<FactBody> Bodies(const std::vector<Fact>& facts) {
  std::vector<FactBody> bodies;
  for (const Fact& fact : facts) bodies.push_back(fact.body);
  return bodies;
}

std::vector<std::string> Texts(const std::vector<Fragment>& fragments) {
  std::vector<std::string> texts;
  for (const Fragment& fragment : fragments) texts.push_back(fragment.text);
  return texts;
}

// Whether `a` and `b` hold the same bodies, in any order.
::testing::AssertionResult SameBodies(std::vector<FactBody> a, std::vector<FactBody> b) {
  for (const FactBody& body : a) {
    const auto it = std::find(b.begin(), b.end(), body);
    if (it == b.end()) {
      return ::testing::AssertionFailure()
             << "missing on read-back: " << FactKindName(body) << " " << Describe(body, kMy);
    }
    b.erase(it);
  }
  if (!b.empty()) {
    return ::testing::AssertionFailure()
           << "extra on read-back: " << FactKindName(b[0]) << " " << Describe(b[0], kMy);
  }
  return ::testing::AssertionSuccess();
}

EventFact Event(std::string value_set, std::vector<Date> dates) {
  EventFact event;
  event.value_set = std::move(value_set);
  event.dates = std::move(dates);
  return event;
}

TEST(StandardColumnKeyTest, Cases) {
  const std::pair<const char*, const char*> cases[] = {
      {"ENROLLMENT_1_START", "ENROLLMENT_1_START"}, {"Enrollment 1 Start", "ENROLLMENT_1_START"},
      {"Status - Oracle", "STATUS_ORACLE"},         {"Bug#", "BUG"},
      {" psa_test_date ", "PSA_TEST_DATE"},         {"__AGE__", "AGE"},
      {"", ""},
  };
  for (const auto& [header, key] : cases) EXPECT_EQ(StandardColumnKey(header), key) << header;
}

TEST(IsStructuredLayoutTest, Cases) {
  const std::pair<std::vector<std::string>, bool> cases[] = {
      {{"AGE"}, true},
      {{"Gender"}, true},
      {{"Enrollment 1 Start"}, true},
      {{"EVENT_2_NAME", "Comments"}, true},
      {{"OTHER_FACTS"}, true},
      {{"Actual Result", "Status - Oracle", "DLL Version"}, false},
      {{"Plan", "Product", "Product_rollup"}, false},
      {{"PSA_TEST"}, false},  // a measure column alone could be anything
      {{}, false},
  };
  for (const auto& [headers, structured] : cases) {
    std::map<std::string, std::string> columns;
    for (const std::string& header : headers) columns[header] = "x";
    EXPECT_EQ(IsStructuredLayout(columns), structured) << ::testing::PrintToString(headers);
  }
}

TEST(ReadStructuredRowTest, EveryColumnKind) {
  const TextReading reading = ReadStructuredRow(
      RowWith({
          {"AGE", "70"},
          {"GENDER", "Female"},
          {"PRODUCT_LINE", "Commercial, Marketplace"},
          {"ENROLLMENT_1_START", "1/1/MY-1"},
          {"ENROLLMENT_1_END", "2026-12-31"},  // a date cell, as the reader renders it
          {"ENROLLMENT_1_PRODUCT_ID", "11"},
          {"ENROLLMENT_2_START", "46023"},  // a serial in a date column
          {"ENROLLMENT_2_END", "12/31/2050"},
          {"ENROLLMENT_2_PRODUCT_ID", "3 & 11"},
          {"VISIT_1_DATE", "2/1/MY"},
          {"VISIT_1_TYPE", "Outpatient"},
          {"VISIT_1_CPT", "99213"},
          {"VISIT_1_DIAG", "Z12.5"},
          {"EVENT_1_NAME", "PSA Lab Test"},
          {"EVENT_1_VALUE", "4.1"},
          {"EVENT_1_DATE", "6/15/MY"},
          {"EVENT_1_CODE", "CPT:84153"},
          {"EVENT_2_NAME", "Prostate Biopsy"},
          {"EVENT_2_VALUE", "0"},  // stated absent
          {"EVENT_2_DATE", "6/15/MY"},
          {"EXCLUSION_1_NAME", "Hospice Intervention"},
          {"EXCLUSION_1_VALUE", "Y"},
          {"EXCLUSION_1_DATE", "12/31/MY"},
          {"PSA_TEST", "1"},
          {"PSA_TEST_DATE", "3/15/MY"},
          {"HOSPICE", "0"},
          {"PROSTATE_CANCER", "1"},  // no date column: undated
          {"DECEASED", "1"},
          {"DECEASED_DATE", "1/1/MY"},
          {"Actual Result", "whatever"},
          {"Status - SQL", "Not Tested"},
          {"Executed By", "QA"},
          {"SOURCE", "PSA!12"},
          {"NEEDS_ATTENTION", "not understood: 'xyz'\n\nrecheck the dates"},
      }),
      Options());
  EXPECT_EQ(Texts(reading.unparsed), std::vector<std::string>{});
  EXPECT_EQ(reading.attention,
            (std::vector<std::string>{"not understood: 'xyz'", "recheck the dates"}));

  EventFact visit = Event("Outpatient", {D(2026, 2, 1)});
  visit.table = "VISIT_IN";
  visit.codes = {{"CPT", "99213"}, {std::string(CodeSystemName(CodeSystem::kIcd10Cm)), "Z12.5"}};
  EventFact lab = Event("PSA Lab Test", {D(2026, 6, 15)});
  lab.value = "4.1";
  lab.codes = {{"CPT", "84153"}};
  const std::vector<FactBody> expected = {
      GenderFact{'F'},
      AgeFact{70, D(2026, 12, 31)},
      ProductLineFact{"commercial"},
      ProductLineFact{"exchange"},
      EnrollmentFact{D(2025, 1, 1), D(2026, 12, 31), {"11"}, {}, {}, {}, {}},
      EnrollmentFact{D(2026, 1, 1), D(2050, 12, 31), {"3", "11"}, {}, {}, {}, {}},
      visit,
      lab,
      Event("Hospice Intervention", {D(2026, 12, 31)}),
      Event("PSA TEST", {D(2026, 3, 15)}),
      Event("PROSTATE CANCER", {}),
      DeathFact{D(2026, 1, 1), {}, StatedSource::kUnstated, false, {}},
  };
  EXPECT_TRUE(SameBodies(Bodies(reading.facts), expected));
  for (const Fact& fact : reading.facts) {
    EXPECT_EQ(fact.provenance, Provenance::kStructured);
    EXPECT_FALSE(fact.column.empty());
  }
}

TEST(ReadStructuredRowTest, ColumnNamesTheFact) {
  const TextReading reading = ReadStructuredRow(
      RowWith({{"Age", "9"}, {"HOSPICE", "1"}, {"HOSPICE_DATE", "1/1/MY"}}), Options());
  ASSERT_EQ(reading.facts.size(), 2u);
  EXPECT_EQ(reading.facts[0].column, "Age");
  EXPECT_EQ(reading.facts[1].column, "HOSPICE");
}

// A cell that cannot be read is quoted with its column; the cells of its group go with it, so
// nothing is half-read.
TEST(ReadStructuredRowTest, BadCellsAreUnparsedWithTheColumn) {
  struct Case {
    std::map<std::string, std::string> columns;
    std::vector<std::string> unparsed;
  } cases[] = {
      {{{"AGE", "seventy"}}, {"AGE: seventy"}},
      {{{"AGE", "70.5"}}, {"AGE: 70.5"}},
      {{{"GENDER", "X"}}, {"GENDER: X"}},
      {{{"PRODUCT_LINE", "Medicare Advantage"}}, {"PRODUCT_LINE: Medicare Advantage"}},
      {{{"ENROLLMENT_1_START", "1/1/MY-"}, {"ENROLLMENT_1_END", "12/31/MY"}},
       {"ENROLLMENT_1_END: 12/31/MY", "ENROLLMENT_1_START: 1/1/MY-"}},
      {{{"ENROLLMENT_2_START", "1/1/MY"}}, {"ENROLLMENT_2_START: 1/1/MY"}},
      {{{"VISIT_1_DATE", "1/1/MY"}}, {"VISIT_1_DATE: 1/1/MY"}},
      {{{"EVENT_1_NAME", "PSA Lab Test"}, {"EVENT_1_VALUE", "high"}},
       {"EVENT_1_NAME: PSA Lab Test", "EVENT_1_VALUE: high"}},
      {{{"EVENT_1_VALUE", "1"}, {"EVENT_1_DATE", "1/1/MY"}},
       {"EVENT_1_DATE: 1/1/MY", "EVENT_1_VALUE: 1"}},
      {{{"PSA_TEST", "maybe"}, {"PSA_TEST_DATE", "1/1/MY"}},
       {"PSA_TEST: maybe", "PSA_TEST_DATE: 1/1/MY"}},
      {{{"PSA_TEST", "1"}, {"PSA_TEST_DATE", "soon"}}, {"PSA_TEST: 1", "PSA_TEST_DATE: soon"}},
      {{{"HOSPICE", "0"}, {"HOSPICE_DATE", "1/1/MY"}}, {"HOSPICE: 0", "HOSPICE_DATE: 1/1/MY"}},
      {{{"DECEASED", "1"}}, {"DECEASED: 1"}},
      {{{"Plan Notes", "see row 5"}}, {"Plan Notes: see row 5"}},
      {{{"ENROLLMENT_1_COVERAGE", "SN"}}, {"ENROLLMENT_1_COVERAGE: SN"}},
  };
  for (const Case& c : cases) {
    const TextReading reading = ReadStructuredRow(RowWith(c.columns), Options());
    const std::string name = ::testing::PrintToString(c.columns);
    EXPECT_EQ(Texts(reading.unparsed), c.unparsed) << name;
    EXPECT_TRUE(reading.facts.empty()) << name;
    EXPECT_FALSE(reading.attention.empty()) << name;  // the reason
    for (const Fragment& fragment : reading.unparsed) {
      EXPECT_EQ(fragment.begin, 0u) << name;
      EXPECT_EQ(fragment.end, 0u) << name;
    }
  }
}

TEST(ReadStructuredRowTest, SecondColumnWithTheSameNameIsReported) {
  const TextReading reading = ReadStructuredRow(RowWith({{"AGE", "70"}, {"Age", "71"}}), Options());
  EXPECT_TRUE(SameBodies(Bodies(reading.facts), {AgeFact{70, D(2026, 12, 31)}}));
  EXPECT_EQ(Texts(reading.unparsed), std::vector<std::string>{"Age: 71"});
}

TEST(ReadStructuredRowTest, DateErrorSaysWhy) {
  const TextReading reading =
      ReadStructuredRow(RowWith({{"PSA_TEST_DATE", "13/45/MY"}}), Options());
  ASSERT_EQ(reading.attention.size(), 1u);
  EXPECT_EQ(reading.attention[0].rfind("PSA_TEST_DATE: ", 0), 0u) << reading.attention[0];
}

// A structured sheet as QA writes it in Excel: real date cells, a serial in a general cell, a
// number cell for the age and the lab value, a gender merged down over two members, the status
// columns beside.
std::string WriteStructuredFixture(const TempDir& dir) {
  const std::string path = dir.File("structured.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "mm/dd/yyyy");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "PSA_Standard");
  const char* headers[] = {"MEMBER_ID",     "AGE",           "GENDER",        "PRODUCT_LINE",
                           "ENROLLMENT_1_START", "ENROLLMENT_1_END", "EVENT_1_NAME",
                           "EVENT_1_VALUE", "EVENT_1_DATE",  "HOSPICE",       "HOSPICE_DATE",
                           "EXPECTED_RESULT", "SCENARIO_DESCRIPTION", "Status - SQL"};
  for (lxw_col_t c = 0; c < std::size(headers); ++c) worksheet_write_string(ws, 0, c, headers[c], nullptr);
  lxw_datetime jan1{2026, 1, 1, 0, 0, 0};
  for (lxw_row_t r = 1; r <= 2; ++r) {
    worksheet_write_string(ws, r, 0, r == 1 ? "PSA_ST_01" : "PSA_ST_02", nullptr);
    worksheet_write_number(ws, r, 1, r == 1 ? 70 : 69, nullptr);
    worksheet_write_string(ws, r, 3, "Medicare", nullptr);
    worksheet_write_datetime(ws, r, 4, &jan1, date);
    worksheet_write_string(ws, r, 5, "12/31/MY", nullptr);
    worksheet_write_string(ws, r, 11, "CE=1", nullptr);
    worksheet_write_string(ws, r, 13, "Not Tested", nullptr);
  }
  worksheet_merge_range(ws, 1, 2, 2, 2, "M", nullptr);
  worksheet_write_string(ws, 1, 6, "PSA Lab Test", nullptr);
  worksheet_write_number(ws, 1, 7, 4.1, nullptr);
  worksheet_write_number(ws, 1, 8, 46096, nullptr);  // 2026-03-15, typed without a date format
  worksheet_write_number(ws, 2, 9, 1, nullptr);
  worksheet_write_string(ws, 2, 10, "1/1/MY-", nullptr);  // cut off, as in a real workbook
  worksheet_write_string(ws, 1, 12, "Verify a member with a PSA test", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

Result<ScenarioTable> FindIn(const std::string& path) {
  HM_ASSIGN_OR_RETURN(auto workbook, read::Workbook::Open(path));
  return FindScenarios(*workbook);
}

TEST(ReadStructuredRowTest, FromAnXlsxSheet) {
  TempDir dir;
  Result<ScenarioTable> table = FindIn(WriteStructuredFixture(dir));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_TRUE(IsStructuredLayout(table->rows[0].other_columns));

  const TextReading first = ReadStructuredRow(table->rows[0], Options());
  EventFact lab = Event("PSA Lab Test", {D(2026, 3, 15)});
  lab.value = "4.1";
  EXPECT_EQ(Texts(first.unparsed), std::vector<std::string>{});
  EXPECT_TRUE(SameBodies(Bodies(first.facts),
                         {AgeFact{70, D(2026, 12, 31)}, GenderFact{'M'},
                          ProductLineFact{"medicare"},
                          EnrollmentFact{D(2026, 1, 1), D(2026, 12, 31), {}, {}, {}, {}, {}},
                          lab}));

  const TextReading second = ReadStructuredRow(table->rows[1], Options());
  EXPECT_TRUE(SameBodies(Bodies(second.facts),
                         {AgeFact{69, D(2026, 12, 31)}, GenderFact{'M'},  // merged down
                          ProductLineFact{"medicare"},
                          EnrollmentFact{D(2026, 1, 1), D(2026, 12, 31), {}, {}, {}, {}, {}}}));
  EXPECT_EQ(Texts(second.unparsed),
            (std::vector<std::string>{"HOSPICE: 1", "HOSPICE_DATE: 1/1/MY-"}));
}

Scenario ScenarioWith(std::string id, std::int64_t row, std::vector<FactBody> bodies) {
  Scenario scenario;
  scenario.sheet = "PSA";
  scenario.row = row;
  scenario.member_id = std::move(id);
  for (FactBody& body : bodies) scenario.facts.push_back(Fact{std::move(body), {}, 0, 0, {}});
  return scenario;
}

// Facts that fit the columns and facts that need OTHER_FACTS, written and read back.
TestCaseBook RoundTripBook() {
  TestCaseBook book;
  book.measurement_year = kMy;
  EventFact lab = Event("PSA Lab Test", {D(2026, 6, 15)});
  lab.value = "4.1";
  lab.codes = {{"CPT", "84153"}};
  EventFact visit = Event("Outpatient", {D(2026, 2, 1)});
  visit.table = "VISIT_IN";
  visit.codes = {{"CPT", "99213"}};
  Scenario fits = ScenarioWith(
      "PSA_RT_01", 5,
      {AgeFact{70, D(2026, 12, 31)}, GenderFact{'M'}, ProductLineFact{"medicare"},
       EnrollmentFact{D(2025, 1, 1), D(2050, 12, 31), {"11"}, {}, {}, {}, {}},
       EnrollmentFact{D(2026, 3, 1), D(2026, 12, 31), {}, {}, {}, {}, {}}, lab, visit,
       Event("Hospice Intervention", {D(2026, 12, 31)})});
  fits.text = "Verify, if a member is (male) 70 years as of December 31 of the measurement year.";
  fits.expected_text = "AG=1\nAGE_END_REP_YR=70, Gender=M";
  fits.objective = "age boundary";

  EnrollmentFact with_benefit{D(2026, 1, 1), D(2026, 12, 31), {}, {}, {}, {}, {}};
  with_benefit.benefits.flags["BEN_MEDICAL"] = true;
  EventFact supplemental = Event("Hospice Encounter", {D(2026, 7, 1)});
  supplemental.source = StatedSource::kSupplemental;
  Scenario other = ScenarioWith(
      "PSA_RT_02", 6,
      {AgeFact{70, D(2026, 1, 1)}, GenderFact{'F'}, with_benefit, supplemental,
       GapFact{1, 45, 0}, DeathFact{D(2026, 1, 1), "MEMBER_IN", StatedSource::kUnstated, false, {}}});
  other.text = "Verify a member with a gap";
  other.expected_text = "Member should not appear";
  other.unparsed = {Fragment{"blah", 0, 4}};
  other.attention = {"two genders"};
  book.scenarios = {fits, other};
  for (int i = 0; i < 6; ++i) {  // more events than the template's five
    book.scenarios[0].facts.push_back(Fact{Event("Event " + std::to_string(i), {D(2026, 1, 1 + i)}),
                                           {}, 0, 0, {}});
  }
  return book;
}

TEST(WriteStandardLayoutTest, ReadingBackGivesTheSameFacts) {
  TempDir dir;
  const TestCaseBook book = RoundTripBook();
  const std::string path = dir.File("out/standard.xlsx");
  ASSERT_TRUE(WriteStandardLayout(book, path).ok());

  Result<ScenarioTable> table = FindIn(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), book.scenarios.size());
  ASSERT_EQ(table->skipped.size(), 1u);
  EXPECT_EQ(table->skipped[0].sheet, "Read Me");
  for (std::size_t i = 0; i < book.scenarios.size(); ++i) {
    const Scenario& original = book.scenarios[i];
    const ScenarioRow& row = table->rows[i];
    EXPECT_EQ(row.sheet, "Test Cases");
    EXPECT_EQ(row.member_id, original.member_id);
    EXPECT_EQ(row.expected, original.expected_text);
    EXPECT_EQ(row.scenario, original.text);
    EXPECT_EQ(row.objective, original.objective);
    EXPECT_EQ(row.other_columns.at("SOURCE"), fmt::format("PSA!{}", original.row));
    EXPECT_TRUE(IsStructuredLayout(row.other_columns));
    const TextReading reading = ReadStructuredRow(row, Options());
    EXPECT_TRUE(SameBodies(Bodies(reading.facts), Bodies(original.facts))) << original.member_id;
    EXPECT_EQ(Texts(reading.unparsed), std::vector<std::string>{}) << original.member_id;
  }
  // The first row fits the columns; the second needs OTHER_FACTS and still needs attention.
  EXPECT_EQ(table->rows[0].other_columns.count("OTHER_FACTS"), 0u);
  EXPECT_EQ(table->rows[0].other_columns.at("EVENT_7_NAME"), "Event 4");
  EXPECT_EQ(table->rows[0].other_columns.at("ENROLLMENT_1_END"), "12/31/2050");
  EXPECT_EQ(table->rows[0].other_columns.at("VISIT_1_CPT"), "99213");
  const TextReading second = ReadStructuredRow(table->rows[1], Options());
  EXPECT_EQ(second.attention, (std::vector<std::string>{"not understood: 'blah'", "two genders"}));
}

TEST(WriteStandardLayoutTest, LeavesNoFileOnError) {
  TempDir dir;
  TestCaseBook book = RoundTripBook();
  book.scenarios[0].text = std::string(40'000, 'x');  // more than an Excel cell holds
  const std::string path = dir.File("standard.xlsx");
  const Status status = WriteStandardLayout(book, path);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.ToString().find("SCENARIO_DESCRIPTION"), std::string::npos) << status.ToString();
  EXPECT_NE(status.ToString().find("standard.xlsx"), std::string::npos) << status.ToString();
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace hm::testcase
