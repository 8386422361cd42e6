// The measure files users uploaded, kept per user under DATA/measures/user-<name>/:
// <ID>.yaml (the file as checked by measure_upload.h) and <ID>.json (its original file name and
// upload time, metadata only). The folder name is derived from the user name with a prefix, so no
// user name (".." is a valid one) can point elsewhere; the file name is the measure's checked id,
// never the client's file name.
//
// Only the owner sees or uses their uploads (an admin included: the picker is per person). A job
// gets a copy of the file in its own folder at submission, so replacing an upload later never
// changes what a job ran with.
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/status.h"
#include "serve/job.h"

namespace hm::serve {

// Each user's uploads; one more is refused (replacing one of the same id is always allowed).
inline constexpr std::size_t kMaxMeasuresPerUser = 100;

struct UploadedMeasure {
  std::string id;         // upper case, IsValidMeasureId
  std::string file_name;  // the user's file name, sanitized: shown, never a path
  std::string uploaded;   // ISO 8601 UTC
  std::uint64_t size = 0;
  MeasureSummary summary;
};

class MeasureStore {
 public:
  // DATA/measures, created if needed. kIoError naming the folder if it cannot be.
  static Result<std::unique_ptr<MeasureStore>> Open(const std::string& data_dir);

  // A folder for uploads in progress, removed by the caller; inside the store so that moving a
  // file from it is a rename on one file system.
  std::string incoming_dir() const;

  // Stores `yaml` as `user`'s measure summary.id (replacing an upload of that id).
  // REQUIRES: yaml passed CheckMeasureText. kLimitExceeded past kMaxMeasuresPerUser; kIoError.
  Result<UploadedMeasure> Save(const std::string& user, const MeasureSummary& summary, const std::string& yaml,
                               const std::string& file_name);
  // `user`'s uploads, by id.
  std::vector<UploadedMeasure> List(const std::string& user) const;
  // Copies `user`'s measure `id` (any case) into job folder `job_dir` as input/measure.yaml and
  // returns the job input that names it. kNotFound (400 to the client) if they have no such upload.
  Result<JobInput> CopyToJob(const std::string& user, const std::string& id, const std::string& job_dir) const;

 private:
  explicit MeasureStore(std::string dir) : dir_(std::move(dir)) {}
  std::string UserDir(const std::string& user) const;
  Result<UploadedMeasure> Read(const std::string& user, const std::string& id) const;

  const std::string dir_;
  mutable std::mutex mutex_;  // one writer per folder at a time; reads see whole files anyway
};

}  // namespace hm::serve
