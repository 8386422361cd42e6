#include "check/quality_checker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "testing/temp_dir.h"

namespace hm::check {
namespace {

using render::CodeClaim;
using render::RowOrigin;
using render::SheetSpec;

// A layout small enough to read at a glance, with every column type and each column role.
const char* kTinyLayout = R"({
  "name": "tiny", "version": "1", "date_format": "MM/DD/YYYY", "null_values": ["NULL"],
  "tables": [
    {"name": "MEMBER_IN", "required": true, "columns": [
      {"name": "MEM_NBR", "type": "text", "max_length": 8, "required": true, "maps_to": "member_id"},
      {"name": "MEM_DOB", "type": "date", "required": true, "maps_to": "birth_date"},
      {"name": "MEM_GENDER", "type": "text", "max_length": 1, "maps_to": "sex"}]},
    {"name": "ENROLLMENT_IN", "required": true, "columns": [
      {"name": "MEM_NBR", "type": "text", "required": true, "maps_to": "member_id"},
      {"name": "ENR_START", "type": "date", "required": true, "maps_to": "start"},
      {"name": "ENR_END", "type": "date", "required": true, "maps_to": "end"},
      {"name": "BEN_MEDICAL", "type": "flag", "maps_to": "benefit"}]},
    {"name": "VISIT_IN", "columns": [
      {"name": "MEM_NBR", "type": "text", "required": true, "maps_to": "member_id"},
      {"name": "SERV_DT", "type": "date", "required": true, "maps_to": "date"},
      {"name": "UNITS", "type": "integer"},
      {"name": "MCO_COST", "type": "decimal"},
      {"name": "ICD_FORMAT", "type": "text", "maps_to": "icd_format"},
      {"name": "CPT_1", "type": "text", "max_length": 5, "maps_to": "code:CPT"},
      {"name": "DIAG_I_1", "type": "text", "maps_to": "code:ICD-CM"},
      {"name": "NOTE", "type": "text"}]}
  ]})";

const char* kVsdCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,x,2026\n"
    "PSA Lab Test,2.999.1,2026,G0103,Screening PSA,HCPCS,x,2026\n"
    "Prostate Cancer,2.999.2,2026,C61,Prostate cancer,ICD10CM,x,2026\n"
    "Prostate Cancer,2.999.2,2026,185,Prostate cancer,ICD9CM,x,2026\n"
    "Odd Set,2.999.3,2026,99999,Odd,HCPCS,x,2026\n";
const char* kVsdMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,PSA screening,PSA Lab Test,2.999.1\n";

Fact FactOf(FactBody body) {
  Fact fact;
  fact.body = std::move(body);
  return fact;
}

enum Sheet : std::size_t { kMember, kEnrollment, kVisit, kScenarios };

Layout TinyLayout() {
  Result<Layout> layout = ParseLayout(kTinyLayout, "tiny.json");
  EXPECT_TRUE(layout.ok()) << layout.status().ToString();
  return std::move(layout).value();
}

std::vector<std::string> Columns(const LayoutTable& table) {
  std::vector<std::string> names;
  for (const LayoutColumn& column : table.columns) names.push_back(column.name);
  return names;
}

std::vector<SheetSpec> Specs(const Layout& layout) {
  std::vector<SheetSpec> specs;
  for (const LayoutTable& table : layout.tables) {
    specs.push_back(SheetSpec{"PSA_" + table.name, Columns(table), &table});
  }
  specs.push_back(SheetSpec{"Scenarios", {"MEMBER", "TEXT"}, nullptr});
  return specs;
}

