// What both backends promise alike (hedis_mockup/sql.h), run against a SQLite file and a real
// PostgreSQL server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hedis_mockup/sql.h"
#include "source/sql_test_util.h"

namespace hm::source {
namespace {

class SqlConnectionTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    std::string uri = SqliteUri(dir_);
    if (GetParam() == SqlBackend::kPostgres) {
      ASSERT_NO_FATAL_FAILURE(PostgresUri(uri));
    }
    auto opened = OpenSql(uri, CreateOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
    ASSERT_EQ(db_->backend(), GetParam());
  }
  // A fresh table (PostgreSQL's database outlives a test when the binary runs them all).
  void Table(const std::string& name, const std::string& columns) {
    ASSERT_TRUE(db_->Execute("DROP TABLE IF EXISTS " + name + "; CREATE TABLE " + name + " (" +
                             columns + ")")
                    .ok());
  }

  hm::testing::TempDir dir_;
  std::unique_ptr<SqlConnection> db_;
};

TEST_P(SqlConnectionTest, TypedRowsRoundTrip) {
  Table("typed", "i BIGINT, r DOUBLE PRECISION, s TEXT, n TEXT");
  ASSERT_TRUE(db_->Execute("INSERT INTO typed VALUES (-9007199254740993, 2.5, 'héllo', NULL)").ok());
  const auto rows = QueryAll(*db_, "SELECT i, r, s, n FROM typed");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const Rows expected = {{std::int64_t{-9007199254740993}, 2.5, std::string("héllo"), SqlValue()}};
  EXPECT_EQ(*rows, expected);
  std::vector<std::string> names;
  ASSERT_TRUE(db_->Query("SELECT 1 AS one, 'x' AS two", {}, [&](const SqlRow& row) {
                   names.assign(row.names().begin(), row.names().end());
                   EXPECT_EQ(row.Find("two"), &row[1]);
                   EXPECT_EQ(row.Find("three"), nullptr);
                   return Status::Ok();
                 }).ok());
  EXPECT_EQ(names, (std::vector<std::string>{"one", "two"}));
}

TEST_P(SqlConnectionTest, ParametersAreBoundNotSpliced) {
  Table("victim", "id TEXT, note TEXT");
  const std::string hostile = "x'); DROP TABLE victim; --\"\\";
  const std::vector<SqlParam> insert = {std::string("a"), hostile};
  ASSERT_TRUE(db_->Query("INSERT INTO victim VALUES ($1, $2)", insert,
                         [](const SqlRow&) { return Status::Ok(); })
                  .ok());
  // Numbers out of order bind by number, not by position in the text.
  const auto rows = QueryAll(*db_, "SELECT note, $2 || id FROM victim WHERE id = $1",
                             {std::string("a"), std::string("p-")});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{hostile, std::string("p-a")}}));
  const auto nulls = QueryAll(*db_, "SELECT count(*) FROM victim WHERE CAST($1 AS TEXT) IS NULL",
                              {SqlParam()});
  ASSERT_TRUE(nulls.ok()) << nulls.status().ToString();
  EXPECT_EQ(*nulls, (Rows{{std::int64_t{1}}}));
}

TEST_P(SqlConnectionTest, InListPredicateMatchesTheList) {
  Table("patients", "patient_fhir_id TEXT, n INTEGER");
  ASSERT_TRUE(db_->Execute("INSERT INTO patients VALUES ('p1', 1), ('p,2', 2), ('p\"3}', 3), "
                           "('NULL', 4), ('p5', 5)")
                  .ok());
  const std::string sql = "SELECT n FROM patients WHERE " +
                          db_->InListPredicate("patient_fhir_id", 1) + " ORDER BY n";
  const auto rows =
      QueryAll(*db_, sql, {SqlTextList{{"p1", "p,2", "p\"3}", "NULL", "absent"}}});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{std::int64_t{1}}, {std::int64_t{2}}, {std::int64_t{3}}, {std::int64_t{4}}}));
  const auto none = QueryAll(*db_, sql, {SqlTextList{}});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
}

