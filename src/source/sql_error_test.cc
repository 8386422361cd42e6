#include "source/sql_error.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

namespace hm::source {
namespace {

TEST(SqlErrorTest, ClassifiesSqlStates) {
  const struct {
    const char* sqlstate;
    SqlErrorKind kind;
  } cases[] = {
      {"57014", SqlErrorKind::kCancelled},  {"57P01", SqlErrorKind::kTransient},
      {"57P02", SqlErrorKind::kTransient},  {"57P03", SqlErrorKind::kTransient},
      {"40001", SqlErrorKind::kTransient},  {"40P01", SqlErrorKind::kTransient},
      {"53300", SqlErrorKind::kTransient},  {"08006", SqlErrorKind::kTransient},
      {"08001", SqlErrorKind::kTransient},  {"08P01", SqlErrorKind::kPermanent},
      {"42601", SqlErrorKind::kPermanent},  {"42P01", SqlErrorKind::kPermanent},
      {"23505", SqlErrorKind::kPermanent},  {"22P02", SqlErrorKind::kPermanent},
      {"", SqlErrorKind::kPermanent},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifySqlState(c.sqlstate), c.kind) << c.sqlstate;
  }
}

TEST(SqlErrorTest, ClassifiesSqliteCodes) {
  const struct {
    int code;
    SqlErrorKind kind;
  } cases[] = {
      {SQLITE_BUSY, SqlErrorKind::kTransient},         {SQLITE_BUSY_SNAPSHOT, SqlErrorKind::kTransient},
      {SQLITE_LOCKED, SqlErrorKind::kTransient},       {SQLITE_INTERRUPT, SqlErrorKind::kCancelled},
      {SQLITE_ERROR, SqlErrorKind::kPermanent},        {SQLITE_CONSTRAINT_NOTNULL, SqlErrorKind::kPermanent},
      {SQLITE_NOTADB, SqlErrorKind::kPermanent},       {SQLITE_OK, SqlErrorKind::kNone},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifySqliteCode(c.code), c.kind) << c.code;
  }
}

TEST(SqlErrorTest, FirstLine) {
  EXPECT_EQ(FirstLine("\n  \n  SELECT a,\n b FROM t"), "SELECT a,");
  EXPECT_EQ(FirstLine("SELECT 1   \r\nFROM x"), "SELECT 1");
  EXPECT_EQ(FirstLine("   "), "");
  EXPECT_EQ(FirstLine(std::string(200, 'x')), std::string(120, 'x') + "...");
}

TEST(SqlErrorTest, StatusNamesSourceKindCodeAndSql) {
  const Status permanent =
      StatementFailed("postgresql://u:***@h/db", "SELEC 1\nFROM t", "syntax error",
                      SqlError{SqlErrorKind::kPermanent, "42601", 0});
  EXPECT_EQ(permanent.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(permanent.ToString(),
            "postgresql://u:***@h/db: query failed (permanent, SQLSTATE 42601): syntax error; "
            "SQL: SELEC 1");
  const Status cancelled = StatementFailed("sqlite:x.db", "SELECT 1", "interrupted",
                                           SqlError{SqlErrorKind::kCancelled, "", SQLITE_INTERRUPT});
  EXPECT_EQ(cancelled.code(), StatusCode::kIoError);
  EXPECT_EQ(cancelled.message(), "query failed (cancelled, SQLite code 9): interrupted; SQL: SELECT 1");
}

TEST(SqlErrorTest, KindNames) {
  EXPECT_STREQ(SqlErrorKindName(SqlErrorKind::kNone), "none");
  EXPECT_STREQ(SqlErrorKindName(SqlErrorKind::kTransient), "transient");
  EXPECT_STREQ(SqlErrorKindName(SqlErrorKind::kCancelled), "cancelled");
  EXPECT_STREQ(SqlErrorKindName(SqlErrorKind::kPermanent), "permanent");
}

}  // namespace
}  // namespace hm::source
