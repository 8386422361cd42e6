// The MEM_NBR each scenario's member gets (mockup.h, MockupMemberIds): generate writes them and
// validate finds the members by them, so both call this one function.
#include <set>

#include <fmt/format.h>

#include "hedis_mockup/mockup.h"
#include "util/text.h"

namespace hm {

std::vector<std::string> MockupMemberIds(const TestCaseBook& book, const std::string& measure_id) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (const Scenario& s : book.scenarios) {
    std::string id(util::Trim(s.member_id));
    for (char& c : id) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
    }
    if (id.empty()) id = fmt::format("{}_ROW{}", measure_id, s.row);
    std::string unique = id;
    for (int n = 2; taken.contains(unique); ++n) unique = fmt::format("{}_{}", id, n);
    taken.insert(unique);
    ids.push_back(std::move(unique));
  }
  return ids;
}

std::optional<MockupFormat> ParseMockupFormat(std::string_view name) {
  const std::string key = util::Lower(util::Trim(name));
  if (key == "xlsx") return MockupFormat::kXlsx;
  if (key == "csv") return MockupFormat::kCsv;
  if (key == "sqlite" || key == "db") return MockupFormat::kSqlite;
  if (key == "postgresql" || key == "postgres" || key == "pg") return MockupFormat::kPostgres;
  return std::nullopt;
}

}  // namespace hm
