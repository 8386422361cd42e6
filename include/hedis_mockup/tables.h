// Reading the engine's input tables back into member timelines.
//
// A mockup is a set of tables in the HEDIS engine's input layout (MEMBER_IN, ENROLLMENT_IN,
// VISIT_IN, EMR_IN, RX_IN, LAB_IN, MONTHLY_MBR_IN), as the sheets of an .xlsx workbook, a folder
// of CSV files or the tables of a SQLite database, each named TABLE or MEASURE_TABLE
// ("PSA_VISIT_IN"). ReadTimelines turns them into one MemberTimeline per member, and remembers
// which table row every span, event and monthly record came from so that an explanation can cite
// "LAB_IN row 7".
//
// The layout (which tables and columns exist, their types, which are required, what each maps to
// in the timeline, which FILE_IDs are supplemental) is data: layouts/engine_input.json is the
// default, built into the library, and LoadLayout reads another. docs/layout.md describes the
// format and every mapping.
//
// Thread-safety: Layout and TimelineSet are values. DefaultLayout() may be called from any thread.
// ReadTimelines may run concurrently on distinct sources.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/progress.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/timeline.h"

namespace hm {

// ---------------------------------------------------------------------------------------------
// The layout

// How a column's text is read.
enum class ColumnType : std::uint8_t {
  kText,     // as written, trimmed
  kDate,     // MM/DD/YYYY (also YYYY-MM-DD, YYYYMMDD and spreadsheet date cells or serials)
  kMonth,    // a month: YYYYMM (CMS payment months, "202509") or any kDate form
  kInteger,  // whole number ("30"; "30.0" from a numeric cell is accepted)
  kDecimal,  // number ("4.1", "-2", "1e3")
  kFlag,     // Y or N (also Yes/No, 1/0, TRUE/FALSE, any case)
};
// "text", "date", "month", "integer", "decimal", "flag".
std::string_view ColumnTypeName(ColumnType type);

struct LayoutColumn {
  std::string name;             // header as written in the layout ("SERV_DT")
  ColumnType type = ColumnType::kText;
  int max_length = 0;           // longest accepted value in characters; 0: no limit
  bool required = false;        // the table must have the column and every row a value in it
  std::string maps_to;          // timeline field (docs/layout.md); empty: kept in `extra`
  std::string default_value;    // used when the cell is empty or null; empty: absent
};

struct LayoutTable {
  SourceTable table = SourceTable::kMember;
  std::string name;                      // "VISIT_IN"
  bool required = false;                 // a source without it is an error
  DataSource default_source = DataSource::kClaim;  // for FILE_IDs the layout does not list
  std::vector<LayoutColumn> columns;     // the layout's column order
  std::vector<LayoutColumn> accepted;    // understood when present, not part of the order

  // The column named `name` (exact, ignoring case) among columns and accepted; null if none.
  const LayoutColumn* Find(std::string_view name) const;
};

// A FILE_ID and the kind of data it carries (QA's convention: 90055 primary claims, 17955
// supplemental claims, ...).
struct FileIdSource {
  std::string file_id;
  DataSource source = DataSource::kClaim;
  std::string description;
  // The tables whose rows carry it ("tables" in the file; empty: any). The generator writes, for
  // a row of table T with data source S, the first FILE_ID listed for S and T.
  std::vector<SourceTable> tables;
};

struct Layout {
  std::string name;         // "engine_input"
  std::string version;      // "1"
  std::string date_format;  // "MM/DD/YYYY": how dates are written; other forms are also read
  std::vector<std::string> null_values;  // cell texts that mean "no value" ("NULL"), any case
  std::vector<LayoutTable> tables;       // in layout order
  std::vector<FileIdSource> file_ids;
  std::string origin;       // the file it was loaded from, or "built-in engine_input.json"

