// Workbook: one streaming interface over the spreadsheets users give us (.xlsx, .csv, or a folder
// of .csv files, one per sheet), so that every reader above it (VSD, test cases, engine output)
// is written once.
//
// Rows are streamed to a visitor so that memory does not grow with sheet size; LoadSheet()
// materialises a small sheet when random access (merged cells, header detection) is easier.
//
// Thread-safety: a Workbook is not thread-safe; open one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::read {

// A cell as the spreadsheet stored it. Dates are cells whose number format is a date format; the
// reader converts their serial (1900 or 1904 system) so `number` is days since 1970-01-01 plus the
// time of day as a fraction.
struct Cell {
  enum class Type : std::uint8_t { kEmpty, kString, kNumber, kBool, kDate, kError };
  Type type = Type::kEmpty;
  std::string text;   // kString: the text; kError: the error literal ("#N/A"); otherwise empty
  double number = 0;  // kNumber, kDate; kBool: 0 or 1

  bool empty() const { return type == Type::kEmpty || (type == Type::kString && text.empty()); }
  // The cell as a user would read it: text as is, whole numbers without ".0", TRUE/FALSE,
  // dates as YYYY-MM-DD (with "THH:MM:SS" when there is a time of day).
  std::string AsText() const;
};

struct Row {
  std::int64_t number = 0;  // 1-based sheet row, or the CSV line the record starts on
  std::vector<Cell> cells;  // index 0 is column A; trailing empty cells may be absent

  const Cell& at(std::size_t column) const;  // an empty cell past the end
};

// A rectangle of merged cells, 1-based and inclusive. The value sits in the top-left cell.
struct CellRange {
  std::int64_t first_row = 0, first_column = 0, last_row = 0, last_column = 0;
  bool Contains(std::int64_t row, std::int64_t column) const {
    return row >= first_row && row <= last_row && column >= first_column && column <= last_column;
  }
};

// What is known about a sheet once it has been read through.
struct SheetSummary {
  std::int64_t rows_read = 0;  // rows given to the visitor (blank rows are not given)
  std::vector<CellRange> merges;
};

// A whole sheet in memory, for sheets small enough to hold (test-case workbooks, not the VSD).
struct Sheet {
  std::string name;
  std::vector<Row> rows;  // only non-blank rows, in sheet order
  std::vector<CellRange> merges;

  // The value shown at (row, column), 1-based: a cell inside a merged range shows the top-left
  // cell's value, as Excel displays it. An empty cell where nothing is stored.
  const Cell& Displayed(std::int64_t row, std::int64_t column) const;
};

// Safety limits for untrusted files. Defaults allow any real workbook (Excel's own maxima and a
// VSD of several hundred MB uncompressed) and refuse zip bombs and absurd shapes.
struct ReadLimits {
  std::uint64_t max_entry_bytes = 1ull << 30;         // one uncompressed zip entry: 1 GiB
  std::uint64_t max_total_bytes = 2ull << 30;         // all entries read: 2 GiB
  double max_compression_ratio = 200;                 // uncompressed / compressed, per entry
  std::uint64_t ratio_applies_above = 16ull << 20;    // small entries may compress better
  std::int64_t max_rows = 1'048'576;                  // Excel's maximum
  std::int64_t max_columns = 16'384;                  // Excel's maximum (XFD)
  std::uint64_t max_entries = 10'000;                 // entries in the zip archive
  std::uint64_t max_csv_field_bytes = 1ull << 20;     // one CSV field: 1 MiB
};

// Return a non-OK status to stop reading; ReadSheet() then returns that status.
using RowVisitor = std::function<Status(const Row&)>;

class Workbook {
 public:
  virtual ~Workbook() = default;

  // Opens `path` by its content, not its extension: a zip archive is read as .xlsx; a folder as
  // one sheet per .csv file inside it (sheet name = file name without .csv, sorted); any other
  // file as a single CSV sheet named after the file. Errors name the file and say what to do
  // (a text file renamed .xlsx, a truncated archive, a zip bomb are all kInvalidInput or
  // kLimitExceeded).
  static Result<std::unique_ptr<Workbook>> Open(const std::string& path, const ReadLimits& limits = {});

  const std::string& path() const { return path_; }
  virtual const std::vector<std::string>& SheetNames() const = 0;

  // The file that holds sheet `index`, for error messages: the .csv file when the workbook is a
  // folder of CSV files, path() otherwise. REQUIRES: index < SheetNames().size().
  virtual std::string SheetPath(std::size_t index) const {
    (void)index;
    return path_;
  }

  // Streams the non-blank rows of sheet `index` to `visit` in order. Errors carry the file,
  // sheet and, where known, row and column.
  virtual Result<SheetSummary> ReadSheet(std::size_t index, const RowVisitor& visit) = 0;

  // Reads sheet `index` whole. REQUIRES: index < SheetNames().size().
  Result<Sheet> LoadSheet(std::size_t index);

  // The index of the sheet whose name matches `name` ignoring case, spaces and punctuation, or
  // -1. "Value Sets to Codes", "value_sets_to_codes" and "VALUE SETS TO CODES" all match.
  std::ptrdiff_t FindSheet(const std::string& name) const;

 protected:
  explicit Workbook(std::string path) : path_(std::move(path)) {}

 private:
  std::string path_;
};

}  // namespace hm::read
