#include "source/sql_identifier.h"

namespace hm::source {

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

std::string QuoteTableName(std::string_view table) {
  std::string quoted;
  for (std::size_t start = 0;;) {
    const std::size_t dot = table.find('.', start);
    quoted += QuoteIdentifier(table.substr(start, dot - start));
    if (dot == std::string_view::npos) return quoted;
    quoted += '.';
    start = dot + 1;
  }
}

std::string QuoteColumnList(std::span<const std::string> columns) {
  std::string list;
  for (const std::string& column : columns) {
    if (!list.empty()) list += ", ";
    list += QuoteIdentifier(column);
  }
  return list;
}

}  // namespace hm::source
