#include "testcase/structured_layout.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/value_sets.h"
#include "testcase/value_set_match.h"
#include "util/files.h"
#include "util/text.h"

namespace hm::testcase {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading a row.

struct Cell {
  std::string header;  // as written
  std::string value;   // trimmed
};

std::string Quote(const Cell& cell) { return cell.header + ": " + cell.value; }

// Columns of test bookkeeping (who ran it, with what result) and the texts FindScenarios takes:
// nothing in them describes the member's data.
bool IsBookkeeping(const std::string& key) {
  static const std::set<std::string> kKeys = {
      "SOURCE",        "ACTUAL_RESULT", "ACTUAL_RESULTS", "EXECUTED_BY",  "EXECUTED_DATE",
      "EXECUTED_ON",   "EXECUTED",      "COMMENTS",       "COMMENT",      "DLL_VERSION",
      "REMARKS",       "REMARK",        "BUG",            "BUG_ID",       "QUERIES",
      "QUERY",         "TESTER",        "TESTED_BY",      "MEMBER_ID",    "EXPECTED_RESULT",
      "SCENARIO",      "SCENARIOS",     "SCENARIO_DESCRIPTION",           "TEST_OBJECTIVE",
      "TEST_OBJECTIVES", "ADD_UPDATE",  "GROUP"};
  return kKeys.contains(key) || key == "STATUS" || key.starts_with("STATUS_");
}

// The numbered column groups; a field of "" is unused.
enum GroupKind : int { kEnrollment, kVisit, kEvent, kExclusion };
struct GroupSpec {
  std::string_view prefix;
  std::array<std::string_view, 4> fields;
};
constexpr std::array<GroupSpec, 4> kGroups = {{
    {"ENROLLMENT", {"START", "END", "PRODUCT_ID", ""}},
    {"VISIT", {"DATE", "TYPE", "CPT", "DIAG"}},
    {"EVENT", {"NAME", "VALUE", "DATE", "CODE"}},
    {"EXCLUSION", {"NAME", "VALUE", "DATE", ""}},
}};
constexpr int kMaxGroupNumber = 999;

struct GroupColumn {
  int kind = 0;
  int number = 0;
  std::string field;
};

// "EVENT_12_NAME" -> {kEvent, 12, "NAME"}; nullopt for any other key.
std::optional<GroupColumn> ParseGroupColumn(std::string_view key) {
  for (int kind = 0; kind < static_cast<int>(kGroups.size()); ++kind) {
    const GroupSpec& spec = kGroups[static_cast<std::size_t>(kind)];
    if (!key.starts_with(spec.prefix) || key.size() <= spec.prefix.size() + 1 ||
        key[spec.prefix.size()] != '_') {
      continue;
    }
    std::string_view rest = key.substr(spec.prefix.size() + 1);
    int number = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (error != std::errc() || number < 1 || number > kMaxGroupNumber) return std::nullopt;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    if (!rest.starts_with('_')) return std::nullopt;
    rest.remove_prefix(1);
    for (std::string_view field : spec.fields) {
      if (!field.empty() && rest == field) return GroupColumn{kind, number, std::string(field)};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

using Group = std::map<std::string, Cell>;  // field -> cell

// A measure-specific flag column and its date column (HOSPICE, HOSPICE_DATE).
struct FlagPair {
  std::optional<Cell> flag, date;
};

// The row's filled columns, sorted by what they mean.
struct SortedColumns {
  std::map<std::string, std::optional<Cell>> singles;  // AGE, GENDER, PRODUCT_LINE, ...
  std::map<std::pair<int, int>, std::map<std::string, std::optional<Cell>>> groups;
  std::map<std::string, FlagPair> pairs;             // base key -> flag and date
  std::vector<Cell> duplicates;  // a second column with the same key ("AGE" and "Age")
};

// Puts `cell` in `slot` unless a column with the same key is there already.
void Place(std::optional<Cell>& slot, Cell cell, SortedColumns& sorted) {
  if (slot) {
    sorted.duplicates.push_back(std::move(cell));
  } else {
    slot = std::move(cell);
  }
}

SortedColumns SortColumns(const std::map<std::string, std::string>& columns) {
  static const std::set<std::string> kSingles = {"AGE", "GENDER", "PRODUCT_LINE", "OTHER_FACTS",
                                                 "NEEDS_ATTENTION"};
  SortedColumns sorted;
  for (const auto& [header, text] : columns) {
    Cell cell{header, std::string(util::Trim(text))};
    if (cell.value.empty()) continue;
    const std::string key = StandardColumnKey(header);
    if (IsBookkeeping(key)) continue;
    if (kSingles.contains(key)) {
      Place(sorted.singles[key], std::move(cell), sorted);
    } else if (const std::optional<GroupColumn> column = ParseGroupColumn(key)) {
      Place(sorted.groups[{column->kind, column->number}][column->field], std::move(cell), sorted);
    } else if (key.size() > 5 && key.ends_with("_DATE")) {
      Place(sorted.pairs[key.substr(0, key.size() - 5)].date, std::move(cell), sorted);
    } else {
      Place(sorted.pairs[key].flag, std::move(cell), sorted);
    }
  }
  return sorted;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// 1/Y/Yes/True -> true, 0/N/No/False -> false.
std::optional<bool> ParseFlag(std::string_view text) {
  const std::string upper = Upper(text);
  if (upper == "1" || upper == "Y" || upper == "YES" || upper == "TRUE") return true;
  if (upper == "0" || upper == "N" || upper == "NO" || upper == "FALSE") return false;
  return std::nullopt;
}

// A decimal number as lab results are written: "4.1", "-2", "10".
bool IsNumber(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  bool digit = false, point = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

// Ids, product ids and codes as one token: no separators a list cell would split on.
bool IsPlainToken(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
}

// Splits a list cell on ',', ';', '/', '&', line breaks and the word "and"; trims the items.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    const std::string_view item = util::Trim(current);
    if (!item.empty()) items.emplace_back(item);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool word_and = (c == ' ' || c == '\t') && i + 5 <= text.size() &&
                          util::Lower(text.substr(i, 5)) == " and " ;
    if (c == ',' || c == ';' || c == '/' || c == '&' || c == '\n') {
      flush();
    } else if (word_and) {
      flush();
      i += 3;
    } else {
      current += c;
    }
  }
  flush();
  return items;
}

// What EVENT_n_VALUE says.
struct EventValue {
  bool present = true;
  std::string lab;  // the result when one is given
};

std::optional<EventValue> ParseEventValue(std::string_view text) {
  if (text.empty()) return EventValue{};
  if (const std::optional<bool> flag = ParseFlag(text)) return EventValue{*flag, ""};
  if (Upper(text) == "NULL") return EventValue{true, "NULL"};
  if (IsNumber(text)) return EventValue{true, std::string(text)};
  return std::nullopt;
}

// "CPT:84153", "84153 : CPT", "(183919006 : SNOMED)" or a bare code.
CodeRef ParseCode(std::string_view text) {
  if (text.starts_with('(') && text.ends_with(')')) text = text.substr(1, text.size() - 2);
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return CodeRef{"", std::string(util::Trim(text))};
  const std::string_view left = util::Trim(text.substr(0, colon));
  const std::string_view right = util::Trim(text.substr(colon + 1));
  if (const std::optional<CodeSystem> system = ParseCodeSystem(left)) {
    return CodeRef{std::string(CodeSystemName(*system)), std::string(right)};
  }
  if (const std::optional<CodeSystem> system = ParseCodeSystem(right)) {
    return CodeRef{std::string(CodeSystemName(*system)), std::string(left)};
  }
  return CodeRef{std::string(left), std::string(right)};
}

// Reads one row's columns into `out`. One method per column kind; each either adds facts or
// reports every filled cell it was given as unparsed, with the reason.
class RowReader {
 public:
  explicit RowReader(const TestCaseOptions& options) : options_(options) {}
  TextReading Read(const ScenarioRow& row);

 private:
  void ReadSingle(const std::string& key, const Cell& cell);
  void ReadAge(const Cell& cell);
  void ReadGender(const Cell& cell);
  void ReadProductLines(const Cell& cell);
  void ReadOtherFacts(const Cell& cell);
  void ReadGroup(int kind, int number, const Group& group);
  void ReadEnrollment(const std::string& name, const Group& group);
  void ReadVisit(const std::string& name, const Group& group);
  void ReadEvent(const std::string& name, const Group& group);
  void ReadFlagPair(const std::string& base, const FlagPair& pair);

  std::optional<Date> DateOf(const Cell& cell, const std::vector<const Cell*>& group);
  void MatchName(EventFact& event, const std::string& column);
  void Add(FactBody body, const std::string& column);
  void Fail(const std::vector<const Cell*>& cells, std::string reason);

  const TestCaseOptions& options_;
  TextReading out_;
};

std::vector<const Cell*> CellsOf(const Group& group) {
  std::vector<const Cell*> cells;
  for (const auto& [field, cell] : group) cells.push_back(&cell);
  return cells;
}

const Cell* Field(const Group& group, const char* field) {
  const auto it = group.find(field);
  return it == group.end() ? nullptr : &it->second;
}

TextReading RowReader::Read(const ScenarioRow& row) {
  const SortedColumns sorted = SortColumns(row.other_columns);
  for (const auto& [key, cell] : sorted.singles) ReadSingle(key, *cell);
  for (const auto& [id, cells] : sorted.groups) {
    Group group;
    for (const auto& [field, cell] : cells) group.emplace(field, *cell);
    ReadGroup(id.first, id.second, group);
  }
  for (const auto& [base, pair] : sorted.pairs) ReadFlagPair(base, pair);
  for (const Cell& cell : sorted.duplicates) {
    Fail({&cell}, fmt::format("{}: another column has the same name; this one is not read",
                              cell.header));
  }
  return std::move(out_);
}

void RowReader::ReadSingle(const std::string& key, const Cell& cell) {
  if (key == "AGE") {
    ReadAge(cell);
  } else if (key == "GENDER") {
    ReadGender(cell);
  } else if (key == "PRODUCT_LINE") {
    ReadProductLines(cell);
  } else if (key == "OTHER_FACTS") {
    ReadOtherFacts(cell);
  } else {  // NEEDS_ATTENTION: what the writer flagged stays flagged
    const std::string_view text = cell.value;
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = util::Trim(text.substr(start, end - start));
      if (!line.empty()) out_.attention.emplace_back(line);
      start = end + 1;
    }
  }
}

void RowReader::ReadAge(const Cell& cell) {
  int years = -1;
  const char* end = cell.value.data() + cell.value.size();
  const auto [stop, error] = std::from_chars(cell.value.data(), end, years);
  const std::optional<Date> as_of = Date::FromYmd(options_.measurement_year, 12, 31);
  if (error != std::errc() || stop != end || years < 0 || years > 150) {
    return Fail({&cell}, fmt::format("{}: '{}' is not an age in whole years", cell.header,
                                     cell.value));
  }
  if (!as_of) {
    return Fail({&cell}, fmt::format("{}: no measurement year to date the age by",
                                     cell.header));
  }
  Add(AgeFact{years, *as_of}, cell.header);
}

void RowReader::ReadGender(const Cell& cell) {
  static const std::map<std::string, char> kCodes = {
      {"M", 'M'}, {"MALE", 'M'},  {"F", 'F'},     {"FEMALE", 'F'},
      {"O", 'O'}, {"OTHER", 'O'}, {"U", 'U'},     {"UNKNOWN", 'U'}};
  const auto it = kCodes.find(Upper(cell.value));
  if (it == kCodes.end()) {
    return Fail({&cell}, fmt::format("{}: '{}' is not a gender (M, F, O or U)", cell.header,
                                     cell.value));
  }
  Add(GenderFact{it->second}, cell.header);
}

void RowReader::ReadProductLines(const Cell& cell) {
  static const std::map<std::string, std::string> kLines = {
      {"commercial", "commercial"}, {"medicaid", "medicaid"},       {"medicare", "medicare"},
      {"exchange", "exchange"},     {"marketplace", "exchange"}};
  std::vector<std::string> lines;
  for (const std::string& item : SplitList(cell.value)) {
    const auto it = kLines.find(util::Lower(item));
    if (it == kLines.end()) {
      return Fail({&cell}, fmt::format("{}: '{}' is not a product line (Commercial, Medicaid, "
                                       "Medicare, Exchange)",
                                       cell.header, item));
    }
    lines.push_back(it->second);
  }
  for (std::string& line : lines) Add(ProductLineFact{std::move(line)}, cell.header);
}

// The facts of OTHER_FACTS keep the grammar's reading; what it did not understand is quoted with
// the column's name, since its spans are not in the scenario text.
void RowReader::ReadOtherFacts(const Cell& cell) {
  TextReading reading = ReadScenarioText(cell.value, options_);
  for (Fact& fact : reading.facts) Add(std::move(fact.body), cell.header);
  for (const Fragment& fragment : reading.unparsed) {
    out_.unparsed.push_back(Fragment{cell.header + ": " + fragment.text, 0, 0});
  }
  for (const std::string& text : reading.assumptions) {
    out_.assumptions.push_back(cell.header + ": " + text);
  }
  for (const std::string& text : reading.attention) {
    out_.attention.push_back(cell.header + ": " + text);
  }
}

void RowReader::ReadGroup(int kind, int number, const Group& group) {
  const std::string name =
      fmt::format("{}_{}", kGroups[static_cast<std::size_t>(kind)].prefix, number);
  switch (kind) {
    case kEnrollment:
      return ReadEnrollment(name, group);
    case kVisit:
      return ReadVisit(name, group);
    default:
      return ReadEvent(name, group);
  }
}

void RowReader::ReadEnrollment(const std::string& name, const Group& group) {
  const Cell* start = Field(group, "START");
  const Cell* end = Field(group, "END");
  if (start == nullptr || end == nullptr) {
    return Fail(CellsOf(group), fmt::format("{}: an enrollment needs both {}_START and {}_END",
                                            name, name, name));
  }
  const std::optional<Date> first = DateOf(*start, CellsOf(group));
  if (!first) return;
  const std::optional<Date> last = DateOf(*end, CellsOf(group));
  if (!last) return;
  EnrollmentFact enrollment{*first, *last, {}, {}, {}, {}, {}};
  if (const Cell* ids = Field(group, "PRODUCT_ID")) {
    for (std::string& id : SplitList(ids->value)) {
      if (!IsPlainToken(id)) {
        return Fail(CellsOf(group), fmt::format("{}: '{}' is not a product id", ids->header, id));
      }
      enrollment.product_ids.push_back(std::move(id));
    }
  }
  if (*last < *first) {
    out_.attention.push_back(fmt::format("{}: the enrollment ends before it starts", name));
  }
  Add(std::move(enrollment), start->header);
}

void RowReader::ReadVisit(const std::string& name, const Group& group) {
  const Cell* date = Field(group, "DATE");
  const Cell* type = Field(group, "TYPE");
  const Cell* cpt = Field(group, "CPT");
  const Cell* diag = Field(group, "DIAG");
  if (date == nullptr || (type == nullptr && cpt == nullptr && diag == nullptr)) {
    return Fail(CellsOf(group), fmt::format("{}: a visit needs {}_DATE and one of {}_TYPE, "
                                            "{}_CPT or {}_DIAG",
                                            name, name, name, name, name));
  }
  const std::optional<Date> day = DateOf(*date, CellsOf(group));
  if (!day) return;
  EventFact visit;
  visit.dates = {*day};
  visit.table = "VISIT_IN";
  if (type != nullptr) visit.value_set = type->value;
  const std::pair<const Cell*, CodeSystem> code_columns[] = {{cpt, CodeSystem::kCpt},
                                                              {diag, CodeSystem::kIcd10Cm}};
  for (const auto& [cell, system] : code_columns) {
    if (cell == nullptr) continue;
    for (std::string& code : SplitList(cell->value)) {
      visit.codes.push_back(CodeRef{std::string(CodeSystemName(system)), std::move(code)});
    }
  }
  if (!visit.value_set.empty()) MatchName(visit, type->header);
  Add(std::move(visit), (type != nullptr ? type : date)->header);
}

// EVENT_n and EXCLUSION_n (which has no CODE).
void RowReader::ReadEvent(const std::string& name, const Group& group) {
  const Cell* label = Field(group, "NAME");
  const Cell* value = Field(group, "VALUE");
  const Cell* date = Field(group, "DATE");
  const Cell* code = Field(group, "CODE");
  if (label == nullptr && code == nullptr) {
    return Fail(CellsOf(group), fmt::format("{}: an event needs {}_NAME", name, name));
  }
  const std::optional<EventValue> reading = ParseEventValue(value ? value->value : "");
  if (!reading) {
    return Fail(CellsOf(group),
                fmt::format("{}: '{}' is not 1, 0, Y, N, NULL or a number", value->header,
                            value->value));
  }
  std::optional<Date> day;
  if (date != nullptr && !(day = DateOf(*date, CellsOf(group)))) return;
  if (!reading->present) return;  // "0": the analyst states the event is absent
  EventFact event;
  if (label != nullptr) event.value_set = label->value;
  if (day) event.dates = {*day};
  event.value = reading->lab;
  if (code != nullptr) {
    for (const std::string& item : SplitList(code->value)) event.codes.push_back(ParseCode(item));
  }
  if (!event.value_set.empty()) MatchName(event, label->header);
  Add(std::move(event), (label != nullptr ? label : code)->header);
}

void RowReader::ReadFlagPair(const std::string& base, const FlagPair& pair) {
  std::vector<const Cell*> cells;
  if (pair.flag) cells.push_back(&*pair.flag);
  if (pair.date) cells.push_back(&*pair.date);
  const std::optional<bool> flag = pair.flag ? ParseFlag(pair.flag->value) : std::optional<bool>(true);
  if (!flag) {
    return Fail(cells, pair.date ? fmt::format("{}: '{}' is not 1 or 0", pair.flag->header,
                                               pair.flag->value)
                                 : fmt::format("{}: not a column of the standard layout",
                                               pair.flag->header));
  }
  std::optional<Date> day;
  if (pair.date && !(day = DateOf(*pair.date, cells))) return;
  if (!*flag) {
    if (pair.date) Fail(cells, fmt::format("{} is 0 but {} has a date", pair.flag->header,
                                           pair.date->header));
    return;
  }
  const std::string& column = (pair.flag ? pair.flag : pair.date)->header;
  if (base == "DECEASED") {
    if (!day) return Fail(cells, fmt::format("{}: a death needs a date in DECEASED_DATE", column));
    return Add(DeathFact{*day, {}, StatedSource::kUnstated, false, {}}, column);
  }
  EventFact event;
  event.value_set = base;
  std::replace(event.value_set.begin(), event.value_set.end(), '_', ' ');
  if (day) event.dates = {*day};
  MatchName(event, column);
  Add(std::move(event), column);
}

// A bare number in a date column is an Excel serial: the column says what it is.
std::optional<Date> RowReader::DateOf(const Cell& cell, const std::vector<const Cell*>& group) {
  DateParseOptions parse;
  parse.allow_serial = true;
  Result<Date> date = ParseDate(cell.value, options_.measurement_year, parse);
  if (date.ok()) return *date;
  Fail(group, fmt::format("{}: {}", cell.header, date.status().message()));
  return std::nullopt;
}

// The same matching the grammar does, so a name reads alike from a column and from text.
void RowReader::MatchName(EventFact& event, const std::string& column) {
  if (options_.vsd == nullptr) return;
  const ValueSetMatch match = MatchValueSet(event.value_set, *options_.vsd);
  event.matched = match.name;
  if (match.kind == ValueSetMatch::Kind::kFuzzy) {
    out_.assumptions.push_back(fmt::format("{}: read '{}' as the value set '{}'", column,
                                           event.value_set, match.name));
  } else if (match.kind == ValueSetMatch::Kind::kNone) {
    out_.attention.push_back(fmt::format(
        "{}: value set '{}' is not in the VSD{}", column, event.value_set,
        match.suggestions.empty()
            ? ""
            : fmt::format(" (did you mean {}?)", fmt::join(match.suggestions, ", "))));
  }
}

void RowReader::Add(FactBody body, const std::string& column) {
  Fact fact;
  fact.body = std::move(body);
  fact.provenance = Provenance::kStructured;
  fact.column = column;
  out_.facts.push_back(std::move(fact));
}

void RowReader::Fail(const std::vector<const Cell*>& cells, std::string reason) {
  for (const Cell* cell : cells) out_.unparsed.push_back(Fragment{Quote(*cell), 0, 0});
  out_.attention.push_back(std::move(reason));
}

// ---------------------------------------------------------------------------------------------
// Writing a book.

constexpr int kMinGroupColumns = 5;  // as many as the template has, so QA can add more by hand
constexpr std::size_t kMaxSheetRows = 1'048'576;  // Excel's limit, header row included

struct EnrollmentCells {
  std::string start, end, product_id;
};
struct VisitCells {
  std::string date, type, cpt, diag;
};
struct EventCells {
  std::string name, value, date, code;
};

// One scenario in the standard columns; `other_facts` holds the facts no column can hold exactly.
struct StandardRow {
  std::string age, gender, product_line;
  std::vector<EnrollmentCells> enrollments;
  std::vector<VisitCells> visits;
  std::vector<EventCells> events;
  std::vector<std::string> other_facts;
};

bool IsProductLine(const std::string& line) {
  return line == "commercial" || line == "medicaid" || line == "medicare" || line == "exchange";
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

// The name an event is written under: as the analyst wrote it, so that reading the column back
// gives the same fact (the VSD match is made again on reading).
const std::string& EventName(const EventFact& event) { return event.value_set; }

bool IsOneLine(const std::string& text) {
  return !text.empty() && text.find_first_of("\n\r") == std::string::npos &&
         util::Trim(text).size() == text.size();
}

// The facts each column kind can hold are those it reads back into an equal fact; anything with
// more detail (a plan, benefits, a data source, extra fields) goes to OTHER_FACTS.
std::optional<EnrollmentCells> EnrollmentColumns(const EnrollmentFact& f, int my) {
  if (!f.start || !f.end || !f.plan.empty() || !f.coverage.empty() || !f.benefits.empty() || !f.fields.empty() ||
      f.product_ids.size() > 1 || (f.product_ids.size() == 1 && !IsPlainToken(f.product_ids[0]))) {
    return std::nullopt;
  }
  return EnrollmentCells{FormatMyDate(*f.start, my), FormatMyDate(*f.end, my),
                         f.product_ids.empty() ? "" : f.product_ids[0]};
}

bool IsSimpleEvent(const EventFact& e) {
  return e.dates.size() == 1 && e.count == 1 && e.source == StatedSource::kUnstated && !e.denied &&
         e.fields.empty();
}

// A list of codes of one system as a VISIT_n_CPT or VISIT_n_DIAG cell.
std::optional<std::string> CodeListCell(const std::vector<CodeRef>& codes, std::string_view system) {
  std::vector<std::string> items;
  for (const CodeRef& code : codes) {
    if (code.system != system) continue;
    if (!IsPlainToken(code.code)) return std::nullopt;
    items.push_back(code.code);
  }
  return fmt::format("{}", fmt::join(items, ", "));
}

std::optional<VisitCells> VisitColumns(const EventFact& e, int my) {
  if (!IsSimpleEvent(e) || e.table != "VISIT_IN" || !e.value.empty()) return std::nullopt;
  const std::string_view cpt_system = CodeSystemName(CodeSystem::kCpt);
  const std::string_view diag_system = CodeSystemName(CodeSystem::kIcd10Cm);
  // Read back, CPT codes come before diagnoses: any other order would compare unequal.
  const auto first_diag = std::find_if(e.codes.begin(), e.codes.end(),
                                       [&](const CodeRef& c) { return c.system != cpt_system; });
  const bool ordered = std::all_of(first_diag, e.codes.end(),
                                   [&](const CodeRef& c) { return c.system == diag_system; });
  const std::string& name = EventName(e);
  if (!ordered || (name.empty() && e.codes.empty()) || (!name.empty() && !IsOneLine(name))) {
    return std::nullopt;
  }
  const std::optional<std::string> cpt = CodeListCell(e.codes, cpt_system);
  const std::optional<std::string> diag = CodeListCell(e.codes, diag_system);
  if (!cpt || !diag) return std::nullopt;
  return VisitCells{FormatMyDate(e.dates[0], my), name, *cpt, *diag};
}

// "SYSTEM:CODE", or the bare code; nullopt when reading it back would give another CodeRef.
std::optional<std::string> CodeCell(const CodeRef& code) {
  if (code.code.empty() || code.code.find_first_of(":,;/&\n") != std::string::npos ||
      util::Trim(code.code).size() != code.code.size()) {
    return std::nullopt;
  }
  if (code.system.empty()) return code.code;
  const std::optional<CodeSystem> system = ParseCodeSystem(code.system);
  const bool canonical = system ? CodeSystemName(*system) == code.system
                                : !ParseCodeSystem(code.code).has_value();
  if (!canonical || code.system.find_first_of(":,;/&\n") != std::string::npos ||
      util::Trim(code.system).size() != code.system.size()) {
    return std::nullopt;
  }
  return code.system + ":" + code.code;
}

std::optional<EventCells> EventColumns(const EventFact& e, int my) {
  if (!IsSimpleEvent(e) || !e.table.empty() || e.codes.size() > 1 || !IsOneLine(EventName(e))) {
    return std::nullopt;
  }
  // "1" and "0" are read as present/absent, so a lab result of 1 or 0 cannot be written here.
  std::string value = "1";
  if (!e.value.empty()) {
    if (e.value != "NULL" && (!IsNumber(e.value) || ParseFlag(e.value))) return std::nullopt;
    value = e.value;
  }
  std::string code;
  if (!e.codes.empty()) {
    const std::optional<std::string> cell = CodeCell(e.codes[0]);
    if (!cell) return std::nullopt;
    code = *cell;
  }
  return EventCells{EventName(e), value, FormatMyDate(e.dates[0], my), code};
}

// Puts `fact` in its column when the column is free and holds it exactly; returns false if not.
bool PlaceFact(const FactBody& body, int my, StandardRow& row) {
  if (const auto* age = std::get_if<AgeFact>(&body)) {
    const bool dec31 = Date::FromYmd(my, 12, 31) == age->as_of;
    if (!row.age.empty() || !dec31 || age->years < 0 || age->years > 150) return false;
    row.age = std::to_string(age->years);
  } else if (const auto* gender = std::get_if<GenderFact>(&body)) {
    if (!row.gender.empty() || std::string_view("MFOU").find(gender->code) == std::string::npos) {
      return false;
    }
    row.gender = std::string(1, gender->code);
  } else if (const auto* line = std::get_if<ProductLineFact>(&body)) {
    if (!row.product_line.empty() || !IsProductLine(line->line)) return false;
    row.product_line = Capitalized(line->line);
  } else if (const auto* enrollment = std::get_if<EnrollmentFact>(&body)) {
    std::optional<EnrollmentCells> cells = EnrollmentColumns(*enrollment, my);
    if (!cells) return false;
    row.enrollments.push_back(std::move(*cells));
  } else if (const auto* event = std::get_if<EventFact>(&body)) {
    if (std::optional<VisitCells> visit = VisitColumns(*event, my)) {
      row.visits.push_back(std::move(*visit));
    } else if (std::optional<EventCells> cells = EventColumns(*event, my)) {
      row.events.push_back(std::move(*cells));
    } else {
      return false;
    }
  } else {
    return false;
  }
  return true;
}

StandardRow ToStandardRow(const Scenario& scenario, int my) {
  StandardRow row;
  for (const Fact& fact : scenario.facts) {
    if (!PlaceFact(fact.body, my, row)) row.other_facts.push_back(Describe(fact.body, my));
  }
  return row;
}

std::string NeedsAttention(const Scenario& scenario) {
  std::vector<std::string> lines;
  for (const Fragment& fragment : scenario.unparsed) {
    lines.push_back(fmt::format("not understood: '{}'", fragment.text));
  }
  for (const Fragment& fragment : scenario.expected.unparsed) {
    lines.push_back(fmt::format("not understood in the expected result: '{}'", fragment.text));
  }
  lines.insert(lines.end(), scenario.attention.begin(), scenario.attention.end());
  return fmt::format("{}", fmt::join(lines, "\n"));
}

// How many numbered groups of each kind the sheet has.
struct GroupCounts {
  std::size_t enrollments = kMinGroupColumns, visits = kMinGroupColumns, events = kMinGroupColumns;
};

std::vector<std::string> Headers(const GroupCounts& counts) {
  std::vector<std::string> headers = {"MEMBER_ID", "AGE", "GENDER", "PRODUCT_LINE"};
  auto add = [&](std::string_view prefix, std::size_t n, std::vector<std::string_view> fields) {
    for (std::size_t i = 1; i <= n; ++i) {
      for (std::string_view field : fields) headers.push_back(fmt::format("{}_{}_{}", prefix, i, field));
    }
  };
  add("ENROLLMENT", counts.enrollments, {"START", "END", "PRODUCT_ID"});
  add("VISIT", counts.visits, {"DATE", "TYPE", "CPT", "DIAG"});
  add("EVENT", counts.events, {"NAME", "VALUE", "DATE", "CODE"});
  for (const char* name : {"OTHER_FACTS", "EXPECTED_RESULT", "TEST_OBJECTIVE", "ADD_UPDATE",
                           "SCENARIO_DESCRIPTION", "NEEDS_ATTENTION", "SOURCE"}) {
    headers.emplace_back(name);
  }
  return headers;
}

// The cells of one scenario, in the order of Headers().
// The expected result as the analyst wrote it, unless some items were read with a key the cell
// does not hold (bare values keyed by the column header, "1,9" under "...Product_Rollup_id"): then
// every item as KEY=VALUE, which the standard layout's EXPECTED_RESULT column reads back alike.
std::string ExpectedCell(const Scenario& scenario, int my) {
  const ExpectedResult& e = scenario.expected;
  bool keyed_by_header = false;
  for (const Expectation& x : e.items) {
    const std::string_view written =
        std::string_view(scenario.expected_text).substr(std::min(x.begin, scenario.expected_text.size()));
    if (x.raw_key == x.key && !util::Lower(written).starts_with(util::Lower(x.key))) keyed_by_header = true;
  }
  if (!keyed_by_header) return scenario.expected_text;
  std::vector<std::string> lines;
  if (e.absent) lines.push_back("Member should not appear");
  for (const Expectation& x : e.items) {
    std::string value = ValueToString(x.value);
    if (const Date* d = std::get_if<Date>(&x.value)) value = FormatMyDate(*d, my);
    lines.push_back(x.key + "=" + value);
  }
  return fmt::format("{}", fmt::join(lines, "\n"));
}

std::vector<std::string> Cells(const Scenario& scenario, const StandardRow& row,
                               const GroupCounts& counts, int my) {
  std::vector<std::string> cells = {scenario.member_id, row.age, row.gender, row.product_line};
  for (std::size_t i = 0; i < counts.enrollments; ++i) {
    const EnrollmentCells e = i < row.enrollments.size() ? row.enrollments[i] : EnrollmentCells{};
    cells.insert(cells.end(), {e.start, e.end, e.product_id});
  }
  for (std::size_t i = 0; i < counts.visits; ++i) {
    const VisitCells v = i < row.visits.size() ? row.visits[i] : VisitCells{};
    cells.insert(cells.end(), {v.date, v.type, v.cpt, v.diag});
  }
  for (std::size_t i = 0; i < counts.events; ++i) {
    const EventCells e = i < row.events.size() ? row.events[i] : EventCells{};
    cells.insert(cells.end(), {e.name, e.value, e.date, e.code});
  }
  cells.push_back(fmt::format("{}", fmt::join(row.other_facts, "\n")));
  cells.insert(cells.end(), {ExpectedCell(scenario, my), scenario.objective, scenario.add_update,
                             scenario.text, NeedsAttention(scenario),
                             fmt::format("{}!{}", scenario.sheet, scenario.row)});
  return cells;
}

constexpr std::pair<std::string_view, std::string_view> kReadMe[] = {
    {"MEMBER_ID", "The member's id: one scenario per row."},
    {"AGE", "Completed years as of December 31 of the measurement year."},
    {"GENDER", "M, F, O or U."},
    {"PRODUCT_LINE", "Commercial, Medicaid, Medicare or Exchange."},
    {"ENROLLMENT_n_START / _END / _PRODUCT_ID",
     "One enrollment span; dates as 1/1/MY-1, 12/31/MY or 7/4/2050."},
    {"VISIT_n_DATE / _TYPE / _CPT / _DIAG",
     "A claim in VISIT_IN on DATE: TYPE is the value set, CPT and DIAG codes (comma-separated)."},
    {"EVENT_n_NAME / _VALUE / _DATE / _CODE",
     "A value-set event. VALUE 1 (or empty): present; 0: absent; another number or NULL: the "
     "lab result. CODE: SYSTEM:CODE, e.g. CPT:84153."},
    {"OTHER_FACTS",
     "Facts the columns above cannot hold, one a line, in the words of the scenario grammar "
     "(docs/testcase-formats.md)."},
    {"EXPECTED_RESULT", "What the engine's output must say, as the analyst wrote it."},
    {"TEST_OBJECTIVE", "Why the test exists; not read."},
    {"ADD_UPDATE", "The ADD/UPDATE note of the original row."},
    {"SCENARIO_DESCRIPTION", "The original scenario text; the columns above are its reading."},
    {"NEEDS_ATTENTION", "What was not understood or must be checked, one a line."},
    {"SOURCE", "Where the scenario came from: sheet!row."},
};

struct WorkbookCloser {
  // Closing is what writes the file; Write() closes explicitly to see the error, and this only
  // runs on an early return, where the temporary file is removed anyway.
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

Status PutRow(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::string>& cells,
              const std::vector<std::string>& headers, lxw_format* format) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    const lxw_error error =
        worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), cells[c].c_str(), format);
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
      return Status::InvalidInput(
          fmt::format("row {}: the {} text is longer than the 32,767 characters an Excel cell "
                      "holds",
                      row + 1, headers[c]),
          "shorten the text in the source workbook");
    }
    if (error != LXW_NO_ERROR) {
      return Status::IoError(fmt::format("cannot write row {}: {}", row + 1, lxw_strerror(error)));
    }
  }
  return Status::Ok();
}

