#include "testcase/scenario_grammar.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/value_sets.h"
#include "testcase/expected_result.h"
#include "testcase/scenario_lexer.h"
#include "testcase/scenario_vocabulary.h"
#include "util/text.h"

namespace hm::testcase {
namespace {

// What a detail (a column and its value) may attach to.
enum class TargetKind : unsigned char { kEnrollment, kEvent, kDeath, kMonthly };

class Parser {
 public:
  Parser(std::string_view text, const TestCaseOptions& options, ScenarioGrammar& grammar)
      : text_(text), my_(options.measurement_year), vsd_(options.vsd), grammar_(grammar),
        tokens_(Lex(text, options.measurement_year)), used_(tokens_.size(), false) {}

  TextReading Run();

 private:
  // --- the cursor over one line [line_begin_, line_end_) -------------------------------------
  const Token& T(std::size_t i) const { return i < line_end_ ? tokens_[i] : end_; }
  bool IsWord(std::size_t i) const { return T(i).kind == TokenKind::kWord; }
  bool IsNum(std::size_t i) const { return T(i).kind == TokenKind::kNumber; }
  bool IsDate(std::size_t i) const { return T(i).kind == TokenKind::kDate; }
  bool W(std::size_t i, std::string_view w) const { return IsWord(i) && T(i).text == w; }
  bool WIn(std::size_t i, std::initializer_list<std::string_view> words) const {
    if (!IsWord(i)) return false;
    return std::find(words.begin(), words.end(), T(i).text) != words.end();
  }
  bool S(std::size_t i, std::string_view s) const {
    return T(i).kind == TokenKind::kSymbol && T(i).text == s;
  }
  // Skips symbols among `set` (and single quotes: 'Y'), returning the next index. Double quotes
  // are kept: they delimit a whole value (ReadValue).
  std::size_t SkipSyms(std::size_t i, std::string_view set) const {
    while (T(i).kind == TokenKind::kSymbol && T(i).text.size() == 1 &&
           (set.find(T(i).text[0]) != std::string_view::npos || T(i).text == "'")) {
      ++i;
    }
    return i;
  }
  void Take(std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < line_end_; ++k) used_[k] = true;
  }

  // --- lines ---------------------------------------------------------------------------------
  void ReadLine();
  void ReadLabel();
  void ReadSpans();
  bool TryAt(std::size_t& i);
  void EndLine();

  // --- productions (each returns true and advances `i` past what it consumed) ----------------
  bool KeyValue(std::size_t& i);
  bool Event(std::size_t& i);
  bool NamedTest(std::size_t& i);
  bool Gender(std::size_t& i);
  bool Age(std::size_t& i);
  bool AgeRange(std::size_t& i);
  bool Gap(std::size_t& i);
  bool Enrolled(std::size_t& i);
  bool BenefitPhrase(std::size_t& i);
  bool SourcePhrase(std::size_t& i);
  bool DetailPhrase(std::size_t& i);
  bool Plan(std::size_t& i);
  bool ProductLine(std::size_t& i);
  bool Numerator(std::size_t& i);
  bool Death(std::size_t& i);
  bool LooseDates(std::size_t& i);
  bool EnrollmentLabel(std::size_t& i);
  std::size_t MarkAt(std::size_t i) const;

  // --- key = value ---------------------------------------------------------------------------
  struct KeyRead {
    std::string key;  // canonical
    std::size_t end = 0;  // first token after the key
  };
  std::optional<KeyRead> ReadKey(std::size_t i) const;
  bool ApplyKey(const std::string& key, std::size_t key_begin, std::size_t& i);
  std::optional<std::string> ReadValue(std::size_t& i) const;
  std::vector<std::string> ReadValueList(std::size_t& i) const;

  // --- facts ---------------------------------------------------------------------------------
  std::size_t Add(FactBody body, std::size_t from, std::size_t to);
  template <typename T>
  T& BodyOf(std::size_t fact) {
    return std::get<T>(out_.facts[fact].body);
  }
  // The facts a detail on this line is about: this line's, else the group above.
  std::vector<std::size_t> Targets() const { return line_targets_.empty() ? group_ : line_targets_; }
  bool Attach(const std::string& column, const std::string& value);
  bool AttachTo(std::size_t fact, const std::string& column, const std::string& value);
  void AttachBenefits(const Benefits& benefits, std::size_t from, std::size_t to);
  void SetSource(StatedSource source);
  void SetDenied();
  void SetTable(const std::string& table);
  std::size_t NewEvent(std::string written, std::size_t from, std::size_t to);
  std::size_t LineMonthly(std::size_t from, std::size_t to);

  bool LineNamesTable(std::string_view table) const {
    for (std::size_t k = line_begin_; k < line_end_; ++k) {
      if (IsWord(k) && TableOf(T(k).text) == table) return true;
    }
    return false;
  }
  std::string Text(std::size_t from, std::size_t to) const {
    if (from >= to) return {};
    return std::string(text_.substr(tokens_[from].begin, tokens_[to - 1].end - tokens_[from].begin));
  }
  Date EndOfMy() const { return *Date::FromYmd(my_, 12, 31); }
  void Assume(std::string what) { out_.assumptions.push_back(std::move(what)); }
  void CollectUnparsed();

  std::string_view text_;
  int my_;
  const ValueSetDirectory* vsd_;
  ScenarioGrammar& grammar_;
  std::vector<Token> tokens_;
  std::vector<bool> used_;
  Token end_;  // kNewline: what T() returns past the line
  TextReading out_;

