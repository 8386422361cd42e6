// Reads a job's multipart/form-data upload straight to disk, part by part, so memory does not
// grow with the upload and the size limit is enforced as the bytes arrive (a body without a
// Content-Length, sent in chunks, is cut off too). Files are saved as input/part_<n> in the job
// folder: the client's file name is kept, sanitized, as metadata and never used as a path.
//
// Thread-safety: ReadUploadForm is reentrant.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <httplib.h>

#include "hedis_mockup/status.h"

namespace hm::serve {

struct UploadedFile {
  std::string field;          // the form field: "testcases", "vsd", "spec"
  std::string original_name;  // sanitized
  std::string path;           // where it was saved (absolute)
  std::uint64_t size = 0;
};

struct UploadForm {
  std::map<std::string, std::string> fields;  // text fields (each at most 1 KiB)
  std::vector<UploadedFile> files;
};

// Reads the form through `reader` into `input_dir` (which must exist). kLimitExceeded when the
// files together pass `max_bytes` (the server answers 413), kInvalidInput for a malformed form or
// an oversized text field (400), kIoError if a part cannot be saved.
Result<UploadForm> ReadUploadForm(const httplib::ContentReader& reader, const std::string& input_dir,
                                  std::uint64_t max_bytes);

// kLimitExceeded saying the limit in MB and what to do: the one message for an upload too large,
// whether the server saw it from the Content-Length or while counting the files.
Status UploadTooLarge(std::uint64_t max_bytes);

// The last path component of `name` with control characters, quotes, backslashes and slashes
// dropped, at most 120 bytes: safe to show and to put in a Content-Disposition header.
std::string SanitizeFileName(const std::string& name);

}  // namespace hm::serve