// Feeds rows of the tiny layout to a checker.
class Feeder {
 public:
  Feeder(const Layout& layout, QualityOptions options) : checker_(std::move(options)) {
    EXPECT_TRUE(checker_.Begin(Specs(layout)).ok());
  }
  void Row(std::size_t sheet, std::vector<std::string> cells, std::size_t scenario = 0,
           std::vector<CodeClaim> claims = {}) {
    RowOrigin origin;
    origin.member_id = cells.empty() ? std::string_view() : std::string_view(cells[0]);
    origin.scenario = scenario;
    origin.codes = claims;
    ASSERT_TRUE(checker_.Row(sheet, cells, origin).ok());
  }
  void Member(const std::string& id, const std::string& dob = "03/15/1956",
              const std::string& sex = "M", std::size_t scenario = 0) {
    Row(kMember, {id, dob, sex}, scenario);
  }
  void Span(const std::string& id, const std::string& start = "01/01/2025",
            const std::string& end = "12/31/2050") {
    Row(kEnrollment, {id, start, end, "Y"});
  }
  // A lab claim: CPT 84153 of PSA Lab Test and ICD-10 C61 of Prostate Cancer.
  void Visit(const std::string& id, std::vector<std::string> overrides = {},
             std::vector<CodeClaim> claims = DefaultClaims()) {
    std::vector<std::string> cells = {id, "03/15/2026", "1", "12.50", "10", "84153", "C61", ""};
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      if (overrides[i] != "=") cells[i + 1] = overrides[i];
    }
    Row(kVisit, std::move(cells), 0, std::move(claims));
  }
  static std::vector<CodeClaim> DefaultClaims() {
    return {CodeClaim{5, CodeSystem::kCpt, "PSA Lab Test"},
            CodeClaim{6, CodeSystem::kIcd10Cm, "Prostate Cancer"}};
  }
  const QualityReport& Finish() {
    EXPECT_TRUE(checker_.Finish().ok());
    return checker_.report();
  }
  QualityChecker& checker() { return checker_; }

 private:
  QualityChecker checker_;
};

std::string Describe(const QualityReport& report) {
  std::string text;
  for (const Finding& f : report.findings()) {
    text += std::string(FindingSeverityName(f.severity)) + " " + f.check + " " + f.sheet + " row " +
            std::to_string(f.row) + " " + f.column + ": " + f.message + "\n";
  }
  return text;
}

class QualityCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("vsd/value_sets_to_codes.csv", kVsdCodes);
    dir_.Write("vsd/measures_to_value_sets.csv", kVsdMeasures);
    VsdLoadOptions load;
    load.use_cache = false;
    auto vsd = ValueSetDirectory::Load({dir_.File("vsd")}, load);
    ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
    vsd_ = std::move(vsd).value();
    Scenario scenario;
    scenario.member_id = "M1";
    scenarios_.push_back(scenario);
  }
  QualityOptions Options() {
    QualityOptions options;
    options.layout = &layout_;
    options.vsd = &vsd_;
    options.scenarios = scenarios_;
    options.measurement_year = 2026;
    return options;
  }
  // One member with good rows; `extra` adds what a case is about.
  const QualityReport& RunGood(Feeder& feeder, const std::function<void(Feeder&)>& extra) {
    feeder.Member("M1");
    feeder.Span("M1");
    feeder.Visit("M1");
    feeder.Row(kScenarios, {"M1", "anything goes on a report sheet"});
    extra(feeder);
    return feeder.Finish();
  }

  hm::testing::TempDir dir_;
  Layout layout_ = TinyLayout();
  ValueSetDirectory vsd_;
  std::vector<Scenario> scenarios_;
};

TEST_F(QualityCheckerTest, GoodRowsHaveNoFindings) {
  Feeder feeder(layout_, Options());
  const QualityReport& report = RunGood(feeder, [](Feeder& f) {
    f.Member("M2", "02/29/1960", "F");
    f.Span("M2", "01/01/2024", "06/30/2024");
    f.Span("M2", "07/01/2024", "12/31/2050");
    // G0103 in CPT_1 is read as HCPCS, which is what it is claimed as; ICD-9 with ICD_FORMAT 9.
    f.Visit("M2", {"=", "NULL", "", "9", "G0103", "185"},
            {CodeClaim{5, CodeSystem::kHcpcs, "PSA Lab Test"},
             CodeClaim{6, CodeSystem::kIcd9Cm, "Prostate Cancer"}});
    // A code pinned by the scenario (no value set) is checked against the column only.
    f.Visit("M2", {"04/01/2026", "=", "=", "=", "12345", ""}, {CodeClaim{5, CodeSystem::kCpt, ""}});
  });
  EXPECT_EQ(report.errors(), 0u) << Describe(report);
  EXPECT_EQ(report.warnings(), 0u) << Describe(report);
  EXPECT_TRUE(report.passed());
}

struct BrokenCase {
  const char* name;
  std::function<void(Feeder&)> feed;
  const char* check;
  FindingSeverity severity;
  Sheet sheet;
  std::int64_t row;
  const char* column;
};

