#include "serve/login_sessions.h"

#include <openssl/crypto.h>

#include "serve/random.h"
#include "util/files.h"

namespace hm::serve {

LoginSessions::LoginSessions(std::chrono::seconds ttl, Clock clock)
    : ttl_(ttl), clock_(std::move(clock)) {}

std::chrono::steady_clock::time_point LoginSessions::Now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

void LoginSessions::DropExpired(std::chrono::steady_clock::time_point now) {
  std::erase_if(by_token_hash_, [now](const auto& entry) { return entry.second.expires <= now; });
}

Result<std::pair<std::string, SignedIn>> LoginSessions::Create(const std::string& user, bool admin) {
  HM_ASSIGN_OR_RETURN(std::string token, RandomHex(32));
  HM_ASSIGN_OR_RETURN(std::string csrf, RandomHex(32));
  SignedIn session{user, admin, std::move(csrf)};
  const auto now = Now();
  std::lock_guard lock(mutex_);
  DropExpired(now);  // sign-ins are rare, so this keeps the table small at no noticeable cost
  by_token_hash_[util::Sha256Hex(token)] = {session, now + ttl_};
  return std::make_pair(std::move(token), std::move(session));
}

std::optional<SignedIn> LoginSessions::Find(std::string_view token) {
  if (token.empty()) return std::nullopt;
  const std::string key = util::Sha256Hex(token);
  const auto now = Now();
  std::lock_guard lock(mutex_);
  const auto it = by_token_hash_.find(key);
  if (it == by_token_hash_.end()) return std::nullopt;
  if (it->second.expires <= now) {
    by_token_hash_.erase(it);
    return std::nullopt;
  }
  it->second.expires = now + ttl_;
  return it->second.session;
}

void LoginSessions::Remove(std::string_view token) {
  const std::string key = util::Sha256Hex(token);
  std::lock_guard lock(mutex_);
  by_token_hash_.erase(key);
}

bool LoginSessions::CsrfMatches(const SignedIn& session, std::string_view header_value) {
  return !session.csrf_token.empty() && header_value.size() == session.csrf_token.size() &&
         CRYPTO_memcmp(header_value.data(), session.csrf_token.data(), header_value.size()) == 0;
}

}  // namespace hm::serve
