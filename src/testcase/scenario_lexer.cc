#include "testcase/scenario_lexer.h"

#include <array>

#include "model/date_expression.h"

namespace hm::testcase {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// Words that can start a date besides month names (see date_expression.h, "boundary").
bool CanStartDate(std::string_view lower_word) {
  static constexpr std::array<std::string_view, 30> kStarts = {
      "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
      "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
      "nov", "november", "dec", "december", "end", "beginning", "begining", "beg", "begin",
      "start"};
  for (std::string_view s : kStarts) {
    if (s == lower_word) return true;
  }
  return false;
}

// Units that QA glues to a number ("1month", "45days"): split so the grammar sees two tokens.
bool IsUnit(std::string_view lower) {
  return lower == "day" || lower == "days" || lower == "month" || lower == "months" ||
         lower == "year" || lower == "years" || lower == "yrs";
}

class Lexer {
 public:
  Lexer(std::string_view text, int my) : text_(text), my_(my) {}

  std::vector<Token> Run() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        Push(TokenKind::kNewline, pos_, pos_ + 1, "\n");
        ++pos_;
      } else if (IsSpace(c) || IsNbsp()) {
        pos_ += IsNbsp() ? 2 : 1;
      } else if (IsAlnum(c) && TryDate()) {
        // pushed by TryDate
      } else if (IsAlnum(c)) {
        WordOrNumber();
      } else {
        Symbol();
      }
    }
    return std::move(tokens_);
  }

 private:
  bool IsNbsp() const {
    return pos_ + 1 < text_.size() && static_cast<unsigned char>(text_[pos_]) == 0xC2 &&
           static_cast<unsigned char>(text_[pos_ + 1]) == 0xA0;
  }

  // A date may start at a digit or at one of the words of CanStartDate.
  bool TryDate() {
    if (!IsDigit(text_[pos_])) {
      std::size_t end = pos_;
      while (end < text_.size() && IsAlpha(text_[end])) ++end;
      if (!CanStartDate(Lower(text_.substr(pos_, end - pos_)))) return false;
    }
    const std::string_view rest = text_.substr(pos_);
    bool day_first = false;
    auto match = ParseDatePrefix(rest, my_);
    if (!match.ok() && IsDigit(text_[pos_])) {
      DateParseOptions options;
      options.allow_day_first = true;
      match = ParseDatePrefix(rest, my_, options);
      day_first = match.ok();
    }
    if (!match.ok()) return false;
    // ParseDatePrefix counts trailing spaces it skipped before giving up on an offset; keep the
    // span tight so a fragment quoting the text does not start with blanks.
    std::size_t end = pos_ + match->length;
    while (end > pos_ && IsSpace(text_[end - 1])) --end;
    Token& t = Push(TokenKind::kDate, pos_, end, std::string(text_.substr(pos_, end - pos_)));
    t.date = match->date;
    t.day_first = day_first;
    pos_ = end;
    return true;
  }

  void WordOrNumber() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    const bool leading_digits = pos_ > start;
    if (leading_digits && pos_ + 1 < text_.size() && text_[pos_] == '.' && IsDigit(text_[pos_ + 1])) {
      ++pos_;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
      Push(TokenKind::kNumber, start, pos_, std::string(text_.substr(start, pos_ - start)));
      return;
    }
    if (leading_digits && (pos_ >= text_.size() || !IsAlpha(text_[pos_])) &&
        !(pos_ + 1 < text_.size() && text_[pos_] == '-' && IsAlpha(text_[pos_ + 1]))) {
      Push(TokenKind::kNumber, start, pos_, std::string(text_.substr(start, pos_ - start)));
      return;
    }
    if (leading_digits && IsAlpha(text_[pos_])) {
      std::size_t end = pos_;
      while (end < text_.size() && IsAlpha(text_[end])) ++end;
      if (IsUnit(Lower(text_.substr(pos_, end - pos_))) &&
          (end >= text_.size() || !IsAlnum(text_[end]))) {
        Push(TokenKind::kNumber, start, pos_, std::string(text_.substr(start, pos_ - start)));
        return;  // the unit is lexed next as its own word
      }
    }
    pos_ = start;
    Word(start);
  }

  // Letters, digits, '_', apostrophes inside a word, and '.' or '-' between alphanumerics.
  void Word(std::size_t start) {
    std::string lower;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      const bool next_alnum = pos_ + 1 < text_.size() && IsAlnum(text_[pos_ + 1]);
      if (IsAlnum(c) || c == '_') {
        lower += ToLower(c);
      } else if ((c == '.' || c == '-') && next_alnum && !lower.empty()) {
        lower += c;
      } else if (c == '\'' && next_alnum && !lower.empty()) {
        // "member's" -> "members": one word, as ParseExpected reads "won't".
      } else if (IsCurlyApostrophe() && pos_ + 3 < text_.size() && IsAlnum(text_[pos_ + 3])) {
        pos_ += 2;  // the three bytes of U+2019, as above
      } else {
        break;
      }
      ++pos_;
    }
    // A trailing '.' or '-' was not taken, so "Set." ends at "t".
    Push(TokenKind::kWord, start, pos_, std::move(lower));
  }

  bool IsCurlyApostrophe() const {
    return pos_ + 2 < text_.size() && static_cast<unsigned char>(text_[pos_]) == 0xE2 &&
           static_cast<unsigned char>(text_[pos_ + 1]) == 0x80 &&
           static_cast<unsigned char>(text_[pos_ + 2]) == 0x99;
  }

  // One byte, or one whole UTF-8 sequence, so a fragment never splits a character.
  void Symbol() {
    const std::size_t start = pos_;
    const unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    std::size_t length = 1;
    if (lead >= 0xF0) length = 4;
    else if (lead >= 0xE0) length = 3;
    else if (lead >= 0xC0) length = 2;
    pos_ = std::min(text_.size(), pos_ + length);
    std::string symbol(text_.substr(start, pos_ - start));
    // En and em dashes and the minus sign read as '-', curly quotes as '\''.
    if (symbol == "\xE2\x80\x93" || symbol == "\xE2\x80\x94" || symbol == "\xE2\x88\x92") symbol = "-";
    if (symbol == "\xE2\x80\x98" || symbol == "\xE2\x80\x99") symbol = "'";
    Push(TokenKind::kSymbol, start, pos_, std::move(symbol));
  }

  Token& Push(TokenKind kind, std::size_t begin, std::size_t end, std::string text) {
    Token t;
    t.kind = kind;
    t.begin = begin;
    t.end = end;
    t.text = std::move(text);
    tokens_.push_back(std::move(t));
    return tokens_.back();
  }

  std::string_view text_;
  int my_;
  std::size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> Lex(std::string_view text, int measurement_year) {
  return Lexer(text, measurement_year).Run();
}

}  // namespace hm::testcase