TEST_F(QualityCheckerTest, EachCheckFiresOnTheRowMadeToBreakIt) {
  using S = FindingSeverity;
  const std::vector<BrokenCase> cases = {
      {"not an integer", [](Feeder& f) { f.Visit("M1", {"=", "two"}); }, "schema.type", S::kError,
       kVisit, 3, "UNITS"},
      {"not a decimal", [](Feeder& f) { f.Visit("M1", {"=", "=", "1,50"}); }, "schema.type",
       S::kError, kVisit, 3, "MCO_COST"},
      {"not a flag", [](Feeder& f) { f.Row(kEnrollment, {"M1", "01/01/2051", "02/01/2051", "maybe"}); },
       "schema.type", S::kError, kEnrollment, 3, "BEN_MEDICAL"},
      {"not a date", [](Feeder& f) { f.Visit("M1", {"soon"}); }, "schema.type", S::kError, kVisit,
       3, "SERV_DT"},
      {"ISO date", [](Feeder& f) { f.Visit("M1", {"2026-03-15"}); }, "schema.type", S::kError,
       kVisit, 3, "SERV_DT"},
      {"unpadded date", [](Feeder& f) { f.Visit("M1", {"3/5/2026"}); }, "schema.type", S::kError,
       kVisit, 3, "SERV_DT"},
      {"too long", [](Feeder& f) { f.Member("M123456789"); f.Span("M123456789"); },
       "schema.length", S::kError, kMember, 3, "MEM_NBR"},
      {"required empty", [](Feeder& f) { f.Visit("M1", {""}); }, "schema.required", S::kError,
       kVisit, 3, "SERV_DT"},
      {"required NULL", [](Feeder& f) { f.Visit("M1", {"null"}); }, "schema.required", S::kError,
       kVisit, 3, "SERV_DT"},
      {"short row", [](Feeder& f) { f.Row(kEnrollment, {"M1", "01/01/2051"}); },
       "schema.column_order", S::kError, kEnrollment, 3, ""},
      {"no member", [](Feeder& f) { f.Visit("M9"); }, "ref.member", S::kError, kVisit, 3,
       "MEM_NBR"},
      {"no enrollment", [](Feeder& f) { f.Member("M2"); }, "ref.enrollment", S::kWarning, kMember,
       0, ""},
      {"year 1899", [](Feeder& f) { f.Visit("M1", {"12/31/1899"}); }, "date.range", S::kError,
       kVisit, 3, "SERV_DT"},
      {"year 2100", [](Feeder& f) { f.Visit("M1", {"01/01/2100"}); }, "date.range", S::kError,
       kVisit, 3, "SERV_DT"},
      {"code not in set", [](Feeder& f) { f.Visit("M1", {"=", "=", "=", "=", "84154"}); },
       "code.value_set", S::kError, kVisit, 3, "CPT_1"},
      {"unknown set",
       [](Feeder& f) {
         f.Visit("M1", {"04/01/2026"}, {CodeClaim{5, CodeSystem::kCpt, "No Such Set"}});
       },
       "code.value_set", S::kError, kVisit, 3, "CPT_1"},
      {"claimed code empty", [](Feeder& f) { f.Visit("M1", {"=", "=", "=", "=", ""}); },
       "code.value_set", S::kError, kVisit, 3, "CPT_1"},
      {"set has it in another system",
       [](Feeder& f) {
         f.Visit("M1", {"=", "=", "=", "=", "99999"}, {CodeClaim{5, CodeSystem::kCpt, "Odd Set"}});
       },
       "code.system", S::kError, kVisit, 3, "CPT_1"},
      {"column takes no codes",
       [](Feeder& f) {
         f.Visit("M1", {"=", "=", "=", "=", "=", "=", "84153"},
                 {CodeClaim{7, CodeSystem::kCpt, "PSA Lab Test"}});
       },
       "code.system", S::kError, kVisit, 3, "NOTE"},
      {"system the column does not take",
       [](Feeder& f) {
         f.Visit("M1", {"04/01/2026"}, {CodeClaim{6, CodeSystem::kCpt, "PSA Lab Test"}});
       },
       "code.system", S::kError, kVisit, 3, "DIAG_I_1"},
      {"read as another system",
       [](Feeder& f) {
         f.Visit("M1", {"=", "=", "=", "=", "G0103"}, {CodeClaim{5, CodeSystem::kCpt, "PSA Lab Test"}});
       },
       "code.system", S::kError, kVisit, 3, "CPT_1"},
      {"ICD-9 code without ICD_FORMAT 9",
       [](Feeder& f) {
         f.Visit("M1", {"=", "=", "=", "", "=", "185"},
                 {CodeClaim{6, CodeSystem::kIcd9Cm, "Prostate Cancer"}});
       },
       "code.system", S::kError, kVisit, 3, "DIAG_I_1"},
      {"span ends before it starts", [](Feeder& f) { f.Span("M1", "01/01/2051", "12/31/2050"); },
       "enrollment.span", S::kError, kEnrollment, 3, ""},
      {"spans out of order",
       [](Feeder& f) {
         f.Member("M2");
         f.Span("M2", "01/01/2026", "12/31/2026");
         f.Span("M2", "01/01/2025", "06/30/2025");
       },
       "enrollment.order", S::kError, kEnrollment, 4, ""},
      {"spans overlap",
       [](Feeder& f) {
         f.Member("M2");
         f.Span("M2", "01/01/2025", "12/31/2025");
         f.Span("M2", "12/31/2025", "12/31/2026");
       },
       "enrollment.overlap", S::kError, kEnrollment, 4, ""},
      {"MEM_NBR twice", [](Feeder& f) { f.Member("M1"); }, "duplicate.key", S::kError, kMember, 3,
       "MEM_NBR"},
      {"row twice", [](Feeder& f) { f.Visit("M1"); }, "duplicate.key", S::kWarning, kVisit, 3, ""},
  };
  const std::vector<std::string> specs_names = {"PSA_MEMBER_IN", "PSA_ENROLLMENT_IN",
                                                "PSA_VISIT_IN", "Scenarios"};
  for (const BrokenCase& c : cases) {
    Feeder feeder(layout_, Options());
    const QualityReport& report = RunGood(feeder, c.feed);
    EXPECT_EQ(report.count(c.check), 1u) << c.name << "\n" << Describe(report);
    EXPECT_EQ(report.errors() + report.warnings(), 1u) << c.name << "\n" << Describe(report);
    ASSERT_EQ(report.findings().size(), 1u) << c.name;
    const Finding& f = report.findings()[0];
    EXPECT_EQ(f.severity, c.severity) << c.name;
    EXPECT_EQ(f.column, c.column) << c.name;
    EXPECT_EQ(f.row, c.row) << c.name;
    if (c.row > 0) {
      EXPECT_EQ(f.sheet, specs_names[c.sheet]) << c.name;
    }
    EXPECT_FALSE(f.message.empty()) << c.name;
    EXPECT_FALSE(f.member_id.empty()) << c.name;
  }
}

