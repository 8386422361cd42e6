// Reading QA test-case workbooks (issue 4): the public API the CLI, the server and the mockup
// generator use.
//
// A workbook holds one scenario per member row, in free text ("Verify, if a member is (male) 70
// years as of December 31 of the measurement year.") or in the standard structured layout
// (MEMBER_ID, AGE, GENDER, ENROLLMENT_1_START ...). ReadTestCases finds the scenarios, reads each
// into Facts (what the member's data must hold) and Expectations (what the engine's output must
// say), and says for every row what it did not understand. Nothing is dropped silently: every
// fragment of the text is a fact, a known filler word, or an unparsed Fragment.
//
// The grammar of the free text is documented in docs/testcase-formats.md and in
// src/testcase/scenario_grammar.h.
//
// Thread-safety: the functions are reentrant; the result types are plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hedis_mockup/date.h"
#include "hedis_mockup/status.h"

namespace hm {

class ValueSetDirectory;

// ---------------------------------------------------------------------------------------------
// Expectations: the Expected Result cell (src/testcase/expected_result.h reads it).

struct NullValue {
  friend bool operator==(NullValue, NullValue) = default;
};
struct Flag {
  bool set = false;
  friend bool operator==(Flag, Flag) = default;
};
// NULL, a flag (0/1), an integer, text (GENDER as M/F/O/U; free words of unknown keys), a date.
using Value = std::variant<NullValue, Flag, std::int64_t, std::string, Date>;

// "NULL", "0"/"1", "70", "\"M\"" (text is double-quoted), "2025-01-01".
std::string ValueToString(const Value& value);

struct Expectation {
  std::string key;      // canonical upper-case name
  std::string raw_key;  // as written in the cell ("Exclusion_dt", "product id")
  Value value;
  bool known = false;   // false: not a key we can check; reported as "not checked"
  std::size_t line = 0;  // 0-based line of the cell it is on; groups "..., product id 2\n..."
  std::size_t begin = 0, end = 0;  // byte span [begin, end) in the cell, from key to value
  // Empty: the member-level output. Else another output table the analyst named ("File id detail
  // table" -> SUPPL_FILE_ID_DETAIL); such items are kept but not checked (known == false).
  std::string table;
};

// "KEY=VALUE", with " [unknown]" appended when !known: "AG=1", "EXCLUSION_DT=2025-01-01".
std::string ToString(const Expectation& expectation);

// A part of a text that was not understood.
struct Fragment {
  std::string text;  // the bytes of [begin, end), trimmed
  std::size_t begin = 0, end = 0;
};

struct ExpectedResult {
  std::vector<Expectation> items;
  bool absent = false;  // "member should not appear": absent from the engine's output
  // "For all valid product lines": the expectations hold on every row of the member.
  bool all_product_lines = false;
  // "For Commercial, Medicaid and Exchange": the product lines named, lower case, in order.
  std::vector<std::string> product_lines;
  std::size_t absent_begin = 0, absent_end = 0;  // span of the (first) absence phrase
  // Where each absence phrase starts, in order: "Product_id=2, Product_rollup_id=1, Will not be
  // reported / Product_id=2, Product_rollup_id=9, Will not be reported" has two.
  std::vector<std::size_t> absence_begins;
  std::vector<Fragment> unparsed;
};

// ---------------------------------------------------------------------------------------------
// Facts: what the member's data must hold.

// Where a fact was read from.
enum class Provenance : std::uint8_t {
  kText,        // the grammar, from the scenario text
  kStructured,  // a column of the structured layout
  // A language model's answer for a fragment the grammar left unparsed (src/ai, `--ai`), written
  // back in the grammar's words and re-read by it; always listed for review (docs/ai.md).
  kAi,
};

// The data source a scenario states for an event: primary (claims) or supplemental. (Not
// hm::DataSource of timeline.h, which a generator chooses from this and the table.)
enum class StatedSource : std::uint8_t { kUnstated, kPrimary, kSupplemental };

// A code the scenario pins ("CPT CODE:84153", "(183919006 : SNOMED)", "NDC code: 00054039513").
struct CodeRef {
  std::string system;  // CodeSystemName() when known ("CPT", "SNOMED CT US Edition"), else as written
  std::string code;    // as written; may be "NULL" ("LOINC CODE: no code" is not a code)
  friend bool operator==(const CodeRef&, const CodeRef&) = default;
};

// Benefit flags of an enrollment or of the member: column (BEN_MEDICAL, BEN_HOSPICE, BEN_RX ...)
// -> Y/N. `others` is the value of every benefit not listed: "with only Medical Benefit" is
// {BEN_MEDICAL: Y} and others N; "with all benefit" is {} and others Y; "without any benefit" is {}
// and others N; "Ben_Medical='N'" alone leaves the others unstated.
struct Benefits {
  std::map<std::string, bool> flags;
  std::optional<bool> others;
  bool empty() const { return flags.empty() && !others.has_value(); }
  friend bool operator==(const Benefits&, const Benefits&) = default;
};

struct GenderFact {
  char code = 'U';  // M, F, O or U
  friend bool operator==(const GenderFact&, const GenderFact&) = default;
};
// "70 years as of December 31 of the measurement year", "AGE_END_REP_YR=70".
struct AgeFact {
  int years = 0;
  Date as_of;
  friend bool operator==(const AgeFact&, const AgeFact&) = default;
};
// "Age Range (3-11)", "(17+)": any age in [min, max]; max -1 is open.
struct AgeRangeFact {
  int min = 0, max = -1;
  friend bool operator==(const AgeRangeFact&, const AgeRangeFact&) = default;
};
struct BirthDateFact {
  Date date;
  friend bool operator==(const BirthDateFact&, const BirthDateFact&) = default;
};
// "Commercial", "a medicaid member", "PL: Medicare": lower case commercial, medicaid, medicare,
// exchange (Marketplace is read as exchange).
struct ProductLineFact {
  std::string line;
  friend bool operator==(const ProductLineFact&, const ProductLineFact&) = default;
};
// One enrollment span: "1st Enrollment : 1/1/MY-1 - 12/31/2050 --prod id 11",
// "1/1/MY - 12/31/MY - Ben-Hospice=Y for Plan=1", "Enrollment -Product_id=2: 1/1/MY to 11/16/MY
// --With Medical Benefit --coverage_indicatior=SN".
struct EnrollmentFact {
  // Unstated ("Enrollment for Plan1 and Plan2"): the measure's continuous-enrollment period.
  std::optional<Date> start, end;
  std::vector<std::string> product_ids;  // "Product_id: 3 & 11" gives two
  std::string plan;                      // "Plan=1", "Plan 2 Enrollment"; empty: unstated
  std::string coverage;                  // PR, SR or SN; empty: unstated
  Benefits benefits;
  std::map<std::string, std::string> fields;  // other ENROLLMENT_IN columns: HP_EMPLOYEE=N ...
  friend bool operator==(const EnrollmentFact&, const EnrollmentFact&) = default;
};
// Gaps in enrollment during the continuous-enrollment period: "1 gap of 45 days", "two gaps of 20
// days", "gap of 1 month", "no gaps" (count 0). Exactly one of days and months is set when count>0.
struct GapFact {
  int count = 0;
  int days = 0;
  int months = 0;
  friend bool operator==(const GapFact&, const GapFact&) = default;
};
// "continuously enrolled in the measurement year" (true), "not continuosly enrolled" (false).
struct ContinuousEnrollmentFact {
  bool enrolled = true;
  friend bool operator==(const ContinuousEnrollmentFact&, const ContinuousEnrollmentFact&) = default;
};
// The anchor date: "enrolled on December 31 of the measurement year", "AD : December 31 ...".
struct EnrolledOnFact {
  Date date;
  bool enrolled = true;
  friend bool operator==(const EnrolledOnFact&, const EnrolledOnFact&) = default;
};
// Benefits stated for the member rather than for one span: "BEN_MEDICAL='Y'", "has medical only
// as benefit", "BE : Medical".
struct BenefitFact {
  Benefits benefits;
  friend bool operator==(const BenefitFact&, const BenefitFact&) = default;
};
// A value-set event: "Hospice Intervention Value Set: 12/31/MY -- Suppl", "PSA test on 3/15/MY",
// "2 Outpatient visits", "Prostate Dysplasia Value Set: 1/1/MY with CLAIM_DEN=Y".
struct EventFact {
  std::string value_set;  // as written, without "Value Set": "Hospice intervention"
  std::string matched;    // the VSD's name it was matched to; empty when no VSD or no match
  std::vector<Date> dates;  // empty: undated ("PSA Lab Test Exclusion Value Set ... (no date)")
  int count = 1;            // "2 Outpatient visits": events on different dates
  StatedSource source = StatedSource::kUnstated;
  bool denied = false;
  std::vector<CodeRef> codes;
  std::string value;  // lab result as written ("4.1", "NULL"); empty: unstated
  std::string table;  // VISIT_IN, EMR_IN, LAB_IN, RX_IN when stated; empty otherwise
  // Other columns of the event's row: POS=81, FILE_ID=90055, PRAC_TYPE=1, PROV_NBR=10601,
  // CLAIM_TYPE=LB, RESULT_VALUE_IND=C, ADMIT_DT, DISCH_DT, DAYS_SUPPLY ...
  std::map<std::string, std::string> fields;
  friend bool operator==(const EventFact&, const EventFact&) = default;
};
// Death: "DECEASED_DT=1/1/MY from member_in", "deceased on 3/1/MY", "From EMR_IN, Deceased_dt:
// 1/1/MY on serv_dt: 1/1/MY". A discharge status ("DISCH_STATUS: 20 on 1/1/MY") is an EventFact
// with the DISCH_STATUS field: whether a status means death is the measure's decision (QA tests
// invalid ones such as 44 on purpose).
struct DeathFact {
  Date date;
  std::string table;  // MEMBER_IN, EMR_IN, VISIT_IN (discharge status); empty: unstated
  StatedSource source = StatedSource::kUnstated;
  bool denied = false;
  std::map<std::string, std::string> fields;  // DISCH_STATUS=20, SERV_DT, FILE_ID ...
  friend bool operator==(const DeathFact&, const DeathFact&) = default;
};
// A monthly membership row: "Hospice=Y in Monthly_mbr_in file with Rundate=12/31/MY-1 for Plan=2".
struct MonthlyMembershipFact {
  std::optional<Date> run_date;  // unstated: the row needs attention
  bool hospice = false;
  std::map<std::string, std::string> fields;  // PLAN=2, FILE_ID=20000
  friend bool operator==(const MonthlyMembershipFact&, const MonthlyMembershipFact&) = default;
};
// A column value for the member's rows: "RACE_CODE_1: 2126-1", "MBI_NUMBER: MBI_12345678".
struct FieldFact {
  std::string column;  // upper case
  std::string value;
  friend bool operator==(const FieldFact&, const FieldFact&) = default;
};
// "--Numerator compliant" (true) / "Not compliant to any Numerator" (false): the generator adds, or
// leaves out, the numerator event the measure needs.
struct NumeratorFact {
  bool compliant = true;
  friend bool operator==(const NumeratorFact&, const NumeratorFact&) = default;
};
// A component flag restated in the scenario ("Verify enrollment span and AD=1", "CE=1"): what the
// analyst expects, read so it is not reported as not understood; checked like an expectation.
struct StatedFlagFact {
  std::string key;
  bool set = false;
  friend bool operator==(const StatedFlagFact&, const StatedFlagFact&) = default;
};

using FactBody =
    std::variant<GenderFact, AgeFact, AgeRangeFact, BirthDateFact, ProductLineFact, EnrollmentFact,
                 GapFact, ContinuousEnrollmentFact, EnrolledOnFact, BenefitFact, EventFact,
                 DeathFact, MonthlyMembershipFact, FieldFact, NumeratorFact, StatedFlagFact>;

struct Fact {
  FactBody body;
  Provenance provenance = Provenance::kText;
  // kText: the byte span in Scenario::text the fact was read from (it may leave out filler words
  // in between). kStructured: the column header it came from.
  std::size_t begin = 0, end = 0;
  std::string column;
  // kAi: the model's own score in [0, 1], as it answered; not a measured accuracy. Unset otherwise.
  std::optional<double> confidence;
};

// "gender", "age", "age_range", "birth_date", "product_line", "enrollment", "gap",
// "continuous_enrollment", "enrolled_on", "benefit", "event", "death", "monthly_membership",
// "field", "numerator", "stated_flag".
std::string_view FactKindName(const FactBody& body);

// The fact in the canonical words of the grammar, with dates relative to `measurement_year`
// ("Enrollment: 1/1/MY-1 to 12/31/MY, Product_ID=11, BEN_MEDICAL=Y"). Reading the text back with
// the grammar gives the same fact; `reformat` writes it for facts the standard columns cannot hold.
std::string Describe(const FactBody& body, int measurement_year);

// A date as QA writes it relative to the measurement year: "1/1/MY-1", "12/31/MY", "7/4/2050"
// (years more than 9 away from the MY are written out).
std::string FormatMyDate(Date date, int measurement_year);

// ---------------------------------------------------------------------------------------------
// Scenarios.

enum class ScenarioStatus : std::uint8_t {
  kUnderstood,       // every fragment read; nothing assumed
  kWithAssumptions,  // every fragment read; some readings were assumptions (listed)
  kNeedsAttention,   // a fragment was not understood, or something must be checked (listed)
};
std::string_view StatusName(ScenarioStatus status);  // "understood", "with_assumptions", ...

struct Scenario {
  std::string sheet;
  std::int64_t row = 0;  // 1-based sheet row (CSV: line)
  std::vector<std::int64_t> continuation_rows;
  std::string member_id;
  std::string group;      // nearest group label above ("CE & Gap"); may be empty
  std::string text;       // the scenario text the facts' spans refer to
  std::string objective;  // kept, not read: it explains the test rather than stating data
  std::string expected_text;
  std::string add_update;
  // QA wrote REMOVED (or DELETED) in the ADD/Update column: the row stays in the workbook as a
  // record but is no longer part of the deck. It is read and reported, never generated.
  bool removed = false;
  bool structured = false;  // read from the standard layout's columns

