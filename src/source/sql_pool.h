// A pool of connections to one source, so that a cohort's queries share a few connections
// instead of opening one each. Connections open lazily, at most `size` of them; Acquire() blocks
// while all are leased. A connection that broke (the server went away) is dropped when returned
// and replaced by a fresh one on a later Acquire().
//
// Thread-safety: Acquire() and the leases' destructors may run on any threads concurrently. A
// leased connection belongs to the lease's holder (other threads may only Cancel() it).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm::source {

class SqlPool {
 public:
  // A leased connection, returned to its pool when the lease is destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    SqlConnection& operator*() const { return *connection_; }
    SqlConnection* operator->() const { return connection_.get(); }
    SqlConnection* get() const { return connection_.get(); }

   private:
    friend class SqlPool;
    Lease(SqlPool* pool, std::unique_ptr<SqlConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    void Return();

    SqlPool* pool_;
    std::unique_ptr<SqlConnection> connection_;
  };

  // Nothing is opened until the first Acquire(). REQUIRES: size >= 1.
  SqlPool(std::string connection_string, SqlOptions options, std::size_t size);
  // REQUIRES: no lease is outstanding.
  ~SqlPool() = default;
  SqlPool(const SqlPool&) = delete;
  SqlPool& operator=(const SqlPool&) = delete;

  // An idle connection, else a newly opened one while fewer than size() exist, else waits for a
  // lease to come back. Fails with OpenSql's error if a connection cannot be opened; the slot is
  // then free again for the next caller.
  Result<Lease> Acquire();

  std::size_t size() const { return size_; }
  // Connections that exist now, leased or idle (for tests and progress).
  std::size_t open_count() const;

 private:
  void Return(std::unique_ptr<SqlConnection> connection);

  const std::string connection_string_;
  const SqlOptions options_;
  const std::size_t size_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  std::size_t busy_ = 0;  // leased, or being opened for a caller
};

}  // namespace hm::source