TEST_F(QualityCheckerTest, OverlapIsAWarningWhenAllowed) {
  QualityOptions options = Options();
  options.allow_overlapping_spans = true;
  Feeder feeder(layout_, options);
  const QualityReport& report = RunGood(feeder, [](Feeder& f) {
    f.Member("M2");
    f.Span("M2", "01/01/2025", "12/31/2025");
    f.Span("M2", "06/01/2025", "12/31/2026");
  });
  EXPECT_EQ(report.errors(), 0u) << Describe(report);
  EXPECT_EQ(report.count("enrollment.overlap"), 1u);
  EXPECT_EQ(report.warnings(), 1u);
}

TEST_F(QualityCheckerTest, HeaderNotInTheLayoutOrder) {
  std::vector<SheetSpec> specs = Specs(layout_);
  std::swap(specs[kVisit].columns[2], specs[kVisit].columns[3]);
  specs[kEnrollment].columns.pop_back();
  QualityChecker checker(Options());
  ASSERT_TRUE(checker.Begin(specs).ok());
  ASSERT_TRUE(checker.Finish().ok());
  const QualityReport& report = checker.report();
  ASSERT_EQ(report.count("schema.column_order"), 2u) << Describe(report);
  EXPECT_EQ(report.findings()[0].sheet, "PSA_ENROLLMENT_IN");
  EXPECT_NE(report.findings()[0].message.find("BEN_MEDICAL"), std::string::npos);
  EXPECT_NE(report.findings()[1].message.find("column C is MCO_COST"), std::string::npos)
      << report.findings()[1].message;
}

