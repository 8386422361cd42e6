// WriteTimelineArtifacts: every file into a temporary folder inside the output folder, then moved
// into place, so that a failure leaves nothing half-written and nothing from this run at all.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "abstract/summary_workbook.h"
#include "hedis_mockup/abstract.h"
#include "util/files.h"

namespace hm {
namespace {

namespace fs = std::filesystem;

bool SafeName(std::string_view id) {
  if (id.empty() || id.front() == '.' || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Removes the temporary folder on every way out.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const fs::path& parent) {
    std::random_device random;
    path_ = parent / fmt::format(".timeline-tmp-{}-{:08x}", getpid(), random());
  }
  ~TemporaryFolder() {
    std::error_code ignored;  // best effort: a leftover hidden folder harms nothing
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Writes every artifact under `root`; returns their paths relative to it.
Result<std::vector<std::string>> WriteAll(const CohortResult& cohort, const fs::path& root,
                                          const std::string& run_info_json) {
  std::vector<std::string> written;
  auto write = [&](const std::string& name, const std::string& bytes) -> Status {
    HM_RETURN_IF_ERROR(util::AtomicWrite((root / name).string(), bytes));
    written.push_back(name);
    return Status::Ok();
  };
  for (const PatientTimeline& p : cohort.patients) {
    HM_RETURN_IF_ERROR(write("patients/" + PatientArtifactName(p.patient_id),
                             PatientTimelineJson(p)));
  }
  const CohortSummary summary = SummarizeCohort(cohort);
  HM_RETURN_IF_ERROR(write("cohort_summary.json", CohortSummaryJson(summary)));
  HM_RETURN_IF_ERROR(abstract::WriteSummaryWorkbook(cohort, summary,
                                                    (root / "cohort_summary.xlsx").string()));
  written.push_back("cohort_summary.xlsx");
  HM_RETURN_IF_ERROR(write("run_info.json", run_info_json + "\n"));
  return written;
}

Status MoveInto(const fs::path& from, const fs::path& to, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    std::error_code error;
    fs::create_directories((to / name).parent_path(), error);
    if (!error) fs::rename(from / name, to / name, error);
    if (error) {
      return Status::IoError(fmt::format("cannot move {} into place: {}", name, error.message()))
          .InFile(to.string());
    }
  }
  return Status::Ok();
}

}  // namespace

std::string PatientArtifactName(std::string_view patient_id) {
  if (SafeName(patient_id)) return fmt::format("{}.json", patient_id);
  // Ids with '/', spaces or other characters a file name cannot hold safely.
  return fmt::format("patient-{}.json", util::Sha256Hex(patient_id).substr(0, 16));
}

Result<std::vector<std::string>> WriteTimelineArtifacts(const CohortResult& cohort,
                                                        const std::string& out_dir,
                                                        const std::string& run_info_json) {
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error) {
    return Status::IoError(fmt::format("cannot create the output folder: {}", error.message()))
        .InFile(out_dir);
  }
  const TemporaryFolder temporary(out_dir);
  HM_ASSIGN_OR_RETURN(std::vector<std::string> names,
                      WriteAll(cohort, temporary.path(), run_info_json));
  HM_RETURN_IF_ERROR(MoveInto(temporary.path(), out_dir, names));
  std::vector<std::string> paths;
  for (const std::string& name : names) paths.push_back((fs::path(out_dir) / name).string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace hm
