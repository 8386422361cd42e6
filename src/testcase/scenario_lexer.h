// The scenario grammar's tokens. A scenario text becomes words, numbers, dates, symbols and line
// breaks, each with its byte span, so facts and unparsed fragments can quote the text exactly.
//
// Dates are found first, at every position where one can start (a digit, a month name, "end",
// "beginning" ...), with ParseDatePrefix: "1/1/MY - 1", "December 31 of the measurement year" and
// "1-JAN-MY" are one token each. A day-first date ("31/12/MY-1") is read too and marked, so the
// reader can list the assumption.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/date.h"

namespace hm::testcase {

enum class TokenKind : unsigned char { kWord, kNumber, kDate, kSymbol, kNewline };

struct Token {
  TokenKind kind = TokenKind::kSymbol;
  std::size_t begin = 0, end = 0;  // byte span in the text
  // kWord: lower case, apostrophes dropped ("member's" -> "members"); kNumber: the digits as
  // written ("4.1", "00054039513"); kSymbol: the character; kDate: the text.
  std::string text;
  Date date;               // kDate
  bool day_first = false;  // kDate read day-first ("31/12/MY-1")
};

// Words: an ASCII letter then letters, digits, '_' and inner '.' or '-' before a letter or digit
// ("BEN_MEDICAL", "N42.3", "I04.WCCE", "Ben-Hospice"); a word may also start with digits when
// letters follow ("5-ARI", "2nd", "90055PROV"). Numbers: digits with an optional decimal part.
// Symbols: any other non-space byte; a UTF-8 sequence (an en dash, a curly quote) is one symbol.
std::vector<Token> Lex(std::string_view text, int measurement_year);

}  // namespace hm::testcase
