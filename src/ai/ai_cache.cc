#include "ai/ai_cache.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <sqlite3.h>

#include "util/files.h"

namespace hm::ai {

struct AiCache::Db {
  sqlite3* handle = nullptr;
  mutable std::mutex mutex;
  ~Db() { sqlite3_close(handle); }
};

namespace {

// A statement that finalizes itself.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
  ~Statement() { sqlite3_finalize(stmt); }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
};

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, model TEXT NOT NULL, "
    "prompt_version TEXT NOT NULL, content TEXT NOT NULL)";

}  // namespace

std::string CacheKey(std::string_view model, const Prompt& prompt) {
  std::string bytes;
  for (std::string_view part : {kPromptVersion, model, std::string_view(prompt.system), std::string_view(prompt.user)}) {
    bytes.append(part);
    bytes.push_back('\0');
  }
  return util::Sha256Hex(bytes);
}

std::string DefaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return (std::filesystem::path(xdg) / "hedis-mockup").string();
  }
  const char* home = std::getenv("HOME");
  return (std::filesystem::path(home != nullptr ? home : ".") / ".cache" / "hedis-mockup").string();
}

Result<AiCache> AiCache::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = (std::filesystem::path(dir) / "ai-cache.sqlite").string();
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  AiCache cache(db, path);  // owns db from here, also on error
  if (rc != SQLITE_OK) {
    return Status::IoError(fmt::format("{}: cannot open the AI answer cache: {}", path, sqlite3_errstr(rc)),
                           "pass another folder with --ai-cache");
  }
  // Several processes may share the cache: wait for a writer rather than fail.
  sqlite3_busy_timeout(db, 10'000);
  char* error = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return Status::IoError(fmt::format("{}: not a usable AI answer cache: {}", path, message),
                           "delete the file (it is only a cache) or pass another --ai-cache");
  }
  return cache;
}

AiCache::AiCache(sqlite3* db, std::string path) : db_(std::make_unique<Db>()), path_(std::move(path)) {
  db_->handle = db;
}
AiCache::AiCache(AiCache&&) noexcept = default;
AiCache& AiCache::operator=(AiCache&&) noexcept = default;
AiCache::~AiCache() = default;

std::optional<std::string> AiCache::Get(const std::string& key) const {
  std::lock_guard lock(db_->mutex);
  Statement s(db_->handle, "SELECT content FROM answers WHERE key = ?1");
  s.Bind(1, key);
  if (s.stmt == nullptr || sqlite3_step(s.stmt) != SQLITE_ROW) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0));
  return std::string(text != nullptr ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, 0)));
}

Status AiCache::Put(const std::string& key, std::string_view model, std::string_view content) {
  std::lock_guard lock(db_->mutex);
  Statement s(db_->handle,
              "INSERT OR REPLACE INTO answers (key, model, prompt_version, content) VALUES (?1, ?2, ?3, ?4)");
  s.Bind(1, key);
  s.Bind(2, model);
  s.Bind(3, kPromptVersion);
  s.Bind(4, content);
  if (s.stmt == nullptr || sqlite3_step(s.stmt) != SQLITE_DONE) {
    return Status::IoError(fmt::format("{}: cannot store an answer: {}", path_, sqlite3_errmsg(db_->handle)));
  }
  return Status::Ok();
}

}  // namespace hm::ai