  std::vector<Fact> facts;
  ExpectedResult expected;
  std::vector<Fragment> unparsed;         // of `text`
  std::vector<std::string> assumptions;   // "read 'PSA Lab Tests' as the value set 'PSA Lab Test'"
  std::vector<std::string> attention;     // why it needs attention, besides `unparsed`
  ScenarioStatus status = ScenarioStatus::kUnderstood;
};

struct SheetReport {
  std::string name;
  bool skipped = false;
  std::string reason;       // why skipped; empty otherwise
  std::size_t scenarios = 0;
  bool structured = false;  // the standard layout
};

struct TestCaseSummary {
  std::size_t rows = 0, understood = 0, with_assumptions = 0, needs_attention = 0;
  std::size_t removed = 0;  // of `rows`, marked REMOVED in the ADD/Update column (any status)
};

// "217 scenarios: 162 understood, 36 with assumptions, 19 need attention (MY 2026)", with ", 6
// removed" before the year when some rows are marked REMOVED.
std::string SummaryText(const TestCaseSummary& summary, int measurement_year);

struct TestCaseBook {
  std::string file;
  int measurement_year = 0;
  std::vector<SheetReport> sheets;
  std::vector<Scenario> scenarios;
  std::vector<Status> warnings;  // recoverable oddities: duplicate ids, labels that look like text
  TestCaseSummary summary;
};

struct TestCaseOptions {
  int measurement_year = 0;               // required: dates such as 1/1/MY-1 are read against it
  const ValueSetDirectory* vsd = nullptr;  // value-set names are matched against it when given
};

// Reads the test-case workbook at `path` (.xlsx, .csv or a folder of CSV files, told apart by
// content). Errors (exit code 2) name the file and, where it applies, the sheet: unreadable,
// corrupt or password-protected files, and workbooks where no sheet holds a member row.
Result<TestCaseBook> ReadTestCases(const std::string& path, const TestCaseOptions& options);

// What one scenario text says: the facts, the fragments not understood, the assumptions made.
struct TextReading {
  std::vector<Fact> facts;
  std::vector<Fragment> unparsed;
  std::vector<std::string> assumptions;
  std::vector<std::string> attention;
};
// Reads one scenario text with the grammar. Any bytes are accepted; linear in the text's size.
TextReading ReadScenarioText(std::string_view text, const TestCaseOptions& options);

// The book as JSON (the shape of `parse --json`, documented in docs/testcase-formats.md).
std::string ToJson(const TestCaseBook& book);

// Writes the standard layout workbook (`reformat`): one row per scenario with the standard
// columns, an OTHER_FACTS column in the grammar's words for facts the columns cannot hold, the
// expected result, the original text and a NEEDS_ATTENTION column. Written to a temporary name and
// renamed. Reading the output back with ReadTestCases gives the same facts and expectations.
Status WriteStandardLayout(const TestCaseBook& book, const std::string& path);

}  // namespace hm
