#include "testcase/expected_result.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "model/date_expression.h"
#include "util/text.h"

namespace hm::testcase {
namespace {

constexpr std::array<KeyInfo, 21> kKnownKeys = {{
    {"PL", KeyKind::kFlag, "product line is one of the measure's product lines"},
    {"AG", KeyKind::kFlag, "age criterion met"},
    {"CE", KeyKind::kFlag, "continuous enrollment met"},
    {"AD", KeyKind::kFlag, "enrolled on the anchor date"},
    {"BE", KeyKind::kFlag, "required benefit held through the CE period"},
    {"ED", KeyKind::kFlag, "event / diagnosis criterion of the denominator met"},
    {"RE", KeyKind::kFlag, "required exclusion applies"},
    {"NE", KeyKind::kFlag, "numerator met"},
    {"SNE", KeyKind::kFlag, "numerator met by supplemental data"},
    {"NUM", KeyKind::kFlag, "numerator met"},
    {"HOSPICE_EXCL", KeyKind::kFlag, "excluded for hospice"},
    {"DECEASED_EXCL", KeyKind::kFlag, "excluded because the member died"},
    {"GENDER", KeyKind::kGender, "member's gender: M, F, O or U"},
    {"AGE_END_REP_YR", KeyKind::kInteger, "age at the end of the measurement year"},
    {"SUB_MEASURE_ID", KeyKind::kInteger, "stratum (e.g. age band) the member is reported in"},
    {"PRODUCT_ID", KeyKind::kInteger, "product the output row is for"},
    {"PLAN_ID", KeyKind::kInteger, "plan the output row is for"},
    {"EXCLUSION_DT", KeyKind::kDate, "date of the required exclusion (NULL: none)"},
    {"NUMERATOR_DT", KeyKind::kDate, "date the numerator was met (NULL: not met)"},
    {"NE<n>", KeyKind::kFlag, "numerator n met, for measures with several (NE1, NE2, ...)"},
    {"SNE<n>", KeyKind::kFlag, "numerator n met by supplemental data (SNE1, SNE2, ...)"},
}};

bool IsSpace(std::string_view s, std::size_t i, std::size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;  // non-breaking space, pasted from Excel
    return true;
  }
  return false;
}

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Upper(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Upper(a[i]) != Upper(b[i])) return false;
  }
  return true;
}

