// Signed-in sessions of the web application: an opaque random token in the `hm_session` cookie
// (256 bits from the CSPRNG) mapped to the user, a CSRF token, and a sliding expiry. Only the
// SHA-256 of each token is kept, so the table itself cannot be replayed from a memory dump or a
// log line. Sessions live in memory: a restart signs everyone out, which is the safe default.
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::serve {

struct SignedIn {
  std::string user;
  bool admin = false;
  std::string csrf_token;  // 64 hex; sent back in X-CSRF-Token on POST and DELETE
};

class LoginSessions {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `ttl`: a session unused that long is gone. `clock`: tests pass a fake (default steady_clock).
  explicit LoginSessions(std::chrono::seconds ttl, Clock clock = {});

  // A new session for `user`: the token for the cookie and what it stands for. kInternal if the
  // CSPRNG fails.
  Result<std::pair<std::string, SignedIn>> Create(const std::string& user, bool admin);
  // The session of `token`, its expiry pushed back by the ttl; nullopt if unknown or expired.
  std::optional<SignedIn> Find(std::string_view token);
  void Remove(std::string_view token);

  // Compares in constant time, so the token cannot be guessed byte by byte from response times.
  static bool CsrfMatches(const SignedIn& session, std::string_view header_value);

 private:
  struct Entry {
    SignedIn session;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::steady_clock::time_point Now() const;
  void DropExpired(std::chrono::steady_clock::time_point now);  // REQUIRES: mutex_ held

  const std::chrono::seconds ttl_;
  const Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Entry> by_token_hash_;
};

}  // namespace hm::serve
