#include "model/date_expression.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace hm {
namespace {

// Longer text is not a date; the limit keeps error messages and the parser's work bounded.
constexpr std::size_t kMaxDateBytes = 256;
constexpr std::size_t kMaxQuotedBytes = 60;
constexpr std::int64_t kMaxExcelSerial = 2958465;  // 9999-12-31 in the 1900 system

constexpr std::string_view kHint =
    "dates are written M/D/YYYY, M/D/MY with an offset (1/1/MY-1), YYYY-MM-DD, YYYYMMDD, "
    "'Jan 1 of MY', '31st Dec of MY-1', 'December 31 of the year prior to the measurement "
    "year' or 'end of MY'";

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TokenKind : std::uint8_t { kNumber, kWord, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;   // as written, ordinal suffix included
  std::string word;        // kWord: lower case
  std::int64_t value = 0;  // kNumber; saturates at kHuge for absurdly long digit runs
  int digits = 0;          // kNumber: digits as written, leading zeros included
  bool ordinal = false;    // kNumber followed by st/nd/rd/th ("1st")
  char symbol = 0;         // kSymbol; '?' for a character the grammar never uses
  std::size_t begin = 0;   // byte offsets into the text
  std::size_t end = 0;
};

constexpr std::int64_t kHuge = 999'999'999'999'999'999;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Word and Excel replace what users type: a non-breaking space for a space, and an en dash, em
// dash or minus sign for "-". Returns the byte length of such a sequence at `i`, else 0.
std::size_t NbspAt(std::string_view s, std::size_t i) {
  return s.substr(i, 2) == "\xC2\xA0" ? 2 : 0;
}
std::size_t DashAt(std::string_view s, std::size_t i) {
  const std::string_view three = s.substr(i, 3);
  return (three == "\xE2\x80\x93" || three == "\xE2\x80\x94" || three == "\xE2\x88\x92") ? 3 : 0;
}

std::size_t LexNumber(std::string_view s, std::size_t i, Token& t) {
  t.kind = TokenKind::kNumber;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    t.value = t.value > kHuge / 10 ? kHuge : std::min(kHuge, t.value * 10 + (s[i] - '0'));
    ++t.digits;
  }
  std::size_t j = i;
  while (j < s.size() && IsAlpha(s[j])) ++j;
  if (j - i == 2) {
    const std::string suffix{ToLower(s[i]), ToLower(s[i + 1])};
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      t.ordinal = true;
      i = j;
    }
  }
  return i;
}

std::size_t LexSymbol(std::string_view s, std::size_t i, Token& t) {
  t.kind = TokenKind::kSymbol;
  if (const std::size_t dash = DashAt(s, i)) {
    t.symbol = '-';
    return i + dash;
  }
  constexpr std::string_view kKnown = "/-+.,:";
  t.symbol = kKnown.find(s[i]) == std::string_view::npos ? '?' : s[i];
  return i + 1;
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    if (const std::size_t nbsp = NbspAt(s, i)) {
      i += nbsp;
      continue;
    }
    Token t;
    t.begin = i;
    if (IsDigit(s[i])) {
      i = LexNumber(s, i, t);
    } else if (IsAlpha(s[i])) {
      t.kind = TokenKind::kWord;
      for (; i < s.size() && IsAlpha(s[i]); ++i) t.word += ToLower(s[i]);
    } else {
      i = LexSymbol(s, i, t);
    }
    t.end = i;
    t.text = s.substr(t.begin, t.end - t.begin);
    tokens.push_back(std::move(t));
  }
  Token end;
  end.begin = end.end = s.size();
  tokens.push_back(std::move(end));
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Messages

// Length of the valid UTF-8 sequence starting at s[i], or 0 (RFC 3629, no overlongs/surrogates).
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

