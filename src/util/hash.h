// Small, fixed hash functions for where the value must be the same on every platform and run
// (filler from a seed, retry jitter, open-addressing tables): std::hash and the standard
// distributions are implementation-defined, so they cannot serve for determinism.
#pragma once

#include <cstdint>
#include <string_view>

namespace hm::util {

// SplitMix64's step and finalizer: every input bit affects every output bit.
constexpr std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// 64-bit FNV-1a of `text`.
constexpr std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return hash;
}

}  // namespace hm::util
