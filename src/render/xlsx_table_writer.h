// The .xlsx TableWriter: every sheet of the output as a worksheet of one workbook, written with
// libxlsxwriter in constant_memory mode so that memory stays flat whatever the row count (each
// sheet's rows stream to a temporary file until the workbook is closed).
//
// What the file holds, and why:
//  - Every cell is a text cell, as in the hand-made reference mockups (dates are "01/31/2026",
//    codes keep their leading zeros); an empty string leaves the cell empty.
//  - Row 1 is the header, bold and frozen; column widths follow the longest text of the column
//    (header included), capped, so the sheet is readable when opened.
//  - Excel stops at 1,048,576 rows. Before any sheet would pass max_rows_per_sheet the workbook
//    is closed and the run goes on in X_part2.xlsx, X_part3.xlsx... each with every sheet and
//    its header, so every part opens on its own.
//  - The same rows give the same bytes: the document's creation time is fixed (options.created),
//    and libxlsxwriter stamps its zip entries with a constant date.
//  - Nothing half-written (table_writer.h): each part is written under a hidden temporary name
//    beside its output and renamed by Finish().
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "render/table_writer.h"

namespace hm::render {

struct XlsxWriterOptions {
  // Rows a sheet may hold, header included, before the output continues in a new part. Default:
  // Excel's maximum. Between 2 and 1,048,576; small values are for tests of the split.
  std::int64_t max_rows_per_sheet = 1'048'576;

  // The creation (and modification) time written in docProps/core.xml. Default 0 means
  // 2000-01-01T00:00:00Z: a fixed value, so that two runs over the same rows give byte-identical
  // files. Pass the run's time only if a changing file is wanted.
  std::time_t created = 0;

  // Where libxlsxwriter keeps each sheet's rows until the workbook is closed (unlinked temporary
  // files, about the size of the uncompressed sheet XML). Default empty: the output's folder,
  // which has room for the output anyway and is not a RAM-backed /tmp.
  std::string tmpdir;
};

// Opens a writer of the workbook `path` ("out/PSA_mockup.xlsx"). Creates missing parent folders
// and checks that the folder can be written, so that an unwritable place fails here and not after
// the rows. Nothing appears at `path` before Finish().
// Errors: kInvalidInput for options out of range; kIoError naming the path when the folder cannot
// be created or written. Later calls report libxlsxwriter's errors (an invalid or duplicate sheet
// name, a cell over 32,767 characters, a failed close) as a Status naming the file.
Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path,
                                                    const XlsxWriterOptions& options = {});

// The name of part `part` (1-based) of the workbook `path`: "X.xlsx" for part 1, then
// "X_part2.xlsx", "X_part3.xlsx"...
std::string XlsxPartPath(const std::string& path, int part);

}  // namespace hm::render
