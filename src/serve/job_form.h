// Turns an uploaded form into a job request: checks every file's type by content, checks the
// fields (measure, my, seed, flags), and moves the files to their fixed names in the job folder:
//   input/testcases.xlsx|csv   input/vsd_<n>.xlsx   input/vsd/<sheet>.csv   input/spec.pdf
//
// Thread-safety: the functions are reentrant.
#pragma once

#include <string>
#include <string_view>

#include "serve/job.h"
#include "serve/upload_form.h"

namespace hm::serve {

// Each file's kind by content, in form order. kInvalidInput naming the file (the server answers
// 415) when one is not of a kind its field takes.
Status CheckFileTypes(const UploadForm& form, std::vector<std::string>& kinds);

// The request, with the files moved into `job_dir`. kInvalidInput (400) naming the field for a
// missing or bad field; kIoError if a file cannot be moved. REQUIRES: CheckFileTypes succeeded
// and filled `kinds`.
//
// A `measure` field of the form "uploaded:<ID>" (as GET /api/measures gives it) names one of the
// user's uploaded measures: the request's measure is then left as "uploaded:<ID>" for the caller
// to resolve against the user's uploads (IsUploadedMeasureRef, MeasureStore::CopyToJob).
Result<JobRequest> BuildJobRequest(const UploadForm& form, const std::vector<std::string>& kinds,
                                   const std::string& job_dir);

// "uploaded:" and the id when `measure` refers to an uploaded measure.
inline constexpr std::string_view kUploadedMeasurePrefix = "uploaded:";
bool IsUploadedMeasureRef(std::string_view measure);

}  // namespace hm::serve
