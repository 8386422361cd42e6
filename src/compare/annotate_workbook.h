// Writing the outcome of a comparison into a copy of the QA workbook: on each scenario's row, the
// "Actual Result" and "Status" cells, so QA reads the verdict where they wrote the expectation.
//
// The copy is the input with those cells changed and nothing else:
//  - .xlsx: the zip is copied entry by entry; only the worksheets that get annotations are
//    rewritten, by splicing cells into their XML (sheet_patch.h), so styles, merged cells, column
//    widths, comments, other sheets and the shared strings stay byte-identical.
//  - CSV: the records are written back with the two columns filled (quoting is normalised:
//    a field is quoted when it holds a comma, quote, line break or surrounding blanks).
// The columns: the sheet's header row (the first of its first 30 non-blank rows above the
// annotated rows that has a member id column and an expected result or scenario column) is
// searched for "Actual Result" (or a header starting with it, such as "Actual Result-Member_WCC
// .Product_Rollup_ID") and for the status column (AnnotateOptions::status_header exactly, else
// "Status", else a header starting with it, such as "Status - Oracle"). A column the header lacks
// is added after its last used cell, titled "Actual Result" / "Status" in that cell's style.
// The output is written to a temporary file and renamed (util::WriteViaTemporary).
//
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "hedis_mockup/status.h"

namespace hm::compare {

// What to write on one scenario row.
struct Annotation {
  std::string sheet;     // as the workbook names it (CSV: ignored)
  std::int64_t row = 0;  // 1-based sheet row (CSV: the line the record starts on)
  std::string actual;
  std::string status;
};

struct AnnotateOptions {
  // The status column to fill. Default "Status": a column so titled, else the first whose title
  // starts with "Status" (QA workbooks have "Status - Oracle" and "Status - SQL"; pass the one
  // the compared engine runs on).
  std::string status_header = "Status";
};

// Writes the annotated copy of `input` to `output`. REQUIRES: output != input. Errors name the
// file (and sheet): an input that cannot be read, a sheet the annotations name that the workbook
// lacks or that has no header row, a folder of CSV files (not supported: name one file).
Status AnnotateWorkbook(const std::string& input, const std::string& output,
                        std::span<const Annotation> annotations, const AnnotateOptions& options = {});

}  // namespace hm::compare
