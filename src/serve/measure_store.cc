#include "serve/measure_store.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/measure_upload.h"
#include "util/files.h"
#include "util/text.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// The ids of the uploads in `dir`: the stems of its valid <ID>.yaml files.
std::vector<std::string> IdsIn(const std::string& dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    const std::string stem = p.stem().string();
    if (p.extension() == ".yaml" && IsValidMeasureId(stem) && stem == util::Upper(stem)) ids.push_back(stem);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

Result<std::unique_ptr<MeasureStore>> MeasureStore::Open(const std::string& data_dir) {
  const std::string dir = (fs::path(data_dir) / "measures").string();
  std::error_code ec;
  fs::create_directories(fs::path(dir) / ".incoming", ec);
  if (ec) return Status::IoError("cannot create the measures folder: " + ec.message()).InFile(dir);
  return std::unique_ptr<MeasureStore>(new MeasureStore(dir));
}

std::string MeasureStore::incoming_dir() const { return (fs::path(dir_) / ".incoming").string(); }

std::string MeasureStore::UserDir(const std::string& user) const {
  return (fs::path(dir_) / ("user-" + user)).string();
}

Result<UploadedMeasure> MeasureStore::Save(const std::string& user, const MeasureSummary& summary,
                                           const std::string& yaml, const std::string& file_name) {
  std::lock_guard lock(mutex_);
  const std::string dir = UserDir(user);
  const std::vector<std::string> ids = IdsIn(dir);
  if (ids.size() >= kMaxMeasuresPerUser && !std::binary_search(ids.begin(), ids.end(), summary.id)) {
    return Status::LimitExceeded(fmt::format("you have {} uploaded measures, the most kept per user", ids.size()),
                                 "upload a new version under an existing id instead");
  }
  UploadedMeasure m{summary.id, file_name, NowIso8601(), yaml.size(), summary};
  const nlohmann::json meta = {{"file_name", m.file_name}, {"uploaded", m.uploaded}};
  // The YAML last: a listing shows an upload once its file is there, and its metadata is ready.
  HM_RETURN_IF_ERROR(util::AtomicWrite((fs::path(dir) / (m.id + ".json")).string(), meta.dump()));
  HM_RETURN_IF_ERROR(util::AtomicWrite((fs::path(dir) / (m.id + ".yaml")).string(), yaml));
  return m;
}

Result<UploadedMeasure> MeasureStore::Read(const std::string& user, const std::string& id) const {
  const fs::path base = fs::path(UserDir(user)) / id;
  HM_ASSIGN_OR_RETURN(std::string yaml, util::ReadFile(base.string() + ".yaml"));
  UploadedMeasure m;
  m.id = id;
  m.size = yaml.size();
  HM_ASSIGN_OR_RETURN(m.summary, SummarizeMeasure(yaml, id + ".yaml"));
  m.summary.id = id;
  if (auto meta_text = util::ReadFile(base.string() + ".json"); meta_text.ok()) {
    const nlohmann::json meta = nlohmann::json::parse(*meta_text, nullptr, false);
    if (meta.is_object()) {
      m.file_name = meta.value("file_name", "");
      m.uploaded = meta.value("uploaded", "");
    }
  }
  if (m.file_name.empty()) m.file_name = id + ".yaml";
  return m;
}

std::vector<UploadedMeasure> MeasureStore::List(const std::string& user) const {
  std::vector<UploadedMeasure> out;
  for (const std::string& id : IdsIn(UserDir(user))) {
    if (auto m = Read(user, id); m.ok()) out.push_back(std::move(m).value());
  }
  return out;
}

Result<JobInput> MeasureStore::CopyToJob(const std::string& user, const std::string& id,
                                         const std::string& job_dir) const {
  const std::string key = util::Upper(id);
  const std::vector<std::string> ids = IsValidMeasureId(key) ? IdsIn(UserDir(user)) : std::vector<std::string>{};
  if (!std::binary_search(ids.begin(), ids.end(), key)) {
    return Status::NotFound(fmt::format("field 'measure': you have no uploaded measure '{}'", key),
                            "upload it first (POST /api/measures), or pick one from GET /api/measures");
  }
  HM_ASSIGN_OR_RETURN(UploadedMeasure m, Read(user, key));
  HM_ASSIGN_OR_RETURN(std::string yaml, util::ReadFile((fs::path(UserDir(user)) / (key + ".yaml")).string()));
  const std::string relative = "input/measure.yaml";
  HM_RETURN_IF_ERROR(util::AtomicWrite((fs::path(job_dir) / relative).string(), yaml));
  return JobInput{"measure", relative, m.file_name, "yaml", yaml.size()};
}

}  // namespace hm::serve
