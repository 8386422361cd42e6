#include "serve/cancellations.h"

namespace hm::serve {

void Cancellations::Track(const std::string& id) {
  std::lock_guard lock(mutex_);
  flags_.try_emplace(id, std::make_shared<Flag>());
}

bool Cancellations::Request(const std::string& id, const std::string& by) {
  std::lock_guard lock(mutex_);
  const auto it = flags_.find(id);
  if (it == flags_.end()) return false;
  if (!it->second->set.exchange(true)) it->second->by = by;
  return true;
}

bool Cancellations::Requested(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = flags_.find(id);
  return it != flags_.end() && it->second->set.load();
}

std::string Cancellations::RequestedBy(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = flags_.find(id);
  return it != flags_.end() && it->second->set.load() ? it->second->by : std::string();
}

std::function<bool()> Cancellations::Poller(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = flags_.find(id);
  if (it == flags_.end()) return [] { return false; };
  return [flag = it->second] { return flag->set.load(std::memory_order_relaxed); };
}

void Cancellations::Forget(const std::string& id) {
  std::lock_guard lock(mutex_);
  flags_.erase(id);
}

}  // namespace hm::serve
