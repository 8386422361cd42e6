// AuditLog: opening the folder, appending, and the queries (history, statistics, verify) that
// read through the index.
#include <fmt/format.h>

#include <filesystem>

#include "audit/appender.h"
#include "audit/audit_log_impl.h"
#include "audit/clock.h"
#include "audit/log_file.h"
#include "audit/record_json.h"
#include "audit/verify.h"
#include "util/files.h"

#ifndef HM_TOOL_VERSION
#define HM_TOOL_VERSION "unknown"
#endif

namespace hm::audit {
namespace {

constexpr std::size_t kSkippedWarningsKept = 10;

Result<Index> OpenIndex(const std::string& index_path) {
  Result<Index> index = Index::Open(index_path);
  // A read-only audit folder (someone else's log) still answers queries from a private index.
  if (!index.ok()) index = Index::Open(":memory:");
  return index;
}

}  // namespace

Result<bool> VisitIndexedLines(const std::string& log_path, const std::vector<IndexedLine>& lines,
                               const SessionVisitor& visit) {
  Result<UniqueFd> fd = OpenForReading(log_path);
  if (!fd.ok()) {
    if (fd.status().code() == StatusCode::kNotFound) return lines.empty();
    return std::move(fd).TakeStatus();
  }
  for (const IndexedLine& at : lines) {
    Result<std::string> line =
        ReadAt(fd->get(), at.offset, static_cast<std::size_t>(at.length), log_path);
    if (!line.ok()) return false;
    Result<SessionRecord> record = RecordFromJson(*line);
    if (!record.ok() || record->session_id != at.session_id) return false;
    HM_RETURN_IF_ERROR(visit(*record));
  }
  return true;
}

Result<Index*> AuditLog::Impl::CaughtUpIndex(std::vector<std::string>& warnings) {
  if (!index) {
    HM_ASSIGN_OR_RETURN(Index opened, OpenIndex(index_path));
    index.emplace(std::move(opened));
  }
  Result<CatchUpResult> caught_up = index->CatchUp(log_path);
  if (!caught_up.ok()) {
    // The index may be damaged: it is disposable, so start a new one once before giving up.
    index.reset();
    RemoveIndexFiles(index_path);
    HM_ASSIGN_OR_RETURN(Index fresh, OpenIndex(index_path));
    index.emplace(std::move(fresh));
    caught_up = index->CatchUp(log_path);
    if (!caught_up.ok()) return std::move(caught_up).TakeStatus();
  }
  warnings.insert(warnings.end(), caught_up->warnings.begin(), caught_up->warnings.end());
  HM_ASSIGN_OR_RETURN(std::vector<std::string> skipped,
                      index->SkippedLineWarnings(log_path, kSkippedWarningsKept));
  warnings.insert(warnings.end(), skipped.begin(), skipped.end());
  return &*index;
}

Result<HistoryResult> AuditLog::Impl::ReadSessions(const HistoryQuery& query,
                                                   std::int64_t since_epoch) {
  HistoryResult result;
  HM_ASSIGN_OR_RETURN(Index * caught_up, CaughtUpIndex(result.warnings));
  // Two attempts: if the log changed between catching up and reading, rebuild and read again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    HM_ASSIGN_OR_RETURN(std::vector<IndexedLine> lines, caught_up->Find(query, since_epoch));
    result.sessions.clear();
    result.sessions.reserve(lines.size());
    HM_ASSIGN_OR_RETURN(bool current,
                        VisitIndexedLines(log_path, lines, [&](const SessionRecord& record) {
                          result.sessions.push_back(record);
                          return Status::Ok();
                        }));
    if (current) return result;
    HM_RETURN_IF_ERROR(caught_up->Reset());
    std::vector<std::string> ignored;  // already reported in the first catch-up
    HM_ASSIGN_OR_RETURN(caught_up, CaughtUpIndex(ignored));
  }
  return Status::IoError("the audit log kept changing while it was read; try again")
      .InFile(log_path);
}

Result<AuditLog> AuditLog::Open(AuditOptions options) {
  if (options.dir.empty()) options.dir = util::StateHome() + "/audit";
  if (options.tool_version.empty()) options.tool_version = HM_TOOL_VERSION;
  auto impl = std::make_shared<Impl>();
  impl->log_path = options.dir + "/audit.jsonl";
  impl->index_path = options.dir + "/index.sqlite";
  impl->running_dir = options.dir + "/running";
  std::error_code ec;
  std::filesystem::create_directories(impl->running_dir, ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot create the audit folder: {}", ec.message()),
                           "set HEDIS_MOCKUP_HOME to a folder you may write")
        .InFile(options.dir);
  }
  impl->options = std::move(options);
  AuditLog log(std::move(impl));
  // Best effort: a log that cannot record a recovered session now (a read-only folder, say) can
  // still be read, and the markers stay for the next Open to try again.
  if (log.impl_->options.recover_interrupted) (void)log.RecoverInterrupted();
  return log;
}

const std::string& AuditLog::dir() const { return impl_->options.dir; }

std::string AuditLog::log_path() const { return impl_->log_path; }

Status AuditLog::Append(SessionRecord record) const {
  return AppendRecord(impl_->log_path, record, impl_->options.sync);
}

Result<HistoryResult> AuditLog::History(const HistoryQuery& query) const {
  if (!query.status.empty() && query.status != kStatusSuccess && query.status != kStatusFailed) {
    return Status::InvalidInput(fmt::format("unknown status '{}'", query.status),
                                "use 'success' or 'failed'");
  }
  std::lock_guard lock(impl_->mutex);
  return impl_->ReadSessions(query, kAllTime);
}

Result<Statistics> AuditLog::Stats(int days, std::chrono::system_clock::time_point now,
                                   const std::string& user) const {
  if (days < 1) {
    return Status::InvalidInput(fmt::format("the period must be at least one day, not {}", days),
                                "give --days 1 or more");
  }
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> warnings;
  HM_ASSIGN_OR_RETURN(Index * index, impl_->CaughtUpIndex(warnings));
  HM_ASSIGN_OR_RETURN(Statistics stats,
                      index->Aggregate(EpochSeconds(now) - std::int64_t{days} * 86400, user));
  stats.period_days = days;
  stats.warnings = std::move(warnings);
  return stats;
}

Result<VerifyReport> AuditLog::Verify() const { return VerifyLog(impl_->log_path); }

}  // namespace hm::audit
