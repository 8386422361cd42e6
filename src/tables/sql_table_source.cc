// The engine's input tables read from a PostgreSQL database (the sql.h layer): the tables and
// views of the connection's current schema, each streamed with SELECT * in single-row mode.
#include <fmt/format.h>

#include "hedis_mockup/sql.h"
#include "source/sql_identifier.h"
#include "tables/table_source.h"
#include "util/text.h"

namespace hm::tables {
namespace {

class SqlTableSource : public TableSource {
 public:
  explicit SqlTableSource(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Status ListTables() {
    return db_->Query(
        "SELECT table_name::text FROM information_schema.tables "
        "WHERE table_schema = current_schema() ORDER BY table_name",
        {}, [&](const SqlRow& row) {
          names_.push_back(SqlValueText(row[0]));
          return Status::Ok();
        });
  }

  const std::vector<std::string>& TableNames() const override { return names_; }
  std::string FileOf(std::size_t) const override { return db_->display_name(); }

  // The header comes from the catalog, so that an empty table still has its columns.
  Result<std::int64_t> Read(std::size_t index, const HeaderVisitor& on_header,
                            const SourceRowVisitor& on_row) override {
    std::vector<std::string> header;
    const SqlParam table[] = {names_[index]};
    HM_RETURN_IF_ERROR(db_->Query(
        "SELECT column_name::text FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        table, [&](const SqlRow& row) {
          header.push_back(SqlValueText(row[0]));
          return Status::Ok();
        }));
    if (header.empty()) return std::int64_t{0};
    HM_RETURN_IF_ERROR(on_header(header));
    std::int64_t records = 0;
    std::vector<RawValue> values;
    std::vector<std::string> texts;  // RawValue::text points into these
    HM_RETURN_IF_ERROR(db_->Query(
        fmt::format("SELECT * FROM {}", source::QuoteIdentifier(names_[index])), {},
        [&](const SqlRow& row) {
          texts.resize(row.size());
          values.assign(row.size(), RawValue{});
          for (std::size_t c = 0; c < row.size(); ++c) Convert(row[c], texts[c], values[c]);
          ++records;
          return on_row(SourceRow{records + 1, values});
        }));
    return records;
  }

 private:
  // A number keeps its text too, as the SQLite source does; NULL is an empty text.
  static void Convert(const SqlValue& value, std::string& text, RawValue& out) {
    text = SqlValueText(value);
    out.text = util::Trim(text);
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out.kind = RawValue::Kind::kNumber;
      out.number = static_cast<double>(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      out.kind = RawValue::Kind::kNumber;
      out.number = *d;
    }
  }

  std::unique_ptr<SqlConnection> db_;
  std::vector<std::string> names_;
};

}  // namespace

Result<std::unique_ptr<TableSource>> OpenSqlTableSource(const std::string& connection_string) {
  HM_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> db, OpenSql(connection_string));
  auto source = std::make_unique<SqlTableSource>(std::move(db));
  HM_RETURN_IF_ERROR(source->ListTables());
  return std::unique_ptr<TableSource>(std::move(source));
}

}  // namespace hm::tables
