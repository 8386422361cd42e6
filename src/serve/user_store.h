// The users who may sign in, read from the config file and re-read when the file changes, so
// `hedis-mockup user add` takes effect without a restart.
//
// Thread-safety: Authenticate may be called from any number of threads.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "serve/config_file.h"

namespace hm::serve {

struct User {
  std::string name;
  bool admin = false;
};

class UserStore {
 public:
  // Reads the users of `config_path` (errors as ReadUsers).
  static Result<std::unique_ptr<UserStore>> Open(const std::string& config_path);

  // The user when `password` is theirs; nullopt otherwise, after the same work as a real check, so
  // that the time taken does not tell a wrong name from a wrong password.
  std::optional<User> Authenticate(const std::string& name, std::string_view password);

 private:
  explicit UserStore(std::string path) : path_(std::move(path)) {}
  // Re-reads the file if its modification time changed; a file that became invalid is logged and
  // the last good users stay.
  std::map<std::string, UserEntry> Current();

  const std::string path_;
  std::mutex mutex_;
  std::map<std::string, UserEntry> users_;
  std::filesystem::file_time_type loaded_mtime_{};
  std::string dummy_hash_;  // verified against for unknown names
};

}  // namespace hm::serve
