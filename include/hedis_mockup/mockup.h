// Generating the mockup (issue 6): the public API behind `generate` and `validate`.
//
// GenerateMockup turns the scenarios of a QA workbook into members (src/synthesize), renders them
// as rows of the layout's tables (src/render), runs the quality check over every row before any
// output is in place (src/check), writes the formats asked for, and then proves the result:
// ValidateMockup reads the written mockup back, evaluates the measure and checks every member
// against its scenario's expectations (src/compare's CheckMember, the rule `compare` uses too).
//
// Outputs, in `out_dir` (MEASURE_MYyyyy_ is the stem: PSA_MY2026_):
//   PSA_MY2026_Mockup.xlsx   sheets PSA_MEMBER_IN ... PSA_MONTHLY_MBR_IN, PSA_EXPECTED_OUTPUT,
//                            Scenarios, Run Info (more workbooks, _part2 ..., past 1,048,576 rows)
//   PSA_MY2026_Mockup/       the same sheets as CSV files (format csv)
//   PSA_MY2026_Mockup.db     the same sheets as SQLite tables (format sqlite)
//   PSA_MY2026_Quality.xlsx, PSA_MY2026_Quality.json
//   PSA_MY2026_Validation.xlsx, PSA_MY2026_Validation.json
// Every file is written under a temporary name and renamed, so none is ever half-written; a run
// stopped before the end leaves no output of its own. All the writing is done first, under the
// temporary names; then a commit journal (hidden, .PSA_MY2026.commit) is written and the files
// are renamed into place, the quality report last: a quality report beside a mockup means the
// mockup is complete. A run killed between two of those renames leaves the journal, and the next
// GenerateMockup into the same out_dir finishes its renames before anything else.
//
// Determinism: the same workbook, VSD, layout, MY and seed give byte-identical files. The seed
// changes only filler (names, addresses, phone numbers).
//
// Thread-safety: the functions are reentrant; distinct runs may go on in parallel with distinct
// out_dirs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"

