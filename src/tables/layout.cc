// Layout files: parsing and validation (format in docs/layout.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/tables.h"
#include "tables/layout_embedded.h"
#include "tables/targets.h"
#include "util/files.h"
#include "util/text.h"

namespace hm {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kTypeNames = {"text",    "date",    "month",
                                                        "integer", "decimal", "flag"};

// A problem at a JSON path of the layout file.
Status LayoutError(const std::string& origin, const std::string& path, const std::string& what,
                   std::string hint = {}) {
  return Status::InvalidInput(fmt::format("layout {}: {}", path, what), std::move(hint))
      .InFile(origin);
}

// The string at `key` of `object`, or `fallback` when absent. REQUIRES: object is an object.
Result<std::string> StringField(const json& object, const char* key, const std::string& path,
                                const std::string& origin, std::string fallback = {}) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_string()) {
    return LayoutError(origin, path + "." + key, "must be a string");
  }
  return it->get<std::string>();
}

Result<LayoutColumn> ParseColumn(const json& node, SourceTable table, const std::string& path,
                                 const std::string& origin) {
  if (!node.is_object()) return LayoutError(origin, path, "a column must be an object");
  LayoutColumn column;
  HM_ASSIGN_OR_RETURN(column.name, StringField(node, "name", path, origin));
  if (column.name.empty()) return LayoutError(origin, path, "a column needs a \"name\"");
  const std::string where = fmt::format("{} ({})", path, column.name);
  HM_ASSIGN_OR_RETURN(const std::string type, StringField(node, "type", where, origin, "text"));
  const auto known = std::find(kTypeNames.begin(), kTypeNames.end(), type);
  if (known == kTypeNames.end()) {
    return LayoutError(origin, where + ".type", fmt::format("unknown type '{}'", type),
                       "use text, date, month, integer, decimal or flag");
  }
  column.type = static_cast<ColumnType>(known - kTypeNames.begin());
  // nlohmann turns a number into an int with a plain cast: undefined beyond int's range (1e100).
  if (const auto it = node.find("max_length"); it != node.end() && it->is_number()) {
    const double length = it->get<double>();
    if (length < 0 || length > std::numeric_limits<int>::max() || length != std::floor(length)) {
      return LayoutError(origin, where + ".max_length",
                         fmt::format("{} is not a length", it->dump()),
                         "give a whole number of characters; 0 or absent: no limit");
    }
  }
  column.max_length = node.value("max_length", 0);
  column.required = node.value("required", false);
  HM_ASSIGN_OR_RETURN(column.maps_to, StringField(node, "maps_to", where, origin));
  HM_ASSIGN_OR_RETURN(column.default_value, StringField(node, "default", where, origin));
  Result<tables::ResolvedColumn> resolved = tables::ResolveColumn(table, column);
  if (!resolved.ok()) {
    return LayoutError(origin, where + ".maps_to", resolved.status().message(),
                       resolved.status().hint());
  }
  return column;
}

Result<std::vector<LayoutColumn>> ParseColumns(const json& node, SourceTable table,
                                               const std::string& path,
                                               const std::string& origin) {
  std::vector<LayoutColumn> columns;
  if (node.is_null()) return columns;
  if (!node.is_array()) return LayoutError(origin, path, "must be a list of columns");
  for (std::size_t i = 0; i < node.size(); ++i) {
    HM_ASSIGN_OR_RETURN(LayoutColumn column,
                        ParseColumn(node[i], table, fmt::format("{}[{}]", path, i), origin));
    columns.push_back(std::move(column));
  }
  return columns;
}

Result<DataSource> ParseSource(const std::string& text, const std::string& path,
                               const std::string& origin) {
  const auto source = ParseDataSource(text);
  if (!source) {
    return LayoutError(origin, path, fmt::format("unknown data source '{}'", text),
                       "use claim, supplemental or emr");
  }
  return *source;
}

