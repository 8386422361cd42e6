// The CSV TableWriter: a folder with one file per sheet, FOLDER/<SHEET>.csv, the form our reader
// (read/csv_reader.h) and most database loaders take.
//
// The text is RFC 4180 in UTF-8 without a byte-order mark: the header first, a field quoted only
// when it holds a comma, a double quote, CR or LF, quotes inside doubled. Lines end with "\n", not
// the RFC's CRLF: every loader we target accepts LF, and LF files diff cleanly on Linux (a CR
// inside a quoted field is kept as written). Every cell is text and an empty cell is an empty
// field, so "00123" and "01/31/2026" stay as written.
//
// Rows stream through one large buffer per file, so memory stays flat whatever the row count.
// Nothing half-written (table_writer.h): each file is written under a hidden temporary name in
// the folder and renamed by Finish(); files of other names already in the folder are left alone.
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "render/table_writer.h"

namespace hm::render {

struct CsvWriterOptions {
  // Bytes gathered per file before they are written out. Default 1 MiB: few system calls; the
  // writer holds one such buffer per sheet.
  std::size_t buffer_bytes = 1 << 20;
};

// Opens a writer of the CSV folder `folder`, created (with its parents) if missing; the files
// appear only at Finish(). Sheet names must be usable as file names (no '/' or '\', not "." or
// "..") and distinct ignoring case (our reader finds tables ignoring case).
// Errors: kIoError naming the folder when it cannot be created or written. Begin() reports a bad
// sheet name (kInvalidInput); Row() and Finish() report write failures (disk full) naming the
// file.
Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& folder,
                                                   const CsvWriterOptions& options = {});

}  // namespace hm::render