namespace hm {

enum class MockupFormat : std::uint8_t { kXlsx, kCsv, kSqlite, kPostgres };
// "xlsx", "csv", "sqlite" (or "db"), "postgresql" (or "postgres", "pg").
std::optional<MockupFormat> ParseMockupFormat(std::string_view name);

// ---------------------------------------------------------------------------------------------
// Validation

// One expectation of one member, checked against the measure's evaluation of the written mockup.
struct ValidationItem {
  std::string key;       // "CE"
  std::string expected;  // "1"
  std::string actual;    // "0"; empty when the output has no such key
  std::string outcome;   // "pass", "fail", "not_checkable"
  std::string detail;    // why it failed or could not be checked
  std::string reason;    // the engine's reason for the flag ("CE=0: 2 gaps ...")
  std::vector<std::string> evidence;  // the records behind it ("PSA Lab Test: CPT 84153 ...")
};

struct MemberValidation {
  std::string member_id;
  std::string sheet;
  std::int64_t row = 0;
  std::string outcome;  // "pass", "fail", "not_checkable"
  std::string summary;  // "AG: expected 1, got 0; ..." for a failure
  std::vector<ValidationItem> items;
};

struct ValidationReport {
  std::string measure;
  int measurement_year = 0;
  std::string mockup;  // what was read back
  std::size_t checked = 0, passed = 0, failed = 0, not_checkable = 0;  // expectations
  std::vector<MemberValidation> members;
};

struct ValidateOptions {
  std::string prefix;  // the tables' measure prefix ("PSA"); empty: the measure's id
  const Layout* layout = nullptr;  // null: DefaultLayout()
};

// Reads the mockup at `mockup` (.xlsx, a CSV folder or sqlite:PATH), evaluates `measure` on every
// member, and checks each scenario of `book` that has a member in it (its MEM_NBR: see
// MockupMemberIds) against its expectations. Errors: the mockup cannot be read (as ReadTimelines).
Result<ValidationReport> ValidateMockup(const TestCaseBook& book, const CompiledMeasure& measure,
                                        const std::string& mockup, const ValidateOptions& options = {});

// {"measure","my","mockup","checked","passed","failed","not_checkable","members":[...]}.
std::string ToJson(const ValidationReport& report);
// One row per expectation, colour-coded, with a Summary sheet; written through a temporary file.
Status WriteValidationWorkbook(const ValidationReport& report, const std::string& path);

// The MEM_NBR each scenario's member gets: its Test Case ID trimmed (spaces inside become '_'),
// or MEASURE_ROW<n> when it has none; a repeated id gets _2, _3 ... Index for index with
// book.scenarios.
std::vector<std::string> MockupMemberIds(const TestCaseBook& book, const std::string& measure_id);

// ---------------------------------------------------------------------------------------------
// Generation

struct GenerateOptions {
  int measurement_year = 0;       // required
  std::uint64_t seed = 1;         // filler only
  std::vector<MockupFormat> formats = {MockupFormat::kXlsx};
  std::string out_dir = ".";
  // For MockupFormat::kPostgres: the database (postgresql://...) the tables are written to, one
  // table per sheet, loaded with COPY in one transaction (the reports still go to out_dir).
  std::string database;
  std::string null_text;          // an absent value: "" (empty cell, default) or "NULL"
  // Members: 0 gives one per generated scenario; N clones the scenarios round-robin into N members
  // with fresh ids (ID_C000123) and the same expectations, for load tests. Scaled runs stream;
  // they skip the validation read-back (run `validate` on a sample instead).
  std::size_t scale = 0;
  bool force = false;             // export despite quality errors
  // Scenarios that need attention are an error by default (nothing is written); with this they
  // are skipped and listed.
  bool skip_attention = false;
  bool validate = true;           // read the written mockup back and validate it
  const Layout* layout = nullptr;  // null: DefaultLayout()
  // Put in the Run Info sheet as given ("testcases" -> "PSA.xlsx sha256 ..."): the CLI passes the
  // inputs' names and hashes.
  std::vector<std::pair<std::string, std::string>> run_info;
  ProgressCallback progress;
  // Polled once per member; true stops the run with kLimitExceeded "cancelled" and writes nothing
  // (the outputs are still temporaries then). The web server's job cancel. Default: never.
  std::function<bool()> cancelled;
};

struct ScenarioOutcome {
  std::string sheet;
  std::int64_t row = 0;
  std::string member_id;
  std::string status;  // "generated", "skipped"
  std::string reason;  // why skipped
};

struct GenerateReport {
  std::string measure;
  int measurement_year = 0;
  std::size_t members = 0;
  std::vector<std::pair<std::string, std::int64_t>> rows_by_table;  // per sheet, in sheet order
  TestCaseSummary parse;
  std::size_t quality_errors = 0, quality_warnings = 0;
  bool exported = false;  // false: quality errors stopped the export (no --force)
  std::optional<ValidationReport> validation;
  std::vector<ScenarioOutcome> scenarios;
  std::size_t precheck_failed = 0;  // members whose in-memory evaluation missed an expectation
  std::vector<std::string> outputs;  // every file written, in order
  std::string quality_json;  // the quality report (also written as a file)
};

// Generates the mockup of `book` for `measure`. Errors (kInvalidInput, nothing written): scenarios
// that need attention (unless skip_attention), and every scenario that cannot be synthesized (a
// value set the VSD lacks, an age that contradicts a birth date ...), each naming its sheet and
// row. Quality errors are not a Status: the report says exported == false.
Result<GenerateReport> GenerateMockup(const TestCaseBook& book, const CompiledMeasure& measure,
                                      const ValueSetDirectory& vsd, const GenerateOptions& options);

// {"measure","my","members","rows_by_table":{...},"parse":{...},"quality":{"errors","warnings"},
//  "validation":{...},"outputs":[...]} (the CLI adds "session_id").
std::string ToJson(const GenerateReport& report);

}  // namespace hm