// NE<n> / SNE<n>.
bool IsNumberedNumerator(std::string_view key) {
  std::size_t prefix = key.starts_with("SNE") ? 3 : key.starts_with("NE") ? 2 : 0;
  if (prefix == 0 || key.size() == prefix) return false;
  return std::all_of(key.begin() + static_cast<std::ptrdiff_t>(prefix), key.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<KeyKind> KindOf(std::string_view canonical) {
  for (const KeyInfo& info : kKnownKeys) {
    if (info.key == canonical) return info.kind;
  }
  if (IsNumberedNumerator(canonical)) return KeyKind::kFlag;
  return std::nullopt;
}

std::optional<std::int64_t> ParseInteger(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (start == s.size()) return std::nullopt;
  std::int64_t value = 0;
  const char* first = s.data() + start;
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return s[0] == '-' ? -value : value;
}

// The item-level tokenizer and grammar. See the header for the grammar.
class Parser {
 public:
  Parser(std::string_view cell, int my, std::string_view default_key)
      : s_(cell), my_(my), default_key_(CanonicalKey(default_key)) {}

  ExpectedResult Run() {
    while (true) {
      SkipSeparators();
      if (pos_ >= s_.size()) break;
      ParseItem();
    }
    return std::move(out_);
  }

 private:
  // Length of the separator at i (0 if none). Line breaks count lines in SkipSeparators.
  std::size_t SeparatorAt(std::size_t i) const {
    const char c = s_[i];
    if (c == ',' || c == ';' || c == '\n' || c == '\r') return 1;
    if ((c == 'a' || c == 'A') && i + 3 <= s_.size() && EqualsIgnoreCase(s_.substr(i, 3), "and") &&
        (i == 0 || !IsIdentChar(s_[i - 1])) && (i + 3 == s_.size() || !IsIdentChar(s_[i + 3]))) {
      return 3;
    }
    return 0;
  }

  void SkipSeparators() {
    while (pos_ < s_.size()) {
      std::size_t len = 0;
      if (IsSpace(s_, pos_, &len)) {
        pos_ += len;
      } else if ((len = SeparatorAt(pos_)) != 0) {
        if (s_[pos_] == '\n' || (s_[pos_] == '\r' && (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '\n'))) {
          ++line_;
        }
        pos_ += len;
      } else {
        break;
      }
    }
  }

  void SkipSpaces(std::size_t& i) const {
    std::size_t len = 0;
    while (i < s_.size() && IsSpace(s_, i, &len)) i += len;
  }

  // The end of the item starting at i: the next separator or the end of the cell. The last answer
  // is kept: items separated by spaces only ("A=1 B=2 ...") ask again from inside it, and a cell
  // of thousands of them must stay linear.
  std::size_t ItemEnd(std::size_t i) const {
    if (i >= item_from_ && i <= item_end_) return item_end_;
    item_from_ = i;
    while (i < s_.size() && SeparatorAt(i) == 0) ++i;
    item_end_ = i;
    return i;
  }

  // [b, e) with surrounding whitespace removed, recorded as unparsed (if not empty).
  void AddFragment(std::size_t b, std::size_t e) {
    std::string_view all = s_.substr(b, e - b);
    std::string_view trimmed = util::Trim(all);
    if (trimmed.empty()) return;
    const std::size_t begin = b + static_cast<std::size_t>(trimmed.data() - all.data());
    out_.unparsed.push_back({std::string(trimmed), begin, begin + trimmed.size()});
  }

  std::optional<std::size_t> ReadIdent(std::size_t i) const {
    if (i >= s_.size() || !IsIdentStart(s_[i])) return std::nullopt;
    std::size_t j = i;
    while (j < s_.size() && IsIdentChar(s_[j])) ++j;
    return j;
  }

  // The end of the line holding i: the next line break or ';', or the end of the cell.
  std::size_t LineEnd(std::size_t i, std::size_t limit = std::string_view::npos) const {
    const std::size_t stop = std::min(s_.size(), limit);
    while (i < stop && s_[i] != '\n' && s_[i] != '\r' && s_[i] != ';') ++i;
    return i;
  }

  // "for all [valid] product line[s] [and plan[s]]" or "for LINE {, LINE}" filling the line
  // starting at b. Returns the end of what it consumed, or nullopt.
  std::optional<std::size_t> ParseScope(std::size_t b) {
    // Every item asks; only one starting with "for" is worth splitting its line into words.
    const std::optional<std::size_t> first = ReadIdent(b);
    if (!first || !EqualsIgnoreCase(s_.substr(b, *first - b), "for")) return std::nullopt;
    const std::size_t e = LineEnd(b);
    std::vector<std::string> w = Words(s_.substr(b, e - b));
    if (w.size() < 2 || w[0] != "for") return std::nullopt;
    // Only words, blanks, commas and slashes may be on the line.
    for (std::size_t i = b; i < e;) {
      std::size_t len = 1;
      if (!IsSpace(s_, i, &len) && !IsIdentChar(s_[i]) && s_[i] != ',' && s_[i] != '/') {
        return std::nullopt;
      }
      i += len;
    }
    std::size_t i = 1;
    if (w[i] == "all") {
      ++i;
      if (i < w.size() && w[i] == "valid") ++i;
      if (i + 1 >= w.size() || w[i] != "product" || (w[i + 1] != "line" && w[i + 1] != "lines")) {
        return std::nullopt;
      }
      i += 2;
      if (i + 1 < w.size() && w[i] == "and" && (w[i + 1] == "plan" || w[i + 1] == "plans")) i += 2;
      if (i != w.size()) return std::nullopt;
      out_.all_product_lines = true;
      return e;
    }
    std::vector<std::string> lines;
    for (; i < w.size(); ++i) {
      if (OneOf(w[i], {"commercial", "medicaid", "medicare", "exchange", "marketplace"})) {
        lines.push_back(w[i]);
      } else if (w[i] != "and" || lines.empty()) {
        return std::nullopt;
      }
    }
    if (lines.empty()) return std::nullopt;
    out_.product_lines.insert(out_.product_lines.end(), lines.begin(), lines.end());
    return e;
  }

  // A line naming another output table ("File id detail table", "in SUPPL_FILE_ID_DETAIL table",
  // "SUPPL_FILE_ID_DETAIL Table"): the items after it are about that table. Returns the line's end.
  std::optional<std::size_t> ParseTableLine(std::size_t b) {
    constexpr std::size_t kMaxTableLineBytes = 160;  // at most six words; every item asks
    const std::size_t e = LineEnd(b, b + kMaxTableLineBytes + 1);
    if (e - b > kMaxTableLineBytes) return std::nullopt;
    std::vector<std::string> w = Words(s_.substr(b, e - b));
    // "Fileid:" alone on its line: the file-id detail table's items follow.
    const std::string_view line = util::Trim(s_.substr(b, e - b));
    if (line.size() > 1 && line.back() == ':' && w.size() <= 2) {
      std::string key;
      for (const std::string& word : w) key += word;
      if (key == "fileid" || key == "fileids") {
        table_ = "SUPPL_FILE_ID_DETAIL";
        return e;
      }
    }
    if (w.empty() || w.back() != "table" || w.size() > 6) return std::nullopt;
    if (IsAbsence(s_.substr(b, e - b))) return std::nullopt;  // "doesn't appear in member table"
    for (std::size_t i = b; i < e; ++i) {
      if (s_[i] == '=' || s_[i] == ':' || s_[i] == ',') return std::nullopt;
    }
    std::string name;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (i == 0 && (w[i] == "in" || w[i] == "the")) continue;
      if (!name.empty()) name += '_';
      name += UpperAscii(w[i]);
    }
    if (name.empty()) return std::nullopt;
    // "File id detail", "FileId Detail", "SUPPL_FILE_ID_DETAIL" are one table.
    std::string key;
    for (char c : name) {
      if (c != '_') key += c;
    }
    if (key.find("FILEIDDETAIL") != std::string::npos) name = "SUPPL_FILE_ID_DETAIL";
    table_ = name;
    return e;
  }

  // A bare value with no key, when the column's header names the key.
  bool ParseBareValue(std::size_t b, std::size_t e) {
    if (default_key_.empty()) return false;
    std::string_view token = util::Trim(s_.substr(b, e - b));
    std::optional<std::int64_t> n = ParseInteger(token);
    if (!n) return false;
    Expectation x;
    x.key = default_key_;
    x.raw_key = default_key_;
    x.value = *n;
    x.known = KindOf(default_key_).has_value();
    x.line = line_;
    x.begin = b + static_cast<std::size_t>(token.data() - s_.substr(b).data());
    x.end = x.begin + token.size();
    x.table = table_;
    out_.items.push_back(std::move(x));
    pos_ = e;
    return true;
  }

  // The one-word results of the standard layout: "Compliant" (NUM=1), "Not Compliant" /
  // "Non-Compliant" (NUM=0), "Excluded" (RE=1).
  bool ParseOutcome(std::size_t b, std::size_t e) {
    std::vector<std::string> w = Words(s_.substr(b, e - b));
    std::string key;
    bool set = true;
    if (w.size() == 1 && (w[0] == "compliant" || w[0] == "complaint")) {
      key = "NUM";
    } else if ((w.size() == 2 && (w[0] == "not" || w[0] == "non") && w[1] == "compliant") ||
               (w.size() == 1 && w[0] == "noncompliant")) {
      key = "NUM";
      set = false;
    } else if (w.size() == 1 && w[0] == "excluded") {
      key = "RE";
    } else {
      return false;
    }
    std::string_view all = s_.substr(b, e - b);
    std::string_view trimmed = util::Trim(all);
    Expectation x;
    x.key = key;
    x.raw_key = std::string(trimmed);
    x.value = Flag{set};
    x.known = true;
    x.line = line_;
    x.begin = b + static_cast<std::size_t>(trimmed.data() - all.data());
    x.end = x.begin + trimmed.size();
    x.table = table_;
    out_.items.push_back(std::move(x));
    pos_ = e;
    return true;
  }

  void ParseItem() {
    const std::size_t b = pos_;
    if (std::optional<std::size_t> scope_end = ParseScope(b)) {
      pos_ = *scope_end;
      return;
    }
    if (std::optional<std::size_t> table_end = ParseTableLine(b)) {
      pos_ = *table_end;
      return;
    }
    const std::size_t e = ItemEnd(b);
    if (IsAbsence(s_.substr(b, e - b))) {
      AddAbsence(b, e);
      return;
    }
    // "For Product_id=11": the row the items are about.
    if (std::optional<std::size_t> for_end = ReadIdent(b);
        for_end && *for_end < e && EqualsIgnoreCase(s_.substr(b, *for_end - b), "for")) {
      std::size_t k = *for_end;
      SkipSpaces(k);
      if (std::optional<std::size_t> key_end = ReadIdent(k)) {
        const std::string key = CanonicalKey(s_.substr(k, *key_end - k));
        if ((key == "PRODUCT_ID" || key == "PLAN_ID") && ParseKeyValue(k, e)) return;
      }
    }
    if (!ParseKeyValue(b, e) && !ParseBareValue(b, e) && !ParseOutcome(b, e)) {
      AddFragment(b, e);
      pos_ = e;
    }
  }

  // Whether "KEY =" or "KEY:" starts at i: the next item, after a space instead of a separator.
  bool KeyAt(std::size_t i) const {
    std::optional<std::size_t> key_end = ReadIdent(i);
    if (!key_end) return false;
    std::size_t j = *key_end;
    SkipSpaces(j);
    return j < s_.size() && (s_[j] == '=' || s_[j] == ':');
  }

  // "Member should not appear" over [b, e): the member, or the row its line addresses, is absent.
  void AddAbsence(std::size_t b, std::size_t e) {
    std::string_view all = s_.substr(b, e - b);
    std::string_view trimmed = util::Trim(all);
    const std::size_t begin = b + static_cast<std::size_t>(trimmed.data() - all.data());
    if (!out_.absent) {
      out_.absent_begin = begin;
      out_.absent_end = begin + trimmed.size();
    }
    out_.absence_begins.push_back(begin);
    out_.absent = true;
    pos_ = e;
  }

  // KEY op VALUE [junk]. Returns false (consuming nothing) when the item is not of that form.
  bool ParseKeyValue(std::size_t b, std::size_t e) {
    std::optional<std::size_t> key_end = ReadIdent(b);
    if (!key_end || *key_end > e) return false;
    std::string raw_key(s_.substr(b, *key_end - b));
    std::string key = CanonicalKey(raw_key);
    std::size_t i = *key_end;
    // In another table's block, "Plan 1= RE": a key with its number after a space.
    if (!table_.empty()) {
      std::size_t j = i;
      SkipSpaces(j);
      std::size_t digits = j;
      while (digits < e && s_[digits] >= '0' && s_[digits] <= '9') ++digits;
      std::size_t after = digits;
      SkipSpaces(after);
      if (digits > j && after < e && (s_[after] == '=' || s_[after] == ':')) {
        raw_key = std::string(s_.substr(b, digits - b));
        key = CanonicalKey(raw_key);
        i = digits;
      }
    }
    bool product_words = false;
    if (EqualsIgnoreCase(raw_key, "product")) {
      std::size_t j = i;
      SkipSpaces(j);
      std::optional<std::size_t> id_end = ReadIdent(j);
      if (id_end && *id_end <= e && EqualsIgnoreCase(s_.substr(j, *id_end - j), "id")) {
        raw_key = std::string(s_.substr(b, *id_end - b));
        key = "PRODUCT_ID";
        product_words = true;
        i = *id_end;
      }
    }
    SkipSpaces(i);
    // Operator.
    bool has_op = false;
    if (i < e && (s_[i] == '=' || s_[i] == ':')) {
      ++i;
      if (i < e && s_[i] == '=' && s_[i - 1] == '=') ++i;
      has_op = true;
    } else if (std::optional<std::size_t> w = ReadIdent(i);
               w && *w <= e && EqualsIgnoreCase(s_.substr(i, *w - i), "is")) {
      i = *w;
      has_op = true;
    }
    if (!has_op && !product_words) return false;
    SkipSpaces(i);
    if (i >= e && has_op && !table_.empty()) {
      // "NUM :" left blank in another table's block: kept as written, like every item there.
      out_.items.push_back(Expectation{key, raw_key, Value(std::string()), false, line_, b, i, table_});
      pos_ = e;
      return true;
    }
    if (i >= e) return false;  // "Fileid:" - a key with no value

    // VALUE.
    const std::size_t v = i;
    std::optional<Date> date;
    std::size_t value_end = v;
    std::string_view token;
    bool quoted = false;
    if (s_[v] == '\'' || s_[v] == '"') {
      const std::size_t close = s_.find(s_[v], v + 1);
      if (close == std::string_view::npos || close >= e) return false;
      token = s_.substr(v + 1, close - v - 1);
      value_end = close + 1;
      quoted = true;
    } else {
      // A date expression is never longer than this; the cap keeps the parse linear.
      constexpr std::size_t kMaxDateBytes = 96;
      Result<DateMatch> match = ParseDatePrefix(s_.substr(v, kMaxDateBytes), my_);
      if (match.ok() && match->length > 0) {
        std::size_t after = v + match->length;
        std::size_t k = after;
        SkipSpaces(k);
        if (k >= s_.size() || SeparatorAt(k) != 0 || KeyAt(k)) {
          date = match->date;
          value_end = after;
        }
      }
      if (!date) {
        std::size_t j = v;
        std::size_t len = 0;
        while (j < e && !IsSpace(s_, j, &len)) ++j;
        value_end = j;
        token = s_.substr(v, j - v);
        if (token.size() > 1 && token.back() == '.') token.remove_suffix(1);
      }
    }

    // Keys of another output table are kept but not checked against the member-level output.
    std::optional<KeyKind> kind = table_.empty() ? KindOf(key) : std::nullopt;
    std::optional<Value> value = Classify(kind, date, token, quoted);
    if (!value) return false;

    Expectation x;
    x.key = key;
    x.raw_key = raw_key;
    x.value = std::move(*value);
    x.known = kind.has_value();
    x.line = line_;
    x.begin = b;
    x.end = value_end;
    x.table = table_;
    out_.items.push_back(std::move(x));

    // "RE=1 for Plan=1": the row the item is about, as another item. Other words after the value
    // in the same item are not understood.
    const std::size_t item_end = std::max(ItemEnd(value_end), value_end);
    std::size_t k = value_end;
    SkipSpaces(k);
    if (std::optional<std::size_t> for_end = ReadIdent(k);
        for_end && *for_end < item_end && EqualsIgnoreCase(s_.substr(k, *for_end - k), "for")) {
      std::size_t j = *for_end;
      SkipSpaces(j);
      if (std::optional<std::size_t> scope_key = ReadIdent(j)) {
        const std::string scope = CanonicalKey(s_.substr(j, *scope_key - j));
        if ((scope == "PRODUCT_ID" || scope == "PLAN_ID") && ParseKeyValue(j, item_end)) return true;
      }
    }
    // After a space, not a separator: another item ("BMI_PERCENTILE = 01/01/MY EXCLUSION_DT=NULL",
    // "Product_id=3 PL=0") or an absence of the row just named ("Product_id=3 will not appear"),
    // read as the next item (a loop, not recursion: a cell may hold thousands).
    if (k < item_end && (KeyAt(k) || IsAbsence(s_.substr(k, item_end - k)))) {
      pos_ = k;
      return true;
    }
    AddFragment(value_end, item_end);
    pos_ = item_end;
    return true;
  }

  static std::optional<Value> Classify(std::optional<KeyKind> kind, std::optional<Date> date,
                                       std::string_view token, bool quoted) {
    if (!quoted && !date && EqualsIgnoreCase(token, "null")) return Value(NullValue{});
    if (!kind) {  // unknown key: keep what was written
      if (date) return Value(*date);
      if (!quoted) {
        if (std::optional<std::int64_t> n = ParseInteger(token)) return Value(*n);
      }
      return Value(std::string(token));
    }
    switch (*kind) {
      case KeyKind::kDate:
        if (date) return Value(*date);
        return std::nullopt;
      case KeyKind::kFlag:
        if (date) return std::nullopt;
        if (token == "1" || EqualsIgnoreCase(token, "y") || EqualsIgnoreCase(token, "yes")) {
          return Value(Flag{true});
        }
        if (token == "0" || EqualsIgnoreCase(token, "n") || EqualsIgnoreCase(token, "no")) {
          return Value(Flag{false});
        }
        return std::nullopt;
      case KeyKind::kInteger:
        if (date || quoted) return std::nullopt;
        if (std::optional<std::int64_t> n = ParseInteger(token)) return Value(*n);
        return std::nullopt;
      case KeyKind::kGender: {
        if (date) return std::nullopt;
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kGenders = {{
            {"m", "M"}, {"male", "M"}, {"f", "F"}, {"female", "F"},
            {"o", "O"}, {"other", "O"}, {"u", "U"}, {"unknown", "U"},
        }};
        for (const auto& [word, code] : kGenders) {
          if (EqualsIgnoreCase(token, word)) return Value(std::string(code));
        }
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // Lower-cased ASCII words of `text`, apostrophes (' and U+2019) removed inside words.
  static std::vector<std::string> Words(std::string_view text) {
    std::vector<std::string> words;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (IsIdentChar(c)) {
        cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      } else if (c == '\'' && !cur.empty()) {
        // dropped: "won't" -> "wont"
      } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
                 text[i + 2] == '\x99' && !cur.empty()) {
        i += 2;
      } else if (!cur.empty()) {
        words.push_back(std::move(cur));
        cur.clear();
      }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
  }

  static bool OneOf(const std::string& w, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), w) != set.end();
  }

  static bool IsVerbAt(const std::vector<std::string>& w, std::size_t j) {
    if (j >= w.size()) return false;
    for (std::string_view stem : {"appear", "report", "populat", "show", "present", "availab"}) {
      if (w[j].starts_with(stem)) return true;
    }
    if (w[j] == "in") {
      for (std::size_t k = j + 1; k < w.size(); ++k) {
        if (w[k] == "output" || w[k] == "table" || w[k] == "result" || w[k] == "results") {
          return true;
        }
      }
    }
    return false;
  }

  static bool IsAbsence(std::string_view item) {
    // An absence phrase is a short sentence; its words are all within the first few hundred bytes,
    // and looking no further keeps a long run of items linear.
    constexpr std::size_t kMaxPhraseBytes = 256;
    const std::vector<std::string> w = Words(item.substr(0, kMaxPhraseBytes));
    if (w.size() >= 2 && w[0] == "no" && w[1] == "member") {
      for (std::size_t j = 2; j < w.size(); ++j) {
        if (IsVerbAt(w, j)) return true;
      }
      return false;
    }
    bool subject_ok = true;  // only modal words so far, or "member" seen
    bool member_seen = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (OneOf(w[i], {"not", "doesnt", "dont", "wont", "shouldnt", "wouldnt", "cannot", "cant",
                       "never", "isnt"})) {
        if (!subject_ok && !member_seen) return false;
        std::size_t j = i + 1;
        while (j < w.size() && OneOf(w[j], {"be", "been", "being", "get", "getting", "to", "is"})) {
          ++j;
        }
        return IsVerbAt(w, j);
      }
      if (w[i].starts_with("member")) {
        member_seen = true;
      } else if (!OneOf(w[i], {"should", "will", "would", "must", "does", "do", "is", "it",
                               "may", "the"})) {
        subject_ok = false;
      }
    }
    return false;
  }

  std::string_view s_;
  int my_;
  std::string default_key_;  // the key of a bare value ("1,9" under "Expected Result-...Rollup_id")
  std::string table_;        // "File id detail table": the output table the items below are about
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  mutable std::size_t item_from_ = 1, item_end_ = 0;  // ItemEnd's last answer (none yet)
  ExpectedResult out_;
};

}  // namespace