TEST_F(QualityCheckerTest, WithoutAVsdCodesAreCheckedAgainstColumnsOnly) {
  QualityOptions options = Options();
  options.vsd = nullptr;
  Feeder feeder(layout_, options);
  const QualityReport& report = RunGood(feeder, [](Feeder& f) {
    f.Visit("M1", {"=", "=", "=", "=", "84154"});  // not in the set: unknown without a VSD
    f.Visit("M1", {"04/01/2026"}, {CodeClaim{6, CodeSystem::kCpt, "PSA Lab Test"}});
  });
  EXPECT_EQ(report.count("code.skipped"), 1u);
  EXPECT_EQ(report.count("code.value_set"), 0u);
  EXPECT_EQ(report.count("code.system"), 1u) << Describe(report);
  EXPECT_EQ(report.warnings(), 1u);
}

TEST_F(QualityCheckerTest, ScenarioConsistency) {
  Scenario scenario;
  scenario.member_id = "M1";
  scenario.facts.push_back(FactOf(AgeFact{70, *Date::FromYmd(2026, 12, 31)}));
  scenario.facts.push_back(FactOf(GenderFact{'M'}));
  scenario.facts.push_back(FactOf(BirthDateFact{*Date::FromYmd(1956, 12, 31)}));
  scenarios_ = {scenario};
  const struct {
    const char* dob;
    const char* sex;
    std::vector<std::string> checks;
  } cases[] = {
      {"12/31/1956", "M", {}},
      {"12/31/1956", "m", {}},
      {"01/01/1957", "M", {"scenario.age", "scenario.birth_date"}},
      {"01/01/1956", "M", {"scenario.birth_date"}},  // still 70, but not the date stated
      {"12/31/1956", "F", {"scenario.sex"}},
      {"12/31/1956", "", {"scenario.sex"}},
  };
  for (const auto& c : cases) {
    Feeder feeder(layout_, Options());
    feeder.Member("M1", c.dob, c.sex, 0);
    feeder.Span("M1");
    const QualityReport& report = feeder.Finish();
    std::vector<std::string> checks;
    for (const Finding& f : report.findings()) checks.push_back(f.check);
    EXPECT_EQ(checks, c.checks) << c.dob << " " << c.sex << "\n" << Describe(report);
    for (const Finding& f : report.findings()) {
      EXPECT_EQ(f.scenario, 0u);
      EXPECT_EQ(f.column, f.check == "scenario.sex" ? "MEM_GENDER" : "MEM_DOB");
    }
  }
}

TEST_F(QualityCheckerTest, AgeMessageSaysWhichBirthDatesFit) {
  Scenario scenario;
  scenario.facts.push_back(FactOf(AgeFact{70, *Date::FromYmd(2026, 12, 31)}));
  scenarios_ = {scenario};
  Feeder feeder(layout_, Options());
  feeder.Member("M1", "01/01/1957");
  feeder.Span("M1");
  const QualityReport& report = feeder.Finish();
  ASSERT_EQ(report.findings().size(), 1u);
  EXPECT_EQ(report.findings()[0].message,
            "MEM_DOB 01/01/1957 makes the member 69 as of 12/31/MY (12/31/2026), but the scenario "
            "says 70; a MEM_DOB from 01/01/1956 to 12/31/1956 gives 70");
}

TEST_F(QualityCheckerTest, CountsEveryFindingButKeepsOnlyTheCap) {
  QualityOptions options = Options();
  options.keep_per_check = 3;
  Feeder feeder(layout_, options);
  feeder.Member("M1");
  feeder.Span("M1");
  for (int i = 0; i < 10; ++i) feeder.Visit("M1", {"=", std::to_string(i) + "x"});
  const QualityReport& report = feeder.Finish();
  EXPECT_EQ(report.count("schema.type"), 10u);
  EXPECT_EQ(report.errors(), 10u);
  EXPECT_EQ(report.findings().size(), 3u);
  EXPECT_EQ(report.dropped(), 7u);
  EXPECT_EQ(report.findings()[2].row, 4);  // visit rows start at row 2
}

