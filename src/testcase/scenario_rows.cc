#include "testcase/scenario_rows.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "read/header_row.h"
#include "util/text.h"

namespace hm::testcase {
namespace {

// Non-blank rows searched for the header: title blocks and notes above it run to a dozen rows.
constexpr int kHeaderScanRows = 30;

enum Field : std::size_t { kId, kScenario, kObjective, kExpected, kAddUpdate, kFieldCount };

// "#TC" is both: some sheets put the id under "S.N" and the scenario under "#TC", others the id
// under "#TC". The id column is taken first; see FindHeader.
std::vector<read::ColumnSpec> Specs() {
  return {
      {"Member ID", true, kMemberIdHeaders},
      {"Scenario", false, {"Scenarios", "Test Scenario", "Scenario Description", "#TC"}},
      {"Test Objective", false, {"Test Objectives", "Objective", "Objectives"}},
      {"Expected Result", false, {"Expected Results", "Expected", "Expected Outcome"}, true},
      {"ADD/UPDATE", false, {"Add Update", "Add/Upd", "Add or Update"}},
  };
}

struct Layout {
  std::int64_t header_row = 0;
  std::array<int, kFieldCount> field{};
  std::vector<std::pair<int, std::string>> others;  // (0-based column, header text)
  std::string expected_header;
};

bool HasTextColumn(const Layout& layout) {
  return layout.field[kScenario] >= 0 || layout.field[kObjective] >= 0 ||
         layout.field[kExpected] >= 0;
}

Layout LayoutOf(const read::HeaderRow& header, const read::Row& row) {
  Layout layout;
  layout.header_row = header.header_row();
  for (std::size_t f = 0; f < kFieldCount; ++f) layout.field[f] = header.column(f);
  if (layout.field[kScenario] == layout.field[kId]) layout.field[kScenario] = -1;
  if (layout.field[kExpected] >= 0) {
    layout.expected_header = std::string(util::Trim(row.at(static_cast<std::size_t>(layout.field[kExpected])).text));
  }
  const std::set<int> taken(layout.field.begin(), layout.field.end());
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const std::string_view name = util::Trim(row.cells[c].text);
    if (row.cells[c].type == read::Cell::Type::kString && !name.empty() &&
        !taken.contains(static_cast<int>(c))) {
      layout.others.emplace_back(static_cast<int>(c), std::string(name));
    }
  }
  return layout;
}

// The header, or nullopt with `reason` saying why none was found. A row with a member id column
// but no text column (a revision history's "SN", a file-id detail's "mem_nbr") is not a scenario
// header, so the search goes on past it.
std::optional<Layout> FindHeader(const read::Sheet& sheet, std::string& reason) {
  std::int64_t id_only_row = 0;
  for (std::size_t i = 0; i < sheet.rows.size() && i < kHeaderScanRows; ++i) {
    read::HeaderRow header(Specs());
    if (!header.TryMatch(sheet.rows[i])) continue;
    Layout layout = LayoutOf(header, sheet.rows[i]);
    if (HasTextColumn(layout)) return layout;
    if (id_only_row == 0) id_only_row = layout.header_row;
  }
  if (id_only_row > 0) {
    reason = fmt::format(
        "row {} has a member id column but no scenario, test objective or expected result "
        "column: not a scenario sheet",
        id_only_row);
  } else {
    reason = fmt::format(
        "no header row with a member id column in the first {} rows (looked for: {})",
        kHeaderScanRows, fmt::join(kMemberIdHeaders, ", "));
  }
  return std::nullopt;
}

// Whether (row, column) lies in a merged range that starts on an earlier row: Excel shows the
// value there, but it belongs to the row above.
bool MergedFromAbove(const read::Sheet& sheet, std::int64_t row, std::int64_t column) {
  for (const read::CellRange& merge : sheet.merges) {
    if (merge.Contains(row, column) && merge.first_row < row) return true;
  }
  return false;
}

// The text shown in 0-based `column` of `row`; with `own_only`, empty where the text is merged
// down from a row above (so a continuation does not repeat its member's text).
std::string Shown(const read::Sheet& sheet, const read::Row& row, int column, bool own_only) {
  if (column < 0) return {};
  if (own_only && MergedFromAbove(sheet, row.number, column + 1)) return {};
  const read::Cell& cell = sheet.Displayed(row.number, column + 1);
  if (cell.type == read::Cell::Type::kString) return std::string(util::Trim(cell.text));
  return cell.AsText();
}

bool IsMemberIdHeader(std::string_view text) {
  const std::string key = util::NameKey(text);
  for (const std::string& name : kMemberIdHeaders) {
    if (key == util::NameKey(name)) return true;
  }
  return false;
}

std::string FirstLine(std::string_view text) {
  return std::string(util::Trim(text.substr(0, text.find('\n'))));
}

void Append(std::string& to, const std::string& more) {
  if (more.empty()) return;
  if (!to.empty()) to += '\n';
  to += more;
}

// Sorts the rows below the header of one sheet. State that carries from row to row lives here.
class SheetScanner {
 public:
  SheetScanner(const read::Sheet& sheet, const Layout& layout, const std::string& file,
               ScenarioTable& table)
      : sheet_(sheet), layout_(layout), file_(file), table_(table) {}

