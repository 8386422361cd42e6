// ReadTestCases: the whole reader (issue 4) put together. Finds the scenario rows, reads each one
// (the grammar for free text, the columns for the standard layout), reads its Expected Result
// cell, and decides the row's status from what was and was not understood.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "hedis_mockup/testcases.h"
#include "read/workbook.h"
#include "testcase/column_facts.h"
#include "testcase/expectation_consistency.h"
#include "testcase/expected_result.h"
#include "testcase/scenario_grammar.h"
#include "testcase/scenario_rows.h"
#include "testcase/structured_layout.h"
#include "testcase/value_set_match.h"
#include "util/text.h"

#include <algorithm>
#include <cctype>

namespace hm {
namespace {

using nlohmann::ordered_json;

// needs attention > with assumptions > understood. A row with nothing at all to go on (no fact,
// no expectation) needs attention too: a generator would have to invent the whole member.
ScenarioStatus Decide(Scenario& s) {
  for (const Fragment& f : s.expected.unparsed) {
    s.attention.push_back(fmt::format("expected result: '{}' not understood", f.text));
  }
  if (s.facts.empty() && s.expected.items.empty() && !s.expected.absent && s.unparsed.empty()) {
    s.attention.push_back("no facts and no expected result: nothing to build this member from");
  }
  if (!s.unparsed.empty() || !s.attention.empty()) return ScenarioStatus::kNeedsAttention;
  if (!s.assumptions.empty()) return ScenarioStatus::kWithAssumptions;
  return ScenarioStatus::kUnderstood;
}

// "Expected Result-Member_WCC.Product_Rollup_id" names the key of the bare values under it.
std::string DefaultExpectedKey(std::string_view header) {
  const std::size_t dot = header.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string key(util::Trim(header.substr(dot + 1)));
  const bool ident = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  return ident ? key : std::string();
}

// QA marks a row dropped from the deck in its ADD/Update column ("REMOVED"); the word alone, so
// that "Removed BEN_MEDICAL" as a change note does not count.
bool IsRemovedMark(std::string_view add_update) {
  const std::string word = util::Upper(util::Trim(add_update));
  return word == "REMOVED" || word == "DELETED";
}

Scenario ReadRow(const testcase::ScenarioRow& row, const TestCaseOptions& options,
                 testcase::ScenarioGrammar& grammar) {
  Scenario s;
  s.sheet = row.sheet;
  s.row = row.row;
  s.continuation_rows = row.continuation_rows;
  s.member_id = row.member_id;
  s.group = row.group;
  s.text = row.scenario;
  s.objective = row.objective;
  s.expected_text = row.expected;
  s.add_update = row.add_update;
  s.removed = IsRemovedMark(s.add_update);
  s.structured = testcase::IsStructuredLayout(row.other_columns);
  TextReading reading = s.structured ? testcase::ReadStructuredRow(row, options) : grammar.Read(row.scenario);
  if (!s.structured) testcase::ReadColumnFacts(row, options, reading);
  s.facts = std::move(reading.facts);
  s.unparsed = std::move(reading.unparsed);
  s.assumptions = std::move(reading.assumptions);
  s.attention = std::move(reading.attention);
  if (options.vsd != nullptr) testcase::CheckPinnedCodes(s.facts, *options.vsd, s.attention);
  s.expected = testcase::ParseExpected(row.expected, options.measurement_year,
                                       DefaultExpectedKey(row.expected_header));
  testcase::CheckExpectationsAgainstFacts(s, options.measurement_year, s.attention);
  s.status = Decide(s);
  return s;
}

}  // namespace

std::string SummaryText(const TestCaseSummary& s, int measurement_year) {
  return fmt::format("{} scenarios: {} understood, {} with assumptions, {} need attention{} (MY {})", s.rows,
                     s.understood, s.with_assumptions, s.needs_attention,
                     s.removed > 0 ? fmt::format(", {} removed", s.removed) : std::string(), measurement_year);
}

Result<TestCaseBook> ReadTestCases(const std::string& path, const TestCaseOptions& options) {
  if (options.measurement_year == 0) {
    return Status::InvalidInput("no measurement year given", "pass the MY, e.g. --my 2026");
  }
  HM_ASSIGN_OR_RETURN(std::unique_ptr<read::Workbook> workbook, read::Workbook::Open(path));
  HM_ASSIGN_OR_RETURN(testcase::ScenarioTable table, testcase::FindScenarios(*workbook));
  TestCaseBook book;
  book.file = path;
  book.measurement_year = options.measurement_year;
  book.warnings = std::move(table.warnings);
  testcase::ScenarioGrammar grammar(options);
  for (const testcase::ScenarioRow& row : table.rows) {
    book.scenarios.push_back(ReadRow(row, options, grammar));
  }
  // Sheets in workbook order, each either holding scenarios or skipped with the reason.
  for (const std::string& name : workbook->SheetNames()) {
    SheetReport report;
    report.name = name;
    for (const testcase::SkippedSheet& skipped : table.skipped) {
      if (skipped.sheet == name) {
        report.skipped = true;
        report.reason = skipped.reason;
      }
    }
    for (const Scenario& s : book.scenarios) {
      if (s.sheet != name) continue;
      ++report.scenarios;
      report.structured = report.structured || s.structured;
    }
    book.sheets.push_back(std::move(report));
  }
  for (const Scenario& s : book.scenarios) {
    ++book.summary.rows;
    if (s.removed) ++book.summary.removed;
    switch (s.status) {
      case ScenarioStatus::kUnderstood: ++book.summary.understood; break;
      case ScenarioStatus::kWithAssumptions: ++book.summary.with_assumptions; break;
      case ScenarioStatus::kNeedsAttention: ++book.summary.needs_attention; break;
    }
  }
  return book;
}

}  // namespace hm
