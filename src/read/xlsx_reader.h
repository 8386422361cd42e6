// The .xlsx (Office Open XML) implementation of Workbook, on libzip and expat. Sheets are
// streamed: a sheet of any length is decompressed and parsed in 64 KiB chunks. The shared string
// table and styles are read once, the first time a sheet is read. Every ReadLimits limit applies,
// so an untrusted upload cannot exhaust memory or time (see zip_archive.h and xml_stream.h).
//
// Thread-safety: the returned Workbook is not thread-safe; open one per thread.
#pragma once

#include <memory>
#include <string>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

namespace hm::read {

// Opens the xlsx (or xlsm) workbook at `path` and reads its sheet list and date system.
// Errors name the file and say what to do: kInvalidInput for a file that is not a zip, a damaged
// or truncated archive, a zip without xl/workbook.xml, malformed XML or a DOCTYPE;
// kLimitExceeded for an archive the limits refuse; kNotFound / kIoError for the file itself.
[[nodiscard]] Result<std::unique_ptr<Workbook>> OpenXlsxFile(const std::string& path,
                                                             const ReadLimits& limits = {});

// The same for a workbook held in memory (an upload, a fuzzer's input). `display_name` stands
// for the file in errors and in Workbook::path().
[[nodiscard]] Result<std::unique_ptr<Workbook>> OpenXlsxBytes(std::string bytes,
                                                              std::string display_name,
                                                              const ReadLimits& limits = {});

}  // namespace hm::read