  // Returns the number of member rows found.
  std::size_t Scan();

 private:
  // kRepeatedHeader: the header written again lower down, above a second block of members.
  enum class Kind { kBlank, kMember, kContinuation, kGroup, kRepeatedHeader };
  Kind Classify(const read::Row& row, std::string& label) const;
  void AddMember(const read::Row& row, const std::string& id);
  void AddContinuation(const read::Row& row);
  void WarnIfLabelLooksLikeScenario(const read::Row& row, const std::string& label);
  std::size_t OwnCellCount(const read::Row& row) const;

  const read::Sheet& sheet_;
  const Layout& layout_;
  const std::string& file_;
  ScenarioTable& table_;
  std::string group_;
  bool in_member_ = false;  // a member row came since the last group row
  std::set<std::string> ids_seen_;
  std::size_t members_ = 0;
};

std::size_t SheetScanner::Scan() {
  for (const read::Row& row : sheet_.rows) {
    if (row.number <= layout_.header_row) continue;
    std::string label;
    switch (Classify(row, label)) {
      case Kind::kBlank:
        break;
      case Kind::kRepeatedHeader:
        in_member_ = false;  // the cells beside it are headers, not more of the member above
        break;
      case Kind::kMember:
        AddMember(row, label);
        break;
      case Kind::kContinuation:
        AddContinuation(row);
        break;
      case Kind::kGroup:
        WarnIfLabelLooksLikeScenario(row, label);
        group_ = FirstLine(label);
        in_member_ = false;
        break;
    }
  }
  return members_;
}

// A filled id column decides by the id rule. A blank one is a continuation when the id is merged
// down from the member above or the row fills several cells (a second enrollment); a single
// filled cell, or any row before the first member of a group, is a group label.
SheetScanner::Kind SheetScanner::Classify(const read::Row& row, std::string& label) const {
  const int id_column = layout_.field[kId];
  const read::Cell& id_cell = row.at(static_cast<std::size_t>(std::max(id_column, 0)));
  const std::string id = Shown(sheet_, row, id_column, /*own_only=*/true);
  if (!id.empty()) {
    if (IsMemberIdHeader(id)) return Kind::kRepeatedHeader;
    label = id;
    const std::string scenario = Shown(sheet_, row, layout_.field[kScenario], true);
    // A label merged across the row shows in the scenario column as well: say it once.
    if (!LooksLikeMemberId(id) && !scenario.empty() && scenario != id) label += ": " + FirstLine(scenario);
    const bool is_date = id_cell.type == read::Cell::Type::kDate;
    return !is_date && LooksLikeMemberId(id) ? Kind::kMember : Kind::kGroup;
  }
  const std::size_t filled = OwnCellCount(row);
  if (filled == 0) return Kind::kBlank;
  const bool merged_id = !Shown(sheet_, row, id_column, /*own_only=*/false).empty();
  if (in_member_ && (merged_id || filled >= 2)) return Kind::kContinuation;
  for (std::size_t c = 0; c < row.cells.size() && label.empty(); ++c) {
    label = Shown(sheet_, row, static_cast<int>(c), /*own_only=*/true);
  }
  const std::string scenario = Shown(sheet_, row, layout_.field[kScenario], true);
  if (!scenario.empty()) label = scenario;
  return Kind::kGroup;
}

std::size_t SheetScanner::OwnCellCount(const read::Row& row) const {
  std::size_t filled = 0;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    if (!Shown(sheet_, row, static_cast<int>(c), /*own_only=*/true).empty()) ++filled;
  }
  return filled;
}

void SheetScanner::AddMember(const read::Row& row, const std::string& id) {
  ScenarioRow member;
  member.sheet = sheet_.name;
  member.row = row.number;
  member.member_id = id;
  member.group = group_;
  member.scenario = Shown(sheet_, row, layout_.field[kScenario], false);
  member.objective = Shown(sheet_, row, layout_.field[kObjective], false);
  member.expected = Shown(sheet_, row, layout_.field[kExpected], false);
  member.add_update = Shown(sheet_, row, layout_.field[kAddUpdate], false);
  member.expected_header = layout_.expected_header;
  member.row_columns.emplace_back();
  for (const auto& [column, header] : layout_.others) {
    std::string text = Shown(sheet_, row, column, false);
    if (!text.empty()) member.row_columns.back()[header] = text;
    if (!text.empty()) member.other_columns[header] = std::move(text);
  }
  if (!ids_seen_.insert(id).second) {
    table_.warnings.push_back(
        Status::InvalidInput(fmt::format("member id '{}' appears again on this sheet", id),
                             "give each scenario its own member id")
            .InFile(file_)
            .InSheet(sheet_.name)
            .AtCell(row.number, layout_.field[kId] + 1)
            .Recoverable());
  }
  table_.rows.push_back(std::move(member));
  in_member_ = true;
  ++members_;
}

