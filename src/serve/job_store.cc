#include "serve/job_store.h"

#include <algorithm>
#include <filesystem>

#include "hedis_mockup/log.h"
#include "util/files.h"

namespace hm::serve {

Result<std::shared_ptr<JobStore>> JobStore::Open(const std::string& data_dir) {
  const std::string jobs_dir = (std::filesystem::path(data_dir) / "jobs").string();
  std::error_code ec;
  std::filesystem::create_directories(jobs_dir, ec);
  if (ec) return Status::IoError("cannot create the jobs folder: " + ec.message()).InFile(jobs_dir);
  std::shared_ptr<JobStore> store(new JobStore(jobs_dir));
  std::vector<Job> found;
  for (const auto& entry : std::filesystem::directory_iterator(jobs_dir, ec)) {
    const std::string id = entry.path().filename().string();
    if (!IsValidJobId(id)) continue;
    auto text = util::ReadFile((entry.path() / "job.json").string());
    auto job = text.ok() ? JobFromJson(*text) : Result<Job>(text.status());
    if (!job.ok() || job->id != id) {
      log::Warn("skipping job folder {}: {}", id, job.ok() ? "id mismatch" : job.status().ToString());
      continue;
    }
    found.push_back(std::move(job).value());
  }
  std::sort(found.begin(), found.end(),
            [](const Job& a, const Job& b) { return std::tie(a.created, a.id) < std::tie(b.created, b.id); });
  std::lock_guard lock(store->mutex_);
  for (Job& job : found) {
    store->Recover(job);
    store->order_.push_back(job.id);
    store->jobs_[job.id] = std::move(job);
  }
  return store;
}

void JobStore::Recover(Job& job) {
  if (IsFinished(job.status)) return;
  job.status = JobStatus::kFailed;
  job.error = "the server stopped before the job finished";
  if (job.finished.empty()) job.finished = NowIso8601();
  if (Status s = Persist(job); !s.ok()) log::Warn("{}", s.ToString());
}

std::string JobStore::JobDir(const std::string& id) const {
  return (std::filesystem::path(jobs_dir_) / id).string();
}

Status JobStore::Persist(const Job& job) const {
  return util::AtomicWrite((std::filesystem::path(JobDir(job.id)) / "job.json").string(), JobToJson(job));
}

Status JobStore::Add(Job job) {
  std::lock_guard lock(mutex_);
  HM_RETURN_IF_ERROR(Persist(job));
  order_.push_back(job.id);
  jobs_[job.id] = std::move(job);
  ++version_;
  changed_.notify_all();
  return Status::Ok();
}

void JobStore::Remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  jobs_.erase(id);
  std::erase(order_, id);
  std::error_code ignored;
  std::filesystem::remove_all(JobDir(id), ignored);
  ++version_;
  changed_.notify_all();
}

std::vector<std::string> JobStore::RemoveFinishedBefore(const std::string& cutoff) {
  std::vector<std::string> removed;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, job] : jobs_) {
      const std::string& when = job.finished.empty() ? job.created : job.finished;
      if (IsFinished(job.status) && when < cutoff) removed.push_back(id);
    }
    for (const std::string& id : removed) {
      jobs_.erase(id);
      std::erase(order_, id);
    }
    if (!removed.empty()) {
      ++version_;
      changed_.notify_all();
    }
  }
  // Deleted outside the lock: a large folder must not hold up every request that reads a job.
  for (const std::string& id : removed) {
    std::error_code ec;
    std::filesystem::remove_all(JobDir(id), ec);
    if (ec) log::Warn("job {}: cannot delete its folder: {}", id, ec.message());
  }
  return removed;
}

std::optional<Job> JobStore::Get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

std::vector<Job> JobStore::List(const std::string& owner) const {
  std::lock_guard lock(mutex_);
  std::vector<Job> out;
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    const Job& job = jobs_.at(*it);
    if (owner.empty() || job.owner == owner) out.push_back(job);
  }
  return out;
}

void JobStore::Update(const std::string& id, const std::function<void(Job&)>& change, bool persist) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return;
  change(it->second);
  if (persist) {
    if (Status s = Persist(it->second); !s.ok()) log::Warn("job {}: {}", id, s.ToString());
  }
  ++version_;
  changed_.notify_all();
}

std::uint64_t JobStore::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

void JobStore::WaitForChange(std::uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  const std::uint64_t wakes = wakes_;
  changed_.wait_for(lock, timeout, [&] { return version_ != seen || wakes_ != wakes; });
}

void JobStore::Wake() {
  std::lock_guard lock(mutex_);
  ++wakes_;
  changed_.notify_all();
}

}  // namespace hm::serve
