// Quoting table and column names for the SQL this layer writes itself (COPY, INSERT). Both
// backends quote identifiers the SQL-standard way, with double quotes.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace hm::source {

// "name" with inner double quotes doubled: any text is then one identifier, used exactly.
std::string QuoteIdentifier(std::string_view name);

// "schema"."table" for "schema.table", "table" for "table": each part split at '.' and quoted.
std::string QuoteTableName(std::string_view table);

// "a", "b", "c": the quoted names joined by commas.
std::string QuoteColumnList(std::span<const std::string> columns);

}  // namespace hm::source
