#include "source/sql_pool.h"

#include <utility>

namespace hm::source {

SqlPool::Lease& SqlPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Return();
    pool_ = other.pool_;
    connection_ = std::move(other.connection_);
  }
  return *this;
}

SqlPool::Lease::~Lease() { Return(); }

void SqlPool::Lease::Return() {
  if (connection_ != nullptr) pool_->Return(std::move(connection_));
}

SqlPool::SqlPool(std::string connection_string, SqlOptions options, std::size_t size)
    : connection_string_(std::move(connection_string)), options_(options), size_(size) {}

Result<SqlPool::Lease> SqlPool::Acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || busy_ < size_; });
  ++busy_;
  while (!idle_.empty()) {
    std::unique_ptr<SqlConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    if (!connection->broken()) return Lease(this, std::move(connection));
  }
  // Open outside the lock: connecting takes a round trip or more, and others may return meanwhile.
  lock.unlock();
  Result<std::unique_ptr<SqlConnection>> opened = OpenSql(connection_string_, options_);
  if (!opened.ok()) {
    lock.lock();
    --busy_;
    returned_.notify_one();
    return std::move(opened).TakeStatus();
  }
  return Lease(this, std::move(opened).value());
}

void SqlPool::Return(std::unique_ptr<SqlConnection> connection) {
  std::lock_guard lock(mutex_);
  --busy_;
  if (!connection->broken()) idle_.push_back(std::move(connection));
  returned_.notify_one();
}

std::size_t SqlPool::open_count() const {
  std::lock_guard lock(mutex_);
  return busy_ + idle_.size();
}

}  // namespace hm::source
