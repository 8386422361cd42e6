// End-to-end tests of `hedis-mockup parse` and `reformat` (issue 4): the real binary on messy
// workbooks the tests write as analysts do (a title block above the header, merged cells, ids with
// trailing spaces, Excel date serials and dates in words, line breaks in cells, group rows, sheets
// that are not scenarios), on CSV files, and on bad input. Checks exit codes, messages, and the
// shape of --json that the server and scripts rely on.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "testing/cli_runner.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using hm::testing::CliResult;
using hm::testing::RunCli;
using nlohmann::json;

// Excel serials (1900 date system) of the dates the fixtures use.
constexpr double kSerial2025Jan1 = 45658;
constexpr double kSerial2026Dec31 = 46387;

const char* kScenarioSheet = "PSA Scenarios";

// The free-text sheet: a title block, the header on row 5, a group label merged across its row,
// a member id merged down over a continuation row, ids with trailing spaces, dates in words and
// line breaks in cells. One row (PSA_MISC_01) cannot be understood.
void WriteScenarioSheet(lxw_workbook* wb) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, kScenarioSheet);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  worksheet_merge_range(ws, 0, 0, 0, 4, "PSA MY2026 test cases", nullptr);
  worksheet_write_string(ws, 1, 0, "Prepared by: QA team", nullptr);
  worksheet_write_string(ws, 2, 0, "Measure: PSA", nullptr);
  const char* header[] = {"Member Number", "Scenario", "Test Objective", "ADD/UPDATE",
                          "Expected Result"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 4, c, header[c], nullptr);
  worksheet_merge_range(ws, 5, 0, 5, 4, "CE & Gap", nullptr);
  auto row = [&](int r, const char* id, const char* scenario, const char* expected) {
    if (id != nullptr) worksheet_write_string(ws, r, 0, id, nullptr);
    worksheet_write_string(ws, r, 1, scenario, wrap);
    if (expected != nullptr) worksheet_write_string(ws, r, 4, expected, wrap);
  };
  row(6, "PSA_AG_01   ",
      "Verify, if a member is (male) 70 years as of December 31 of the measurement year.",
      "AG=1\nAGE_END_REP_YR=70, Gender=M");
  row(7, "PSA_AG_04 ",
      "Verify, if a member is (male) 70 years as of Jan 1st of the measurement year.",
      "AG=1\nAGE_END_REP_YR=70, Gender=M");
  row(8, "PSA_CE_01",
      "Verify, if a member is enrolled in the measurement year. No gaps\nCE:\n1/1/MY-1 TO 12/31/MY",
      "CE=1");
  worksheet_merge_range(ws, 9, 0, 10, 0, "PSA_DUAL_01", nullptr);
  row(9, nullptr, "1st Enrollment : 1/1/MY-1 - 12/31/2050 --prod id 11", "CE=1");
  row(10, nullptr, "2nd Enrollment : 3/1/MY - 12/31/2050 --prod id 11", nullptr);
  row(11, "PSA_MISC_01", "Verify the member wears a purple hat on Tuesdays", "CE=1");
}

// The standard layout, with enrollment dates as date-formatted Excel serials.
void WriteStructuredSheet(lxw_workbook* wb) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Structured");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "m/d/yyyy");
  const char* header[] = {"MEMBER_ID",          "AGE",           "GENDER",
                          "PRODUCT_LINE",       "ENROLLMENT_1_START", "ENROLLMENT_1_END",
                          "ENROLLMENT_1_PRODUCT_ID", "EXPECTED_RESULT", "SCENARIO_DESCRIPTION"};
  for (int c = 0; c < 9; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "STR_01", nullptr);
  worksheet_write_number(ws, 1, 1, 70, nullptr);
  worksheet_write_string(ws, 1, 2, "M", nullptr);
  worksheet_write_string(ws, 1, 3, "Medicare", nullptr);
  worksheet_write_number(ws, 1, 4, kSerial2025Jan1, date);
  worksheet_write_number(ws, 1, 5, kSerial2026Dec31, date);
  worksheet_write_number(ws, 1, 6, 11, nullptr);
  worksheet_write_string(ws, 1, 7, "AG=1, CE=1", nullptr);
  worksheet_write_string(ws, 1, 8, "Medicare male of 70, enrolled all along", nullptr);
}

