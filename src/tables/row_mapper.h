// Turns the rows of one table into timeline records as the layout says: finds the layout's
// columns in the table's header, reads and checks each cell by its column type, and fills a
// Demographics, EnrollmentSpan, MonthlyMembership or CodedEvents (one per code in the row).
//
// Thread-safety: a RowMapper holds the current row; use one per thread.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/timeline.h"
#include "tables/table_source.h"
#include "tables/targets.h"

namespace hm::tables {

class RowMapper {
 public:
  // Matches `header` against `table`. `name` is the table as the source names it ("PSA_VISIT_IN")
  // and `file` the file holding it, both for messages. The layout must outlive the mapper.
  // Errors: kInvalidInput naming every required column the header lacks.
  static Result<RowMapper> Create(const Layout& layout, const LayoutTable& table,
                                  const std::vector<std::string>& header, std::string name,
                                  std::string file);

  // Reads the cells of `row`, which must stay alive until the next call. Adds each problem to
  // `diagnostics`; false if there was one (the row's record must not be used).
  bool Parse(const SourceRow& row, Diagnostics& diagnostics);

  // The record of the row last parsed. REQUIRES: Parse() returned true.
  std::string_view MemberId() const;
  Demographics ToDemographics() const;
  EnrollmentSpan ToSpan() const;
  MonthlyMembership ToMonthly() const;
  // Appends one event per code; none if the row has no code.
  void AppendEvents(std::vector<CodedEvent>& events) const;
  // EMR_IN's DECEASED_DT.
  std::optional<Date> DeathDate() const;

 private:
  struct Column {
    const LayoutColumn* layout = nullptr;  // null: a column the layout does not know
    std::string name;                      // as the header writes it
    ResolvedColumn resolved;
    int source = -1;                       // index in the row; -1: the table lacks it
  };
  // The current row's value of one column.
  struct Cell {
    bool present = false;
    std::string_view text;
    Date date;
    std::int64_t integer = 0;
    double number = 0;
    bool flag = false;
  };

  RowMapper(const Layout& layout, const LayoutTable& table, std::string name, std::string file)
      : layout_(&layout), table_(&table), name_(std::move(name)), file_(std::move(file)) {}

  bool IsNull(std::string_view text) const;
  bool ParseCell(const Column& column, RawValue value, Cell& cell, Diagnostics& diagnostics);
  bool CheckEventDates(Diagnostics& diagnostics);
  Status CellError(const Column& column, const std::string& what, std::string hint) const;
  std::map<std::string, std::string> Extra() const;
  // The first present cell mapped to `target`, or null.
  const Cell* First(Target target) const;

  const Layout* layout_;
  const LayoutTable* table_;
  std::string name_;
  std::string file_;
  std::vector<Column> columns_;
  std::vector<Cell> cells_;  // by columns_ index
  // The columns_ indexes of each target, in column order.
  std::array<std::vector<int>, static_cast<std::size_t>(Target::kMedicaidDual) + 1> by_target_;
  std::int64_t row_ = 0;
};

}  // namespace hm::tables
