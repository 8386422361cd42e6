// The standard structured layout of QA test-case workbooks (issue 4), both directions: reading a
// member row's columns into Facts, and writing a TestCaseBook in the layout (WriteStandardLayout,
// declared in hedis_mockup/testcases.h, is defined beside these functions).
//
// The columns (headers compared by StandardColumnKey, so "Enrollment 1 Start" is
// ENROLLMENT_1_START; n = 1, 2, ...):
//   MEMBER_ID, EXPECTED_RESULT, SCENARIO_DESCRIPTION, TEST_OBJECTIVE, ADD_UPDATE
//                           the columns FindScenarios takes; not read here
//   AGE                     completed years as of December 31 of the MY      -> AgeFact
//   GENDER                  M, F, O, U (Male, Female, Other, Unknown)         -> GenderFact
//   PRODUCT_LINE            Commercial, Medicaid, Medicare, Exchange (Marketplace); several may
//                           be listed, separated by ',', '/', '&' or "and"   -> ProductLineFact each
//   ENROLLMENT_n_START, ENROLLMENT_n_END, ENROLLMENT_n_PRODUCT_ID
//                           one span; the product id cell may list several -> EnrollmentFact
//   VISIT_n_DATE, VISIT_n_TYPE, VISIT_n_CPT, VISIT_n_DIAG
//                           a claim in VISIT_IN; TYPE is the value set, CPT and DIAG codes
//                           ("CPT", "ICD-10-CM"; a cell may list several, comma-separated)
//                                                                            -> EventFact
//   EVENT_n_NAME, EVENT_n_VALUE, EVENT_n_DATE, EVENT_n_CODE
//   EXCLUSION_n_NAME, EXCLUSION_n_VALUE, EXCLUSION_n_DATE
//                           a value-set event. VALUE: empty, 1 or Y: present; 0 or N: absent
//                           (no fact); another number or NULL: the lab result. CODE: "SYSTEM:CODE"
//                           ("CPT:84153"), either way round, or a bare code  -> EventFact
//   X and X_DATE            any other column holding a flag (1/0, Y/N, Yes/No, True/False), with
//                           its date column if there is one (PSA_TEST + PSA_TEST_DATE, HOSPICE +
//                           HOSPICE_DATE, PROSTATE_CANCER): 1 is an event of the value set "X" with
//                           '_' as spaces, dated when X_DATE has a date, undated otherwise; 0 is
//                           nothing. An X_DATE without X means X = 1.    -> EventFact
//   DECEASED, DECEASED_DATE the same pair, read as a death; it needs the date  -> DeathFact
//   OTHER_FACTS             facts in the grammar's words, one a line (ReadScenarioText)
//   NEEDS_ATTENTION         written by WriteStandardLayout; each line is read back as an attention
//                           reason, so a reformatted row still says what needed checking
//   SOURCE, Actual Result, Status..., Executed By, Executed Date, Comments, DLL Version, Remarks,
//   Bug#, Queries           bookkeeping; ignored
// Dates are read with ParseDate against the measurement year, and a bare number in a date column
// is an Excel serial (the column says it is a date, so "46096" is not an id there).
//
// Nothing is dropped silently. A cell that cannot be read, and an unknown column with a value,
// becomes an unparsed Fragment "HEADER: value" (its span is 0, 0: it is not in the scenario text),
// and the reason goes to `attention`. When one cell of a group (an enrollment, a visit, an event,
// a flag and its date) cannot be read, every filled cell of the group is reported, since the
// others alone would make a different fact.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "hedis_mockup/testcases.h"
#include "testcase/scenario_rows.h"

namespace hm::testcase {

// The comparison key of a header: ASCII upper case, each run of other characters (spaces, '-',
// '#', '/') as one '_', without leading or trailing '_'. "Enrollment 1 Start" ->
// "ENROLLMENT_1_START", "Status - Oracle" -> "STATUS_ORACLE", "Bug#" -> "BUG".
std::string StandardColumnKey(std::string_view header);

// Whether headers (keys of `columns`; values are not looked at) are those of the standard layout:
// AGE, GENDER, PRODUCT_LINE or OTHER_FACTS, or any numbered column (ENROLLMENT_n_START,
// VISIT_n_DATE, EVENT_n_NAME, EXCLUSION_n_VALUE ...). Those names do not occur as headers in free-text sheets (whose facts are
// in the scenario text), and any one of them means the columns hold facts that must be read.
// ScenarioRow::other_columns leaves empty cells out, so a caller deciding for a whole sheet should
// call this for each row and take the sheet as structured when any row is.
bool IsStructuredLayout(const std::map<std::string, std::string>& columns);

// Reads the standard columns of `row` (its other_columns) into facts with provenance kStructured
// and `column` set to the header as written. The scenario, objective and expected texts are not
// read here. `options.measurement_year` dates the cells; with `options.vsd`, value-set names are
// matched against it (EventFact::matched), and a name it does not hold is an attention reason.
TextReading ReadStructuredRow(const ScenarioRow& row, const TestCaseOptions& options);

}  // namespace hm::testcase