// A workbook as QA sends it: revision history first, the scenarios, the standard layout, and a DST
// template at the end.
void WriteMessyWorkbook(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* history = workbook_add_worksheet(wb, "Revision History");
  worksheet_write_string(history, 0, 0, "Revision History", nullptr);
  const char* columns[] = {"Version", "Date", "Author", "Description"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(history, 2, c, columns[c], nullptr);
  worksheet_write_string(history, 3, 0, "1.0", nullptr);
  worksheet_write_string(history, 3, 1, "1/5/2026", nullptr);
  worksheet_write_string(history, 3, 2, "QA", nullptr);
  worksheet_write_string(history, 3, 3, "First version", nullptr);
  WriteScenarioSheet(wb);
  WriteStructuredSheet(wb);
  lxw_worksheet* dst = workbook_add_worksheet(wb, "DST_Template");
  const char* dst_columns[] = {"FILE_ID", "TABLE", "COLUMN", "VALUE"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(dst, 0, c, dst_columns[c], nullptr);
  worksheet_write_string(dst, 1, 0, "90055", nullptr);
  worksheet_write_string(dst, 1, 1, "VISIT_IN", nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path);
}

// A CSV export: two title lines, a blank line, the header on line 5, a group label in the scenario
// column, quoted cells with line breaks.
const char* kMessyCsv =
    "PSA test cases MY2026,,\n"
    "Owner: QA,,\n"
    ",,\n"
    ",,\n"
    "MEMBER_ID,Scenario,Expected Result\n"
    ",Medicaid,\n"
    "CSV_PL_01 ,\"Verify, if a member belongs to Medicaid\",PL=0\n"
    "CSV_CE_01,\"Verify, if a member is enrolled in the measurement year. No gaps\n"
    "CE:\n"
    "1/1/MY-1 TO 12/31/MY\",\"CE=1\n"
    "AD=1\"\n";

const char* kVsdCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,2.16.840.1.113883.6.12,2026\n"
    "Hospice Intervention,2.999.2,2026,99377,Hospice care,CPT,2.16.840.1.113883.6.12,2026\n";
const char* kVsdMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,PSA Lab Test,2.999.1\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,Hospice Intervention,2.999.2\n";

class ParseCliTest : public ::testing::Test {
 protected:
  CliResult Run(const std::string& args) { return RunCli(args, home_.path().string()); }
  std::string MessyWorkbook() {
    const std::string path = files_.File("Messy_MY2026.xlsx");
    if (!std::filesystem::exists(path)) WriteMessyWorkbook(path);
    return path;
  }
  // `parse --json` of `file`; the exit code goes to `exit_code`.
  json ParseJson(const std::string& file, int& exit_code, const std::string& more = "") {
    CliResult r = Run("parse --json --my 2026 --testcases '" + file + "' " + more);
    exit_code = r.exit_code;
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    return json::parse(r.out);
  }
  // Expects exit 2 and one "hedis-mockup: error:" message naming `file` and each of `parts`.
  void ExpectBadInput(const std::string& file, const std::vector<std::string>& parts) {
    CliResult r = Run("parse --my 2026 --testcases '" + file + "'");
    EXPECT_EQ(r.exit_code, 2) << file << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("hedis-mockup: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    for (const std::string& part : parts) {
      EXPECT_NE(r.err.find(part), std::string::npos) << part << "\n" << r.err;
    }
  }
  hm::testing::TempDir home_;
  hm::testing::TempDir files_;
};

const json* Find(const json& scenarios, const std::string& member_id) {
  for (const json& s : scenarios) {
    if (s.at("member_id") == member_id) return &s;
  }
  return nullptr;
}

std::vector<json> FactsOfKind(const json& scenario, const std::string& kind) {
  std::vector<json> out;
  for (const json& f : scenario.at("facts")) {
    if (f.at("kind") == kind) out.push_back(f);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The documented shape.

TEST_F(ParseCliTest, JsonHasTheDocumentedShape) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  ASSERT_TRUE(j.is_object());
  ASSERT_TRUE(j.at("sheets").is_array());
  ASSERT_TRUE(j.at("scenarios").is_array());
  for (const char* key : {"rows", "understood", "with_assumptions", "needs_attention"}) {
    EXPECT_TRUE(j.at("summary").at(key).is_number_unsigned()) << key;
  }
  for (const json& s : j.at("scenarios")) {
    for (const char* key : {"member_id", "sheet", "status", "text"}) {
      EXPECT_TRUE(s.at(key).is_string()) << key << " " << s.dump();
    }
    EXPECT_TRUE(s.at("row").is_number_integer());
    EXPECT_TRUE(s.at("facts").is_array());
    EXPECT_TRUE(s.at("unparsed").is_array());
    EXPECT_TRUE(s.at("expected").at("items").is_array());
    EXPECT_TRUE(s.at("expected").at("absent").is_boolean());
    const std::set<std::string> statuses = {"understood", "with_assumptions", "needs_attention"};
    EXPECT_TRUE(statuses.count(s.at("status").get<std::string>())) << s.at("status");
    for (const json& f : s.at("facts")) {
      EXPECT_TRUE(f.at("kind").is_string());
      if (f.contains("span")) {
        const auto b = f["span"][0].get<std::size_t>(), e = f["span"][1].get<std::size_t>();
        EXPECT_LE(b, e);
        EXPECT_LE(e, s.at("text").get<std::string>().size());
      } else {
        EXPECT_TRUE(f.at("from_column").is_string()) << "a structured fact names its column";
      }
    }
  }
  // The summary adds up.
  const json& sum = j.at("summary");
  EXPECT_EQ(sum.at("rows").get<std::size_t>(), j.at("scenarios").size());
  const auto count = [&](const char* key) { return sum.at(key).get<std::size_t>(); };
  EXPECT_EQ(count("rows"),
            count("understood") + count("with_assumptions") + count("needs_attention"));
  std::size_t in_sheets = 0;
  for (const json& sheet : j.at("sheets")) in_sheets += sheet.at("scenarios").get<std::size_t>();
  EXPECT_EQ(in_sheets, j.at("scenarios").size());
}

// ---------------------------------------------------------------------------------------------
// Finding the scenarios.

TEST_F(ParseCliTest, FindsEveryMemberAndNeverAGroupRow) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  std::vector<std::string> ids;
  for (const json& s : j.at("scenarios")) ids.push_back(s.at("member_id"));
  const std::vector<std::string> expected = {"PSA_AG_01", "PSA_AG_04",   "PSA_CE_01",
                                             "PSA_DUAL_01", "PSA_MISC_01", "STR_01"};
  EXPECT_EQ(ids, expected) << "ids trimmed, in sheet order; 'CE & Gap' is a group, not a member";
  const json* first = Find(j["scenarios"], "PSA_AG_01");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->at("sheet"), kScenarioSheet);
  EXPECT_EQ(first->at("row"), 7) << "header on row 5, group on row 6";
  EXPECT_EQ(first->value("group", ""), "CE & Gap");
}

TEST_F(ParseCliTest, MemberIdMergedDownTakesTheContinuationRow) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  const json* dual = Find(j["scenarios"], "PSA_DUAL_01");
  ASSERT_NE(dual, nullptr);
  EXPECT_EQ(dual->at("row"), 10);
  EXPECT_EQ(dual->value("continuation_rows", json::array()), json::array({11})) << dual->dump(2);
  const std::vector<json> spans = FactsOfKind(*dual, "enrollment");
  ASSERT_EQ(spans.size(), 2u) << dual->dump(2);
  EXPECT_EQ(spans[0].at("start"), "2025-01-01");
  EXPECT_EQ(spans[1].at("start"), "2026-03-01");
  EXPECT_EQ(spans[1].at("product_ids"), json::array({"11"}));
}

