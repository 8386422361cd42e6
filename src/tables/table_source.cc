#include "tables/table_source.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include "read/workbook.h"
#include "util/text.h"

namespace hm::tables {
namespace {

// ---------------------------------------------------------------------------------------------
// Workbooks: .xlsx or a folder of CSV files

class WorkbookSource : public TableSource {
 public:
  explicit WorkbookSource(std::unique_ptr<read::Workbook> workbook)
      : workbook_(std::move(workbook)) {}

  const std::vector<std::string>& TableNames() const override { return workbook_->SheetNames(); }
  std::string FileOf(std::size_t index) const override { return workbook_->SheetPath(index); }

  Result<std::int64_t> Read(std::size_t index, const HeaderVisitor& on_header,
                            const SourceRowVisitor& on_row) override {
    bool have_header = false;
    std::int64_t records = 0;
    std::vector<RawValue> values;
    std::vector<std::string> scratch;
    auto visit = [&](const read::Row& row) -> Status {
      if (!have_header) {
        have_header = true;
        std::vector<std::string> header;
        for (const read::Cell& cell : row.cells) {
          header.emplace_back(util::Trim(cell.AsText()));
        }
        return on_header(header);
      }
      Convert(row, values, scratch);
      ++records;
      return on_row(SourceRow{row.number, values});
    };
    HM_ASSIGN_OR_RETURN([[maybe_unused]] auto summary, workbook_->ReadSheet(index, visit));
    return records;
  }

 private:
  // The row's cells as RawValues; non-text cells are rendered into `scratch`.
  static void Convert(const read::Row& row, std::vector<RawValue>& values,
                      std::vector<std::string>& scratch) {
    values.assign(row.cells.size(), RawValue{});
    scratch.resize(std::max(scratch.size(), row.cells.size()));
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const read::Cell& cell = row.cells[i];
      RawValue& value = values[i];
      switch (cell.type) {
        case read::Cell::Type::kEmpty:
          break;
        case read::Cell::Type::kString:
        case read::Cell::Type::kError:
          value.text = util::Trim(cell.text);
          break;
        case read::Cell::Type::kNumber:
        case read::Cell::Type::kDate:
        case read::Cell::Type::kBool:
          scratch[i] = cell.AsText();
          value.text = scratch[i];
          value.number = cell.number;
          value.kind = cell.type == read::Cell::Type::kDate ? RawValue::Kind::kDate
                       : cell.type == read::Cell::Type::kNumber ? RawValue::Kind::kNumber
                                                                 : RawValue::Kind::kText;
          break;
      }
    }
  }

  std::unique_ptr<read::Workbook> workbook_;
};

// ---------------------------------------------------------------------------------------------
// SQLite

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

class SqliteSource : public TableSource {
 public:
  static Result<std::unique_ptr<TableSource>> Open(const std::string& path) {
    sqlite3* raw = nullptr;
    // One connection per source, used by one thread: SQLite's own locking is not needed.
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    std::unique_ptr<sqlite3, SqliteCloser> db(raw);
    if (rc != SQLITE_OK) {
      return Status::NotFound(fmt::format("cannot open the SQLite database: {}",
                                          raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                              "check the path after 'sqlite:'")
          .InFile(path);
    }
    auto source = std::unique_ptr<SqliteSource>(new SqliteSource(std::move(db), path));
    HM_RETURN_IF_ERROR(source->ListTables());
    return std::unique_ptr<TableSource>(std::move(source));
  }

  const std::vector<std::string>& TableNames() const override { return names_; }
  std::string FileOf(std::size_t) const override { return path_; }

  std::int64_t CountHint(std::size_t index) override {
    auto statement = Prepare(fmt::format("SELECT count(*) FROM {}", Quoted(names_[index])));
    if (!statement.ok() || sqlite3_step(statement->get()) != SQLITE_ROW) return 0;
    return sqlite3_column_int64(statement->get(), 0);
  }

  Result<std::int64_t> Read(std::size_t index, const HeaderVisitor& on_header,
                            const SourceRowVisitor& on_row) override {
    HM_ASSIGN_OR_RETURN(StatementPtr statement,
                        Prepare(fmt::format("SELECT * FROM {}", Quoted(names_[index]))));
    sqlite3_stmt* s = statement.get();
    const int columns = sqlite3_column_count(s);
    std::vector<std::string> header;
    for (int c = 0; c < columns; ++c) header.emplace_back(sqlite3_column_name(s, c));
    HM_RETURN_IF_ERROR(on_header(header));
    std::vector<RawValue> values(columns);
    std::int64_t records = 0;
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error(fmt::format("reading table {}", names_[index]));
      for (int c = 0; c < columns; ++c) values[c] = Value(s, c);
      ++records;
      HM_RETURN_IF_ERROR(on_row(SourceRow{records + 1, values}));
    }
    return records;
  }

