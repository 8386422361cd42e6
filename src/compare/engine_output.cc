#include "compare/engine_output.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "read/workbook.h"
#include "util/text.h"

namespace hm::compare {
namespace {

// Output sheets put a title or notes above the header now and then; 30 rows is what the test-case
// reader allows too.
constexpr int kHeaderScanRows = 30;

constexpr std::array<std::string_view, 5> kMemberIdKeys = {"MEM_NBR", "MEMBER_ID", "MEMID",
                                                           "MEM_ID", "MEMBER_NBR"};
constexpr std::array<std::string_view, 14> kFlagKeys = {
    "PL", "AG", "CE", "BE", "AD", "ED", "RE", "NE", "SNE", "NUM", "EVENT", "EPOP", "EXCL", "REXCL"};

// NCQA result-file columns with the same meaning as a QA key (see the header).
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kNcqaRenames = {{
    {"MEMID", "MEM_NBR"}, {"EVENT", "ED"}, {"REXCL", "RE"}}};

std::string KeyOf(const read::Cell& cell) {
  // A string_view on both sides: `? cell.text : ""` would be a temporary std::string copy, dead
  // (and `text` dangling) at the end of the statement.
  std::string_view text =
      util::Trim(cell.type == read::Cell::Type::kString ? std::string_view(cell.text) : "");
  if (!text.empty() && text[0] == '*') text = util::Trim(text.substr(1));
  std::string key(text);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return key;
}

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view key) {
  return std::find(set.begin(), set.end(), key) != set.end();
}

// A header row: its keys and the member id column.
struct Header {
  std::int64_t row = 0;
  std::vector<std::string> keys;  // per 0-based column; "" for blank or repeated keys
  std::size_t id_column = 0;
  std::string id_key;  // as the header writes it (before NCQA renames), to spot it repeated
  bool has_flag = false;
  bool ncqa = false;
};

std::optional<Header> HeaderOf(const read::Row& row) {
  Header header;
  header.row = row.number;
  std::optional<std::size_t> id;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    std::string key = KeyOf(row.cells[c]);
    if (!id && In(kMemberIdKeys, key)) {
      id = c;
      header.id_key = key;
      header.ncqa = key == "MEMID";
    }
    header.has_flag = header.has_flag || In(kFlagKeys, key);
    if (std::find(header.keys.begin(), header.keys.end(), key) != header.keys.end()) key.clear();
    header.keys.push_back(std::move(key));
  }
  if (!id) return std::nullopt;
  header.id_column = *id;
  if (header.ncqa) {
    for (std::size_t c = 0; c < header.keys.size(); ++c) {
      std::string& key = header.keys[c];
      for (const auto& [from, to] : kNcqaRenames) {
        if (key == from) key = std::string(to);
      }
      // A renamed key may repeat an earlier column's (Event and ED): the first is kept.
      const auto before = header.keys.begin() + static_cast<std::ptrdiff_t>(c);
      if (std::find(header.keys.begin(), before, key) != before) key.clear();
    }
  }
  return header;
}

// The header of sheet `index`, reading no further than the scan window.
Result<std::optional<Header>> FindHeader(read::Workbook& workbook, std::size_t index) {
  std::optional<Header> found;
  int offered = 0;
  // A kInternal status from the visitor is a sentinel that ends the read early.
  Result<read::SheetSummary> read = workbook.ReadSheet(index, [&](const read::Row& row) {
    if (++offered > kHeaderScanRows) return Status::Internal("scan window passed");
    found = HeaderOf(row);
    return found ? Status::Internal("header found") : Status::Ok();
  });
  if (!read.ok() && read.status().code() != StatusCode::kInternal) {
    return std::move(read).TakeStatus();
  }
  return found;
}

std::string MemberIdNames() { return "MEM_NBR, *MEM_NBR, MemID, MEMBER_ID, MEM_ID, MEMBER_NBR"; }

