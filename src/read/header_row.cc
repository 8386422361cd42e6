#include "read/header_row.h"

#include <fmt/format.h>

#include "util/text.h"

namespace hm::read {

HeaderRow::HeaderRow(std::vector<ColumnSpec> specs, int scan_rows)
    : specs_(std::move(specs)), scan_rows_(scan_rows), columns_(specs_.size(), -1) {}

bool HeaderRow::TryMatch(const Row& row) {
  ++offered_;
  std::vector<int> columns(specs_.size(), -1);
  std::vector<int> prefixed(specs_.size(), -1);  // used only where no exact match exists
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    if (row.cells[c].type != Cell::Type::kString) continue;
    const std::string key = util::NameKey(row.cells[c].text);
    for (std::size_t s = 0; s < specs_.size(); ++s) {
      if (columns[s] >= 0) continue;  // the first of two same-named columns wins
      const ColumnSpec& spec = specs_[s];
      bool match = key == util::NameKey(spec.name);
      bool starts = spec.prefix && key.starts_with(util::NameKey(spec.name));
      for (const std::string& alias : spec.aliases) {
        const std::string alias_key = util::NameKey(alias);
        match = match || key == alias_key;
        starts = starts || (spec.prefix && key.starts_with(alias_key));
      }
      if (match) columns[s] = static_cast<int>(c);
      if (starts && prefixed[s] < 0) prefixed[s] = static_cast<int>(c);
    }
  }
  for (std::size_t s = 0; s < specs_.size(); ++s) {
    if (columns[s] < 0) columns[s] = prefixed[s];
  }
  std::vector<std::string> missing;
  int present = 0;
  for (std::size_t s = 0; s < specs_.size(); ++s) {
    if (columns[s] >= 0) ++present;
    if (specs_[s].required && columns[s] < 0) missing.push_back(specs_[s].name);
  }
  if (missing.empty()) {
    header_row_ = row.number;
    columns_ = std::move(columns);
    return true;
  }
  if (present > 0 && (best_row_ == 0 || missing.size() < best_missing_.size())) {
    best_row_ = row.number;
    best_missing_ = std::move(missing);
  }
  return false;
}

std::string HeaderRow::Text(const Row& row, std::size_t index) const {
  std::string scratch;
  return std::string(View(row, index, scratch));
}

std::string_view HeaderRow::View(const Row& row, std::size_t index, std::string& scratch) const {
  const int column = columns_[index];
  if (column < 0) return {};
  const Cell& cell = row.at(static_cast<std::size_t>(column));
  if (cell.type == Cell::Type::kString) return util::Trim(cell.text);
  scratch = cell.AsText();
  return scratch;
}

Status HeaderRow::MissingColumnsError() const {
  std::vector<std::string> required;
  for (const ColumnSpec& spec : specs_) {
    if (spec.required) required.push_back("'" + spec.name + "'");
  }
  if (best_row_ == 0) {
    return Status::InvalidInput(
        fmt::format("no header row with the columns {} in the first {} rows",
                    fmt::join(required, ", "), scan_rows_),
        "put the column names in the sheet's first row");
  }
  std::vector<std::string> missing;
  for (const std::string& name : best_missing_) missing.push_back("'" + name + "'");
  return Status::InvalidInput(
             fmt::format("the header row lacks the required column{} {}",
                         missing.size() > 1 ? "s" : "", fmt::join(missing, ", ")),
             "add the column, or rename the existing one to that name")
      .AtCell(best_row_, 0);
}

}  // namespace hm::read
