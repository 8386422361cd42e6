// Process-wide logging state: the configured logger, the level filter and the identifier key.
#include "hedis_mockup/log.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>

#include "backbone/log_key.h"
#include "backbone/log_line.h"
#include "backbone/log_sinks.h"
#include "backbone/log_terminal.h"
#include "util/files.h"

namespace hm::log {
namespace {

struct State {
  std::shared_ptr<spdlog::logger> logger;
  Format format = Format::kText;
  bool to_stderr = true;
  bool hash_identifiers = false;
  std::string id_key;
  std::uint64_t generation = 0;  // which Configure() made this state: 1, 2, ...
};

// Read on every call at a level; an atomic of its own keeps filtered-out calls to one load.
std::atomic<Level> g_level{Level::kInfo};
std::atomic<bool> g_status_line{false};

State MakeDefaultState() {
  State state;
  state.logger = MakeLogger(LogOptions{}).value();  // stderr only: nothing that can fail
  return state;
}

// Never destroyed: code that logs from static destructors or late threads stays safe, and with
// every line flushed as written there is nothing to lose at exit.
State& Global() {
  static State* state = new State(MakeDefaultState());
  return *state;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status CheckOptions(const LogOptions& options) {
  if (options.max_file_bytes == 0) {
    return Status::InvalidInput("the log file size limit must be above 0 bytes");
  }
  if (options.max_files < 1 || options.max_files > 1000) {
    return Status::InvalidInput(
        fmt::format("the number of log files to keep must be 1 to 1000, not {}",
                    options.max_files));
  }
  return Status::Ok();
}

std::string IdKeyPath(const LogOptions& options) {
  return options.hash_key_file.empty() ? util::StateHome() + "/log-id-key"
                                       : options.hash_key_file;
}

// Lines about one member come in runs: remembering a thread's last token spares the HMAC (about
// 2 us with OpenSSL 3) on all but the first. The generation keeps a token made under an earlier
// configuration's key from being reused.
struct IdCache {
  std::uint64_t generation = 0;
  std::string identifier;
  std::string token;
};

// Id(identifier), as a view valid until `cache` is next used (or into `identifier` itself).
std::string_view CachedId(IdCache& cache, std::string_view identifier) {
  const State& state = Global();
  if (!state.hash_identifiers || identifier.empty()) return identifier;
  if (cache.generation != state.generation || cache.identifier != identifier) {
    cache.token = IdToken(state.id_key, identifier);
    cache.identifier = identifier;
    cache.generation = state.generation;
  }
  return cache.token;
}

}  // namespace

Result<Level> ParseLevel(std::string_view name) {
  const std::string lower = Lower(name);
  static constexpr std::array<std::pair<std::string_view, Level>, 7> kNames = {{
      {"trace", Level::kTrace}, {"debug", Level::kDebug}, {"info", Level::kInfo},
      {"warn", Level::kWarn}, {"warning", Level::kWarn}, {"error", Level::kError},
      {"off", Level::kOff},
  }};
  for (const auto& [known, level] : kNames) {
    if (lower == known) return level;
  }
  return Status::InvalidInput(fmt::format("unknown log level '{}'", name),
                              "use one of trace, debug, info, warn, error, off");
}

Result<Format> ParseFormat(std::string_view name) {
  const std::string lower = Lower(name);
  if (lower == "text") return Format::kText;
  if (lower == "json") return Format::kJson;
  return Status::InvalidInput(fmt::format("unknown log format '{}'", name),
                              "use text or json");
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kTrace: return "trace";
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
    case Level::kOff: return "off";
  }
  return "off";
}

Status Configure(const LogOptions& options) {
  HM_RETURN_IF_ERROR(CheckOptions(options));
  State next;
  next.format = options.format;
  next.to_stderr = options.to_stderr;
  next.hash_identifiers = options.hash_identifiers;
  static std::uint64_t configured = 0;  // Configure() is never concurrent (see log.h)
  next.generation = ++configured;
  // The key first: if it fails, no log file has been created for nothing.
  if (options.hash_identifiers) {
    HM_ASSIGN_OR_RETURN(next.id_key, LoadOrCreateIdKey(IdKeyPath(options)));
  }
  HM_ASSIGN_OR_RETURN(next.logger, MakeLogger(options));
  State& state = Global();
  state.logger->flush();
  state = std::move(next);
  g_level.store(options.level, std::memory_order_relaxed);
  return Status::Ok();
}

bool Enabled(Level level) {
  return level != Level::kOff && level >= g_level.load(std::memory_order_relaxed);
}

void Flush() { Global().logger->flush(); }

std::string Id(std::string_view identifier) {
  thread_local IdCache cache;
  return std::string(CachedId(cache, identifier));
}

void Write(Level level, std::string_view message, ExtraFields fields) {
  if (!Enabled(level)) return;
  const Context& context = Current();
  thread_local IdCache member_cache;
  thread_local IdCache patient_cache;
  const std::string_view member = CachedId(member_cache, context.member_id);
  const std::string_view patient = CachedId(patient_cache, context.patient_id);
  const std::array<ContextField, 6> context_fields = {{
      {"session_id", context.session_id}, {"measure", context.measure}, {"member_id", member},
      {"patient_id", patient}, {"phase", context.phase}, {"profile", context.profile},
  }};
  State& state = Global();
  const std::string body = state.format == Format::kJson
                               ? JsonBody(context_fields, message, fields)
                               : TextBody(context_fields, message, fields);
  const spdlog::string_view_t view(body.data(), body.size());
  if (state.to_stderr && g_status_line.load(std::memory_order_acquire)) {
    std::lock_guard lock(internal::TerminalMutex());
    std::fputs("\r\033[K", stderr);  // clear the progress bar's line; its next event redraws it
    state.logger->log(ToSpdlog(level), view);
    return;
  }
  state.logger->log(ToSpdlog(level), view);
}

namespace internal {

std::mutex& TerminalMutex() {
  static std::mutex mutex;
  return mutex;
}

void SetStatusLineActive(bool active) {
  g_status_line.store(active, std::memory_order_release);
}

bool StatusLineActive() { return g_status_line.load(std::memory_order_acquire); }

bool StderrIsTextLog() {
  const State& state = Global();
  return state.to_stderr && state.format == Format::kText;
}

}  // namespace internal
}  // namespace hm::log