  std::size_t line_begin_ = 0, line_end_ = 0;
  std::string label_;                      // tester shorthand of this line: "CE", "AD", "V" ...
  std::string line_table_;                 // a table named on this line before its facts
  bool line_table_used_ = false;           // a fact made on this line took line_table_
  std::vector<std::size_t> line_targets_;  // facts made on this line
  std::vector<std::size_t> group_;         // facts of the run of lines above that made facts
  bool previous_line_made_facts_ = false;
  std::optional<std::size_t> last_enrollment_;
  std::optional<std::size_t> line_monthly_;
  std::optional<std::size_t> line_benefit_;  // the member-level BenefitFact made on this line
};

TextReading Parser::Run() {
  end_.kind = TokenKind::kNewline;
  std::size_t i = 0;
  while (i <= tokens_.size()) {
    std::size_t j = i;
    while (j < tokens_.size() && tokens_[j].kind != TokenKind::kNewline) ++j;
    line_begin_ = i;
    line_end_ = j;
    if (j > i) ReadLine();
    if (j < tokens_.size()) used_[j] = true;
    i = j + 1;
  }
  CollectUnparsed();
  return std::move(out_);
}

void Parser::ReadLine() {
  label_.clear();
  line_table_.clear();
  line_table_used_ = false;
  line_targets_.clear();
  line_monthly_.reset();
  line_benefit_.reset();
  ReadLabel();
  ReadSpans();
  for (std::size_t i = line_begin_; i < line_end_;) {
    if (used_[i] || !TryAt(i)) ++i;
  }
  EndLine();
}

void Parser::EndLine() {
  // "(lab_in)" alone on a line under its event: the table of the facts above.
  if (!line_table_.empty() && !line_table_used_ && line_targets_.empty()) SetTable(line_table_);
  if (line_monthly_) {
    const auto& monthly = BodyOf<MonthlyMembershipFact>(*line_monthly_);
    if (!monthly.run_date) {
      out_.attention.push_back("a monthly membership (hospice flag) row without a Rundate: add "
                               "'Rundate=<date>' on its line");
    }
  }
  if (!line_targets_.empty()) {
    if (!previous_line_made_facts_) group_.clear();
    group_.insert(group_.end(), line_targets_.begin(), line_targets_.end());
    previous_line_made_facts_ = true;
  } else {
    previous_line_made_facts_ = false;
  }
}

// "CE:", "AD :", "V2:", "ED1-": tester shorthand at the start of a line.
void Parser::ReadLabel() {
  const std::size_t i = line_begin_;
  if (!IsWord(i) || !IsShorthandLabel(T(i).text)) return;
  const std::size_t after = i + 1;
  if (!(S(after, ":") || S(after, "-") || (S(after, "(") && T(i).text == "be"))) return;
  // "CE=1" is a stated flag, not a label; "CE :The measurement year" is a label.
  label_ = T(i).text;
  Take(i, after + 1);
}

// Enrollment spans first, so details written before the span on its line ("Enrollment
// -Product_id=2: 1/1/MY to 12/31/MY") find it.
void Parser::ReadSpans() {
  for (std::size_t i = line_begin_; i < line_end_; ++i) {
    if (used_[i] || !IsDate(i)) continue;
    std::size_t j = i + 1;
    if (!(WIn(j, {"to", "through", "thru", "till", "until"}) || S(j, "-"))) continue;
    ++j;
    while (S(j, "-")) ++j;
    if (!IsDate(j)) continue;
    EnrollmentFact span;
    span.start = T(i).date;
    span.end = T(j).date;
    if (*span.end < *span.start) {
      out_.attention.push_back(fmt::format("enrollment span '{}' ends before it starts",
                                           Text(i, j + 1)));
    }
    std::size_t fact = Add(span, i, j + 1);
    if (!line_table_.empty()) SetTable(line_table_);
    last_enrollment_ = fact;
    i = j;
  }
}

bool Parser::TryAt(std::size_t& i) {
  return KeyValue(i) || Event(i) || NamedTest(i) || Gender(i) || Age(i) || AgeRange(i) ||
         Gap(i) || Enrolled(i) || ProductLine(i) || BenefitPhrase(i) || SourcePhrase(i) || Plan(i) ||
         Numerator(i) || Death(i) || EnrollmentLabel(i) || DetailPhrase(i) ||
         LooseDates(i);
}

std::size_t Parser::Add(FactBody body, std::size_t from, std::size_t to) {
  Fact fact;
  fact.body = std::move(body);
  fact.provenance = Provenance::kText;
  fact.begin = tokens_[from].begin;
  fact.end = tokens_[std::max(from + 1, to) - 1].end;
  out_.facts.push_back(std::move(fact));
  const std::size_t index = out_.facts.size() - 1;
  const FactBody& added = out_.facts[index].body;
  if (std::holds_alternative<EnrollmentFact>(added) || std::holds_alternative<EventFact>(added) ||
      std::holds_alternative<DeathFact>(added) ||
      std::holds_alternative<MonthlyMembershipFact>(added)) {
    line_targets_.push_back(index);
  }
  Take(from, to);
  return index;
}

// ---------------------------------------------------------------------------------------------
// key = value

std::optional<Parser::KeyRead> Parser::ReadKey(std::size_t i) const {
  if (!IsWord(i)) return std::nullopt;
  // Two-word keys first: "claim den", "lab value", "prod id", "CPT CODE", "Product _id".
  std::size_t j = i + 1;
  if (S(j, "_")) ++j;
  if (IsWord(j)) {
    if (auto two = CanonicalDetailKey(T(i).text + "_" + T(j).text, /*allow_unknown=*/false)) {
      return KeyRead{*two, j + 1};
    }
  }
  if (auto one = CanonicalDetailKey(T(i).text)) return KeyRead{*one, i + 1};
  return std::nullopt;
}

// A value as written (case kept): a number ("4.1", LOINC-style "2857-1"), a word ("Y", "PB1",
// "MBI_12345678") or a date's text. Quotes around it are skipped.
std::optional<std::string> Parser::ReadValue(std::size_t& i) const {
  // "PRAC_TYPES=\"1,9,23\"": a double-quoted value is taken whole (Describe writes values with
  // spaces or commas so).
  if (S(i, "\"")) {
    for (std::size_t close = i + 1; close < line_end_; ++close) {
      if (!S(close, "\"")) continue;
      if (close == i + 1) return std::nullopt;
      std::string value(text_.substr(tokens_[i].end, tokens_[close].begin - tokens_[i].end));
      i = close + 1;
      return value;
    }
    return std::nullopt;
  }
  i = SkipSyms(i, "");
  const std::size_t start = i;
  const Token& t = T(i);
  if (t.kind != TokenKind::kNumber && t.kind != TokenKind::kWord && t.kind != TokenKind::kDate) {
    return std::nullopt;
  }
  ++i;
  // LOINC and race codes: "2857-1", "2126-1".
  if (t.kind == TokenKind::kNumber && S(i, "-") && IsNum(i + 1) && T(i).begin == T(i - 1).end) {
    i += 2;
  }
  std::string value = Text(start, i);
  i = SkipSyms(i, "");  // the closing quote of 'Y'
  return value;
}

std::vector<std::string> Parser::ReadValueList(std::size_t& i) const {
  std::vector<std::string> values;
  while (auto value = ReadValue(i)) {
    values.push_back(*value);
    const std::size_t save = i;
    if (S(i, "&") || S(i, ",") || W(i, "and")) {
      ++i;
      if (IsNum(i)) continue;
    }
    i = save;
    break;
  }
  return values;
}

bool Parser::KeyValue(std::size_t& i) {
  std::optional<KeyRead> key = ReadKey(i);
  if (!key) return false;
  std::size_t j = key->end;
  // Separators: "=", "==", ":", ":-", "::", " : ", or a bare value after "prod id 11".
  // "Rundate during MY. 9/9/MY": the run date after words that only repeat the period.
  if (key->key == "RUN_DT" && !IsDate(SkipSyms(j, ":=-"))) {
    std::size_t k = j;
    while (WIn(k, {"during", "in", "the", "my", "measurement", "year", "of"}) || S(k, ".")) ++k;
    if (IsDate(k)) j = k;
  }
  const std::size_t after_sep = SkipSyms(j, ":=-");
  const bool has_sep = after_sep > j;
  const bool bare_ok = key->key == "PRODUCT_ID" || key->key == "POS" || key->key == "FILE_ID" ||
                       (key->key == "PLAN_ID" && key->end > i + 1) ||  // "plan id 2", not "Plan 2"
                       (key->key == "RUN_DT" && IsDate(j)) ||
                       key->key == "DISCH_STATUS" || IsCodeSystemKey(key->key);
  if (!has_sep && !bare_ok) {
    if (W(j, "as") && key->key == "HOSPICE") {
      j = j + 1;  // "Hospice flag as Y"
    } else {
      return false;
    }
  } else {
    j = after_sep;
  }
  std::size_t k = j;
  if (!ApplyKey(key->key, i, k)) return false;
  Take(i, k);
  i = k;
  return true;
}

// `i` is at the value; on success it is left after what the key used.
bool Parser::ApplyKey(const std::string& key, std::size_t key_begin, std::size_t& i) {
  if (key == "GENDER") {
    auto value = ReadValue(i);
    if (!value) return false;
    const std::optional<char> code = GenderCode(util::Lower(*value));
    if (!code) return false;
    Add(GenderFact{*code}, key_begin, i);
    return true;
  }
  if (key == "AGE_END_REP_YR" || key == "AGE") {
    if (!IsNum(i)) return false;
    Add(AgeFact{std::stoi(T(i).text.substr(0, 4)), EndOfMy()}, key_begin, i + 1);
    ++i;
    return true;
  }
  if (key == "DOB") {
    if (!IsDate(i)) return false;
    const Date date = T(i).date;
    ++i;
    Add(BirthDateFact{date}, key_begin, i);
    return true;
  }
  if (key == "DECEASED_DT") {
    if (!IsDate(i)) return false;
    DeathFact death;
    death.date = T(i).date;
    death.table = line_table_;
    if (!line_table_.empty()) line_table_used_ = true;
    ++i;
    Add(death, key_begin, i);
    return true;
  }
  if (key == "RUN_DT") {
    if (!IsDate(i)) return false;
    const std::size_t fact = LineMonthly(key_begin, i + 1);
    BodyOf<MonthlyMembershipFact>(fact).run_date = T(i).date;
    ++i;
    Take(key_begin, i);
    return true;
  }
  if (key == "HOSPICE") {
    auto value = ReadValue(i);
    const std::optional<bool> yes = value ? YesNo(util::Lower(*value)) : std::nullopt;
    if (!yes) return false;
    const std::size_t fact = LineMonthly(key_begin, i);
    BodyOf<MonthlyMembershipFact>(fact).hospice = *yes;
    return true;
  }
  if (IsBenefitColumn(key)) {
    auto value = ReadValue(i);
    const std::optional<bool> yes = value ? YesNo(util::Lower(*value)) : std::nullopt;
    if (!yes) return false;
    // "Ben_Hospice=Y on Monthly_mem_in table for Rundate ...": the monthly membership's flag.
    if (key == "BEN_HOSPICE" && LineNamesTable("MONTHLY_MBR_IN")) {
      BodyOf<MonthlyMembershipFact>(LineMonthly(key_begin, i)).hospice = *yes;
      return true;
    }
    Benefits benefits;
    benefits.flags[key] = *yes;
    // "With only Ben_Dis='Y'": every other benefit is N.
    if (key_begin > line_begin_ && W(key_begin - 1, "only")) {
      benefits.others = false;
      Take(key_begin - 1, key_begin);
    }
    AttachBenefits(benefits, key_begin, i);
    return true;
  }
  if (key == "DISCH_STATUS") {
    if (!IsNum(i)) return false;
    const std::string status = T(i).text;
    ++i;
    bool attached = false;
    for (std::size_t fact : line_targets_) {
      if (std::holds_alternative<EventFact>(out_.facts[fact].body) ||
          std::holds_alternative<DeathFact>(out_.facts[fact].body)) {
        attached = AttachTo(fact, "DISCH_STATUS", status) || attached;
      }
    }
    if (!attached) {
      const std::size_t fact = NewEvent("", key_begin, i);
      EventFact& event = BodyOf<EventFact>(fact);
      event.fields["DISCH_STATUS"] = status;
      event.table = "VISIT_IN";
    }
    return true;
  }
  if (key == "SERV_DT") {
    if (!IsDate(i)) return false;
    const Date date = T(i).date;
    ++i;
    bool attached = false;
    for (std::size_t fact : Targets()) {
      if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) {
        if (event->dates.empty()) event->dates.push_back(date);
        else event->fields["SERV_DT"] = FormatMyDate(date, my_);
        attached = true;
      } else if (auto* death = std::get_if<DeathFact>(&out_.facts[fact].body)) {
        death->fields["SERV_DT"] = FormatMyDate(date, my_);
        attached = true;
      }
    }
    return attached;
  }
  if (IsCodeSystemKey(key)) {
    std::size_t j = i;
    std::optional<std::string> code = ReadValue(j);
    if (!code) return false;
    // "(ICD-10 code)", "(ICD -10 code)": a code system named, not a code.
    const std::string lower_code = util::Lower(*code);
    if (lower_code == "code" || lower_code == "codes" ||
        (key.starts_with("ICD") && (lower_code == "10" || lower_code == "9"))) {
      return false;
    }
    if (util::Lower(*code) == "no") {  // "LOINC CODE: no code"
      if (W(j, "code")) ++j;
      code = "NULL";
    }
    CodeRef ref{CodeSystemLabel(key), *code};
    if (ref.code != "NULL") {
      for (char& c : ref.code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    bool attached = false;
    for (std::size_t fact : Targets()) {
      if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) {
        if (std::find(event->codes.begin(), event->codes.end(), ref) == event->codes.end()) {
          event->codes.push_back(ref);
        }
        attached = true;
      }
    }
    if (!attached && label_.starts_with("v")) {
      // "V2: CPT=99203": a visit that the scenario pins only by its code.
      const std::size_t fact = NewEvent("", key_begin, j);
      BodyOf<EventFact>(fact).codes.push_back(ref);
      BodyOf<EventFact>(fact).table = "VISIT_IN";
      attached = true;
    }
    if (!attached) return false;
    i = j;
    return true;
  }
  if (key == "LAB_VALUE") {
    std::size_t j = i;
    auto value = ReadValue(j);
    if (!value) return false;
    if (key_begin > line_begin_ && W(key_begin - 1, "use")) {  // "USE LAB_VALUE=N"
      Take(key_begin - 1, key_begin);
      if (!Attach("USE_LAB_VALUE", util::Lower(*value) == "n" ? "N" : "Y")) return false;
      i = j;
      return true;
    }
    std::string v = util::Lower(*value) == "null" ? "NULL" : *value;
    if (v != "NULL" && !IsNum(j - 1)) return false;
    bool attached = false;
    for (std::size_t fact : Targets()) {
      if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) {
        event->value = v;
        attached = true;
      }
    }
    if (!attached) return false;
    i = j;
    return true;
  }
  if (key == "PRODUCT_ID" &&
      WIn(SkipSyms(i, ""), {"commercial", "medicaid", "medicare", "exchange", "marketplace"})) {
    std::size_t j = SkipSyms(i, "");
    Add(ProductLineFact{W(j, "marketplace") ? "exchange" : T(j).text}, key_begin, j + 1);
    i = j + 1;
    return true;
  }
  if (key == "PRODUCT_ID") {
    std::vector<std::string> ids = ReadValueList(i);
    if (ids.empty()) return false;
    std::optional<std::size_t> enrollment;
    for (std::size_t fact : line_targets_) {
      if (std::holds_alternative<EnrollmentFact>(out_.facts[fact].body)) enrollment = fact;
    }
    if (!enrollment && !line_targets_.empty()) return Attach("PRODUCT_ID", ids.front());
    if (!enrollment && previous_line_made_facts_ && last_enrollment_ &&
        std::find(group_.begin(), group_.end(), *last_enrollment_) != group_.end()) {
      enrollment = last_enrollment_;
    }
    if (!enrollment) {
      for (const std::string& id : ids) Add(FieldFact{"PRODUCT_ID", id}, key_begin, i);
      return true;
    }
    auto& ids_of = BodyOf<EnrollmentFact>(*enrollment).product_ids;
    for (const std::string& id : ids) {
      if (std::find(ids_of.begin(), ids_of.end(), id) == ids_of.end()) ids_of.push_back(id);
    }
    return true;
  }
  if (IsFlagKey(key)) {
    if (!IsNum(i) || (T(i).text != "0" && T(i).text != "1")) return false;
    Add(StatedFlagFact{key, T(i).text == "1"}, key_begin, i + 1);
    ++i;
    return true;
  }
  if (key == "CLAIM_DEN") {
    std::size_t j = i;
    auto value = ReadValue(j);
    const std::optional<bool> yes = value ? YesNo(util::Lower(*value)) : std::nullopt;
    if (!yes || Targets().empty()) return false;
    if (*yes) SetDenied();
    i = j;
    return true;
  }
  // Every other column: details of the facts around it, or a member column.
  std::size_t j = i;
  const bool quoted = S(SkipSyms(i, ""), "\"");
  auto value = ReadValue(j);
  if (!value) return false;
  std::string v = quoted || IsDate(j - 1) ? *value : Upper(*value);
  if (S(j, "-") && IsNum(j + 1) && key == "EMP_ID") {
    v += "-" + T(j + 1).text;
    j += 2;
  }
  if (Attach(key, v)) {
    i = j;
    return true;
  }
  if (IsMemberColumn(key) || key.find('_') != std::string::npos) {
    if (!IsMemberColumn(key)) {
      Assume(fmt::format("'{}' is not a column the grammar knows; kept as a member field", key));
    }
    Add(FieldFact{key, v}, key_begin, j);
    i = j;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// details

bool Parser::AttachTo(std::size_t fact, const std::string& column, const std::string& value) {
  FactBody& body = out_.facts[fact].body;
  if (auto* enrollment = std::get_if<EnrollmentFact>(&body)) {
    if (column == "PLAN_ID") enrollment->plan = value;
    else if (column == "COVERAGE_INDICATOR") enrollment->coverage = value;
    else if (column == "PRODUCT_ID") enrollment->product_ids.push_back(value);
    else if (IsEnrollmentColumn(column)) enrollment->fields[column] = value;
    else return false;
    return true;
  }
  if (auto* event = std::get_if<EventFact>(&body)) {
    if (!IsEventColumn(column)) return false;
    event->fields[column] = value;
    return true;
  }
  if (auto* death = std::get_if<DeathFact>(&body)) {
    if (!IsEventColumn(column)) return false;
    death->fields[column] = value;
    return true;
  }
  if (auto* monthly = std::get_if<MonthlyMembershipFact>(&body)) {
    if (column != "PLAN_ID" && column != "FILE_ID") return false;
    monthly->fields[column] = value;
    return true;
  }
  return false;
}

bool Parser::Attach(const std::string& column, const std::string& value) {
  bool attached = false;
  for (std::size_t fact : Targets()) attached = AttachTo(fact, column, value) || attached;
  // "(Product_id: 3, MED_ELIG_CAT_ID: 1 ..." on the line below an enrollment.
  if (!attached && last_enrollment_ && IsEnrollmentColumn(column) && line_targets_.empty()) {
    attached = AttachTo(*last_enrollment_, column, value);
  }
  return attached;
}

void Parser::AttachBenefits(const Benefits& benefits, std::size_t from, std::size_t to) {
  for (std::size_t fact : line_targets_) {
    if (auto* enrollment = std::get_if<EnrollmentFact>(&out_.facts[fact].body)) {
      for (const auto& [column, yes] : benefits.flags) enrollment->benefits.flags[column] = yes;
      if (benefits.others) enrollment->benefits.others = benefits.others;
      Take(from, to);
      return;
    }
  }
  if (line_benefit_) {  // "BEN_HOSPICE=Y, BEN_RX=N": one statement of the member's benefits
    Benefits& merged = BodyOf<BenefitFact>(*line_benefit_).benefits;
    for (const auto& [column, yes] : benefits.flags) merged.flags[column] = yes;
    if (benefits.others) merged.others = benefits.others;
    out_.facts[*line_benefit_].end = std::max(out_.facts[*line_benefit_].end, tokens_[to - 1].end);
    Take(from, to);
    return;
  }
  line_benefit_ = Add(BenefitFact{benefits}, from, to);
}

void Parser::SetSource(StatedSource source) {
  for (std::size_t fact : Targets()) {
    if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->source = source;
    if (auto* death = std::get_if<DeathFact>(&out_.facts[fact].body)) death->source = source;
  }
}

void Parser::SetDenied() {
  for (std::size_t fact : Targets()) {
    if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->denied = true;
    if (auto* death = std::get_if<DeathFact>(&out_.facts[fact].body)) death->denied = true;
  }
}

void Parser::SetTable(const std::string& table) {
  for (std::size_t fact : Targets()) {
    if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->table = table;
    if (auto* death = std::get_if<DeathFact>(&out_.facts[fact].body)) death->table = table;
  }
}

std::size_t Parser::NewEvent(std::string written, std::size_t from, std::size_t to) {
  EventFact event;
  event.value_set = std::move(written);
  event.table = line_table_;
  if (!line_table_.empty()) line_table_used_ = true;
  if (!event.value_set.empty() && vsd_ != nullptr) {
    const ValueSetMatch& match = grammar_.Match(event.value_set);
    event.matched = match.name;
    if (match.kind == ValueSetMatch::Kind::kFuzzy) {
      Assume(fmt::format("read '{}' as the value set '{}' (the closest name in the VSD)",
                         event.value_set, match.name));
    } else if (match.kind == ValueSetMatch::Kind::kAlias) {
      Assume(fmt::format("read '{}' as the value set '{}'", event.value_set, match.name));
    } else if (match.kind == ValueSetMatch::Kind::kNone) {
      std::string hint = match.suggestions.empty()
                             ? "check the name against 'hedis-mockup vsd info'"
                             : fmt::format("did you mean '{}'?", fmt::join(match.suggestions, "', '"));
      out_.attention.push_back(
          fmt::format("value set '{}' is not in the VSD: {}", event.value_set, hint));
    }
  }
  return Add(std::move(event), from, to);
}

std::size_t Parser::LineMonthly(std::size_t from, std::size_t to) {
  if (!line_monthly_) line_monthly_ = Add(MonthlyMembershipFact{}, from, to);
  Take(from, to);
  return *line_monthly_;
}

// ---------------------------------------------------------------------------------------------
// events



// The length in tokens of a value-set mark at `i` ("Value Set", "value se", "Medications List",
// "VS"), or 0. A lone "value" is a mark only before ":" or a date ("PSA Test Result or Finding
// Value: 12/31/MY"), so "lab result value" is not.
std::size_t Parser::MarkAt(std::size_t i) const {
  if (WIn(i, {"value", "valuet", "values"})) {
    if (WIn(i + 1, {"set", "sets", "se"})) return 2;
    if (S(i + 1, ":") || IsDate(i + 1)) return 1;
    return 0;
  }
  if (WIn(i, {"valueset", "vs"})) return 1;
  if (WIn(i, {"medications", "medication", "medicatoin", "medicatoins"}) && WIn(i + 1, {"list", "lists"})) {
    return 2;
  }
  return 0;
}

bool Parser::Event(std::size_t& i) {
  // A name may start with a number glued to a word: "5 ARI Medications List".
  const bool number_first = IsNum(i) && IsWord(i + 1) && T(i).text.size() <= 2;
  if (!number_first &&
      (!IsWord(i) || IsNameBoundary(T(i).text) || IsFiller(T(i).text) || MarkAt(i) > 0)) {
    return false;
  }
  // Scan forward over name words to a mark, at most 12 words.
  std::size_t j = i;
  std::size_t mark = 0;
  for (int words = 0; words < 12 && (IsWord(j) || (j == i && number_first)) && !used_[j];
       ++words, ++j) {
    if (j > i && WIn(j, {"has", "have", "with", "without", "using", "verify", "if"})) return false;
    mark = MarkAt(j);
    if (mark > 0) break;
  }
  if (mark == 0 || j == i) return false;
  std::size_t k = j + mark;
  const std::size_t fact = NewEvent(Text(i, j), i, k);
  // "(183919006 : SNOMED)": a pinned code right after the name.
  if (S(k, "(") && (IsNum(k + 1) || IsWord(k + 1)) && S(k + 2, ":") && IsWord(k + 3) &&
      IsCodeSystemKey(Upper(T(k + 3).text)) && S(k + 4, ")")) {
    BodyOf<EventFact>(fact).codes.push_back(
        CodeRef{CodeSystemLabel(Upper(T(k + 3).text)), Upper(T(k + 1).text)});
    k += 5;
  } else if (S(k, "(") && IsWord(k + 1) && S(k + 2, ")") && IsDottedIcd10Code(T(k + 1).text)) {
    // "( Z71.3)": an ICD-10-CM code by its shape (QA's WCC_NE2_08).
    BodyOf<EventFact>(fact).codes.push_back(CodeRef{CodeSystemLabel("ICD10"), Upper(T(k + 1).text)});
    k += 3;
  }
  // Separators and the dates: ": 1/1/MY", "on 12/31/MY-1 and 1/1/MY+1", "in 1/1/MY".
  std::size_t d = SkipSyms(k, ":-;");
  if (WIn(d, {"on", "in", "during", "dated"})) d = SkipSyms(d + 1, ":");
  while (IsDate(d)) {
    BodyOf<EventFact>(fact).dates.push_back(T(d).date);
    k = d + 1;
    if ((S(k, ",") || S(k, "&") || W(k, "and")) && IsDate(k + 1)) d = k + 1;
    else break;
  }
  // "BMI Percentile Value Set, Nutrition Counseling Value Set and Physical Activity Counseling
  // Value Set in 1/1/MY": the dates belong to the undated events listed before on the line.
  const std::vector<Date> dates = BodyOf<EventFact>(fact).dates;
  if (!dates.empty()) {
    for (std::size_t other : line_targets_) {
      auto* event = std::get_if<EventFact>(&out_.facts[other].body);
      if (other != fact && event != nullptr && event->dates.empty()) event->dates = dates;
    }
  }
  out_.facts[fact].end = tokens_[k - 1].end;
  Take(i, k);
  i = k;
  return true;
}

// "PSA test on 3/15/MY", "Outpatient visit: 1/1/MY", "2 Outpatient visits", and after an ED/NE/V
// label, "ED: Outpatient 1/1/MY".
bool Parser::NamedTest(std::size_t& i) {
  int count = 1;
  std::size_t start = i;
  if (IsNum(i) && T(i).text.size() <= 2) {
    count = std::stoi(T(i).text);
    start = i + 1;
  }
  if (!IsWord(start) || IsNameBoundary(T(start).text) || IsFiller(T(start).text)) return false;
  std::size_t j = start;
  while (j < start + 5 && IsWord(j) && !used_[j] && !IsNameBoundary(T(j).text) &&
         !WIn(j, {"test", "tests", "screening", "visit", "visits"})) {
    ++j;
  }
  const bool noun = WIn(j, {"test", "tests", "screening", "visit", "visits"});
  const bool labelled = !noun && (label_.starts_with("ed") || label_.starts_with("ne") ||
                                  label_.starts_with("v") || label_ == "num");
  if (!noun && !labelled) return false;
  if (j == start && !noun) return false;
  const std::size_t name_end = noun ? j + 1 : j;
  std::size_t d = SkipSyms(name_end, ":-");
  if (WIn(d, {"on", "in", "during", "dated"})) d = SkipSyms(d + 1, ":");
  if (!IsDate(d) && count == 1) return false;  // "PSA test" alone is not a dated event
  std::string written = Text(start, noun && WIn(j, {"visit", "visits"}) ? j : name_end);
  if (written.empty()) return false;
  const std::size_t fact = NewEvent(written, i, name_end);
  EventFact& event = BodyOf<EventFact>(fact);
  event.count = count;
  std::size_t k = name_end;
  while (IsDate(d)) {
    event.dates.push_back(T(d).date);
    k = d + 1;
    if ((S(k, ",") || S(k, "&") || W(k, "and")) && IsDate(k + 1)) d = k + 1;
    else break;
  }
  Take(i, k);
  i = k;
  return true;
}

// "(male)", "male", "Female member", "(M)", "(other)".
bool Parser::Gender(std::size_t& i) {
  std::size_t j = i;
  const bool paren = S(j, "(");
  if (paren) ++j;
  if (!IsWord(j)) return false;
  const std::string& w = T(j).text;
  const bool word = w == "male" || w == "female";
  const bool letter_or_other = paren && (w == "m" || w == "f" || w == "o" || w == "u" || w == "other");
  if (!word && !letter_or_other) return false;
  if (paren && !S(j + 1, ")")) return false;
  const std::size_t end = paren ? j + 2 : j + 1;
  Add(GenderFact{*GenderCode(w)}, i, end);
  i = end;
  return true;
}

// "70 years as of December 31 of the measurement year", "age is 3 as of end of MY".
bool Parser::Age(std::size_t& i) {
  std::size_t j = i;
  const bool lead = W(j, "age");
  if (lead) {
    ++j;
    if (WIn(j, {"is", "was"})) ++j;
    j = SkipSyms(j, ":=");
  }
  if (!IsNum(j) || T(j).text.size() > 3 || T(j).text.find('.') != std::string::npos) return false;
  const int years = std::stoi(T(j).text);
  std::size_t k = j + 1;
  const bool unit = WIn(k, {"years", "year", "yrs", "yr", "yo"});
  if (unit) ++k;
  if (W(k, "old")) ++k;
  if (!unit && !lead) return false;
  if (W(k, "as") && W(k + 1, "of")) k += 2;
  else if (WIn(k, {"on", "by", "at"})) k += 1;
  if (!IsDate(k)) return false;
  Add(AgeFact{years, T(k).date}, i, k + 1);
  i = k + 1;
  return true;
}

// "Age Range (3-11)", "Age Range (17+)", "(12-17)".
bool Parser::AgeRange(std::size_t& i) {
  std::size_t j = i;
  if (!(W(j, "age") && W(j + 1, "range"))) return false;
  j = SkipSyms(j + 2, ":-");
  const bool paren = S(j, "(");
  if (paren) ++j;
  if (!IsNum(j)) return false;
  AgeRangeFact range{std::stoi(T(j).text.substr(0, 3)), -1};
  ++j;
  if (S(j, "+")) {
    ++j;
  } else if ((S(j, "-") || W(j, "to")) && IsNum(j + 1)) {
    range.max = std::stoi(T(j + 1).text.substr(0, 3));
    j += 2;
  } else {
    return false;
  }
  if (paren) {
    if (!S(j, ")")) return false;
    ++j;
  }
  Add(range, i, j);
  i = j;
  return true;
}

// "1 gap of 45 days", "two gaps of 20 days", "2 gaps of 10 days each", "a gap of 1month",
// "2 months gaps", "no gaps", "Exact 45 days", "- 46 days" (a gap's length alone).
bool Parser::Gap(std::size_t& i) {
  std::size_t j = i;
  if (W(j, "with")) ++j;
  if (W(j, "no") && WIn(j + 1, {"gap", "gaps"})) {
    std::size_t end = j + 2;
    if (WIn(end, {"in", "during"}) && (W(end + 1, "my") || W(end + 1, "the"))) {
      ++end;
      while (WIn(end, {"the", "my", "measurement", "year"})) ++end;
    }
    Add(GapFact{0, 0, 0}, i, end);
    i = end;
    return true;
  }
  GapFact gap;
  std::optional<int> count;
  if (IsNum(j) && T(j).text.size() <= 2) count = std::stoi(T(j).text);
  else if (IsWord(j)) count = NumberWord(T(j).text);
  std::size_t k = count ? j + 1 : j;
  const auto read_length = [&](std::size_t at, std::size_t& after) -> bool {
    if (!IsNum(at) || T(at).text.find('.') != std::string::npos) return false;
    const int n = std::stoi(T(at).text.substr(0, 4));
    if (WIn(at + 1, {"day", "days"})) gap.days = n;
    else if (WIn(at + 1, {"month", "months"})) gap.months = n;
    else return false;
    after = at + 2;
    return true;
  };
  std::size_t end = 0;
  if (WIn(k, {"gap", "gaps"}) && W(k + 1, "of") && read_length(k + 2, end)) {
    gap.count = count.value_or(1);
    if (W(end, "each")) ++end;
  } else if (count && IsNum(j) && read_length(j, end) && WIn(end, {"gap", "gaps"})) {
    gap.count = 1;  // "2 months gaps": one gap of two months
    ++end;
  } else if (WIn(i, {"exact", "exactly"}) && read_length(i + 1, end)) {
    gap.count = 1;
    Assume(fmt::format("read '{}' as one enrollment gap of that length", Text(i, end)));
  } else if ((S(i, "-") ? read_length(i + 1, end) : read_length(i, end)) && gap.days > 0 &&
             SkipSyms(end, ".") == line_end_) {
    // "... enrolled in the measurement year. 44 days": the gap the spans below make.
    gap.count = 1;
    Assume(fmt::format("read '{}' as one enrollment gap of that length",
                       Text(S(i, "-") ? i + 1 : i, end)));
  } else {
    return false;
  }
  // "... with no gaps in MY": the period is the measure's CE period, which is the default.
  if (WIn(end, {"in", "during"}) && (W(end + 1, "my") || W(end + 1, "the"))) {
    ++end;
    while (WIn(end, {"the", "my", "measurement", "year"})) ++end;
  }
  Add(gap, i, end);
  i = end;
  return true;
}

// Continuous enrollment and the anchor date: "continuously enrolled in the measurement year",
// "not continuosly enrolled", "is enrolled on December 31 of the measurement year", "is not
// enrolled on 12/31/MY", "enrolled as of end of MY", "CE :The measurement year", "AD : 12/31/MY".
bool Parser::Enrolled(std::size_t& i) {
  std::size_t j = i;
  bool negated = false;
  if (W(j, "not")) {
    negated = true;
    ++j;
  }
  const bool continuous = IsWord(j) && T(j).text.starts_with("contin");
  if (continuous) ++j;
  if (!WIn(j, {"enrolled", "enrollment", "enrolment"}) && !(continuous && W(j, "enrolled"))) {
    // "CE :The measurement year" / "AD : December 31 ...": the label says what follows.
    if (j == i && label_ == "ad" && IsDate(i)) {
      Add(EnrolledOnFact{T(i).date, true}, i, i + 1);
      ++i;
      return true;
    }
    if (j == i && label_ == "ce" && (W(i, "the") || W(i, "during") || W(i, "my") || W(i, "measurement"))) {
      std::size_t k = i;
      while (WIn(k, {"the", "during", "my", "measurement", "year"})) ++k;
      Add(ContinuousEnrollmentFact{true}, i, k);
      i = k;
      return true;
    }
    return false;
  }
  ++j;
  // "enrolled on <date>" / "enrolled as of <date>": the anchor date.
  std::size_t k = j;
  if (W(k, "as") && W(k + 1, "of")) k += 2;
  else if (WIn(k, {"on", "at"})) ++k;
  if (k > j && IsDate(k) && !continuous) {
    Add(EnrolledOnFact{T(k).date, !negated}, i, k + 1);
    i = k + 1;
    return true;
  }
  // "enrolled in (the) MY", "continuous enrollment : The measurement year", "during MY".
  k = SkipSyms(j, ":");
  if (WIn(k, {"in", "during", "for", "through"})) ++k;
  const std::size_t period = k;
  while (WIn(k, {"the", "my", "measurement", "year"})) ++k;
  if (k == period && !continuous) return false;
  Add(ContinuousEnrollmentFact{!negated}, i, k);
  i = k;
  return true;
}

// "with only Medical Benefit", "Without Medical Benefit but with other benefit", "Without any
// Benefit", "With All Benefit", "has no medical benefit", "medical only as benefit", "BE : Medical".
bool Parser::BenefitPhrase(std::size_t& i) {
  Benefits benefits;
  std::size_t j = i;
  const auto benefit_word = [&](std::size_t at) { return W(at, "benefit") || W(at, "benefits") || W(at, "beneift"); };
  if (label_ == "be" && IsWord(i) && BenefitColumnOf(T(i).text) && i <= line_begin_ + 2) {
    benefits.flags[*BenefitColumnOf(T(i).text)] = true;
    j = i + 1;
    if (benefit_word(j)) ++j;
  } else if (IsWord(i) && BenefitColumnOf(T(i).text) && W(i + 1, "only") && W(i + 2, "as") &&
             benefit_word(i + 3)) {
    benefits.flags[*BenefitColumnOf(T(i).text)] = true;  // "medical only as benefit"
    benefits.others = false;
    j = i + 4;
  } else {
    bool with = WIn(j, {"with", "has", "have"});
    // "member don't have medical benefit": the negation before the verb.
    const bool without = W(j, "without") ||
                         (with && j > line_begin_ && WIn(j - 1, {"dont", "doesnt", "not", "never"}));
    if (without && with) {
      with = false;
      i = j - 1;
    }
    if (!with && !without) {
      if (!W(j, "no")) return false;
    } else {
      ++j;
    }
    const bool no = W(j, "no");
    if (no) ++j;
    const bool only = W(j, "only");
    if (only) ++j;
    if (WIn(j, {"all", "any"}) && benefit_word(j + 1)) {
      benefits.others = with && !no && W(j, "all");
      j += 2;
    } else if (IsWord(j) && BenefitColumnOf(T(j).text) && benefit_word(j + 1)) {
      benefits.flags[*BenefitColumnOf(T(j).text)] = !(without || no);
      if (only) benefits.others = false;
      j += 2;
      // "... but with other benefit(s)"
      if (W(j, "but") && W(j + 1, "with") && W(j + 2, "other") && benefit_word(j + 3)) {
        benefits.others = true;
        j += 4;
      }
    } else if (with && !no && !only && benefit_word(j)) {
      // "member has benefit but is not continuously enrolled": the benefit the measure needs.
      benefits.flags["BEN_MEDICAL"] = true;
      Assume(fmt::format("read '{}' as the medical benefit", Text(i, j + 1)));
      j += 1;
    } else {
      return false;
    }
  }
  AttachBenefits(benefits, i, j);
  Take(i, j);
  i = j;
  return true;
}

// "Suppl", "Supple source", "Suppl Source Used", "Source - Primary", "(primary source)",
// "primary", "Denied", "using denied claim".
bool Parser::SourcePhrase(std::size_t& i) {
  std::size_t j = i;
  if (W(j, "source")) j = SkipSyms(j + 1, ":-");
  const auto is_suppl = [&](std::size_t at) {
    return IsWord(at) && (T(at).text.starts_with("suppl") || T(at).text == "supple" ||
                          T(at).text == "supplement");
  };
  if (is_suppl(j) || W(j, "primary")) {
    const StatedSource source = W(j, "primary") ? StatedSource::kPrimary : StatedSource::kSupplemental;
    ++j;
    if (W(j, "source")) ++j;
    if (W(j, "used")) ++j;
    if (Targets().empty()) return false;
    SetSource(source);
    Take(i, j);
    i = j;
    return true;
  }
  if (W(i, "denied") || W(i, "claim_denied")) {
    if (Targets().empty()) return false;
    j = i + 1;
    if (WIn(j, {"claim", "claims", "source"})) ++j;
    SetDenied();
    Take(i, j);
    i = j;
    return true;
  }
  return false;
}

// "Plan 1", "Plan1", "Plan=1" (key_value), "for Plan1 and Plan2": the plan of this line's
// enrollment, or enrollments known only by their plan.
bool Parser::Plan(std::size_t& i) {
  std::string plan;
  std::size_t j = i;
  if (W(i, "plan") && IsNum(i + 1)) {
    plan = T(i + 1).text;
    j = i + 2;
  } else if (IsWord(i) && T(i).text.size() > 4 && T(i).text.starts_with("plan") &&
             std::all_of(T(i).text.begin() + 4, T(i).text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    plan = T(i).text.substr(4);
    j = i + 1;
  } else {
    return false;
  }
  // "Enrollment for Plan1 and Plan2": enrollments known only by their plan, one each.
  const bool plan_only_line =
      !line_targets_.empty() &&
      std::all_of(line_targets_.begin(), line_targets_.end(), [&](std::size_t fact) {
        const auto* e = std::get_if<EnrollmentFact>(&out_.facts[fact].body);
        return e != nullptr && !e->start && !e->plan.empty();
      });
  if (!line_targets_.empty() && !plan_only_line) {
    if (!Attach("PLAN_ID", plan)) return false;
  } else {
    EnrollmentFact enrollment;
    enrollment.plan = plan;
    last_enrollment_ = Add(enrollment, i, j);
  }
  Take(i, j);
  i = j;
  return true;
}

// "Enrollment 1:", "Enrollment-2:", "Enrollment span 1 -": the number only orders the spans.
bool Parser::EnrollmentLabel(std::size_t& i) {
  if (!WIn(i, {"enrollment", "enrolment", "enrollments"})) return false;
  std::size_t j = i + 1;
  if (WIn(j, {"span", "spans"})) ++j;
  j = SkipSyms(j, "-#");
  if (!IsNum(j) || T(j).text.size() > 2) return false;
  Take(i, j + 1);
  i = j + 1;
  return true;
}

// "Commercial", "a medicaid member", "Marketplace" (read as exchange).
bool Parser::ProductLine(std::size_t& i) {
  if (!WIn(i, {"commercial", "medicaid", "medicare", "exchange", "marketplace"})) return false;
  Add(ProductLineFact{W(i, "marketplace") ? "exchange" : T(i).text}, i, i + 1);
  ++i;
  return true;
}

// "--Numerator compliant", "Full numerator Compliant Event", "Not compliant to any Numerator".
bool Parser::Numerator(std::size_t& i) {
  std::size_t j = i;
  if (W(j, "not") && WIn(j + 1, {"compliant", "complaint"})) {
    j += 2;
    while (WIn(j, {"to", "any", "for", "the", "of"})) ++j;
    if (!WIn(j, {"numerator", "numerators"})) return false;
    Add(NumeratorFact{false}, i, j + 1);
    i = j + 1;
    return true;
  }
  if (W(j, "full")) ++j;
  if (!WIn(j, {"numerator", "num"}) || !WIn(j + 1, {"compliant", "complaint", "compliance"})) {
    return false;
  }
  j += 2;
  if (W(j, "event")) ++j;
  Add(NumeratorFact{true}, i, j);
  i = j;
  return true;
}

// "deceased on 3/1/MY", "died on 12/31/MY".
bool Parser::Death(std::size_t& i) {
  if (!WIn(i, {"deceased", "died", "expired"})) return false;
  std::size_t j = i + 1;
  std::string table = line_table_;
  if (W(j, "from") && IsWord(j + 1) && TableOf(T(j + 1).text)) {  // "deceased from VISIT_in on"
    table = *TableOf(T(j + 1).text);
    j += 2;
  }
  if (!WIn(j, {"on", "in"}) || !IsDate(j + 1)) return false;
  DeathFact death;
  death.date = T(j + 1).date;
  death.table = table;
  if (!line_table_.empty()) line_table_used_ = true;
  Add(death, i, j + 2);
  i = j + 2;
  return true;
}

// Details written as phrases rather than KEY=VALUE: tables, file ids, POS 81, code systems,
// thresholds, providers, imputed codes, days of supply, lab results present or not.
bool Parser::DetailPhrase(std::size_t& i) {
  const bool has_targets = !Targets().empty();
  std::size_t j = i;
  // Tables: "from RX_IN", "visit_in", "EMR_IN table", "Monthly_mbr_in file".
  if (IsWord(i)) {
    if (auto table = TableOf(T(i).text)) {
      j = i + 1;
      if (WIn(j, {"table", "file", "only"})) ++j;
      // Named after this line's facts: theirs. Named first ("From EMR_IN, Deceased_dt: ..."): the
      // facts this line makes; if it makes none, those above (EndLine).
      if (!line_targets_.empty() && *table != "MONTHLY_MBR_IN") SetTable(*table);
      else line_table_ = *table;
      Take(i, j);
      i = j;
      return true;
    }
  }
  if (!has_targets) return false;
  // "in MY", "during the measurement year" after an event: its window, the whole MY.
  if (WIn(i, {"in", "during"}) && (W(i + 1, "my") || (W(i + 1, "the") && W(i + 2, "measurement")))) {
    j = i + 1;
    while (WIn(j, {"the", "my", "measurement", "year"})) ++j;
    if (!Attach("WINDOW", "MY")) return false;
    Take(i, j);
    i = j;
    return true;
  }
  // "LB claim type", "LB claimtype", "claim type 'LB'" (key_value): a lab claim.
  if (W(i, "lb") && (WIn(i + 1, {"claim", "claimtype"}) || !IsWord(i + 1))) {
    j = i + 1;
    if (W(j, "claim")) ++j;
    if (WIn(j, {"type", "claimtype"})) ++j;
    if (!Attach("CLAIM_TYPE", "LB")) return false;
    Take(i, j);
    i = j;
    return true;
  }
  // "POS81", "with Using POS81"; "(Lab Claim Test)" says the same in words.
  if (W(i, "pos81")) {
    Attach("POS", "81");
    Take(i, i + 1);
    ++i;
    return true;
  }
  if (W(i, "lab") && W(i + 1, "claim")) {
    j = i + 2;
    if (W(j, "test")) ++j;
    Take(i, j);
    i = j;
    return true;
  }
  // A code in parentheses: "(84153 : CPT)", "(183919006 : SNOMED)".
  if (S(i, "(") && (IsNum(i + 1) || IsWord(i + 1)) && S(i + 2, ":") && IsWord(i + 3) &&
      S(i + 4, ")")) {
    const std::optional<std::string> key = CanonicalDetailKey(T(i + 3).text);
    if (key && IsCodeSystemKey(*key)) {
      const CodeRef ref{CodeSystemLabel(*key), Upper(T(i + 1).text)};
      bool attached = false;
      for (std::size_t fact : Targets()) {
        if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) {
          if (std::find(event->codes.begin(), event->codes.end(), ref) == event->codes.end()) {
            event->codes.push_back(ref);
          }
          attached = true;
        }
      }
      if (!attached) return false;
      Take(i, i + 5);
      i += 5;
      return true;
    }
  }
  // A file id alone: "90055", "--17955", "(17055)", "file id -17055".
  if (IsNum(i) && T(i).text.size() == 5 && (i == line_begin_ || !S(i - 1, ":"))) {
    if (!Attach("FILE_ID", T(i).text)) return false;
    Take(i, i + 1);
    ++i;
    return true;
  }
  // "(ICD-10 code)", "(ICD -10 code)", "--Using Snomed Code", "(LOINC) >4", "HCPCS>4".
  if (IsWord(i)) {
    std::optional<std::string> key = CanonicalDetailKey(T(i).text);
    if (key && IsCodeSystemKey(*key)) {
      j = i + 1;
      std::string system = CodeSystemLabel(*key);
      if (S(j, "-") && IsNum(j + 1)) {  // "ICD -10", "ICD -9"
        if (*key == "ICD" && T(j + 1).text == "9") system = CodeSystemLabel("ICD9");
        j += 2;
      }
      if (W(j, "code")) ++j;
      if (S(j, ")")) ++j;
      if ((S(j, ">") || S(j, "<")) && IsNum(j + 1)) {
        Attach("THRESHOLD", T(j).text + T(j + 1).text);
        j += 2;
      } else if (j == i + 1 && !S(i - 1, "(")) {
        return false;
      }
      Attach("CODE_SYSTEM", CodeKeyFor(system));
      Take(i, j);
      i = j;
      return true;
    }
  }
  // "PSA > 4.0", "HCPCS>4": the threshold a lab value is tested against.
  if (IsWord(i) && !W(i, "result") && (S(i + 1, ">") || S(i + 1, "<")) && IsNum(i + 2)) {
    Attach("THRESHOLD", T(i + 1).text + T(i + 2).text);
    Take(i, i + 3);
    i += 3;
    return true;
  }
  // "result >4 : 4.5", "result <4 : 3".
  if (W(i, "result") && (S(i + 1, ">") || S(i + 1, "<")) && IsNum(i + 2)) {
    Attach("THRESHOLD", T(i + 1).text + T(i + 2).text);
    j = SkipSyms(i + 3, ":");
    if (IsNum(j)) {
      for (std::size_t fact : Targets()) {
        if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->value = T(j).text;
      }
      ++j;
    }
    Take(i, j);
    i = j;
    return true;
  }
  // "without lab result value", "WITH lab result value", "no result".
  if (WIn(i, {"with", "without"}) && W(i + 1, "lab") && W(i + 2, "result") && W(i + 3, "value")) {
    if (W(i, "without")) {
      for (std::size_t fact : Targets()) {
        if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->value = "NULL";
      }
    }
    Take(i, i + 4);
    i += 4;
    return true;
  }
  if (W(i, "no") && W(i + 1, "result")) {
    for (std::size_t fact : Targets()) {
      if (auto* event = std::get_if<EventFact>(&out_.facts[fact].body)) event->value = "NULL";
    }
    Take(i, i + 2);
    i += 2;
    return true;
  }
  // Providers: "with PCP", "with OBGYN", "(PCP - 1,9 and 23)", "(OB/GYN- 2, 13, 14)",
  // "- By clinical pharmacist".
  if (W(i, "with")) {
    // "with PCP", "with a PCP or an OB/GYN", "with OBGYN", "with Dentist".
    std::vector<std::string> kinds;
    j = i + 1;
    for (;;) {
      std::size_t k = j;
      if (WIn(k, {"a", "an"})) ++k;
      if (WIn(k, {"pcp", "obgyn", "dentist"})) {
        kinds.push_back(Upper(T(k).text));
        j = k + 1;
      } else if (W(k, "ob") && S(k + 1, "/") && W(k + 2, "gyn")) {
        kinds.push_back("OBGYN");
        j = k + 3;
      } else {
        break;
      }
      if (!WIn(j, {"or", "and"}) && !S(j, ",")) break;
      ++j;
    }
    if (kinds.empty()) return false;
    if (WIn(j - 1, {"or", "and"}) || S(j - 1, ",")) --j;
    Attach("PROVIDER", fmt::format("{}", fmt::join(kinds, " or ")));
    Take(i, j);
    i = j;
    return true;
  }
  if (S(i, "(") && WIn(i + 1, {"pcp", "ob", "obgyn"})) {
    j = i + 2;
    std::string types;
    while (j < line_end_ && !S(j, ")")) {
      if (IsNum(j)) types += (types.empty() ? "" : ",") + T(j).text;
      ++j;
    }
    if (j >= line_end_ || types.empty()) return false;
    Attach("PRAC_TYPES", types);
    Take(i, j + 1);
    i = j + 1;
    return true;
  }
  if (W(i, "by") && WIn(i + 1, {"clinical", "prescribing", "pcp"})) {
    j = i + 1;
    while (j < line_end_ && IsWord(j)) ++j;
    Attach("PROVIDER", Upper(Text(i + 1, j)));
    Take(i, j);
    i = j;
    return true;
  }
  // "Imputed Code Used: I04.WCCE", "(Imputed claims :I04.WCCE)".
  if (W(i, "imputed") && WIn(i + 1, {"code", "codes", "claim", "claims"})) {
    j = i + 2;
    if (W(j, "used")) ++j;
    j = SkipSyms(j, ":-");
    if (!IsWord(j)) return false;
    Attach("IMPUTED_CODE", Upper(T(j).text));
    Take(i, j + 1);
    i = j + 1;
    return true;
  }
  // "with 0 days of supply".
  if (IsNum(i) && W(i + 1, "days") && W(i + 2, "of") && W(i + 3, "supply")) {
    Attach("RX_DAYS_SUPP", T(i).text);
    Take(i, i + 4);
    i += 4;
    return true;
  }
  return false;
}

// A date no production took: the date of this line's undated events ("Outpatient Value Set with
// PCP on 1/1/MY"), else of the undated events above ("...with PCP on\n12/31/MY-1 and 1/1/MY+1").
bool Parser::LooseDates(std::size_t& i) {
  if (!IsDate(i)) return false;
  std::vector<std::size_t> undated;
  const auto collect = [&](const std::vector<std::size_t>& facts) {
    for (std::size_t fact : facts) {
      auto* event = std::get_if<EventFact>(&out_.facts[fact].body);
      if (event != nullptr && event->dates.empty()) undated.push_back(fact);
    }
  };
  collect(line_targets_);
  if (undated.empty() && line_targets_.empty()) collect(group_);
  if (undated.empty()) return false;
  std::size_t j = i;
  for (;;) {
    for (std::size_t fact : undated) BodyOf<EventFact>(fact).dates.push_back(T(j).date);
    const std::size_t next = j + 1;
    if ((S(next, ",") || S(next, "&") || W(next, "and")) && IsDate(next + 1)) j = next + 1;
    else break;
  }
  Take(i, j + 1);
  i = j + 1;
  return true;
}

void Parser::CollectUnparsed() {
  std::size_t i = 0;
  while (i < tokens_.size()) {
    if (used_[i] || tokens_[i].kind == TokenKind::kNewline) {
      if (tokens_[i].kind == TokenKind::kDate && tokens_[i].day_first && used_[i]) {
        Assume(fmt::format("read '{}' as day/month/year", tokens_[i].text));
      }
      ++i;
      continue;
    }
    // A run of unused tokens on one line, trimmed of filler at both ends.
    std::size_t first = tokens_.size(), last = 0;
    std::size_t j = i;
    for (; j < tokens_.size() && !used_[j] && tokens_[j].kind != TokenKind::kNewline; ++j) {
      const Token& t = tokens_[j];
      // Non-ASCII characters ("été", a check mark) are content: only ASCII punctuation is filler.
      // (En dashes and curly quotes were read as '-' and '\'' by the lexer.)
      const bool ascii_symbol =
          t.kind == TokenKind::kSymbol && static_cast<unsigned char>(t.text[0]) < 0x80;
      const bool filler = ascii_symbol || (t.kind == TokenKind::kWord && IsFiller(t.text));
      if (!filler) {
        first = std::min(first, j);
        last = j;
      }
    }
    if (first < tokens_.size()) {
      Fragment fragment;
      fragment.begin = tokens_[first].begin;
      fragment.end = tokens_[last].end;
      fragment.text = std::string(text_.substr(fragment.begin, fragment.end - fragment.begin));
      out_.unparsed.push_back(std::move(fragment));
    }
    i = j;
  }
}

}  // namespace

TextReading ScenarioGrammar::Read(std::string_view text) {
  return Parser(text, options_, *this).Run();
}

const ValueSetMatch& ScenarioGrammar::Match(const std::string& written) {
  auto it = matches_.find(written);
  if (it != matches_.end()) return it->second;
  ValueSetMatch match;
  if (options_.vsd != nullptr) match = MatchValueSet(written, *options_.vsd);
  return matches_.emplace(written, std::move(match)).first->second;
}

}  // namespace hm::testcase

namespace hm {

TextReading ReadScenarioText(std::string_view text, const TestCaseOptions& options) {
  testcase::ScenarioGrammar grammar(options);
  return grammar.Read(text);
}

}  // namespace hm
