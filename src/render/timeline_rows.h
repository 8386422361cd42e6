// Member timelines as rows of the layout's tables: the inverse of ReadTimelines' row mapping
// (src/tables/row_mapper), driven by the same layout file, so that reading the rows back gives the
// timeline again. Every column's `maps_to` says which timeline field fills it; columns without one
// take the record's `extra` value of the same name.
//
//   MEMBER_IN       one row per member
//   ENROLLMENT_IN   one row per span, benefits as Y/N
//   VISIT_IN, LAB_IN, RX_IN, EMR_IN
//                   one row per claim: the events of a table that share a claim_id (a visit's CPT,
//                   its diagnoses, its POS) fill the code columns that take their code system, in
//                   column order (DIAG_I_1, DIAG_I_2, ...; an event's `position` picks its slot);
//                   an event without a claim_id is a row of its own
//   MONTHLY_MBR_IN  one row per record
//
// Dates are written in the layout's date_format (MM/DD/YYYY by default), months as YYYYMM, flags
// as Y/N, numbers in their shortest form. An absent value is written as RenderOptions::null_text.
//
// Thread-safety: a TimelineRenderer is immutable after Create; Render may run on many threads
// with distinct writers.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/timeline.h"
#include "render/table_writer.h"
#include "tables/targets.h"

namespace hm::render {

struct RenderOptions {
  std::string prefix;     // prepended to every table name: "PSA_" gives PSA_MEMBER_IN
  std::string null_text;  // what an absent value is written as: "" (an empty cell) or "NULL"
};

// What the renderer needs to know about a member beyond the timeline.
struct MemberExtras {
  std::size_t scenario = RowOrigin::kNoScenario;
  // The value set each event's code was picked from, parallel to the timeline's events (may be
  // empty: no claims).
  std::span<const std::string> event_value_sets;
  // Where the death is recorded: MEMBER_IN's DECEASED_DT (default) or an EMR_IN row.
  SourceTable death_table = SourceTable::kMember;
};

class TimelineRenderer {
 public:
  // Resolves every column of `layout` once. The layout must outlive the renderer.
  static Result<TimelineRenderer> Create(const Layout& layout, RenderOptions options);

  // The layout's tables as sheets, in layout order.
  const std::vector<SheetSpec>& sheets() const { return sheets_; }

  // Writes the member's rows to `writer`, whose sheets start with sheets() at `first_sheet`.
  // Errors: kInvalidInput when an event's code system has no column in its table (the layout
  // cannot carry it), or when a claim has more codes of a system than the table has columns.
  Status Render(const MemberTimeline& timeline, const MemberExtras& extras, TableWriter& writer,
                std::size_t first_sheet = 0) const;

  // A date in the layout's date format.
  std::string FormatDate(Date date) const;

 private:
  struct Table {
    const LayoutTable* layout = nullptr;
    std::vector<tables::ResolvedColumn> columns;  // parallel to layout->columns
    // The columns a record's `extra` may fill (no maps_to), by exact name, sorted: a record's few
    // extra values are placed by lookup instead of asking every column.
    std::vector<std::pair<std::string, std::size_t>> extra_columns;
  };
  TimelineRenderer() = default;

  Status RenderEvents(const MemberTimeline& t, const MemberExtras& extras, TableWriter& writer,
                      std::size_t first_sheet) const;
  Status RenderClaim(const Table& table, std::size_t sheet, std::span<const CodedEvent* const> events,
                     const MemberTimeline& t, const MemberExtras& extras,
                     TableWriter& writer) const;
  std::optional<std::size_t> SheetOf(SourceTable table) const;

  const Layout* layout_ = nullptr;
  RenderOptions options_;
  std::vector<Table> tables_;  // layout order
  std::vector<SheetSpec> sheets_;
};

}  // namespace hm::render
