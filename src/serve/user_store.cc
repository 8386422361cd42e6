#include "serve/user_store.h"

#include "hedis_mockup/log.h"
#include "serve/password.h"

namespace hm::serve {

Result<std::unique_ptr<UserStore>> UserStore::Open(const std::string& config_path) {
  std::unique_ptr<UserStore> store(new UserStore(config_path));
  HM_ASSIGN_OR_RETURN(store->users_, ReadUsers(config_path));
  std::error_code ec;
  store->loaded_mtime_ = std::filesystem::last_write_time(config_path, ec);
  // Same cost as the default hashes, so a miss takes as long as a hit.
  HM_ASSIGN_OR_RETURN(store->dummy_hash_, HashPassword("not a password"));
  return store;
}

std::map<std::string, UserEntry> UserStore::Current() {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(path_, ec);
  if (!ec && mtime != loaded_mtime_) {
    loaded_mtime_ = mtime;
    if (auto users = ReadUsers(path_); users.ok()) {
      users_ = std::move(users).value();
      log::Info("users re-read from the config file ({} users)", users_.size());
    } else {
      log::Warn("config file changed but cannot be used; keeping the previous users: {}",
                users.status().ToString());
    }
  }
  return users_;
}

std::optional<User> UserStore::Authenticate(const std::string& name, std::string_view password) {
  const auto users = Current();
  const auto it = users.find(name);
  const std::string& hash = it == users.end() ? dummy_hash_ : it->second.password_hash;
  const bool matches = VerifyPassword(hash, password);
  if (it == users.end() || !matches) return std::nullopt;
  return User{name, it->second.admin};
}

}  // namespace hm::serve