  // The table, or null if the layout does not define it.
  const LayoutTable* Find(SourceTable table) const;
  // The data source of a row of `table` with `file_id`: the listed source, else the table's
  // default_source (also for an empty FILE_ID).
  DataSource SourceFor(const LayoutTable& table, std::string_view file_id) const;
  // The FILE_ID a generated row of `table` with data `source` carries: the first listed for both;
  // empty when none is (the row then takes the table's default source).
  std::string FileIdFor(SourceTable table, DataSource source) const;
};

// Reads a layout file (format: docs/layout.md).
// Errors: kNotFound / kIoError for the file; kInvalidInput naming the file and the JSON path of
// the problem (a malformed file, an unknown type, table or maps_to target, a duplicate column).
Result<Layout> LoadLayout(const std::string& path);

// The same from JSON text; `origin` names it in errors.
Result<Layout> ParseLayout(std::string_view json, const std::string& origin);

// The shipped layout (layouts/engine_input.json, built into the library). Parsed once.
const Layout& DefaultLayout();

// ---------------------------------------------------------------------------------------------
// Reading

struct ReadTablesOptions {
  // The measure prefix of the sheet and table names ("PSA" or "PSA_"). Default empty: tables are
  // looked up by their bare names only. With a prefix, "PSA_VISIT_IN" is preferred and a bare
  // "VISIT_IN" is still accepted.
  std::string measure_prefix;
  // Progress of each table read (rows). Default: none.
  ProgressCallback progress;
  // The measurement year, used in messages only. 0: not mentioned.
  int measurement_year = 0;
};

// Where a span, event or monthly record came from: a table and its 1-based row as the sheet
// shows it (row 1 is the header, so the first record is row 2; for CSV the line, for SQLite the
// record's position in rowid order + 1, as if it were a sheet).
struct RowRef {
  SourceTable table = SourceTable::kMember;
  std::int64_t row = 0;

  // "LAB_IN row 7".
  std::string ToString() const;
  friend bool operator==(const RowRef&, const RowRef&) = default;
};

// The rows behind one member's timeline, index for index: enrollment[j] is the row of
// timeline.enrollment[j], and so on. A VISIT_IN row with a CPT and two diagnoses gives three
// events and so appears three times in `events`.
struct MemberRows {
  RowRef member;
  std::vector<RowRef> enrollment;
  std::vector<RowRef> events;
  std::vector<RowRef> monthly;
};

// One table as found in the source.
struct TableRead {
  SourceTable table = SourceTable::kMember;
  std::string name;  // as the source names it ("PSA_VISIT_IN")
  std::string file;  // the file holding it (the CSV file for a folder)
  std::int64_t rows = 0;
};

struct TimelineSet {
  // One per MEMBER_IN row, ordered by MEM_NBR (byte order). Within a member, enrollment is in
  // MemberTimeline::SortEnrollment order and events in SortEvents order; equal items keep table
  // order (the layout's) and then row order, so every source format gives the same timelines.
  std::vector<MemberTimeline> members;
  // rows[i] belongs to members[i]. Sorting a timeline again breaks the pairing; copy first.
  std::vector<MemberRows> rows;
  // Problems that did not stop the read (Status::severity() == kRecoverable): rows of members
  // with no MEMBER_IN row (left out), rows that carry no code (left out).
  std::vector<Status> warnings;
  // The tables found, in layout order; absent optional tables are not listed.
  std::vector<TableRead> tables;

  // The member with this MEM_NBR, or -1.
  std::ptrdiff_t Find(std::string_view member_id) const;
};

// Reads every table of `layout` from `source` and builds the members' timelines.
//   source: an .xlsx workbook, a folder of .csv files (one per table, named like the sheets), or
//           "sqlite:PATH" for a SQLite database. Tables are found by name ignoring case.
// Values: empty cells and the layout's null values are absent; dates and numbers as ColumnType
// says; CLAIM_DEN=Y gives ClaimStatus::kDenied; each event's DataSource comes from its FILE_ID
// (Layout::SourceFor). Columns the layout does not map (or does not know) go to `extra`.
// Errors (kInvalidInput unless said): the source cannot be opened (kNotFound / kIoError); a
// required table is missing (kNotFound); a table lacks a required column; a value is not of its
// column's type, too long, or missing where required; a MEM_NBR appears twice in MEMBER_IN. Every
// such problem found in the read is reported (the first in the status, the next ones in more()),
// each as "FILE: TABLE row N, column NAME: what; what to do".
Result<TimelineSet> ReadTimelines(const std::string& source, const Layout& layout,
                                  const ReadTablesOptions& options = {});

}  // namespace hm
