// libFuzzer target for the layout file parser (ParseLayout in hedis_mockup/tables.h: JSON through
// nlohmann into a Layout). Layout files are written by users, so any bytes must give a layout or an
// error with a message naming the file, never a crash, a hang, a thrown exception or UB. A layout
// that loads must keep what the parser promises (docs/layout.md): a MEMBER_IN table, each table
// once and with columns, column names unique ignoring case and findable, a known date format.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "hedis_mockup/tables.h"
#include "util/text.h"

namespace {

constexpr hm::SourceTable kTables[] = {
    hm::SourceTable::kMember, hm::SourceTable::kEnrollment, hm::SourceTable::kVisit,
    hm::SourceTable::kLab,    hm::SourceTable::kPharmacy,   hm::SourceTable::kEmr,
    hm::SourceTable::kMonthlyMembership};
constexpr hm::DataSource kSources[] = {hm::DataSource::kClaim, hm::DataSource::kSupplemental,
                                       hm::DataSource::kEmr};

void CheckLayout(const hm::Layout& layout) {
  if (layout.origin != "fuzz.json") std::abort();
  if (layout.date_format != "MM/DD/YYYY" && layout.date_format != "YYYY-MM-DD") std::abort();
  if (layout.Find(hm::SourceTable::kMember) == nullptr) std::abort();
  std::set<hm::SourceTable> seen_tables;
  for (const hm::LayoutTable& table : layout.tables) {
    if (!seen_tables.insert(table.table).second) std::abort();
    if (layout.Find(table.table) != &table || table.columns.empty()) std::abort();
    std::set<std::string> names;
    for (const auto* list : {&table.columns, &table.accepted}) {
      for (const hm::LayoutColumn& column : *list) {
        if (column.name.empty() || !names.insert(hm::util::Lower(column.name)).second) {
          std::abort();
        }
        if (table.Find(column.name) != &column) std::abort();
        if (table.Find(hm::util::Upper(column.name)) != &column) std::abort();
        if (hm::ColumnTypeName(column.type).empty()) std::abort();
      }
    }
    for (const hm::FileIdSource& id : layout.file_ids) {
      (void)layout.SourceFor(table, id.file_id);
    }
    (void)layout.SourceFor(table, "");
  }
  for (const hm::SourceTable table : kTables) {
    for (const hm::DataSource source : kSources) {
      const std::string file_id = layout.FileIdFor(table, source);
      if (file_id.empty()) continue;
      bool listed = false;
      for (const hm::FileIdSource& id : layout.file_ids) {
        listed = listed || (id.file_id == file_id && id.source == source);
      }
      if (!listed) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const hm::Result<hm::Layout> layout = hm::ParseLayout(json, "fuzz.json");
  if (!layout.ok()) {
    if (layout.status().message().empty() || layout.status().location().file != "fuzz.json") {
      std::abort();
    }
    return 0;
  }
  CheckLayout(*layout);
  return 0;
}
