#include "execute/backoff.h"

#include <algorithm>

#include "util/hash.h"

namespace hm::execute {
namespace {

using util::Fnv1a;
constexpr auto Mix = util::SplitMix64;

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
