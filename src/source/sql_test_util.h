// Helpers for the SQL source tests: collect a query's rows, open each backend for a test.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "hedis_mockup/sql.h"
#include "testing/postgres_server.h"
#include "testing/temp_dir.h"

namespace hm::source {

using Rows = std::vector<std::vector<SqlValue>>;

// Every row of the query, or its error.
inline Result<Rows> QueryAll(SqlConnection& connection, std::string_view sql,
                             std::vector<SqlParam> params = {}) {
  Rows rows;
  Status status = connection.Query(sql, params, [&](const SqlRow& row) {
    rows.emplace_back(row.values().begin(), row.values().end());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rows;
}

// The URI of this binary's PostgreSQL server; fails the test (ASSERT) if there is none.
inline void PostgresUri(std::string& uri, std::string_view userinfo = "postgres") {
  const auto& server = hm::testing::SharedPostgresServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  uri = (*server)->Uri(userinfo);
}

// The connection string of a SQLite database file that the test's folder holds.
inline std::string SqliteUri(const hm::testing::TempDir& dir, const std::string& name = "db.sqlite") {
  return "sqlite:" + dir.File(name);
}

inline SqlOptions CreateOptions() {
  SqlOptions options;
  options.create_if_missing = true;
  return options;
}

}  // namespace hm::source
