// Codes as small integers, and value sets as bitsets over them: how the engine tests an event's
// code against a criterion's value sets with one bit instead of a string hash per test.
//
// Thread-safety: built while compiling; after that only const calls, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hedis_mockup/code_system.h"

namespace hm::measure {

// Every code the measure's value sets hold gets a small id when compiling; a member's events are
// looked up once per evaluation (one hash of system and code each), and a value set is then a
// bitset over the ids: a criterion tests an event with one bit, not a string hash.
class CodeIds {
 public:
  // The id of (system, code in normal form), added if new.
  std::uint32_t Intern(CodeSystem system, std::string_view normalized_code);
  // The id, or -1 when no value set of the measure holds the code. Allocation-free.
  std::int32_t Find(CodeSystem system, std::string_view normalized_code) const;
  std::size_t size() const { return codes_.size(); }

 private:
  // Hand-written open addressing (linear probing, power-of-two capacity, at most half full)
  // rather than std::unordered_map: bulk evaluation looks up every event's code once per measure,
  // and the standard map's murmur hash, prime-modulus bucket and node chase were ~10% of it.
  struct Slot {
    std::uint64_t hash = 0;
    std::int32_t id = -1;  // index into codes_; -1: empty
  };
  static std::uint64_t Hash(CodeSystem system, std::string_view code);
  const Slot* Probe(std::uint64_t hash, CodeSystem system, std::string_view code) const;
  void Grow();

  std::vector<Slot> slots_;
  std::vector<std::pair<CodeSystem, std::string>> codes_;  // by id
};

class CodeSet {
 public:
  void Add(std::uint32_t id);
  bool Contains(std::int32_t id) const {
    return id >= 0 && static_cast<std::size_t>(id) / 64 < bits_.size() &&
           (bits_[static_cast<std::size_t>(id) / 64] >> (id % 64) & 1) != 0;
  }
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  std::string label;  // "PSA Lab Test, PSA Test Result or Finding": for explanations

 private:
  std::vector<std::uint64_t> bits_;
  std::size_t count_ = 0;
};

}  // namespace hm::measure
