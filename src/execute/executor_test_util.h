// Helpers for the executor tests: options that retry fast, an executor or a test failure, and
// polling with a generous limit (the test machine is shared and noisy).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "hedis_mockup/executor.h"
#include "source/sql_test_util.h"

namespace hm::execute {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Retries after at most 100 ms, a pinned jitter seed, and a timeout that only a hung test meets.
inline ExecutorOptions FastOptions(int max_concurrent = 5) {
  ExecutorOptions options;
  options.max_concurrent = max_concurrent;
  options.timeout = 60s;
  options.backoff_initial = 10ms;
  options.backoff_max = 100ms;
  options.jitter_seed = 1;
  return options;
}

// An executor for `uri`; fails the test (ASSERT) if it cannot be created.
inline void MakeExecutor(const std::string& uri, ExecutorOptions options,
                         std::unique_ptr<QueryExecutor>& executor) {
  auto created = QueryExecutor::Create(uri, std::move(options));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  executor = std::move(created).value();
}

// Waits up to `limit` for `condition`; true if it held in time.
template <class F>
bool Eventually(F condition, std::chrono::milliseconds limit = 5000ms) {
  const auto end = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace hm::execute