void SheetScanner::AddContinuation(const read::Row& row) {
  ScenarioRow& member = table_.rows.back();
  member.continuation_rows.push_back(row.number);
  Append(member.scenario, Shown(sheet_, row, layout_.field[kScenario], true));
  Append(member.objective, Shown(sheet_, row, layout_.field[kObjective], true));
  Append(member.expected, Shown(sheet_, row, layout_.field[kExpected], true));
  Append(member.add_update, Shown(sheet_, row, layout_.field[kAddUpdate], true));
  member.row_columns.emplace_back();
  for (const auto& [column, header] : layout_.others) {
    std::string own = Shown(sheet_, row, column, true);
    if (!own.empty()) member.row_columns.back()[header] = own;
    Append(member.other_columns[header], own);
    if (member.other_columns[header].empty()) member.other_columns.erase(header);
  }
}

// A label in the id column of a row that also has an expected result is more likely a mistyped
// member id ("PSA AG 01") than a section: say so rather than drop the scenario silently.
void SheetScanner::WarnIfLabelLooksLikeScenario(const read::Row& row, const std::string& label) {
  const int id_column = layout_.field[kId];
  const std::string id = Shown(sheet_, row, id_column, true);
  const std::string expected = Shown(sheet_, row, layout_.field[kExpected], true);
  if (id.empty() || expected.empty() || expected == id) return;  // equal: a merged label
  table_.warnings.push_back(
      Status::InvalidInput(
          fmt::format("'{}' in the member id column does not look like a member id; the row is "
                      "taken as a group label",
                      FirstLine(label)),
          "member ids are letters and digits joined by '_', '-' or '.', without spaces")
          .InFile(file_)
          .InSheet(sheet_.name)
          .AtCell(row.number, id_column + 1)
          .Recoverable());
}

// Reads one sheet into `table`; returns the reason when it holds no scenarios.
Result<std::optional<std::string>> ReadSheet(read::Workbook& workbook, std::size_t index,
                                             ScenarioTable& table) {
  const std::string file = workbook.SheetPath(index);
  Result<read::Sheet> sheet = workbook.LoadSheet(index);
  if (!sheet.ok()) {
    return std::move(sheet).TakeStatus().InFile(file).InSheet(workbook.SheetNames()[index]);
  }
  if (sheet->rows.empty()) return std::optional<std::string>("the sheet is empty");
  std::string reason;
  const std::optional<Layout> layout = FindHeader(*sheet, reason);
  if (!layout) return std::optional<std::string>(reason);
  if (SheetScanner(*sheet, *layout, file, table).Scan() > 0) return std::optional<std::string>();
  return std::optional<std::string>(fmt::format(
      "header on row {}, but no row below it has a member id (letters and digits joined by "
      "'_', '-' or '.')",
      layout->header_row));
}

Status NoScenariosError(const read::Workbook& workbook, const ScenarioTable& table) {
  std::vector<std::string> reasons;
  for (const SkippedSheet& skipped : table.skipped) {
    reasons.push_back(fmt::format("sheet '{}': {}", skipped.sheet, skipped.reason));
  }
  const std::string what =
      workbook.SheetNames().empty() ? "the workbook has no sheets" : "no sheet holds test scenarios";
  return Status::InvalidInput(
             what, fmt::format("put a header row in the first {} rows with a member id column "
                               "named one of {} and a scenario, test objective or expected "
                               "result column",
                               kHeaderScanRows, fmt::join(kMemberIdHeaders, ", ")))
      .InFile(workbook.path())
      .WithMore(std::move(reasons));
}

}  // namespace

const std::vector<std::string> kMemberIdHeaders = {
    "MEMBER_ID",      "Member Number", "NEW MEM_NBR", "MEM_NBR",   "Member Nbr",
    "Test data (Member number)",       "#  member number/TestCase ID", "TestCase ID",
    "Test Case ID",   "MemID",         "S.N",         "#TC"};

bool LooksLikeMemberId(std::string_view text) {
  if (text.size() < 2 || text.size() > 64) return false;
  bool has_mark = false;  // a digit or a joining character
  for (const char c : text) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const bool digit = c >= '0' && c <= '9';
    const bool joiner = c == '_' || c == '-' || c == '.';
    if (!letter && !digit && !joiner) return false;
    has_mark = has_mark || digit || joiner;
  }
  const bool all_joiners = text.find_first_not_of("_-.") == std::string_view::npos;
  return has_mark && !all_joiners;
}

Result<ScenarioTable> FindScenarios(read::Workbook& workbook) {
  ScenarioTable table;
  for (std::size_t i = 0; i < workbook.SheetNames().size(); ++i) {
    HM_ASSIGN_OR_RETURN(std::optional<std::string> skip, ReadSheet(workbook, i, table));
    if (skip) table.skipped.push_back({workbook.SheetNames()[i], std::move(*skip)});
  }
  if (table.rows.empty()) return NoScenariosError(workbook, table);
  return table;
}

}  // namespace hm::testcase