// `text` in double quotes, shortened, with control characters and invalid UTF-8 shown as '?':
// messages end up in JSON reports, which must be valid UTF-8, and the text may be any bytes.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size() && i < kMaxQuotedBytes) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
      ++i;
    } else if (const std::size_t n = Utf8Length(text, i)) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += '?';
      ++i;
    }
  }
  if (i < text.size()) out += "...";
  return out + "\"";
}

// ---------------------------------------------------------------------------------------------
// Grammar

std::optional<int> MonthFromWord(std::string_view w) {
  if (w == "sept") return 9;
  for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
    const std::string_view name = kMonthNames[m];
    const bool full = w.size() == name.size();
    const bool abbreviated = w.size() == 3;
    if (!full && !abbreviated) continue;
    bool same = true;
    for (std::size_t k = 0; k < w.size() && same; ++k) same = ToLower(name[k]) == w[k];
    if (same) return static_cast<int>(m) + 1;
  }
  return std::nullopt;
}

std::optional<int> CountFromWord(std::string_view w) {
  constexpr std::array<std::string_view, 10> kCounts = {"one", "two",   "three", "four", "five",
                                                        "six", "seven", "eight", "nine", "ten"};
  for (std::size_t k = 0; k < kCounts.size(); ++k) {
    if (kCounts[k] == w) return static_cast<int>(k) + 1;
  }
  return std::nullopt;
}

// A year as the parser found it, with the name messages use for it.
struct YearValue {
  std::int64_t year = 0;
  std::string label;      // "MY-1" or "2026"
  bool relative = false;  // written relative to the MY: messages add the resolved year
};

// A month or day number with its spelling, for messages.
struct Part {
  std::int64_t value = 0;
  std::string_view text;
};

class Parser {
 public:
  Parser(std::string_view text, int measurement_year, const DateParseOptions& options)
      : text_(text), tokens_(Tokenize(text)), my_(measurement_year), options_(options) {}

  // date [time]
  Result<Date> Expression();
  Result<YearValue> Year();
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  // A whole cell may end a sentence: "December 31 of the measurement year."
  void AcceptFinalPeriod() {
    if (IsSymbol(0, '.') && Peek(1).kind == TokenKind::kEnd) Advance();
  }
  // Bytes of the text used by the tokens consumed so far.
  std::size_t consumed() const { return pos_ == 0 ? 0 : tokens_[pos_ - 1].end; }
  Status Fail(const std::string& what) const {
    return Status::InvalidInput(fmt::format("{}: {}", Quote(Trimmed()), what), std::string(kHint));
  }
  Status FailTrailing() const {
    return Fail(fmt::format("unexpected {} after the date", Quote(text_.substr(Peek().begin))));
  }

 private:
  const Token& Peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  void Advance(std::size_t n = 1) { pos_ = std::min(pos_ + n, tokens_.size() - 1); }
  bool IsWord(std::size_t ahead, std::string_view w) const {
    return Peek(ahead).kind == TokenKind::kWord && Peek(ahead).word == w;
  }
  bool IsSymbol(std::size_t ahead, char c) const {
    return Peek(ahead).kind == TokenKind::kSymbol && Peek(ahead).symbol == c;
  }
  bool IsNumber(std::size_t ahead) const { return Peek(ahead).kind == TokenKind::kNumber; }
  bool IsSeparator(std::size_t ahead) const { return IsSymbol(ahead, '/') || IsSymbol(ahead, '-'); }
  bool Accept(std::string_view word) {
    if (!IsWord(0, word)) return false;
    Advance();
    return true;
  }
  bool AcceptSymbol(char c) {
    if (!IsSymbol(0, c)) return false;
    Advance();
    return true;
  }
  std::string_view Trimmed() const {
    const std::size_t first = tokens_.front().begin;
    const std::size_t last = tokens_.size() > 1 ? tokens_[tokens_.size() - 2].end : first;
    return text_.substr(first, last - first);
  }
  std::string_view SoFar() const {
    const std::size_t first = tokens_.front().begin;
    return text_.substr(first, consumed() > first ? consumed() - first : 0);
  }

