#include "audit/marker.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "audit/appender.h"
#include "audit/clock.h"
#include "audit/log_file.h"
#include "audit/process.h"
#include "audit/record_json.h"
#include "util/files.h"

namespace hm::audit {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kClaimed = ".claimed.";

struct Marker {
  SessionRecord record;
  std::optional<std::uint64_t> start_ticks;
};

// A marker that cannot be read (half-written by a tool, hand-edited) is left alone: it holds
// nothing a record could be made of, and deleting evidence is worse than keeping litter.
std::optional<Marker> ReadMarker(const std::string& path) {
  Result<std::string> text = util::ReadFile(path);
  if (!text.ok()) return std::nullopt;
  ordered_json value = ordered_json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return std::nullopt;
  Result<SessionRecord> record = RecordFromValue(value, /*require_prev_hash=*/false);
  if (!record.ok()) return std::nullopt;
  Marker marker{std::move(record).value(), std::nullopt};
  if (auto it = value.find("process_start_ticks"); it != value.end() && it->is_number_unsigned()) {
    marker.start_ticks = it->get<std::uint64_t>();
  }
  return marker;
}

// The last time the session showed life: when its marker was last written.
TimePoint LastWritten(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::chrono::system_clock::now();
  return TimePoint(std::chrono::seconds(info.st_mtim.tv_sec));
}

bool LogHasSession(const std::string& log_path, const std::string& session_id) {
  Result<UniqueFd> fd = OpenForReading(log_path);
  if (!fd.ok()) return false;
  const std::string needle = fmt::format("\"session_id\":\"{}\"", session_id);
  bool found = false;
  (void)ScanLines(fd->get(), 0, log_path, [&](std::string_view line, std::uint64_t) {
    if (line.find(needle) != std::string_view::npos) found = true;
    return Status::Ok();
  });
  return found;
}

SessionRecord InterruptedRecord(Marker marker, const std::string& claimed_path) {
  SessionRecord record = std::move(marker.record);
  const TimePoint end = LastWritten(claimed_path);
  record.timestamp_end = FormatUtcSeconds(end);
  if (auto start = ParseUtcSeconds(record.timestamp_start)) {
    record.duration_seconds =
        static_cast<double>(std::max<std::int64_t>(0, EpochSeconds(end) - *start));
  }
  record.status = kStatusFailed;
  record.error = kInterruptedError;
  record.events.push_back({FormatUtcMillis(std::chrono::system_clock::now()), "interrupted",
                           fmt::format("recorded from its marker by process {}", ::getpid()),
                           "{}"});
  return record;
}

// Whether the process that owns `name` (a marker, or a claim on one) has ended.
bool OwnerEnded(const std::string& name, const Marker& marker) {
  const std::size_t claim = name.find(kClaimed);
  if (claim == std::string::npos) return ProcessEnded(marker.record.pid, marker.start_ticks);
  const std::string pid = name.substr(claim + kClaimed.size());
  // A claim records no start time; a reused pid only delays the takeover.
  return ProcessEnded(std::strtoll(pid.c_str(), nullptr, 10), std::nullopt);
}

Status RecoverOne(const AuditLog::Impl& impl, const fs::path& path, const std::string& host) {
  const std::string name = path.filename().string();
  std::optional<Marker> marker = ReadMarker(path.string());
  if (!marker || marker->record.host != host || !OwnerEnded(name, *marker)) return Status::Ok();
  const bool was_claimed = name.find(kClaimed) != std::string::npos;
  const std::string base = was_claimed ? name.substr(0, name.find(kClaimed)) : name;
  const std::string claimed =
      (path.parent_path() / fmt::format("{}{}{}", base, kClaimed, ::getpid())).string();
  // rename() is atomic: of several processes recovering at once, exactly one succeeds.
  if (std::rename(path.c_str(), claimed.c_str()) != 0) return Status::Ok();
  if (!was_claimed || !LogHasSession(impl.log_path, marker->record.session_id)) {
    SessionRecord record = InterruptedRecord(std::move(*marker), claimed);
    if (Status appended = AppendRecord(impl.log_path, record, impl.options.sync); !appended.ok()) {
      std::rename(claimed.c_str(), path.c_str());  // try again next time
      return appended;
    }
  }
  std::remove(claimed.c_str());
  return Status::Ok();
}

// A marker's temporary (util::AtomicWrite names it <marker>.tmp.<pid>) whose writer was killed
// mid-write holds nothing worth keeping.
void RemoveOrphanedTemporary(const fs::path& path, const std::string& name) {
  const std::size_t tmp = name.rfind(".json.tmp.");
  if (tmp == std::string::npos) return;
  const long long pid = std::strtoll(name.c_str() + tmp + 10, nullptr, 10);
  std::error_code ignored;
  if (pid != ::getpid() && ProcessEnded(pid, std::nullopt)) fs::remove(path, ignored);
}

bool IsMarkerName(const std::string& name) {
  return name.ends_with(".json") ||
         name.find(std::string(".json") + std::string(kClaimed)) != std::string::npos;
}

}  // namespace

std::string MarkerPath(const std::string& running_dir, const std::string& session_id) {
  return running_dir + "/" + session_id + ".json";
}

Status WriteMarker(const std::string& path, const SessionRecord& record,
                   std::optional<std::uint64_t> start_ticks) {
  ordered_json value = RecordToValue(record);
  if (start_ticks) value["process_start_ticks"] = *start_ticks;
  return util::AtomicWrite(path, DumpJson(value));
}

Status RecoverMarkers(const AuditLog::Impl& impl) {
  std::error_code ec;
  fs::directory_iterator entries(impl.running_dir, ec);
  if (ec) return Status::Ok();  // no running/ folder: nothing was interrupted
  const std::string host = HostName();
  std::vector<fs::path> markers;
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (IsMarkerName(name)) markers.push_back(entry.path());
    else RemoveOrphanedTemporary(entry.path(), name);
  }
  Diagnostics problems;
  for (const fs::path& path : markers) problems.Add(RecoverOne(impl, path, host));
  return problems.Checkpoint();
}

}  // namespace hm::audit