TEST_F(QualityCheckerTest, MembersDeclaredAfterTheirRowsAreNotOrphans) {
  Feeder feeder(layout_, Options());
  feeder.Span("M1");
  feeder.Visit("M1");
  feeder.Member("M1");
  const QualityReport& report = feeder.Finish();
  EXPECT_EQ(report.errors() + report.warnings(), 0u) << Describe(report);
}

TEST_F(QualityCheckerTest, MisuseIsAnInternalError) {
  QualityChecker checker(Options());
  const std::vector<std::string> cells = {"M1", "01/01/1956", "M"};
  EXPECT_EQ(checker.Row(0, cells, {}).code(), StatusCode::kInternal);
  ASSERT_TRUE(checker.Begin(Specs(layout_)).ok());
  EXPECT_EQ(checker.Begin(Specs(layout_)).code(), StatusCode::kInternal);
  EXPECT_EQ(checker.Row(9, cells, {}).code(), StatusCode::kInternal);
  EXPECT_TRUE(checker.Outputs().empty());
}

// ---------------------------------------------------------------------------------------------
// The shipped layout

// A row of `table` with the named cells set and the others empty.
std::vector<std::string> RowOf(const LayoutTable& table,
                               const std::map<std::string, std::string>& values) {
  std::vector<std::string> cells(table.columns.size());
  for (const auto& [name, value] : values) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (table.columns[i].name == name) cells[i] = value;
    }
  }
  return cells;
}

std::size_t IndexOf(const LayoutTable& table, const std::string& name) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return i;
  }
  ADD_FAILURE() << name;
  return 0;
}

class QualityCheckerDefaultLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    VsdLoadOptions load;
    load.use_cache = false;
    auto vsd = ValueSetDirectory::Load({hm::testing::SourceDir() + "/examples/vsd"}, load);
    ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
    vsd_ = std::move(vsd).value();
  }
  const LayoutTable& Table(SourceTable t) { return *layout_.Find(t); }
  // Sheets are declared in layout order.
  std::size_t SheetOf(SourceTable t) { return static_cast<std::size_t>(&Table(t) - &layout_.tables[0]); }
  std::vector<SheetSpec> Specs() {
    std::vector<SheetSpec> specs;
    for (const LayoutTable& table : layout_.tables)
      specs.push_back(SheetSpec{"PSA_" + table.name, Columns(table), &table});
    return specs;
  }
  QualityOptions Options() {
    QualityOptions options;
    options.layout = &layout_;
    options.vsd = &vsd_;
    options.measurement_year = 2026;
    return options;
  }
  // One member: MEMBER_IN, ENROLLMENT_IN, a VISIT_IN PSA claim and a LAB_IN PSA result.
  void Feed(QualityChecker& checker, const std::string& id, const std::string& lab_cpt) {
    auto send = [&](SourceTable t, std::vector<std::string> cells,
                    std::vector<CodeClaim> claims = {}) {
      RowOrigin origin;
      origin.member_id = id;
      origin.codes = claims;
      ASSERT_TRUE(checker.Row(SheetOf(t), cells, origin).ok());
    };
    send(SourceTable::kMember,
         RowOf(Table(SourceTable::kMember),
               {{"MEM_NBR", id}, {"MEM_DOB", "03/15/1955"}, {"MEM_GENDER", "M"}, {"FILE_ID", "1"}}));
    send(SourceTable::kEnrollment,
         RowOf(Table(SourceTable::kEnrollment), {{"MEM_NBR", id},
                                                 {"ENR_START", "01/01/2025"},
                                                 {"ENR_END", "12/31/2050"},
                                                 {"BEN_MEDICAL", "Y"},
                                                 {"PRODUCT_ID", "11"}}));
    const LayoutTable& visit = Table(SourceTable::kVisit);
    send(SourceTable::kVisit,
         RowOf(visit, {{"MEM_NBR", id}, {"SERV_DT", "03/15/2026"}, {"CPT_1", "84153"},
                       {"POS", "81"}, {"FILE_ID", "90055"}}),
         {CodeClaim{IndexOf(visit, "CPT_1"), CodeSystem::kCpt, "PSA Lab Test"},
          CodeClaim{IndexOf(visit, "POS"), CodeSystem::kPos, ""}});
    const LayoutTable& lab = Table(SourceTable::kLab);
    send(SourceTable::kLab,
         RowOf(lab, {{"MEM_NBR", id}, {"LAB_SCR_DT", "03/20/2026"}, {"LAB_CPT", lab_cpt},
                     {"LAB_VALUE", "4.1"}, {"LOINC", "2857-1"}}),
         {CodeClaim{IndexOf(lab, "LAB_CPT"), CodeSystem::kCpt, "PSA Lab Test"},
          CodeClaim{IndexOf(lab, "LOINC"), CodeSystem::kLoinc, "PSA Lab Test"}});
  }

  const Layout& layout_ = DefaultLayout();
  ValueSetDirectory vsd_;
};