Status WriteTestCases(lxw_workbook* workbook, const TestCaseBook& book) {
  const int my = book.measurement_year;
  std::vector<StandardRow> rows;
  GroupCounts counts;
  for (const Scenario& scenario : book.scenarios) {
    rows.push_back(ToStandardRow(scenario, my));
    counts.enrollments = std::max(counts.enrollments, rows.back().enrollments.size());
    counts.visits = std::max(counts.visits, rows.back().visits.size());
    counts.events = std::max(counts.events, rows.back().events.size());
  }
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Test Cases");
  const std::vector<std::string> headers = Headers(counts);
  HM_RETURN_IF_ERROR(PutRow(sheet, 0, headers, headers, bold));
  worksheet_freeze_panes(sheet, 1, 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    HM_RETURN_IF_ERROR(PutRow(sheet, static_cast<lxw_row_t>(i + 1),
                              Cells(book.scenarios[i], rows[i], counts, book.measurement_year), headers, wrap));
  }
  return Status::Ok();
}

void WriteReadMe(lxw_workbook* workbook) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Read Me");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  worksheet_write_string(sheet, 0, 0, "Column", bold);
  worksheet_write_string(sheet, 0, 1, "Meaning", bold);
  lxw_row_t row = 1;
  for (const auto& [column, meaning] : kReadMe) {
    worksheet_write_string(sheet, row, 0, std::string(column).c_str(), nullptr);
    worksheet_write_string(sheet, row++, 1, std::string(meaning).c_str(), nullptr);
  }
  worksheet_set_column(sheet, 0, 0, 40, nullptr);
  worksheet_set_column(sheet, 1, 1, 100, nullptr);
}

