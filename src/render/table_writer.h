// Where rendered tables go. A mockup run renders each member's timeline into rows of the layout's
// tables and hands every row to one TableWriter: the quality checker, the .xlsx workbook, the CSV
// folder and the SQLite database are all TableWriters, and FanOut feeds several at once, so the
// rows are made once and streamed (memory does not grow with the number of members).
//
// Nothing half-written: every writer writes to temporary names and only a commit moves the
// outputs into place. A writer destroyed before Stage() removes its temporaries and leaves
// whatever was at the output paths untouched. So a run checks everything first and stages the
// writers only when the quality check allows the export: Close() first does all the writing that
// is left, then Stage() hands each writer's moves to one util::CommitJournal, whose Commit() makes
// the outputs of the whole run appear together (or, if the process is killed while committing,
// lets the next run finish them).
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "util/commit_journal.h"

namespace hm::render {

// One sheet (xlsx), file (CSV: NAME.csv) or table (SQLite) of the output.
struct SheetSpec {
  std::string name;                  // "PSA_VISIT_IN", "PSA_EXPECTED_OUTPUT", "Scenarios"
  std::vector<std::string> columns;  // the header, in order
  // The engine table the sheet renders, for the checks of its columns (types, lengths, required);
  // null for the report sheets (expected output, Scenarios, Run Info). Must outlive the writer.
  const LayoutTable* layout = nullptr;
};

// A code cell whose code was picked from (or pinned for) a value set: what the quality check
// verifies ("every code in the value set its event claims and in the right code system").
struct CodeClaim {
  std::size_t column = 0;       // index into the sheet's columns
  CodeSystem system = CodeSystem::kCpt;
  std::string_view value_set;   // the VSD's name; empty when the scenario pinned a code of no set
};

// What a row is for: the member it belongs to and the scenario it realises.
struct RowOrigin {
  static constexpr std::size_t kNoScenario = static_cast<std::size_t>(-1);
  std::string_view member_id;              // empty for report rows
  std::size_t scenario = kNoScenario;      // index into the run's scenarios
  std::span<const CodeClaim> codes;        // the row's code cells that claim a value set
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;

  // Declares the sheets, in output order, before any row. Called once.
  virtual Status Begin(const std::vector<SheetSpec>& sheets) = 0;

  // One row of sheet `sheet` (an index into Begin's list): one cell per column, as text; an empty
  // string is an empty cell. Rows of one sheet arrive in output order; rows of different sheets
  // may interleave (a member's MEMBER_IN row, then its ENROLLMENT_IN rows, then the next member).
  virtual Status Row(std::size_t sheet, std::span<const std::string> cells,
                     const RowOrigin& origin) = 0;

  // Completes the output under its temporary names: all the writing left (closing files,
  // committing the database, zipping the workbook). No Row() after it. Optional: Stage() closes
  // a writer not yet closed. The default does nothing (writers without files of their own).
  virtual Status Close() { return Status::Ok(); }

  // Closes the output if Close() was not called and gives its moves (temporary → output path) to
  // `journal`, which owns the temporaries from then on. Writers whose output is not a file (the
  // PostgreSQL writer) commit their transaction here. No Row() after it.
  virtual Status Stage(util::CommitJournal& journal) = 0;

  // Stage() into a journal of its own, committed at once: for a writer used by itself.
  Status Finish() {
    util::CommitJournal journal;
    HM_RETURN_IF_ERROR(Stage(journal));
    return journal.Commit();
  }

  // The files written (after Stage), in order: one workbook, or several when a sheet would pass
  // the xlsx row limit; one CSV file per sheet; one database.
  virtual std::vector<std::string> Outputs() const = 0;
};

// Forwards every call to each writer in turn (the quality checker first, then the formats).
// Stops at the first error. Stage() stages each writer in order.
std::unique_ptr<TableWriter> FanOut(std::vector<TableWriter*> writers);

}  // namespace hm::render
