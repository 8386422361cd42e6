#include "check/member_id_set.h"

#include "util/hash.h"

namespace hm::check {

namespace {
constexpr std::size_t kMaxIdBytes = 0xFFFF;
}  // namespace

std::uint64_t MemberIdSet::Hash(std::string_view id) {
  // FNV-1a, then a final mix so that ids differing only in their last digit spread over the table.
  std::uint64_t h = util::Fnv1a(id);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::string_view MemberIdSet::id(std::uint32_t index) const {
  const Entry& e = entries_[index];
  return std::string_view(arena_).substr(e.offset, e.length);
}

std::size_t MemberIdSet::Probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0 || this->id(slot - 1) == id) return i;
  }
}

void MemberIdSet::Grow() {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  for (const std::uint32_t slot : old) {
    if (slot != 0) slots_[Probe(id(slot - 1), Hash(id(slot - 1)))] = slot;
  }
}

std::pair<std::uint32_t, bool> MemberIdSet::Insert(std::string_view id) {
  id = id.substr(0, kMaxIdBytes);
  // Load factor at most 1/2: linear probing stays short.
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
  const std::size_t at = Probe(id, Hash(id));
  if (slots_[at] != 0) return {slots_[at] - 1, false};
  const auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back(Entry{arena_.size(), 0, id.size()});
  arena_.append(id);
  slots_[at] = index + 1;
  return {index, true};
}

std::uint32_t MemberIdSet::Find(std::string_view id) const {
  if (slots_.empty()) return kNotFound;
  id = id.substr(0, kMaxIdBytes);
  const std::uint32_t slot = slots_[Probe(id, Hash(id))];
  return slot == 0 ? kNotFound : slot - 1;
}

}  // namespace hm::check
