// Session: the RAII record of one command's run, and the interrupt flag the CLI's signal handler
// sets.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "audit/appender.h"
#include "audit/audit_log_impl.h"
#include "audit/clock.h"
#include "audit/marker.h"
#include "audit/process.h"
#include "util/files.h"

namespace hm::audit {
namespace {

// A plain lock-free atomic is async-signal-safe to store to, which a mutex or a std::string is not.
std::atomic<int> g_interrupt_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

double RoundMillis(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

FileRecord Fingerprint(const std::string& role, const std::string& path) {
  FileRecord file{role, path, "", 0};
  // An unreadable file is recorded as such (empty hash), not an error: the audit describes the
  // run, and the command itself reports the file.
  if (Result<std::string> hash = util::Sha256File(path); hash.ok()) file.sha256 = *hash;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec) file.size_bytes = size;
  return file;
}

std::string InterruptError(int signal_number, const Status& outcome) {
  std::string error =
      fmt::format("interrupted by signal {} ({})", signal_number, ::strsignal(signal_number));
  if (!outcome.ok()) error += ": " + outcome.ToString();
  return error;
}

}  // namespace

void MarkInterrupted(int signal_number) noexcept {
  g_interrupt_signal.store(signal_number, std::memory_order_relaxed);
}

int InterruptRequested() noexcept { return g_interrupt_signal.load(std::memory_order_relaxed); }

void ClearInterrupted() noexcept { g_interrupt_signal.store(0, std::memory_order_relaxed); }

struct Session::State {
  std::shared_ptr<AuditLog::Impl> log;
  SessionRecord record;
  std::chrono::steady_clock::time_point started;  // for the duration: immune to clock changes
  std::string marker_path;
  std::optional<std::uint64_t> start_ticks;
  bool finished = false;

  // A marker that cannot be refreshed keeps its older content; the run goes on regardless.
  void RefreshMarker() { (void)WriteMarker(marker_path, record, start_ticks); }
  Status Complete(std::string status, std::string error);
};

Status Session::State::Complete(std::string status, std::string error) {
  if (finished) return Status::Ok();
  finished = true;
  record.timestamp_end = FormatUtcSeconds(std::chrono::system_clock::now());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  record.duration_seconds = RoundMillis(elapsed.count());
  record.status = std::move(status);
  record.error = std::move(error);
  // If the append fails the marker stays, and the session is recovered once this process ends.
  HM_RETURN_IF_ERROR(AppendRecord(log->log_path, record, log->options.sync));
  std::error_code ignored;
  std::filesystem::remove(marker_path, ignored);
  return Status::Ok();
}

Session::Session(std::unique_ptr<State> state) : state_(std::move(state)) {}
Session::Session(Session&& other) noexcept = default;

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    FinishAbandoned();
    state_ = std::move(other.state_);
  }
  return *this;
}

Session::~Session() { FinishAbandoned(); }

void Session::FinishAbandoned() noexcept {
  if (!state_ || state_->finished) return;
  try {
    (void)state_->Complete(std::string(kStatusFailed),
                           "ended without finishing (an error escaped, or the command returned "
                           "early)");
  } catch (...) {
    // Out of memory while unwinding: the marker stays, and the next Open records the session.
  }
}

Result<Session> Session::Begin(const AuditLog& log, std::string command, std::string measure) {
  auto state = std::make_unique<State>();
  state->log = log.impl_;
  const auto now = std::chrono::system_clock::now();
  state->started = std::chrono::steady_clock::now();
  SessionRecord& r = state->record;
  r.session_id = NewSessionId(now);
  r.measure = std::move(measure);
  r.command = std::move(command);
  r.timestamp_start = FormatUtcSeconds(now);
  r.status = "running";  // only ever seen in a marker
  r.user = CurrentUser();
  r.host = HostName();
  r.pid = ::getpid();
  r.tool_version = log.impl_->options.tool_version;
  state->start_ticks = ProcessStartTicks(r.pid);
  state->marker_path = MarkerPath(log.impl_->running_dir, r.session_id);
  HM_RETURN_IF_ERROR(WriteMarker(state->marker_path, r, state->start_ticks));
  return Session(std::move(state));
}

const std::string& Session::session_id() const { return state_->record.session_id; }

const SessionRecord& Session::record() const { return state_->record; }

void Session::AddInput(const std::string& role, const std::string& path) {
  SessionRecord& r = state_->record;
  r.inputs.push_back(Fingerprint(role, path));
  if (role == "testcase" && r.testcase_file.empty()) {
    r.testcase_file = BaseName(path);
    r.testcase_hash = r.inputs.back().sha256;
  }
  state_->RefreshMarker();
}

void Session::AddOutput(const std::string& role, const std::string& path) {
  SessionRecord& r = state_->record;
  r.outputs.push_back(Fingerprint(role, path));
  if (r.output_file.empty()) {
    r.output_file = BaseName(path);
    r.output_hash = r.outputs.back().sha256;
    // MB as 10^6 bytes, to the kilobyte; the exact size is in outputs[].size_bytes.
    r.output_size_mb = std::round(static_cast<double>(r.outputs.back().size_bytes) / 1e3) / 1e3;
  }
  state_->RefreshMarker();
}

void Session::AddEvent(const std::string& type, const std::string& message,
                       const std::string& details_json) {
  state_->record.events.push_back(
      {FormatUtcMillis(std::chrono::system_clock::now()), type, message, details_json});
  state_->RefreshMarker();
}

void Session::SetMembersGenerated(std::int64_t members) {
  state_->record.members_generated = members;
}

void Session::SetCompleteness(const std::string& completeness_json) {
  state_->record.completeness_json = completeness_json;
}

void Session::SetMeasure(const std::string& measure) {
  state_->record.measure = measure;
  state_->RefreshMarker();
}

void Session::SetUser(const std::string& user) {
  state_->record.user = user;
  state_->RefreshMarker();
}

Status Session::Finish(const Status& outcome) {
  if (const int signal_number = InterruptRequested(); signal_number != 0) {
    return state_->Complete(std::string(kStatusFailed), InterruptError(signal_number, outcome));
  }
  if (outcome.ok()) return state_->Complete(std::string(kStatusSuccess), "");
  return state_->Complete(std::string(kStatusFailed), outcome.ToString());
}

Status AuditLog::RecoverInterrupted() const { return RecoverMarkers(*impl_); }

}  // namespace hm::audit
