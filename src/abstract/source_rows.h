// What one source gave one patient: the rows, or the error of the query that should have given
// them; and reading a row's columns by the names a profile uses.
//
// Thread-safety: values.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm::abstract {

struct SourceRows {
  Status status;  // OK, or why there are no rows (recoverable)
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;

  // The index of column `name`: the exact name, else the first equal ignoring ASCII case
  // (PostgreSQL folds unquoted names to lower case). -1 when absent or `name` is empty.
  int Column(std::string_view name) const;
};

// The value of `column` in `row` as text (SqlValueText); "" for a null or column -1.
std::string CellText(const std::vector<SqlValue>& row, int column);

// "YYYY-MM-DD" for text that starts with an ISO date (a timestamp's time is dropped), or is
// MM/DD/YYYY (the engine layout's form) or YYYYMMDD; otherwise the text unchanged.
std::string NormalizeDate(std::string_view text);

// One patient's rows, by source name.
using PatientRows = std::map<std::string, SourceRows>;

}  // namespace hm::abstract
