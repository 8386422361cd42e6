// Structured logging: every line carries the context of the work it describes (session, measure,
// member or patient, phase, profile), as human text or as JSON lines, to stderr and/or a rotating
// file. See docs/logging.md for the formats, the flags and the rules (never log file contents or
// secrets; identifiers that may be protected health information go through Id()).
//
//   log::ScopedContext context;              // copies this thread's context, restores it at '}'
//   context.Measure("PSA").Phase("PHASE_1");
//   log::Info("Loading {} sources", n);      // ... [measure=PSA] [phase=PHASE_1] Loading 6 sources
//   pool.Submit(log::Bind(task));            // the task runs with this context on the worker
//
// Thread-safety: Configure() must not run concurrently with logging (call it once at start, before
// starting threads). Everything else is thread-safe. The context is per thread: a worker thread
// starts with an empty one unless the task was wrapped with Bind() (or installs a ScopedContext).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "hedis_mockup/status.h"

namespace hm::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class Format { kText, kJson };

// "trace", "debug", "info", "warn" (or "warning"), "error", "off", in any case. An unknown name is
// kInvalidInput listing the valid ones.
Result<Level> ParseLevel(std::string_view name);
// "text" or "json", in any case. An unknown name is kInvalidInput listing the valid ones.
Result<Format> ParseFormat(std::string_view name);
// "info", "warn", ...: the name ParseLevel accepts and JSON lines carry.
const char* LevelName(Level level);

struct LogOptions {
  // Lines below this level are dropped at the call site (a filtered call costs a few ns).
  // Default kInfo: what a user wants to see on a terminal; kDebug for reports of problems.
  Level level = Level::kInfo;
  // One format for every sink (stderr and file alike), so a line reads the same wherever it lands.
  // Default kText for people; kJson for machines (one object per line, easy to ship and query).
  Format format = Format::kText;
  // Write lines to stderr. Default on. stdout stays free for a command's output.
  bool to_stderr = true;
  // Also write lines to this file (folders are created). Default empty: no file.
  std::string file;
  // The file is rotated when the next line would take it past this size: file -> file.1 ->
  // file.2 ... (for "run.log": "run.1.log"). Default 10 MiB: a long run's debug log fits in a few
  // files that an editor still opens. REQUIRES: > 0.
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  // Files kept, counting the current one: disk use stays below max_files * max_file_bytes. With 1
  // the file is truncated when full (the oldest lines are lost first either way). Default 5.
  // REQUIRES: 1 <= max_files <= 1000.
  std::size_t max_files = 5;
  // Replace identifiers that may be protected health information (context member_id and
  // patient_id, and whatever the caller passes through Id()) with a keyed hash. Default off: logs
  // of synthetic test data are easier to read with real ids; turn it on for real patient data.
  bool hash_identifiers = false;
  // The secret key of those hashes; created (32 random bytes, mode 0600) if missing.
  // Default empty: <StateHome>/log-id-key. Only read when hash_identifiers is on.
  std::string hash_key_file;
};

// Replaces the process-wide configuration: level, format, sinks, identifier hashing. Before the
// first call, lines go to stderr at kInfo as text, so library code and tests may log safely.
// Returns kIoError naming the file when the log file cannot be opened or the key file cannot be
// read or created, and kInvalidInput for an impossible option; on error the previous
// configuration stays in force. REQUIRES: no other thread is logging.
Status Configure(const LogOptions& options);

// Whether a line at `level` would be written. Cheap (one atomic load).
bool Enabled(Level level);

// Pushes buffered lines to their sinks. Lines are flushed as they are written, so this is only
// needed by code that reads the log file back (tests).
void Flush();

// What a line is about. Empty fields are not written. Set through ScopedContext.
struct Context {
  std::string session_id;
  std::string measure;
  std::string member_id;   // written through Id()
  std::string patient_id;  // written through Id()
  std::string phase;       // "PHASE_0", "PHASE_1", ...
  std::string profile;     // the patient-timeline profile, e.g. "oncology"
};

// This thread's context. The reference is valid until the thread's context next changes.
const Context& Current();

// Sets this thread's context for a scope. Construction copies the current context, the setters
// change it, and destruction restores what was there before, so nested scopes add detail and
// unwind cleanly. Setters apply to the innermost live scope only (an outer scope's setter would be
// undone when the inner scope ends). Not copyable or movable: it belongs to one thread's stack.
class ScopedContext {
 public:
  ScopedContext();
  // Installs `installed` as this thread's whole context: how a worker takes on the context of the
  // code that queued its task (see Bind).
  explicit ScopedContext(const Context& installed);
  ~ScopedContext();
  ScopedContext(const ScopedContext&) = delete;
  ScopedContext& operator=(const ScopedContext&) = delete;

  ScopedContext& Session(std::string session_id);
  ScopedContext& Measure(std::string measure);
  ScopedContext& Member(std::string member_id);
  ScopedContext& Patient(std::string patient_id);
  ScopedContext& Phase(std::string phase);
  ScopedContext& Profile(std::string profile);

 private:
  Context saved_;
};

// Returns a callable that runs `f` (with whatever arguments it is given) under the context this
// thread has now, and restores the running thread's own context afterwards. Wrap tasks handed to
// another thread with it: `pool.Submit(log::Bind([=] { Load(view); }))`.
template <class F>
auto Bind(F f) {
  return [captured = Current(), f = std::move(f)](auto&&... args) mutable -> decltype(auto) {
    ScopedContext scope(captured);
    return f(std::forward<decltype(args)>(args)...);
  };
}

// Writes one line at `level` with this thread's context and extra key/value `fields` (written
// after the message in text, under "fields" in JSON). Values are written as given: pass
// identifiers through Id(). Never throws: a sink that fails (disk full) says so on stderr, at
// most once a second, and the line is lost.
void Write(Level level, std::string_view message,
           std::initializer_list<std::pair<std::string_view, std::string>> fields = {});

// `identifier` as is, or, when hash_identifiers is on, "id:" and the first 16 hex digits of its
// HMAC-SHA256 under the installation's key: the same member gives the same token in every run, so
// logs can still be followed, but the token cannot be turned back into the identifier without the
// key. Use it for member and patient ids, names, and any other identifier from patient data.
std::string Id(std::string_view identifier);

// fmt-style helpers: `log::Info("Loaded {} rows from {}", rows, view)`. The message is only
// formatted when the level is enabled.
template <typename... Args>
void Trace(fmt::format_string<Args...> format, Args&&... args) {
  if (Enabled(Level::kTrace)) {
    Write(Level::kTrace, fmt::format(format, std::forward<Args>(args)...));
  }
}
template <typename... Args>
void Debug(fmt::format_string<Args...> format, Args&&... args) {
  if (Enabled(Level::kDebug)) {
    Write(Level::kDebug, fmt::format(format, std::forward<Args>(args)...));
  }
}
template <typename... Args>
void Info(fmt::format_string<Args...> format, Args&&... args) {
  if (Enabled(Level::kInfo)) {
    Write(Level::kInfo, fmt::format(format, std::forward<Args>(args)...));
  }
}
template <typename... Args>
void Warn(fmt::format_string<Args...> format, Args&&... args) {
  if (Enabled(Level::kWarn)) {
    Write(Level::kWarn, fmt::format(format, std::forward<Args>(args)...));
  }
}
template <typename... Args>
void Error(fmt::format_string<Args...> format, Args&&... args) {
  if (Enabled(Level::kError)) {
    Write(Level::kError, fmt::format(format, std::forward<Args>(args)...));
  }
}

}  // namespace hm::log