TEST_F(ParseCliTest, SheetsThatAreNotScenariosAreSkippedWithAReason) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  std::map<std::string, json> sheets;
  for (const json& s : j.at("sheets")) sheets[s.at("name")] = s;
  ASSERT_EQ(sheets.size(), 4u) << j["sheets"].dump(2);
  for (const char* name : {"Revision History", "DST_Template"}) {
    EXPECT_TRUE(sheets[name].at("skipped").get<bool>()) << name;
    EXPECT_FALSE(sheets[name].value("reason", "").empty()) << name;
    EXPECT_EQ(sheets[name].at("scenarios"), 0) << name;
  }
  EXPECT_FALSE(sheets[kScenarioSheet].at("skipped").get<bool>());
  EXPECT_EQ(sheets[kScenarioSheet].at("scenarios"), 5);
  EXPECT_EQ(sheets["Structured"].value("structured", false), true);
}

// ---------------------------------------------------------------------------------------------
// Reading the cells.

TEST_F(ParseCliTest, DatesInWordsAndMyRelative) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  const struct {
    const char* member;
    const char* kind;
    const char* field;
    const char* date;
  } cases[] = {
      {"PSA_AG_01", "age", "as_of", "2026-12-31"},
      {"PSA_AG_04", "age", "as_of", "2026-01-01"},  // "Jan 1st of the measurement year"
      {"PSA_CE_01", "enrollment", "start", "2025-01-01"},  // "1/1/MY-1"
      {"PSA_CE_01", "enrollment", "end", "2026-12-31"},
  };
  for (const auto& c : cases) {
    const json* s = Find(j["scenarios"], c.member);
    ASSERT_NE(s, nullptr) << c.member;
    const std::vector<json> facts = FactsOfKind(*s, c.kind);
    ASSERT_EQ(facts.size(), 1u) << c.member << " " << s->dump(2);
    EXPECT_EQ(facts[0].at(c.field), c.date) << c.member;
  }
}