Status CheckUniqueColumns(const LayoutTable& table, const std::string& path,
                          const std::string& origin) {
  std::set<std::string> seen;
  for (const auto* list : {&table.columns, &table.accepted}) {
    for (const LayoutColumn& column : *list) {
      if (!seen.insert(util::Lower(column.name)).second) {
        return LayoutError(origin, path, fmt::format("column {} is listed twice", column.name));
      }
    }
  }
  return Status::Ok();
}

Result<LayoutTable> ParseTable(const json& node, const std::string& path,
                               const std::string& origin) {
  if (!node.is_object()) return LayoutError(origin, path, "a table must be an object");
  LayoutTable table;
  HM_ASSIGN_OR_RETURN(table.name, StringField(node, "name", path, origin));
  const auto kind = ParseSourceTable(table.name);
  if (!kind || util::NameKey(SourceTableName(*kind)) != util::NameKey(table.name)) {
    return LayoutError(origin, path + ".name", fmt::format("unknown table '{}'", table.name),
                       "tables are MEMBER_IN, ENROLLMENT_IN, VISIT_IN, EMR_IN, RX_IN, LAB_IN and "
                       "MONTHLY_MBR_IN");
  }
  table.table = *kind;
  const std::string where = fmt::format("{} ({})", path, table.name);
  table.required = node.value("required", false);
  table.default_source = table.table == SourceTable::kEmr ? DataSource::kEmr : DataSource::kClaim;
  if (node.contains("default_source")) {
    HM_ASSIGN_OR_RETURN(const std::string text,
                        StringField(node, "default_source", where, origin));
    HM_ASSIGN_OR_RETURN(table.default_source,
                        ParseSource(text, where + ".default_source", origin));
  }
  HM_ASSIGN_OR_RETURN(table.columns, ParseColumns(node.value("columns", json()), table.table,
                                                  where + ".columns", origin));
  HM_ASSIGN_OR_RETURN(table.accepted,
                      ParseColumns(node.value("accepted_columns", json()), table.table,
                                   where + ".accepted_columns", origin));
  if (table.columns.empty()) return LayoutError(origin, where, "a table needs columns");
  HM_RETURN_IF_ERROR(CheckUniqueColumns(table, where, origin));
  return table;
}

