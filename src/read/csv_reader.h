// The CSV implementation of Workbook: one CSV file is one sheet, and a folder of CSV files is a
// workbook with one sheet per file. Text is RFC 4180 (quoted fields, doubled quotes, line breaks
// inside quotes, CRLF or LF) in UTF-8, with a leading byte-order mark ignored. Files are streamed
// in 64 KiB chunks, so memory grows with the longest record, never with the file.
//
// Every field becomes a kString cell, even "42" or "2026-01-01": CSV has no types, and guessing
// them here would lose what the user wrote ("00123" as a code, "1/2" as a date or a fraction).
// Callers decide what the text means.
//
// Thread-safety: the returned Workbook is not thread-safe; open one per thread.
#pragma once

#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

namespace hm::read {

// One sheet, named after the file without its folder and extension ("vsd/Codes.csv" ->
// "Codes"). Row::number is the line on which a record starts; blank records are skipped.
// Errors name the file and line: kNotFound / kIoError for the file, kInvalidInput for an
// unterminated quoted field (naming the line where it began) or a NUL byte (UTF-16 text),
// kLimitExceeded for a field over max_csv_field_bytes or a record over max_columns fields.
[[nodiscard]] Result<std::unique_ptr<Workbook>> OpenCsvFile(const std::string& path,
                                                            const ReadLimits& limits = {});

// A folder of CSV files (".csv" in any case), one sheet per file, in file-name order.
// kInvalidInput if the folder holds no CSV file.
[[nodiscard]] Result<std::unique_ptr<Workbook>> OpenCsvFolder(const std::string& path,
                                                              const ReadLimits& limits = {});

// One sheet from CSV text in memory (an upload, a fuzzer's input); `display_name` stands for
// the file in errors and names the sheet as a path would.
[[nodiscard]] Result<std::unique_ptr<Workbook>> OpenCsvBytes(std::string bytes,
                                                             std::string display_name,
                                                             const ReadLimits& limits = {});

}  // namespace hm::read