TEST_F(ParseCliTest, ExcelSerialDatesInTheStandardLayout) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  const json* s = Find(j["scenarios"], "STR_01");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->at("structured").get<bool>());
  const std::vector<json> spans = FactsOfKind(*s, "enrollment");
  ASSERT_EQ(spans.size(), 1u) << s->dump(2);
  EXPECT_EQ(spans[0].at("start"), "2025-01-01");
  EXPECT_EQ(spans[0].at("end"), "2026-12-31");
  EXPECT_EQ(spans[0].at("product_ids"), json::array({"11"}));
  EXPECT_EQ(s->at("status"), "understood") << s->dump(2);
}

TEST_F(ParseCliTest, LineBreaksInsideCells) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  const json* s = Find(j["scenarios"], "PSA_AG_01");
  ASSERT_NE(s, nullptr);
  const json& items = s->at("expected").at("items");
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0].at("key"), "AG");
  EXPECT_EQ(items[0].at("line"), 0);
  EXPECT_EQ(items[1].at("key"), "AGE_END_REP_YR");
  EXPECT_EQ(items[1].at("value"), 70);
  EXPECT_EQ(items[1].at("line"), 1);
  EXPECT_EQ(items[2].at("key"), "GENDER");
  EXPECT_EQ(items[2].at("value"), "M");
  const json* ce = Find(j["scenarios"], "PSA_CE_01");
  ASSERT_NE(ce, nullptr);
  EXPECT_NE(ce->at("text").get<std::string>().find("No gaps\nCE:\n1/1/MY-1"), std::string::npos);
  EXPECT_EQ(ce->at("status"), "understood") << ce->dump(2);
}

// ---------------------------------------------------------------------------------------------
// Exit codes and diagnostics.

TEST_F(ParseCliTest, ExitOneWhenARowNeedsAttention) {
  int exit_code = -1;
  const json j = ParseJson(MessyWorkbook(), exit_code);
  EXPECT_EQ(exit_code, 1);
  const json* misc = Find(j["scenarios"], "PSA_MISC_01");
  ASSERT_NE(misc, nullptr);
  EXPECT_EQ(misc->at("status"), "needs_attention");
  EXPECT_FALSE(misc->at("unparsed").empty()) << "the fragment not understood is named";
  EXPECT_GE(j["summary"]["needs_attention"].get<int>(), 1);

  CliResult r = Run("parse --attention --my 2026 --testcases '" + MessyWorkbook() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("PSA_MISC_01"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NOT UNDERSTOOD"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PSA_AG_01 ("), std::string::npos) << "--attention lists only those rows";
}

