// Retry delays: exponential backoff with full jitter. Before retry k (0 for the first retry) a
// caller waits a delay drawn uniformly from [0, min(max, initial * 2^k)]. Full jitter, rather than
// a fixed or "equal" jitter, spreads queries that failed together (a server restart fails every
// query in flight) over the whole window, so they do not come back in one burst.
//
// The random draw is an input, made by JitterRandom from a seed, the query's name and the retry
// number, so the delays of a run with a pinned seed do not depend on thread scheduling.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace hm::execute {

struct BackoffPolicy {
  std::chrono::milliseconds initial{250};
  std::chrono::milliseconds max{10'000};
};

// min(max, initial * 2^retry), without overflow for any retry >= 0; 0 for a negative retry.
std::chrono::milliseconds BackoffCeiling(const BackoffPolicy& policy, int retry);

// The delay before retry `retry`: `random` (any 64-bit value, uniformly distributed) mapped onto
// [0, BackoffCeiling(policy, retry)].
std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int retry,
                                       std::uint64_t random);

// A well-mixed 64-bit value from (seed, key, retry): the same inputs always give the same value,
// distinct inputs unrelated ones (SplitMix64 over an FNV-1a hash of the key).
std::uint64_t JitterRandom(std::uint64_t seed, std::string_view key, int retry);

}  // namespace hm::execute
