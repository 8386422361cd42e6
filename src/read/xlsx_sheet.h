// Streams one worksheet part (xl/worksheets/sheetN.xml) of an xlsx package to a RowVisitor,
// turning SpreadsheetML cells into typed Cells. Memory stays flat however long the sheet is: the
// part is decompressed and parsed in chunks and one Row buffer is reused for every row.
//
// Thread-safety: reentrant; the context's objects are only read.
#pragma once

#include <string>
#include <vector>

#include "hedis_mockup/status.h"
#include "read/workbook.h"
#include "read/xlsx_parts.h"

namespace hm::read {

class ZipArchive;

// What a sheet's cells refer to, owned by the workbook.
struct SheetContext {
  const std::string& sheet_name;
  const SharedStrings& strings;
  const std::vector<bool>& date_styles;  // by cell format index
  bool date1904 = false;
  const ReadLimits& limits;
};

// Streams the non-blank rows of worksheet entry `entry` to `visit`. Errors name the file, the
// sheet, and the row and column where known: kLimitExceeded for a row or column beyond the
// limits, kInvalidInput for malformed XML or cells (a shared string index out of range, a number
// that is not one); a visitor's status is returned with the file and sheet added.
[[nodiscard]] Result<SheetSummary> StreamSheet(ZipArchive& archive, const std::string& entry,
                                               const SheetContext& context,
                                               const RowVisitor& visit);

}  // namespace hm::read
