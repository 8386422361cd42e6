// The answer cache of the language-model fallback: model answers on disk, keyed by the SHA-256
// of prompt version, model and prompt, so that the same text is never sent twice and a rerun
// with cached answers gives byte-identical output. Only answers the server returned are stored
// (failed requests are retried on the next run); whether an answer is accepted is decided again
// each run, against that run's VSD.
//
// One SQLite file, ai-cache.sqlite, in the folder given. SQLite because several runs (the CLI and
// server jobs) may share one cache, and its locking makes that safe.
//
// Thread-safety: an AiCache may be used from several threads (one mutex around the connection).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ai/fallback_prompt.h"
#include "hedis_mockup/status.h"

struct sqlite3;

namespace hm::ai {

// Hex SHA-256 over kPromptVersion, `model`, the system and the user prompt, each ended by '\0'
// so that moving text from one to the next gives another key.
std::string CacheKey(std::string_view model, const Prompt& prompt);

// The default folder: $XDG_CACHE_HOME/hedis-mockup, else $HOME/.cache/hedis-mockup.
std::string DefaultCacheDir();

class AiCache {
 public:
  // Opens (creating the folder and file if needed) <dir>/ai-cache.sqlite. kIoError naming the
  // file when it cannot be created or is not a cache.
  static Result<AiCache> Open(const std::string& dir);

  AiCache(AiCache&&) noexcept;
  AiCache& operator=(AiCache&&) noexcept;
  ~AiCache();

  std::optional<std::string> Get(const std::string& key) const;
  // Stores (or replaces) the answer. A failure to write is returned; the caller goes on uncached.
  Status Put(const std::string& key, std::string_view model, std::string_view content);

  const std::string& path() const { return path_; }

 private:
  AiCache(sqlite3* db, std::string path);
  struct Db;
  std::unique_ptr<Db> db_;
  std::string path_;
};

}  // namespace hm::ai
