// The set of MEM_NBRs a mockup declares in MEMBER_IN, the only state the quality checker keeps for
// the whole run. Compact on purpose: the ids live in one arena and the hash table holds 4-byte
// indices, so 1,000,000 members of 10-character ids take about 30 MB, not the ~80 MB of an
// unordered_set<std::string>, and inserting does not allocate per member.
//
// Members keep their insertion order (index 0 is the first inserted), so a pass over them reports
// in MEMBER_IN order. Each member carries one mark (the checker's "has an ENROLLMENT_IN row").
//
// Thread-safety: not thread-safe; one checker, one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hm::check {

class MemberIdSet {
 public:
  static constexpr std::uint32_t kNotFound = static_cast<std::uint32_t>(-1);

  // Adds `id`; returns its index and whether it was new (false: already there).
  std::pair<std::uint32_t, bool> Insert(std::string_view id);
  // The index of `id`, or kNotFound.
  std::uint32_t Find(std::string_view id) const;

  std::size_t size() const { return entries_.size(); }
  std::string_view id(std::uint32_t index) const;
  void Mark(std::uint32_t index) { entries_[index].marked = true; }
  bool marked(std::uint32_t index) const { return entries_[index].marked; }

 private:
  struct Entry {
    std::uint64_t offset : 47;  // into arena_
    std::uint64_t marked : 1;
    std::uint64_t length : 16;  // ids longer than 65,535 bytes are cut (MEM_NBR allows 50)
  };
  static std::uint64_t Hash(std::string_view id);
  // The slot holding `id`, or the empty slot where it would go.
  std::size_t Probe(std::string_view id, std::uint64_t hash) const;
  void Grow();

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 is empty. Size: a power of two.
};

}  // namespace hm::check
