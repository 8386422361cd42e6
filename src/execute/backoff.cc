#include "execute/backoff.h"

#include <algorithm>

namespace hm::execute {
namespace {

// SplitMix64's finalizer: every input bit affects every output bit.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::chrono::milliseconds BackoffCeiling(const BackoffPolicy& policy, int retry) {
  if (retry < 0 || policy.initial.count() <= 0) return std::chrono::milliseconds(0);
  const std::int64_t max = std::max<std::int64_t>(policy.max.count(), 0);
  std::int64_t ceiling = policy.initial.count();
  // Doubling stops at max, so the product never overflows however large retry is.
  for (int k = 0; k < retry && ceiling < max; ++k) ceiling *= 2;
  return std::chrono::milliseconds(std::min(ceiling, max));
}

std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int retry,
                                       std::uint64_t random) {
  const auto ceiling = static_cast<std::uint64_t>(BackoffCeiling(policy, retry).count());
  // Modulo bias is below 2^-40 for any ceiling in milliseconds a caller would set.
  return std::chrono::milliseconds(static_cast<std::int64_t>(random % (ceiling + 1)));
}

std::uint64_t JitterRandom(std::uint64_t seed, std::string_view key, int retry) {
  return Mix(Mix(seed ^ Fnv1a(key)) + static_cast<std::uint64_t>(retry));
}

}  // namespace hm::execute
