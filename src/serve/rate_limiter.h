// A token bucket per key (a user, or a client address before sign-in): `burst` requests at once,
// then `rate_per_second` on average. Cheap enough to run on every request.
//
// Thread-safety: Take may be called from any number of threads.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hm::serve {

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // REQUIRES: rate_per_second > 0, burst >= 1. `clock`: tests pass a fake (default steady_clock).
  RateLimiter(double rate_per_second, double burst, Clock clock = {});

  // Takes a token from `key`'s bucket: 0 when the request may go on, else the whole seconds
  // (at least 1) until a token will be there, for Retry-After.
  int Take(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };
  // Forgets buckets that have refilled (they are the same as new ones), so the table is bounded
  // by the keys active in the last burst / rate seconds. REQUIRES: mutex_ held.
  void Prune(std::chrono::steady_clock::time_point now);

  const double rate_, burst_;
  const Clock clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace hm::serve
