#include "read/xlsx_sheet.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "read/cell_values.h"
#include "read/xml_stream.h"
#include "read/zip_archive.h"

namespace hm::read {
namespace {

// The t="" attribute of a cell: how its <v> (or <is>) is to be read.
enum class StoredAs : std::uint8_t {
  kNumber, kShared, kInline, kFormulaString, kBool, kError, kIso
};

std::optional<StoredAs> ParseStoredAs(std::string_view t) {
  if (t == "n") return StoredAs::kNumber;
  if (t == "s") return StoredAs::kShared;
  if (t == "inlineStr") return StoredAs::kInline;
  if (t == "str") return StoredAs::kFormulaString;
  if (t == "b") return StoredAs::kBool;
  if (t == "e") return StoredAs::kError;
  if (t == "d") return StoredAs::kIso;
  return std::nullopt;
}

const char* const kResaveHint = "open the workbook in Excel and save it again";

// A value quoted in an error, cut short (at a UTF-8 character boundary) because a hostile file
// can make it megabytes long.
std::string Excerpt(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return std::string(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// Rows are dense (a Cell per column up to the last value), so a value in column XFD costs 16,384
// cells. Real sheets have few such gaps; a hostile one repeating them in every row would cost
// minutes of CPU within every other limit, so the empty cells a sheet may imply are capped.
constexpr std::size_t kMaxGapCells = std::size_t{1} << 26;

// Merged ranges are kept in memory for the summary; real sheets have thousands at most.
constexpr std::size_t kMaxMerges = std::size_t{1} << 20;

class SheetHandler final : public XmlHandler {
 public:
  SheetHandler(const std::string& file, const SheetContext& context, const RowVisitor& visit)
      : file_(file), context_(context), visit_(visit) {
    row_.cells.reserve(16);
    text_.reserve(256);
  }

  SheetSummary summary;

  void OnStart(std::string_view name, const char** attributes) override {
    if (name == "c") {
      if (in_row_) StartCell(attributes);
    } else if (name == "v") {
      collecting_ = in_cell_;
    } else if (name == "row") {
      if (in_sheet_data_) StartRow(attributes);
    } else if (name == "is") {
      in_inline_ = in_cell_;
    } else if (name == "t") {
      collecting_ = in_inline_ && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (name == "mergeCell") {
      AddMerge(FindAttribute(attributes, "ref"));
    }
  }

  void OnEnd(std::string_view name) override {
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "c") {
      if (in_cell_) FinishCell();
    } else if (name == "row") {
      if (in_row_) FinishRow();
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  void OnText(std::string_view text) override {
    if (collecting_) text_ += text;
  }

 private:
  Status Error(Status status, std::int64_t column) const {
    return std::move(status).InFile(file_).InSheet(context_.sheet_name).AtCell(row_.number,
                                                                               column);
  }

  void StartRow(const char** attributes) {
    std::int64_t number = last_row_ + 1;
    if (const char* r = FindAttribute(attributes, "r")) {
      const auto ref = ParseCellRef(r);
      if (!ref || ref->column != 0 || ref->row == 0) {
        return Fail(Status::InvalidInput(fmt::format("row number '{}' is not a number", Excerpt(r)),
                                         kResaveHint)
                        .InFile(file_)
                        .InSheet(context_.sheet_name)
                        .AtCell(last_row_ + 1, 0));
      }
      number = ref->row;
    }
    if (number > context_.limits.max_rows) {
      return Fail(Status::LimitExceeded(fmt::format("row {} is beyond the {} rows allowed", number,
                                                    context_.limits.max_rows),
                                        "remove the stray rows or split the sheet")
                      .InFile(file_)
                      .InSheet(context_.sheet_name));
    }
    row_.number = last_row_ = number;
    width_ = 0;
    next_column_ = 1;
    in_row_ = true;
  }

  void StartCell(const char** attributes) {
    std::int64_t column = next_column_;
    stored_as_ = StoredAs::kNumber;
    style_ = 0;
    for (const char** a = attributes; a[0] != nullptr; a += 2) {
      const std::string_view key = LocalName(a[0]);
      if (key == "r") {
        const auto ref = ParseCellRef(a[1]);
        if (!ref || ref->column == 0) {
          return Fail(Error(Status::InvalidInput(
                                fmt::format("cell reference '{}' is not a cell", Excerpt(a[1])),
                                kResaveHint),
                            0));
        }
        column = ref->column;
      } else if (key == "t") {
        const auto stored_as = ParseStoredAs(a[1]);
        if (!stored_as) {
          return Fail(Error(Status::InvalidInput(fmt::format("cell type '{}' is not a "
                                                             "SpreadsheetML type",
                                                             Excerpt(a[1])),
                                                 kResaveHint),
                            column));
        }
        stored_as_ = *stored_as;
      } else if (key == "s") {
        std::from_chars(a[1], a[1] + std::char_traits<char>::length(a[1]), style_);
      }
    }
    if (column > context_.limits.max_columns) {
      return Fail(Error(Status::LimitExceeded(
                            fmt::format("column {} is beyond the {} columns allowed", column,
                                        context_.limits.max_columns),
                            "remove the stray cells or split the sheet"),
                        0));
    }
    column_ = column;
    next_column_ = column + 1;
    text_.clear();
    in_cell_ = true;
  }

  // The cell at 1-based `column` of the row being built, reset to empty; nullptr, after Fail(),
  // once the sheet has spent its budget of empty cells to the left of values. Cells keep their
  // string capacity from row to row, so most rows allocate nothing.
  Cell* Slot(std::int64_t column) {
    const auto index = static_cast<std::size_t>(column - 1);
    if (index > width_) {
      gap_cells_ += index - width_;
      if (gap_cells_ > kMaxGapCells) {
        Fail(Error(Status::LimitExceeded(
                       fmt::format("the sheet has more than {} empty cells to the left of values "
                                   "(values far to the right of the data, row after row)",
                                   kMaxGapCells),
                       "delete the stray columns on the right, or export the sheet as CSV"),
                   column));
        return nullptr;
      }
    }
    if (index >= row_.cells.size()) row_.cells.resize(index + 1);
    for (std::size_t i = width_; i <= index; ++i) Reset(row_.cells[i]);
    width_ = std::max(width_, index + 1);
    Cell& cell = row_.cells[index];
    Reset(cell);
    return &cell;
  }

  static void Reset(Cell& cell) {
    cell.type = Cell::Type::kEmpty;
    cell.text.clear();
    cell.number = 0;
  }

  void FinishCell() {
    in_cell_ = false;
    in_inline_ = false;
    // A cell without a value is left out: a Row may lack trailing empty cells, and formatted
    // blanks out to column XFD would otherwise cost a reset per column per row.
    if (text_.empty() && stored_as_ != StoredAs::kInline) return;
    Cell* cell = Slot(column_);
    if (cell == nullptr) return;
    Status status = Convert(*cell);
    if (!status.ok()) Fail(Error(std::move(status), column_));
  }

  Status Convert(Cell& cell) {
    switch (stored_as_) {
      case StoredAs::kShared:
        return SharedString(cell);
      case StoredAs::kInline:
      case StoredAs::kFormulaString:
        DecodeOoxmlEscapes(text_);
        cell.type = Cell::Type::kString;
        cell.text.assign(text_);
        return Status::Ok();
      case StoredAs::kBool:
        return Bool(cell);
      case StoredAs::kError:
        cell.type = Cell::Type::kError;
        cell.text.assign(text_);
        return Status::Ok();
      case StoredAs::kIso:
        return IsoDate(cell);
      case StoredAs::kNumber:
        return Number(cell);
    }
    return Status::Ok();
  }

  // Excel writes 0 and 1; the schema's xsd:boolean also allows the words.
  Status Bool(Cell& cell) {
    const bool is_true = text_ == "1" || text_ == "true";
    if (!is_true && text_ != "0" && text_ != "false") {
      return Status::InvalidInput(fmt::format("boolean cell holds '{}'", Excerpt(text_)),
                                  kResaveHint);
    }
    cell.type = Cell::Type::kBool;
    cell.number = is_true ? 1 : 0;
    return Status::Ok();
  }

  Status SharedString(Cell& cell) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), index);
    if (error != std::errc() || end != text_.data() + text_.size() ||
        index >= context_.strings.size()) {
      return Status::InvalidInput(
          fmt::format("cell refers to shared string '{}', but the workbook has {} shared strings",
                      Excerpt(text_), context_.strings.size()),
          kResaveHint);
    }
    cell.type = Cell::Type::kString;
    cell.text.assign(context_.strings.at(index));
    return Status::Ok();
  }

  Status Number(Cell& cell) {
    double value = 0;
    const auto [end, error] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
    if (error != std::errc() || end != text_.data() + text_.size()) {
      return Status::InvalidInput(fmt::format("numeric cell holds '{}'", Excerpt(text_)),
                                  kResaveHint);
    }
    const bool is_date = style_ < context_.date_styles.size() && context_.date_styles[style_];
    // A date-formatted serial that is no calendar date stays the number it is.
    const auto days = is_date ? SerialToUnixDays(value, context_.date1904) : std::nullopt;
    cell.type = days ? Cell::Type::kDate : Cell::Type::kNumber;
    cell.number = days ? *days : value;
    return Status::Ok();
  }

  // t="d" cells (ISO text) are rare; one that is not a date is kept as the text it is.
  Status IsoDate(Cell& cell) {
    if (const auto days = IsoToUnixDays(text_)) {
      cell.type = Cell::Type::kDate;
      cell.number = *days;
    } else {
      cell.type = Cell::Type::kString;
      cell.text.assign(text_);
    }
    return Status::Ok();
  }

  void FinishRow() {
    in_row_ = false;
    row_.cells.resize(width_);
    const auto is_empty = [](const Cell& c) { return c.empty(); };
    if (std::all_of(row_.cells.begin(), row_.cells.end(), is_empty)) return;
    Status status = visit_(row_);
    if (!status.ok()) {
      return Fail(std::move(status).InFile(file_).InSheet(context_.sheet_name).AtCell(row_.number,
                                                                                      0));
    }
    ++summary.rows_read;
  }

  void AddMerge(const char* ref) {
    if (summary.merges.size() >= kMaxMerges) {
      return Fail(Status::LimitExceeded(fmt::format("the sheet has more than {} merged ranges",
                                                    kMaxMerges),
                                        "unmerge the cells, or export the sheet as CSV")
                      .InFile(file_)
                      .InSheet(context_.sheet_name));
    }
    // A malformed or out-of-range merge only changes how cells display; drop it rather than
    // refuse a sheet whose values are fine.
    if (ref == nullptr) return;
    const auto range = ParseRangeRef(ref);
    if (range && range->last_row <= context_.limits.max_rows &&
        range->last_column <= context_.limits.max_columns) {
      summary.merges.push_back(*range);
    }
  }

  const std::string& file_;
  const SheetContext& context_;
  const RowVisitor& visit_;

  Row row_;
  std::size_t width_ = 0;      // cells of row_ in use; row_.cells may hold more, for reuse
  std::size_t gap_cells_ = 0;  // empty cells implied to the left of values, in the whole sheet
  std::string text_;           // the value of the cell being read
  std::int64_t last_row_ = 0;
  std::int64_t next_column_ = 1;
  std::int64_t column_ = 0;
  StoredAs stored_as_ = StoredAs::kNumber;
  std::size_t style_ = 0;
  int phonetic_depth_ = 0;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool collecting_ = false;
};

}  // namespace

Result<SheetSummary> StreamSheet(ZipArchive& archive, const std::string& entry,
                                 const SheetContext& context, const RowVisitor& visit) {
  SheetHandler handler(archive.display_name(), context, visit);
  Status status = ParseXmlEntry(archive, entry, handler);
  if (!status.ok()) return std::move(status).InSheet(context.sheet_name);
  return std::move(handler.summary);
}

}  // namespace hm::read
