#include "abstract/source_rows.h"

#include <fmt/format.h>

#include "util/text.h"

namespace hm::abstract {
namespace {

bool Digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

int SourceRows::Column(std::string_view name) const {
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (util::EqualsIgnoringCase(columns[i], name)) return static_cast<int>(i);
  }
  return -1;
}

std::string CellText(const std::vector<SqlValue>& row, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= row.size()) return {};
  return SqlValueText(row[static_cast<std::size_t>(column)]);
}

std::string NormalizeDate(std::string_view text) {
  if (text.size() >= 10 && Digits(text.substr(0, 4)) && text[4] == '-' &&
      Digits(text.substr(5, 2)) && text[7] == '-' && Digits(text.substr(8, 2))) {
    return std::string(text.substr(0, 10));
  }
  if (text.size() == 10 && text[2] == '/' && text[5] == '/' && Digits(text.substr(0, 2)) &&
      Digits(text.substr(3, 2)) && Digits(text.substr(6, 4))) {
    return fmt::format("{}-{}-{}", text.substr(6, 4), text.substr(0, 2), text.substr(3, 2));
  }
  if (text.size() == 8 && Digits(text)) {
    return fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(4, 2), text.substr(6, 2));
  }
  return std::string(text);
}

}  // namespace hm::abstract
