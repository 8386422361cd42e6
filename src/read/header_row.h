// Finds a sheet's header row and the position of each named column, so readers address columns
// by name and tolerate title blocks above the header, other column orders and loose spellings
// ("Value Set Name", "VALUE_SET_NAME", "value set name" are the same column).
//
// Thread-safety: a HeaderRow is a value; not shared between threads.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

namespace hm::read {

struct ColumnSpec {
  std::string name;                  // as shown to the user in errors
  bool required = false;
  std::vector<std::string> aliases;  // other spellings accepted
  // Also accept a header that starts with the name or an alias, for headers that QA workbooks
  // annotate ("Expected Result - Member_WCC.Product_Rollup_ID"). An exact match elsewhere in the
  // row wins over a prefix match. Default false: a loose prefix could take the wrong column.
  bool prefix = false;
};

class HeaderRow {
 public:
  // Looks for the header among the first `scan_rows` non-blank rows.
  explicit HeaderRow(std::vector<ColumnSpec> specs, int scan_rows = 10);

  // Offers the next row. Returns true if it is the header (every required column is present), in
  // which case columns are known from now on. REQUIRES: !found().
  bool TryMatch(const Row& row);
  bool found() const { return header_row_ > 0; }
  // Whether the rows offered so far exhaust the scan window without a header.
  bool gave_up() const { return offered_ >= scan_rows_ && !found(); }
  std::int64_t header_row() const { return header_row_; }

  // The 0-based column of spec `index`, or -1 if the sheet lacks it. REQUIRES: found().
  int column(std::size_t index) const { return columns_[index]; }
  // The text of spec `index` in `row`, trimmed; empty if the column is absent.
  std::string Text(const Row& row, std::size_t index) const;
  // The same without a copy for text cells; other cells are rendered into `scratch`, which the
  // view then points into. For hot loops over large sheets.
  std::string_view View(const Row& row, std::size_t index, std::string& scratch) const;

  // Why no header was found: names the row that came closest and the required columns it lacks.
  Status MissingColumnsError() const;

 private:
  std::vector<ColumnSpec> specs_;
  int scan_rows_;
  int offered_ = 0;
  std::int64_t header_row_ = 0;
  std::vector<int> columns_;
  // The best candidate so far, for the error message.
  std::int64_t best_row_ = 0;
  std::vector<std::string> best_missing_;
};

}  // namespace hm::read