  Result<Date> DateBody();
  Result<Date> NumberFirst();
  Result<Date> MonthFirstNumeric();
  Result<Date> IsoNumeric();
  Result<Date> Compact();
  Result<Date> Serial();
  Result<Date> MonthFirstNamed();
  Result<Date> DayFirstNamed();
  Result<Date> Boundary();
  Result<YearValue> ExpectYear();
  Result<YearValue> RelativeYear();
  Result<YearValue> Relative(std::int64_t offset);
  bool AcceptMyName();
  std::int64_t AcceptOffset();
  void SkipTime();
  Result<Date> Make(const YearValue& year, Part month, Part day) const;

  std::string_view text_;
  std::vector<Token> tokens_;  // always ends with a kEnd token
  std::size_t pos_ = 0;
  int my_;
  DateParseOptions options_;
};

Result<Date> Parser::Expression() {
  HM_ASSIGN_OR_RETURN(Date date, DateBody());
  SkipTime();
  return date;
}

Result<Date> Parser::DateBody() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kEnd:
      return Fail("there is no date");
    case TokenKind::kNumber:
      return NumberFirst();
    case TokenKind::kWord:
      if (MonthFromWord(t.word)) return MonthFirstNamed();
      if (t.word == "beginning" || t.word == "begining" || t.word == "beg" || t.word == "begin" ||
          t.word == "start" || t.word == "end") {
        return Boundary();
      }
      if (t.word == "my") return Fail("\"MY\" names a year, not a day (e.g. 1/1/MY or 12/31/MY)");
      return Fail(fmt::format("{} does not start a date", Quote(t.text)));
    case TokenKind::kSymbol:
      break;
  }
  return Fail(fmt::format("{} does not start a date", Quote(t.text)));
}

Result<Date> Parser::NumberFirst() {
  const Token& t = Peek();
  // "1-JAN-MY", "31-DEC MY": the day-month-year form of Oracle dates, as QA copies them.
  if (IsSymbol(1, '-') && Peek(2).kind == TokenKind::kWord && MonthFromWord(Peek(2).word)) {
    return DayFirstNamed();
  }
  if (IsSeparator(1) && !t.ordinal) return t.digits == 4 ? IsoNumeric() : MonthFirstNumeric();
  if (t.digits == 8 && !t.ordinal) return Compact();
  if (Peek(1).kind == TokenKind::kWord || t.ordinal) return DayFirstNamed();
  if (options_.allow_serial) return Serial();
  if (t.digits == 4) return Fail(fmt::format("{} is a year, not a day", t.text));
  return Fail(
      "a bare number is not a date (an Excel date serial is read only from a numeric cell)");
}

// NUM sep NUM sep year: US order, as every QA workbook writes it.
Result<Date> Parser::MonthFirstNumeric() {
  Part first{Peek().value, Peek().text};
  Advance(2);
  if (!IsNumber(0)) return Fail(fmt::format("expected a day after {}", Quote(SoFar())));
  Part second{Peek().value, Peek().text};
  Advance();
  if (!IsSeparator(0))
    return Fail(fmt::format("expected \"/\" and a year after {}", Quote(SoFar())));
  Advance();
  HM_ASSIGN_OR_RETURN(YearValue year, ExpectYear());
  const bool day_first =
      first.value > 12 && first.value <= 31 && second.value >= 1 && second.value <= 12;
  if (day_first && options_.allow_day_first) return Make(year, second, first);
  if (day_first) {
    return Fail(fmt::format("month {} is not a month (if {} is the day, the date is {}/{}/{})",
                            first.text, first.text, second.text, first.text, year.label));
  }
  return Make(year, first, second);
}