TEST_F(QualityCheckerDefaultLayoutTest, GoodMockupPassesAndBadCodesAreFound) {
  QualityChecker checker(Options());
  ASSERT_TRUE(checker.Begin(Specs()).ok());
  Feed(checker, "100001", "84153");
  Feed(checker, "100002", "99213");  // an office visit code is no PSA test
  ASSERT_TRUE(checker.Finish().ok());
  const QualityReport& report = checker.report();
  EXPECT_EQ(report.errors(), 1u) << Describe(report);
  EXPECT_EQ(report.warnings(), 0u) << Describe(report);
  ASSERT_EQ(report.count("code.value_set"), 1u);
  const Finding& f = report.findings()[0];
  EXPECT_EQ(f.sheet, "PSA_LAB_IN");
  EXPECT_EQ(f.column, "LAB_CPT");
  EXPECT_EQ(f.member_id, "100002");
  EXPECT_EQ(f.row, 3);
}

// Many members of good rows give no finding (and the per-member state is dropped between them).
// Its speed is measured in bench/generate_bench (the checker is in every generate run), not here.
TEST_F(QualityCheckerDefaultLayoutTest, ManyGoodMembersGiveNoFinding) {
  QualityChecker checker(Options());
  ASSERT_TRUE(checker.Begin(Specs()).ok());
  // The rows are made once; only MEM_NBR changes, so the time measured is the checker's.
  const LayoutTable& visit = Table(SourceTable::kVisit);
  const LayoutTable& lab = Table(SourceTable::kLab);
  struct Template {
    SourceTable table;
    std::vector<std::string> cells;
    std::vector<CodeClaim> claims;
  };
  std::vector<Template> rows = {
      {SourceTable::kMember,
       RowOf(Table(SourceTable::kMember), {{"MEM_DOB", "03/15/1955"}, {"MEM_GENDER", "M"}}), {}},
      {SourceTable::kEnrollment,
       RowOf(Table(SourceTable::kEnrollment),
             {{"ENR_START", "01/01/2025"}, {"ENR_END", "12/31/2050"}, {"BEN_MEDICAL", "Y"}}),
       {}},
      {SourceTable::kVisit,
       RowOf(visit, {{"SERV_DT", "03/15/2026"}, {"CPT_1", "84153"}, {"DIAG_I_1", "Z12.5"},
                     {"POS", "81"}, {"FILE_ID", "90055"}}),
       {CodeClaim{IndexOf(visit, "CPT_1"), CodeSystem::kCpt, "PSA Lab Test"}}},
      {SourceTable::kLab,
       RowOf(lab, {{"LAB_SCR_DT", "03/20/2026"}, {"LAB_CPT", "84153"}, {"LAB_VALUE", "4.1"},
                   {"LOINC", "2857-1"}}),
       {CodeClaim{IndexOf(lab, "LAB_CPT"), CodeSystem::kCpt, "PSA Lab Test"},
        CodeClaim{IndexOf(lab, "LOINC"), CodeSystem::kLoinc, "PSA Lab Test"}}},
  };
  constexpr int kMembers = 5'000;
  for (int i = 0; i < kMembers; ++i) {
    const std::string id = std::to_string(1'000'000 + i);
    for (Template& row : rows) {
      row.cells[0] = id;
      RowOrigin origin;
      origin.member_id = id;
      origin.codes = row.claims;
      ASSERT_TRUE(checker.Row(SheetOf(row.table), row.cells, origin).ok());
    }
  }
  ASSERT_TRUE(checker.Finish().ok());
  EXPECT_EQ(checker.report().errors() + checker.report().warnings(), 0u)
      << Describe(checker.report());
}

}  // namespace
}  // namespace hm::check
