#include "serve/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace hm::serve {

RateLimiter::RateLimiter(double rate_per_second, double burst, Clock clock)
    : rate_(rate_per_second), burst_(burst), clock_(std::move(clock)) {}

int RateLimiter::Take(const std::string& key) {
  const auto now = clock_ ? clock_() : std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (buckets_.size() > 10000) Prune(now);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double seconds = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, seconds) * rate_);
    b.updated = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
}

void RateLimiter::Prune(std::chrono::steady_clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const double seconds = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + seconds * rate_ >= burst_;
  });
}

}  // namespace hm::serve