// NUM4 sep NUM sep NUM: ISO 8601 and its slashed cousin.
Result<Date> Parser::IsoNumeric() {
  const YearValue year{Peek().value, std::string(Peek().text), false};
  Advance(2);
  if (!IsNumber(0)) return Fail(fmt::format("expected a month after {}", Quote(SoFar())));
  Part month{Peek().value, Peek().text};
  Advance();
  if (!IsSeparator(0) || !IsNumber(1)) {
    return Fail(fmt::format("expected a day after {}", Quote(SoFar())));
  }
  Part day{Peek(1).value, Peek(1).text};
  Advance(2);
  return Make(year, month, day);
}

// YYYYMMDD, the test-deck and database form.
Result<Date> Parser::Compact() {
  const std::string_view d = Peek().text;
  Advance();
  const auto number = [&](std::size_t at, std::size_t n) {
    std::int64_t v = 0;
    for (std::size_t k = at; k < at + n; ++k) v = v * 10 + (d[k] - '0');
    return v;
  };
  const YearValue year{number(0, 4), std::string(d.substr(0, 4)), false};
  return Make(year, Part{number(4, 2), d.substr(4, 2)}, Part{number(6, 2), d.substr(6, 2)});
}

// NUM ["." NUM]: an Excel serial from a numeric cell; the fraction is a time of day.
Result<Date> Parser::Serial() {
  const Token& t = Peek();
  const std::int64_t serial = t.value;
  Advance();
  if (IsSymbol(0, '.') && IsNumber(1)) Advance(2);
  if (!options_.date1904 && serial == 60) {
    return Fail(
        "Excel serial 60 is 1900-02-29, a day that exists only in Excel (its 1900 "
        "leap-year bug)");
  }
  const std::optional<Date> date = Date::FromExcelSerial(
      static_cast<double>(std::min(serial, kMaxExcelSerial + 1)), options_.date1904);
  if (!date) {
    return Fail(fmt::format("Excel serial {} is not a date in the {} date system", t.text,
                            options_.date1904 ? "1904" : "1900"));
  }
  return *date;
}

// month ["."] day [","] ["of"] year
Result<Date> Parser::MonthFirstNamed() {
  const Token& name = Peek();
  const Part month{*MonthFromWord(name.word), name.text};
  Advance();
  AcceptSymbol('.');
  if (!IsNumber(0)) return Fail(fmt::format("expected a day after {}", Quote(SoFar())));
  if (Peek().digits == 4 && !Peek().ordinal) {
    return Fail(fmt::format("there is no day between {} and {} (e.g. {} 1 {})", Quote(name.text),
                            Peek().text, name.text, Peek().text));
  }
  const Part day{Peek().value, Peek().text};
  Advance();
  AcceptSymbol(',');
  Accept("of");
  HM_ASSIGN_OR_RETURN(YearValue year, ExpectYear());
  return Make(year, month, day);
}

// day ["of"] month ["."] [","] ["of"] year
Result<Date> Parser::DayFirstNamed() {
  const Part day{Peek().value, Peek().text};
  Advance();
  if (!AcceptSymbol('-')) Accept("of");
  const std::optional<int> month_number =
      Peek().kind == TokenKind::kWord ? MonthFromWord(Peek().word) : std::nullopt;
  if (!month_number) return Fail(fmt::format("expected a month name after {}", Quote(SoFar())));
  const Part month{*month_number, Peek().text};
  Advance();
  AcceptSymbol('-');
  AcceptSymbol('.');
  AcceptSymbol(',');
  Accept("of");
  HM_ASSIGN_OR_RETURN(YearValue year, ExpectYear());
  return Make(year, month, day);
}

// ("beginning" | "start" | "end") ["of"] year
Result<Date> Parser::Boundary() {
  const bool end = Peek().word == "end";
  Advance();
  Accept("of");
  HM_ASSIGN_OR_RETURN(YearValue year, ExpectYear());
  return end ? Make(year, Part{12, "12"}, Part{31, "31"}) : Make(year, Part{1, "1"}, Part{1, "1"});
}

Result<YearValue> Parser::ExpectYear() {
  if (AtEnd()) {
    return Fail(
        fmt::format("expected a year after {}: MY, MY-1, MY+1 or a 4-digit year", Quote(SoFar())));
  }
  return Year();
}

