#include "render/postgres_table_writer.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "hedis_mockup/sql.h"
#include "source/sql_identifier.h"

namespace hm::render {
namespace {

class PostgresTableWriter : public TableWriter {
 public:
  PostgresTableWriter(std::unique_ptr<SqlConnection> connection, PostgresWriterOptions options)
      : db_(std::move(connection)), options_(std::move(options)) {}

  // Without Finish(), the transaction is rolled back when the connection closes.
  ~PostgresTableWriter() override = default;

  Status Begin(const std::vector<SheetSpec>& sheets) override {
    if (began_) return Status::Internal("PostgresWriter::Begin called twice");
    began_ = true;
    HM_RETURN_IF_ERROR(db_->Execute("BEGIN"));
    for (const SheetSpec& sheet : sheets) {
      Table& table = tables_.emplace_back();
      table.name = TableName(sheet);
      table.columns = sheet.columns;
      std::string columns;
      for (const std::string& column : sheet.columns) {
        if (!columns.empty()) columns += ", ";
        columns += source::QuoteIdentifier(column) + " TEXT";
      }
      const std::string quoted = source::QuoteIdentifier(table.name);
      HM_RETURN_IF_ERROR(db_->Execute(
          fmt::format("DROP TABLE IF EXISTS {0}; CREATE TABLE {0} ({1})", quoted, columns)));
    }
    return Status::Ok();
  }

  Status Row(std::size_t sheet, std::span<const std::string> cells, const RowOrigin&) override {
    if (!began_ || closed_ || sheet >= tables_.size()) {
      return Status::Internal(fmt::format("PostgresWriter::Row(#{}) outside Begin..Close", sheet));
    }
    Table& table = tables_[sheet];
    if (cells.size() != table.columns.size()) {
      return Status::Internal(fmt::format("a row of {} has {} cells for {} columns", table.name,
                                          cells.size(), table.columns.size()));
    }
    std::vector<SqlValue>& row = table.pending.emplace_back();
    row.reserve(cells.size());
    for (const std::string& cell : cells) {
      if (cell.empty()) row.emplace_back();
      else row.emplace_back(cell);
    }
    if (table.pending.size() >= options_.batch_rows) return Flush(table);
    return Status::Ok();
  }

  Status Close() override {
    if (!began_ || finished_) return Status::Internal("PostgresWriter::Close without Begin, or after Finish");
    if (closed_) return Status::Ok();
    for (Table& table : tables_) HM_RETURN_IF_ERROR(Flush(table));
    closed_ = true;
    return Status::Ok();
  }

  // Nothing to move: the rows appear when the transaction commits, here.
  Status Stage(util::CommitJournal&) override {
    if (!began_ || finished_) return Status::Internal("PostgresWriter::Stage without Begin, or twice");
    HM_RETURN_IF_ERROR(Close());
    HM_RETURN_IF_ERROR(db_->Execute("COMMIT"));
    finished_ = true;
    return Status::Ok();
  }

  std::vector<std::string> Outputs() const override {
    if (!finished_) return {};
    return {db_->display_name()};
  }

 private:
  struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<SqlValue>> pending;  // rows not yet sent
  };

  std::string TableName(const SheetSpec& sheet) const {
    if (options_.prefix.empty() || sheet.name.starts_with(options_.prefix)) return sheet.name;
    return options_.prefix + sheet.name;
  }

  Status Flush(Table& table) {
    if (table.pending.empty()) return Status::Ok();
    HM_RETURN_IF_ERROR(db_->CopyRows(table.name, table.columns, table.pending));
    table.pending.clear();  // keeps the capacity: the next batch allocates nothing new
    return Status::Ok();
  }

  std::unique_ptr<SqlConnection> db_;
  PostgresWriterOptions options_;
  std::vector<Table> tables_;
  bool began_ = false, closed_ = false, finished_ = false;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenPostgresWriter(const std::string& connection_string,
                                                        const PostgresWriterOptions& options) {
  if (!connection_string.starts_with("postgresql://") && !connection_string.starts_with("postgres://")) {
    return Status::InvalidInput(
        fmt::format("'{}' is not a PostgreSQL connection string", MaskConnectionString(connection_string)),
        "write postgresql://USER@HOST:PORT/DATABASE");
  }
  HM_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> connection, OpenSql(connection_string));
  return std::unique_ptr<TableWriter>(new PostgresTableWriter(std::move(connection), options));
}

}  // namespace hm::render