// The sheet to read and its header: the named one, or the only one with an output header.
Result<std::pair<std::size_t, Header>> ChooseSheet(read::Workbook& workbook,
                                                   const EngineOutputOptions& options) {
  const std::vector<std::string>& names = workbook.SheetNames();
  std::vector<std::pair<std::size_t, Header>> candidates;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool named = !options.sheet.empty() && names.size() > 1;
    if (named && util::NameKey(names[i]) != util::NameKey(options.sheet)) continue;
    HM_ASSIGN_OR_RETURN(std::optional<Header> header, FindHeader(workbook, i));
    if (!header) {
      if (named || names.size() == 1) {
        return Status::InvalidInput(
                   fmt::format("no header row with a member id column ({}) in the first {} rows",
                               MemberIdNames(), kHeaderScanRows),
                   "give the engine's member-level output, one row per member and product")
            .InFile(workbook.SheetPath(i))
            .InSheet(names[i]);
      }
      continue;
    }
    if (header->has_flag || named || names.size() == 1) candidates.emplace_back(i, *header);
  }
  if (candidates.size() == 1) return candidates.front();
  if (!options.sheet.empty() && names.size() > 1 && candidates.empty()) {
    return Status::NotFound(fmt::format("no sheet named '{}' (sheets: {})", options.sheet,
                                        fmt::join(names, ", ")))
        .InFile(workbook.path());
  }
  if (candidates.empty()) {
    return Status::InvalidInput(
               fmt::format("no sheet has a header with a member id column ({}) and an output flag "
                           "column (PL, AG, CE, ED, RE, NE, NUM, Event ...)",
                           MemberIdNames()),
               "give the engine's member-level output")
        .InFile(workbook.path());
  }
  std::vector<std::string> which;
  for (const auto& c : candidates) which.push_back(names[c.first]);
  return Status::InvalidInput(
             fmt::format("several sheets hold member-level output: {}", fmt::join(which, ", ")),
             "name the one to compare with --sheet")
      .InFile(workbook.path());
}

ActualRow RowOf(const Header& header, const read::Row& row) {
  ActualRow out;
  out.source_row = row.number;
  for (std::size_t c = 0; c < header.keys.size(); ++c) {
    if (header.keys[c].empty()) continue;
    out.values.emplace(header.keys[c], std::string(util::Trim(row.at(c).AsText())));
  }
  return out;
}

}  // namespace

std::span<const ActualRow> EngineOutput::RowsOf(const std::string& member_id) const {
  auto it = members.find(std::string(util::Trim(member_id)));
  if (it == members.end()) return {};
  return it->second;
}

Result<EngineOutput> ReadEngineOutput(const std::string& path, const EngineOutputOptions& options) {
  HM_ASSIGN_OR_RETURN(std::unique_ptr<read::Workbook> workbook, read::Workbook::Open(path));
  HM_ASSIGN_OR_RETURN(auto chosen, ChooseSheet(*workbook, options));
  // Not a structured binding: clang before 16 cannot capture one in the lambda below.
  const std::size_t index = chosen.first;
  const Header& header = chosen.second;
  EngineOutput output;
  output.file = path;
  output.sheet = workbook->SheetNames()[index];
  output.header_row = header.row;
  output.ncqa_result_file = header.ncqa;
  for (const std::string& key : header.keys) {
    if (!key.empty()) output.columns.push_back(key);
  }
  HM_ASSIGN_OR_RETURN(read::SheetSummary summary,
                      workbook->ReadSheet(index, [&](const read::Row& row) {
    if (row.number <= header.row) return Status::Ok();
    const read::Cell& cell = row.at(header.id_column);
    if (cell.type == read::Cell::Type::kError) {
      return Status::InvalidInput(fmt::format("the member id is the error value {}", cell.text),
                                  "fix the formula or the export that wrote it")
          .InFile(workbook->SheetPath(index))
          .InSheet(output.sheet)
          .AtCell(row.number, static_cast<std::int64_t>(header.id_column) + 1);
    }
    const std::string id(util::Trim(cell.AsText()));
    if (id.empty() || KeyOf(cell) == header.id_key) return Status::Ok();
    output.members[id].push_back(RowOf(header, row));
    ++output.row_count;
    return Status::Ok();
  }));
  (void)summary;
  return output;
}

}  // namespace hm::compare