 private:
  SqliteSource(std::unique_ptr<sqlite3, SqliteCloser> db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}

  static std::string Quoted(std::string_view name) {
    std::string quoted = "\"";
    for (char c : name) {
      quoted += c;
      if (c == '"') quoted += '"';
    }
    return quoted + "\"";
  }

  static RawValue Value(sqlite3_stmt* s, int c) {
    RawValue value;
    const int type = sqlite3_column_type(s, c);
    if (type == SQLITE_NULL) return value;
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
      value.kind = RawValue::Kind::kNumber;
      value.number = sqlite3_column_double(s, c);
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
    value.text = util::Trim(std::string_view(text ? text : "",
                                             static_cast<std::size_t>(sqlite3_column_bytes(s, c))));
    return value;
  }

  Status Error(std::string_view doing) const {
    return Status::IoError(fmt::format("SQLite failed {}: {}", doing, sqlite3_errmsg(db_.get())))
        .InFile(path_);
  }

  Result<StatementPtr> Prepare(const std::string& sql) const {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      return Status::InvalidInput(fmt::format("cannot read from the database: {}",
                                              sqlite3_errmsg(db_.get())),
                                  "is it a SQLite database holding the engine's tables?")
          .InFile(path_);
    }
    return StatementPtr(raw);
  }

  Status ListTables() {
    HM_ASSIGN_OR_RETURN(
        StatementPtr statement,
        Prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"));
    for (;;) {
      const int rc = sqlite3_step(statement.get());
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return Error("listing the tables");
      names_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0)));
    }
  }

  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::string path_;
  std::vector<std::string> names_;
};

}  // namespace

Result<std::unique_ptr<TableSource>> TableSource::Open(const std::string& source) {
  if (source.starts_with("sqlite:")) return SqliteSource::Open(source.substr(7));
  if (source.starts_with("postgresql://") || source.starts_with("postgres://")) return OpenSqlTableSource(source);
  HM_ASSIGN_OR_RETURN(std::unique_ptr<read::Workbook> workbook, read::Workbook::Open(source));
  return std::unique_ptr<TableSource>(std::make_unique<WorkbookSource>(std::move(workbook)));
}

std::ptrdiff_t FindTable(const std::vector<std::string>& names, std::string_view table,
                         std::string_view prefix) {
  const std::string bare = util::NameKey(table);
  auto find = [&](const std::string& key) -> std::ptrdiff_t {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (util::NameKey(names[i]) == key) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  };
  if (!prefix.empty()) {
    if (const auto i = find(util::NameKey(prefix) + bare); i >= 0) return i;
    return find(bare);
  }
  if (const auto i = find(bare); i >= 0) return i;
  // No prefix given: accept the one "<MEASURE>_TABLE". NameKey drops the underscore, so compare
  // the lower-cased names themselves.
  const std::string suffix = "_" + util::Lower(table);
  std::ptrdiff_t found = -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!util::Lower(names[i]).ends_with(suffix)) continue;
    if (found >= 0) return -2;
    found = static_cast<std::ptrdiff_t>(i);
  }
  return found;
}

}  // namespace hm::tables