Result<YearValue> Parser::Year() {
  const Token& t = Peek();
  const bool is_count = IsWord(1, "year") || IsWord(1, "years");
  if (t.kind == TokenKind::kNumber && !is_count) {
    if (t.digits == 4 && !t.ordinal) {
      Advance();
      return YearValue{t.value, std::string(t.text), false};
    }
    if (IsSeparator(1) && IsNumber(2)) {
      return Fail(fmt::format("expected a year, not the date at {}", Quote(text_.substr(t.begin))));
    }
    if (t.digits <= 2) {
      // Members' birth dates span more than a century, so no century window is right for all.
      return Fail(
          fmt::format("2-digit year {} is ambiguous (19{:02} or 20{:02}?), so all four "
                      "digits are needed",
                      Quote(t.text), t.value, t.value));
    }
    return Fail(fmt::format("{} is not a year (expected 4 digits, MY or MY-1)", Quote(t.text)));
  }
  return RelativeYear();
}

// The year phrases relative to the MY: "MY-1", "the measurement year", "the prior year",
// "two years prior to the MY", "the year after the MY".
Result<YearValue> Parser::RelativeYear() {
  const std::size_t start = pos_;
  Accept("the");
  if (AcceptMyName()) {
    // "1/1/MY+Suppl source" (QA's PSA_RE_PCVS_08, meant as MY+1): a '+' with no number after it
    // leaves the year in doubt, so it is not read as the MY.
    if (IsSymbol(0, '+') && !IsNumber(1)) {
      return Fail(fmt::format("'+' after the MY without a number of years at {}: write MY+1, MY+2 ...",
                              Quote(text_.substr(Peek().begin))));
    }
    return Relative(AcceptOffset());
  }
  if ((Accept("prior") || Accept("previous") || Accept("last")) && Accept("year")) {
    return Relative(-1);
  }
  pos_ = start;
  Accept("the");
  std::int64_t count = 1;
  if (IsNumber(0) && !Peek().ordinal) {
    count = Peek().value;
    Advance();
  } else if (Peek().kind == TokenKind::kWord && CountFromWord(Peek().word)) {
    count = *CountFromWord(Peek().word);
    Advance();
  }
  if (Accept("year") || Accept("years")) {
    int sign = 0;
    if (Accept("prior") || Accept("before")) sign = -1;
    if (sign == 0 && (Accept("after") || Accept("following"))) sign = 1;
    if (sign != 0) {
      const std::size_t before_reference = pos_;
      Accept("to");
      if (!AcceptMyName()) pos_ = before_reference;  // "two years prior": the MY is implied
      return Relative(sign * count);
    }
  }
  pos_ = start;
  return Fail(
      fmt::format("expected a year at {}: MY, MY-1, MY+1, a 4-digit year or 'the year "
                  "prior to the measurement year'",
                  Quote(text_.substr(Peek().begin))));
}

// ["the"] ("my" | "measurement" ("year" | "period"))
bool Parser::AcceptMyName() {
  const std::size_t start = pos_;
  Accept("the");
  if (Accept("my")) return true;
  if (Accept("measurement") && (Accept("year") || Accept("period"))) return true;
  pos_ = start;
  return false;
}

// ["+" | "-"] NUM, unless the NUM starts the next date ("1/1/MY - 1/5/MY", "1-JAN-MY -
// 31-DEC-MY", "1-JAN-MY - 31 DEC MY").
std::int64_t Parser::AcceptOffset() {
  const bool sign = IsSymbol(0, '+') || IsSymbol(0, '-');
  if (!sign || !IsNumber(1) || Peek(1).ordinal || IsSymbol(2, '/')) return 0;
  const bool month_follows = (IsSymbol(2, '-') && Peek(3).kind == TokenKind::kWord &&
                              MonthFromWord(Peek(3).word)) ||
                             (Peek(2).kind == TokenKind::kWord && MonthFromWord(Peek(2).word));
  if (month_follows) return 0;
  const std::int64_t n = IsSymbol(0, '-') ? -Peek(1).value : Peek(1).value;
  Advance(2);
  return n;
}