Result<std::vector<FileIdSource>> ParseFileIds(const json& node, const std::string& origin) {
  std::vector<FileIdSource> ids;
  if (node.is_null()) return ids;
  const json list = node.value("ids", json::array());
  if (!list.is_array()) return LayoutError(origin, "file_ids.ids", "must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = fmt::format("file_ids.ids[{}]", i);
    if (!list[i].is_object()) return LayoutError(origin, path, "must be an object");
    FileIdSource id;
    HM_ASSIGN_OR_RETURN(id.file_id, StringField(list[i], "id", path, origin));
    HM_ASSIGN_OR_RETURN(const std::string source, StringField(list[i], "source", path, origin));
    HM_ASSIGN_OR_RETURN(id.source, ParseSource(source, path + ".source", origin));
    HM_ASSIGN_OR_RETURN(id.description, StringField(list[i], "description", path, origin));
    const json tables = list[i].value("tables", json::array());
    if (!tables.is_array()) return LayoutError(origin, path + ".tables", "must be a list of table names");
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const std::optional<SourceTable> table =
          tables[t].is_string() ? ParseSourceTable(tables[t].get<std::string>()) : std::nullopt;
      if (!table) {
        return LayoutError(origin, fmt::format("{}.tables[{}]", path, t),
                           "must be a table name such as VISIT_IN");
      }
      id.tables.push_back(*table);
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

Result<Layout> ParseLayoutJson(const json& root, const std::string& origin) {
  if (!root.is_object()) return LayoutError(origin, "(top)", "must be a JSON object");
  Layout layout;
  layout.origin = origin;
  HM_ASSIGN_OR_RETURN(layout.name, StringField(root, "name", "(top)", origin));
  HM_ASSIGN_OR_RETURN(layout.version, StringField(root, "version", "(top)", origin));
  HM_ASSIGN_OR_RETURN(layout.date_format,
                      StringField(root, "date_format", "(top)", origin, "MM/DD/YYYY"));
  if (layout.date_format != "MM/DD/YYYY" && layout.date_format != "YYYY-MM-DD") {
    return LayoutError(origin, "date_format", fmt::format("'{}' is not supported",
                                                          layout.date_format),
                       "use MM/DD/YYYY or YYYY-MM-DD");
  }
  for (const json& value : root.value("null_values", json::array())) {
    if (!value.is_string()) return LayoutError(origin, "null_values", "must hold strings");
    layout.null_values.push_back(value.get<std::string>());
  }
  HM_ASSIGN_OR_RETURN(layout.file_ids, ParseFileIds(root.value("file_ids", json()), origin));
  const json tables = root.value("tables", json::array());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    HM_ASSIGN_OR_RETURN(LayoutTable table,
                        ParseTable(tables[i], fmt::format("tables[{}]", i), origin));
    if (layout.Find(table.table) != nullptr) {
      return LayoutError(origin, fmt::format("tables[{}]", i),
                         fmt::format("table {} is listed twice", table.name));
    }
    layout.tables.push_back(std::move(table));
  }
  if (layout.Find(SourceTable::kMember) == nullptr) {
    return LayoutError(origin, "tables", "the layout has no MEMBER_IN table");
  }
  return layout;
}

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

const LayoutColumn* LayoutTable::Find(std::string_view column_name) const {
  for (const auto* list : {&columns, &accepted}) {
    for (const LayoutColumn& column : *list) {
      if (util::EqualsIgnoringCase(column.name, column_name)) return &column;
    }
  }
  return nullptr;
}

const LayoutTable* Layout::Find(SourceTable table) const {
  for (const LayoutTable& t : tables) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

std::string Layout::FileIdFor(SourceTable table, DataSource source) const {
  for (const FileIdSource& id : file_ids) {
    const bool for_table = id.tables.empty() ||
                           std::find(id.tables.begin(), id.tables.end(), table) != id.tables.end();
    if (id.source == source && for_table) return id.file_id;
  }
  return {};
}

DataSource Layout::SourceFor(const LayoutTable& table, std::string_view file_id) const {
  for (const FileIdSource& id : file_ids) {
    if (id.file_id == file_id) return id.source;
  }
  return table.default_source;
}

Result<Layout> ParseLayout(std::string_view text, const std::string& origin) {
  json root;
  try {
    root = json::parse(text);
  } catch (const std::exception& e) {
    return Status::InvalidInput(fmt::format("layout is not valid JSON: {}", e.what()),
                                "fix the file; docs/layout.md describes the format")
        .InFile(origin);
  }
  try {
    return ParseLayoutJson(root, origin);
  } catch (const json::exception& e) {
    // A field of the wrong JSON type (max_length: "ten") throws from nlohmann's value().
    return Status::InvalidInput(fmt::format("layout has a field of the wrong type: {}", e.what()),
                                "docs/layout.md gives each field's type")
        .InFile(origin);
  }
}

Result<Layout> LoadLayout(const std::string& path) {
  HM_ASSIGN_OR_RETURN(const std::string text, util::ReadFile(path));
  return ParseLayout(text, path);
}

const Layout& DefaultLayout() {
  static const Layout layout = [] {
    Result<Layout> parsed =
        ParseLayout(tables::EmbeddedEngineInputLayout(), "built-in engine_input.json");
    // The file is checked by the build's tests; a failure here is a bug, not a user error.
    if (!parsed.ok()) std::terminate();
    return std::move(parsed).value();
  }();
  return layout;
}

std::string RowRef::ToString() const {
  return fmt::format("{} row {}", SourceTableName(table), row);
}

std::ptrdiff_t TimelineSet::Find(std::string_view member_id) const {
  const auto it = std::lower_bound(
      members.begin(), members.end(), member_id,
      [](const MemberTimeline& m, std::string_view id) { return m.demographics.member_id < id; });
  if (it == members.end() || it->demographics.member_id != member_id) return -1;
  return it - members.begin();
}

}  // namespace hm
