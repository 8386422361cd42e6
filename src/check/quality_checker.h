// The quality check before export: a TableWriter that receives the same rows as the .xlsx, CSV and
// SQLite writers (put it first in render::FanOut) and reports what is wrong with the mockup, so
// the run exports only a mockup with no errors (unless --force).
//
// Checks (ids and what to do about each: docs/quality-checks.md):
//   schema.*      on sheets with a layout: the header is the layout's columns in order; each cell
//                 parses as its column's type (the layout's date format and null values); no
//                 value is longer than max_length; required columns have a value.
//   ref.*         every row's MEM_NBR is a MEMBER_IN member; every member has enrollment.
//   date.range    dates lie within [min_date, max_date].
//   code.*        each CodeClaim's code is in its value set and code system, in a column that
//                 takes that system and that the table reader will read in that system.
//   enrollment.*  a member's spans start before they end, come in order and do not overlap.
//   duplicate.key a MEM_NBR twice in MEMBER_IN (error); a row twice in another table (warning).
//   scenario.*    MEMBER_IN agrees with the row's scenario (age, birth date, sex).
//
// Memory is bounded: rows arrive member by member, the per-member state is dropped when the next
// member's rows start, and only the set of member ids (about 30 bytes a member) and the findings
// (at most QualityReport::keep_per_check() per check) are kept. Cells are checked in place,
// without copying or allocating, with each sheet's columns resolved once in Begin().
//
// Thread-safety: a checker is used by one thread at a time (as every TableWriter).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "check/quality_report.h"
#include "hedis_mockup/date.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "render/table_writer.h"

namespace hm::check {

struct QualityOptions {
  // The layout the sheets render (its date format and null values). REQUIRES: not null; must
  // outlive the checker, as must SheetSpec::layout.
  const Layout* layout = nullptr;
  // Where CodeClaims' value sets are looked up. Null: the value-set checks are skipped, with one
  // warning (code.skipped); the column and code-system checks still run.
  const ValueSetDirectory* vsd = nullptr;
  // The run's scenarios, which RowOrigin::scenario indexes. Must outlive the checker.
  std::span<const Scenario> scenarios;
  // The measurement year, for dates in messages (12/31/MY). 0: dates are written out only.
  int measurement_year = 0;
  // Overlapping enrollment spans of one member are a warning instead of an error. Default false:
  // an engine may count overlapping days twice, so a scenario that wants overlap must say so.
  bool allow_overlapping_spans = false;
  // Dates outside [min_date, max_date] are errors. Defaults 1/1/1900 and 12/31/2099: wide enough
  // for QA's open end (12/31/2050) and for the oldest members, narrow enough to catch a date
  // written with the wrong century or a day-count overflow.
  Date min_date = *Date::FromYmd(1900, 1, 1);
  Date max_date = *Date::FromYmd(2099, 12, 31);
  // Findings kept per check (all are counted).
  std::size_t keep_per_check = QualityReport::kDefaultKeepPerCheck;
};

class QualityChecker final : public render::TableWriter {
 public:
  // REQUIRES: options.layout != nullptr.
  explicit QualityChecker(QualityOptions options);
  ~QualityChecker() override;
  QualityChecker(const QualityChecker&) = delete;
  QualityChecker& operator=(const QualityChecker&) = delete;

  // Resolves every sheet's columns and reports header problems (schema.column_order).
  // Errors: kInternal when called twice.
  Status Begin(const std::vector<render::SheetSpec>& sheets) override;
  // Checks one row. Problems in the row are findings, never an error status. Rows of sheets with
  // no layout (the report sheets) are not checked. Errors: kInternal for a sheet index that
  // Begin() did not declare, or a row before Begin() or after Close().
  Status Row(std::size_t sheet, std::span<const std::string> cells,
             const render::RowOrigin& origin) override;
  // Runs the checks that need every row (members referenced but never declared, members without
  // enrollment). Always OK: findings are data; read report(). Stage() closes and stages nothing.
  Status Close() override;
  Status Stage(util::CommitJournal&) override { return Close(); }
  // Empty: the checker writes no file (see WriteQualityWorkbook, QualityReportJson).
  std::vector<std::string> Outputs() const override { return {}; }

  // What was found so far; complete after Close().
  const QualityReport& report() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hm::check
