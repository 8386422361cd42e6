#include "measure/code_ids.h"

#include <algorithm>
#include <cstring>

namespace hm::measure {

// Codes are a few characters: read in at most a few word loads (two overlapping loads cover 4 to
// 16 bytes) and mixed with multiply-xor steps, which beats a general-purpose byte-wise hash.
std::uint64_t CodeIds::Hash(CodeSystem system, std::string_view code) {
  constexpr std::uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  const auto load = [](const char* p, std::size_t n) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, n);  // n is 4 or 8 at each call site: a fixed-size load, no call
    return word;
  };
  const auto mix = [](std::uint64_t h, std::uint64_t word) {
    word *= kMul;
    word ^= word >> 47;
    return (h ^ word * kMul) * kMul;
  };
  std::uint64_t h = (0x8445d61a4e774912ULL ^ code.size() * kMul) + static_cast<std::uint64_t>(system);
  const char* p = code.data();
  std::size_t n = code.size();
  for (; n > 16; p += 8, n -= 8) h = mix(h, load(p, 8));
  if (n > 8) {
    h = mix(mix(h, load(p, 8)), load(p + n - 8, 8));
  } else if (n >= 4) {
    h = mix(h, load(p, 4) | load(p + n - 4, 4) << 32);
  } else if (n > 0) {
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    h = mix(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
  }
  return h ^ (h >> 47);
}

const CodeIds::Slot* CodeIds::Probe(std::uint64_t hash, CodeSystem system,
                                    std::string_view code) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id < 0) return &slot;
    if (slot.hash == hash) {
      const auto& [s, c] = codes_[static_cast<std::size_t>(slot.id)];
      if (s == system && c == code) return &slot;
    }
  }
}

void CodeIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id < 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t CodeIds::Intern(CodeSystem system, std::string_view normalized_code) {
  if ((codes_.size() + 1) * 2 > slots_.size()) Grow();
  const std::uint64_t hash = Hash(system, normalized_code);
  Slot& slot = const_cast<Slot&>(*Probe(hash, system, normalized_code));
  if (slot.id < 0) {
    slot = {hash, static_cast<std::int32_t>(codes_.size())};
    codes_.emplace_back(system, std::string(normalized_code));
  }
  return static_cast<std::uint32_t>(slot.id);
}

std::int32_t CodeIds::Find(CodeSystem system, std::string_view normalized_code) const {
  if (slots_.empty()) return -1;
  return Probe(Hash(system, normalized_code), system, normalized_code)->id;
}

void CodeSet::Add(std::uint32_t id) {
  if (id / 64 >= bits_.size()) bits_.resize(id / 64 + 1, 0);
  const std::uint64_t bit = std::uint64_t{1} << (id % 64);
  if ((bits_[id / 64] & bit) == 0) ++count_;
  bits_[id / 64] |= bit;
}

}  // namespace hm::measure