Status WriteWorkbook(const TestCaseBook& book, const std::string& file) {
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new(file.c_str()));
  if (!workbook) return Status::IoError("cannot create the workbook");
  HM_RETURN_IF_ERROR(WriteTestCases(workbook.get(), book));
  WriteReadMe(workbook.get());
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    return Status::IoError(fmt::format("cannot write the workbook: {}", lxw_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace

std::string StandardColumnKey(std::string_view header) {
  std::string key;
  bool gap = false;
  for (const char c : header) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = !key.empty();
      continue;
    }
    if (gap) key += '_';
    gap = false;
    key += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return key;
}

bool IsStructuredLayout(const std::map<std::string, std::string>& columns) {
  static const std::set<std::string> kMarks = {"AGE", "GENDER", "PRODUCT_LINE", "OTHER_FACTS"};
  for (const auto& [header, value] : columns) {
    const std::string key = StandardColumnKey(header);
    if (kMarks.contains(key)) return true;
    if (ParseGroupColumn(key)) return true;
  }
  return false;
}

TextReading ReadStructuredRow(const ScenarioRow& row, const TestCaseOptions& options) {
  return RowReader(options).Read(row);
}

}  // namespace hm::testcase

namespace hm {

Status WriteStandardLayout(const TestCaseBook& book, const std::string& path) {
  if (book.scenarios.size() >= testcase::kMaxSheetRows) {
    return Status::LimitExceeded(
               fmt::format("{} scenarios do not fit on one sheet", book.scenarios.size()),
               "split the test cases into several workbooks")
        .InFile(path);
  }
  Status status = util::WriteViaTemporary(path, [&](const std::string& temporary) {
    return testcase::WriteWorkbook(book, temporary);
  });
  if (!status.ok()) return std::move(status).InFile(path);
  return status;
}

}  // namespace hm