TEST_F(ParseCliTest, CsvWithTitleLinesExitsZeroWhenAllUnderstood) {
  const std::string path = files_.Write("psa_MY2026.csv", kMessyCsv);
  int exit_code = -1;
  const json j = ParseJson(path, exit_code);
  EXPECT_EQ(exit_code, 0) << j.dump(2);
  EXPECT_EQ(j["summary"]["needs_attention"], 0);
  ASSERT_EQ(j["scenarios"].size(), 2u) << "'Medicaid' in the scenario column is a group";
  EXPECT_EQ(j["scenarios"][0]["member_id"], "CSV_PL_01");
  EXPECT_EQ(j["scenarios"][0]["row"], 7);
  EXPECT_EQ(j["scenarios"][0].value("group", ""), "Medicaid");
  EXPECT_EQ(j["scenarios"][1]["expected"]["items"].size(), 2u);
  // The MY comes from the file name when --my is not given.
  CliResult r = Run("parse --json --testcases '" + path + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("measurement_year"), 2026);
}

TEST_F(ParseCliTest, VsdNamesTheUnknownValueSet) {
  files_.Write("vsd/value_sets_to_codes.csv", kVsdCodes);
  files_.Write("vsd/measures_to_value_sets.csv", kVsdMeasures);
  const std::string path = files_.Write(
      "vsd_cases.csv",
      "MEMBER_ID,Scenario,Expected Result\n"
      "VSD_01,PSA Lab Test Value Set: 3/15/MY,NE=1\n"
      "VSD_02,Frobnitz Screening Value Set: 3/15/MY,NE=1\n");
  int exit_code = -1;
  const json j = ParseJson(path, exit_code, "--vsd '" + files_.File("vsd") + "'");
  EXPECT_EQ(exit_code, 1);
  const json* known = Find(j["scenarios"], "VSD_01");
  const json* unknown = Find(j["scenarios"], "VSD_02");
  ASSERT_TRUE(known != nullptr && unknown != nullptr) << j.dump(2);
  ASSERT_EQ(FactsOfKind(*known, "event").size(), 1u) << known->dump(2);
  EXPECT_EQ(FactsOfKind(*known, "event")[0].at("matched"), "PSA Lab Test");
  EXPECT_EQ(known->at("status"), "understood") << known->dump(2);
  ASSERT_EQ(FactsOfKind(*unknown, "event").size(), 1u) << unknown->dump(2);
  EXPECT_TRUE(FactsOfKind(*unknown, "event")[0].at("matched").is_null());
  EXPECT_EQ(unknown->at("status"), "needs_attention");
  const std::string attention = unknown->at("attention").dump();
  EXPECT_NE(attention.find("Frobnitz Screening"), std::string::npos) << attention;
  EXPECT_NE(attention.find("not in the VSD"), std::string::npos) << attention;

  // Without --vsd nothing is matched, and nothing is held against the row.
  const json plain = ParseJson(path, exit_code);
  EXPECT_EQ(exit_code, 0) << plain.dump(2);
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, and the message names the file (and the sheet where it applies).

TEST_F(ParseCliTest, WorkbookWithoutARecognisableHeader) {
  const std::string path = files_.File("no_header.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Cases");
  worksheet_write_string(ws, 0, 0, "Number", nullptr);
  worksheet_write_string(ws, 0, 1, "What to test", nullptr);
  worksheet_write_string(ws, 1, 0, "PSA_01", nullptr);
  worksheet_write_string(ws, 1, 1, "a male of 70", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  ExpectBadInput(path, {"sheet 'Cases'", "no header row", "MEMBER_ID"});
}

TEST_F(ParseCliTest, EmptySheetAndEmptyFiles) {
  const std::string path = files_.File("empty_sheet.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  workbook_add_worksheet(wb, "Scenarios");
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  ExpectBadInput(path, {"sheet 'Scenarios'", "empty"});
  ExpectBadInput(files_.Write("empty.csv", ""), {"empty"});
  ExpectBadInput(files_.Write("empty.xlsx", ""), {});
}

TEST_F(ParseCliTest, TruncatedWorkbook) {
  std::string bytes = hm::testing::ReadAll(MessyWorkbook());
  const std::string path = files_.Write("truncated.xlsx", bytes.substr(0, bytes.size() / 2));
  ExpectBadInput(path, {"damaged or truncated"});
}

TEST_F(ParseCliTest, PasswordProtectedWorkbook) {
  // An encrypted OOXML package is an OLE compound file, whatever its extension.
  std::string bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  bytes.resize(4096, '\0');
  const std::string path = files_.Write("protected.xlsx", bytes);
  ExpectBadInput(path, {"password"});
  CliResult r = Run("parse --my 2026 --testcases '" + path + "'");
  EXPECT_NE(r.err.find("without a password"), std::string::npos) << "says what to do: " << r.err;
}

TEST_F(ParseCliTest, FileThatDoesNotExist) {
  const std::string path = files_.File("no_such_file.xlsx");
  CliResult r = Run("parse --my 2026 --testcases '" + path + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
}

// ---------------------------------------------------------------------------------------------
// reformat

// A fact without where it was read from: the payload `describe` gives, as JSON.
// What a fact says, without where it was read from (text or a standard-layout column).
json FactPayload(json fact) {
  for (const char* key : {"text", "span", "from_column", "provenance"}) fact.erase(key);
  return fact;
}

std::multiset<std::string> Payloads(const json& scenario) {
  std::multiset<std::string> out;
  for (const json& f : scenario.at("facts")) out.insert(FactPayload(f).dump());
  return out;
}

std::multiset<std::string> Expectations(const json& scenario) {
  std::multiset<std::string> out;
  for (const json& item : scenario.at("expected").at("items")) {
    out.insert(item.at("key").dump() + "=" + item.at("value").dump() + " known " +
               item.at("known").dump());
  }
  return out;
}

TEST_F(ParseCliTest, ReformatThenParseGivesTheSameScenarios) {
  const std::string out = files_.File("standard_MY2026.xlsx");
  CliResult r = Run("reformat --my 2026 --testcases '" + MessyWorkbook() + "' --out '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(out));

  int exit_code = -1;
  const json before = ParseJson(MessyWorkbook(), exit_code);
  const json after = ParseJson(out, exit_code);
  ASSERT_EQ(after["scenarios"].size(), before["scenarios"].size()) << after.dump(2);
  for (const json& b : before["scenarios"]) {
    const std::string id = b.at("member_id");
    const json* a = Find(after["scenarios"], id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_EQ(Payloads(*a), Payloads(b)) << id << "\nbefore: " << b["facts"].dump(1)
                                          << "\nafter: " << (*a)["facts"].dump(1);
    EXPECT_EQ(Expectations(*a), Expectations(b)) << id;
    EXPECT_EQ(a->at("expected").at("absent"), b.at("expected").at("absent")) << id;
    const bool attention_before = b.at("status") == "needs_attention";
    EXPECT_EQ(a->at("status") == "needs_attention", attention_before)
        << id << ": what needed checking still does";
  }
  EXPECT_EQ(exit_code, 1) << "PSA_MISC_01 still needs attention";
}

// A folder that cannot be made (a file stands where it would be): exit 2, nothing written, no
// temporary left behind. (A merely missing folder is created, as util::WriteViaTemporary does.)
TEST_F(ParseCliTest, ReformatWhereNoFolderCanBeMadeWritesNothing) {
  const std::string input = MessyWorkbook();
  const std::string blocker = files_.Write("blocker", "a file, not a folder");
  const std::string out = blocker + "/sub/out.xlsx";
  CliResult r = Run("reformat --my 2026 --testcases '" + input + "' --out '" + out + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("hedis-mockup: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(out), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no 'Wrote ...' line: " << r.out;
  EXPECT_FALSE(std::filesystem::exists(out));
  std::set<std::string> entries;
  for (const auto& e : std::filesystem::directory_iterator(files_.path())) {
    entries.insert(e.path().filename().string());
  }
  EXPECT_EQ(entries, (std::set<std::string>{"Messy_MY2026.xlsx", "blocker"}));
}

// The writer fails after it has started (the output's name is taken by a folder, so the rename
// into place fails): no temporary is left beside it.
TEST_F(ParseCliTest, ReformatOntoAFolderLeavesNoTemporary) {
  const std::string input = MessyWorkbook();
  const std::string out = files_.File("taken.xlsx");
  std::filesystem::create_directories(out + "/inside");
  CliResult r = Run("reformat --my 2026 --testcases '" + input + "' --out '" + out + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(out), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::is_directory(out + "/inside")) << "the folder is left alone";
  std::set<std::string> entries;
  for (const auto& e : std::filesystem::directory_iterator(files_.path())) {
    entries.insert(e.path().filename().string());
  }
  EXPECT_EQ(entries, (std::set<std::string>{"Messy_MY2026.xlsx", "taken.xlsx"}));
}

}  // namespace
}  // namespace hm