TEST_P(SqlConnectionTest, SyntaxErrorIsPermanentAndNamesSourceAndSql) {
  const Status status =
      db_->Query("SELEC broken\nFROM nowhere", {}, [](const SqlRow&) { return Status::Ok(); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.location().file, db_->display_name());
  EXPECT_NE(status.message().find("SQL: SELEC broken"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("nowhere"), std::string::npos) << "only the first line";
  if (GetParam() == SqlBackend::kPostgres) {
    EXPECT_EQ(db_->last_error().sqlstate, "42601");
  }
  // The connection stays usable, and a success clears the error.
  ASSERT_TRUE(QueryAll(*db_, "SELECT 1").ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kNone);
}

TEST_P(SqlConnectionTest, UnknownTableIsPermanent) {
  const auto rows = QueryAll(*db_, "SELECT * FROM no_such_table");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
  if (GetParam() == SqlBackend::kPostgres) {
    EXPECT_EQ(db_->last_error().sqlstate, "42P01");
  }
}

TEST_P(SqlConnectionTest, RowCallbackErrorStopsTheQueryAndIsReturned) {
  int seen = 0;
  const Status status = db_->Query(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) "
      "SELECT x FROM c",
      {}, [&](const SqlRow&) {
        return ++seen == 3 ? Status::InvalidInput("bad row") : Status::Ok();
      });
  EXPECT_EQ(status.message(), "bad row");
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
  const auto after = QueryAll(*db_, "SELECT 7");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(*after, (Rows{{std::int64_t{7}}}));
}

TEST_P(SqlConnectionTest, WrongParameterCountIsPermanent) {
  EXPECT_FALSE(QueryAll(*db_, "SELECT $1, $2", {std::int64_t{1}}).ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
  EXPECT_FALSE(QueryAll(*db_, "SELECT $1", {std::int64_t{1}, std::int64_t{2}}).ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
}

TEST_P(SqlConnectionTest, QueryTakesOneStatementExecuteTakesScripts) {
  Table("script", "x INTEGER");
  EXPECT_FALSE(QueryAll(*db_, "INSERT INTO script VALUES (1); INSERT INTO script VALUES (2)").ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO script VALUES (1); INSERT INTO script VALUES (2);").ok());
  const auto rows = QueryAll(*db_, "SELECT count(*) FROM script");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{std::int64_t{2}}}));
}

// 10,000 rows whose text holds everything COPY's text format must escape.
Rows AwkwardRows() {
  const std::vector<std::string> texts = {"tab\there", "new\nline", "back\\slash", "\\N",
                                          "cr\rreturn", "\\.", "", "quote ' \" end"};
  Rows rows;
  for (std::int64_t i = 0; i < 10000; ++i) {
    rows.push_back({i, i % 7 == 0 ? SqlValue() : SqlValue(i * 0.25),
                    i % 5 == 0 ? SqlValue() : SqlValue(texts[i % texts.size()] + std::to_string(i)),
                    std::string(texts[i % texts.size()])});
  }
  return rows;
}

TEST_P(SqlConnectionTest, CopyRowsRoundTripsAwkwardText) {
  Table("copied", "id BIGINT, r DOUBLE PRECISION, s TEXT, t TEXT");
  const Rows rows = AwkwardRows();
  const std::vector<std::string> columns = {"id", "r", "s", "t"};
  ASSERT_TRUE(db_->CopyRows("copied", columns, rows).ok()) << db_->last_error().sqlstate;
  const auto back = QueryAll(*db_, "SELECT id, r, s, t FROM copied ORDER BY id");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ((*back)[i], rows[i]) << "row " << i;
}

TEST_P(SqlConnectionTest, CopyRowsIsAllOrNothing) {
  Table("partial", "id BIGINT NOT NULL");
  const std::vector<std::string> columns = {"id"};
  const Rows bad_width = {{std::int64_t{1}}, {std::int64_t{2}, std::int64_t{3}}};
  const Status width = db_->CopyRows("partial", columns, bad_width);
  EXPECT_NE(width.message().find("row 2 has 2 values for 1 columns"), std::string::npos)
      << width.ToString();
  const Rows null_late = {{std::int64_t{1}}, {std::int64_t{2}}, {SqlValue()}};
  EXPECT_FALSE(db_->CopyRows("partial", columns, null_late).ok());
  EXPECT_EQ(db_->last_error().kind, SqlErrorKind::kPermanent);
  const auto count = QueryAll(*db_, "SELECT count(*) FROM partial");
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, (Rows{{std::int64_t{0}}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlConnectionTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const ::testing::TestParamInfo<SqlBackend>& backend) {
                           return backend.param == SqlBackend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace hm::source