Result<YearValue> Parser::Relative(std::int64_t offset) {
  if (my_ < 1 || my_ > 9999) {
    return Fail(fmt::format("the measurement year {} is outside 1..9999", my_));
  }
  std::string label = "MY";
  if (offset != 0) label += fmt::format("{:+}", offset);
  return YearValue{my_ + offset, std::move(label), true};
}

// ["t"] NUM ":" NUM [":" NUM ["." NUM]] ["am" | "pm"]: spreadsheets export dates with a time.
void Parser::SkipTime() {
  const std::size_t start = pos_;
  Accept("t");
  if (!IsNumber(0) || !IsSymbol(1, ':') || !IsNumber(2)) {
    pos_ = start;
    return;
  }
  Advance(3);
  if (IsSymbol(0, ':') && IsNumber(1)) Advance(2);
  if (IsSymbol(0, '.') && IsNumber(1)) Advance(2);
  if (!Accept("am")) Accept("pm");
}

Result<Date> Parser::Make(const YearValue& year, Part month, Part day) const {
  const std::string year_name =
      year.relative ? fmt::format("{} ({})", year.label, year.year) : year.label;
  if (year.year < 1 || year.year > 9999) {
    return Fail(fmt::format("year {} is outside 1..9999", year_name));
  }
  if (month.value < 1 || month.value > 12) {
    return Fail(fmt::format("month {} is not a month", month.text));
  }
  if (day.value < 1) return Fail(fmt::format("day {} is not a day", day.text));
  const auto y = static_cast<int>(year.year);
  const auto m = static_cast<int>(month.value);
  int days_in_month = 31;
  while (!Date::FromYmd(y, m, days_in_month)) --days_in_month;
  if (day.value > days_in_month) {
    return Fail(fmt::format("{} {} has {} days", kMonthNames[m - 1], year_name, days_in_month));
  }
  return *Date::FromYmd(y, m, static_cast<int>(day.value));
}

}  // namespace

Result<DateMatch> ParseDatePrefix(std::string_view text, int measurement_year,
                                  const DateParseOptions& options) {
  Parser parser(text.substr(0, kMaxDateBytes), measurement_year, options);
  HM_ASSIGN_OR_RETURN(Date date, parser.Expression());
  return DateMatch{date, parser.consumed()};
}

Result<Date> ParseDate(std::string_view text, int measurement_year,
                       const DateParseOptions& options) {
  if (text.size() > kMaxDateBytes) {
    return Status::InvalidInput(
        fmt::format("{}: {} characters is too long for a date", Quote(text), text.size()),
        std::string(kHint));
  }
  Parser parser(text, measurement_year, options);
  HM_ASSIGN_OR_RETURN(Date date, parser.Expression());
  parser.AcceptFinalPeriod();
  if (!parser.AtEnd()) return parser.FailTrailing();
  return date;
}

Result<int> ParseYear(std::string_view text, int measurement_year) {
  if (text.size() > kMaxDateBytes) {
    return Status::InvalidInput(
        fmt::format("{}: {} characters is too long for a year", Quote(text), text.size()),
        std::string(kHint));
  }
  Parser parser(text, measurement_year, {});
  if (parser.AtEnd()) return parser.Fail("there is no year");
  HM_ASSIGN_OR_RETURN(YearValue year, parser.Year());
  parser.AcceptFinalPeriod();
  if (!parser.AtEnd()) {
    return parser.Fail("unexpected text after the year");
  }
  if (year.year < 1 || year.year > 9999) {
    return parser.Fail(fmt::format("year {} ({}) is outside 1..9999", year.label, year.year));
  }
  return static_cast<int>(year.year);
}

}  // namespace hm