std::span<const KeyInfo> KnownKeys() { return kKnownKeys; }

std::string CanonicalKey(std::string_view raw_key) {
  std::string key = UpperAscii(raw_key);
  for (char& c : key) {
    if (c == ' ') c = '_';
  }
  if (key == "SEX") return "GENDER";
  if (key == "PLAN" || key == "PLANID") return "PLAN_ID";
  if (key == "PRODUCTID" || key == "PRODUCT_ID") return "PRODUCT_ID";
  if (key == "SUBMEASURE_ID" || key == "SUB_MEASURE_ID") return "SUB_MEASURE_ID";
  if (key == "EXCLUSION_DATE") return "EXCLUSION_DT";
  if (key == "NUMERATOR_DATE") return "NUMERATOR_DT";
  return key;
}

}  // namespace hm::testcase

namespace hm {

std::string ValueToString(const Value& value) {
  struct Visitor {
    std::string operator()(NullValue) const { return "NULL"; }
    std::string operator()(Flag f) const { return f.set ? "1" : "0"; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
    std::string operator()(Date d) const { return d.ToIso(); }
  };
  return std::visit(Visitor{}, value);
}

std::string ToString(const Expectation& expectation) {
  std::string out = expectation.key + "=" + ValueToString(expectation.value);
  if (!expectation.known) out += " [unknown]";
  return out;
}

}  // namespace hm

namespace hm::testcase {

ExpectedResult ParseExpected(std::string_view cell, int measurement_year,
                             std::string_view default_key) {
  return Parser(cell, measurement_year, default_key).Run();
}

}  // namespace hm::testcase
