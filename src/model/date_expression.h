// Measurement-year date expressions: how QA analysts write dates, and how they are read.
//
// The public entry points, ParseDate and ParseYear, are declared in hedis_mockup/date.h. This
// header adds ParseDatePrefix for readers that find a date at the start of free text ("1/1/MY-1
// (lab value 4.5)", "12/31/MY - Suppl") and documents the grammar.
//
// The text is split into tokens (numbers with an optional ordinal suffix, ASCII words lower-cased,
// and single symbols; whitespace separates and is dropped; en dash and minus sign read as "-") and
// parsed by recursive descent over this grammar. Words are case-insensitive; [x] is optional.
//
//   expression = date [time]              ParseDate: then at most a sentence-ending "."
//   date       = month_first | day_first | iso | compact | named | boundary | serial
//   month_first= NUM sep NUM sep year                    1/1/MY-1   12/31/2050   3-15-2026
//   iso        = NUM4 sep NUM sep NUM                    2026-03-15   2026/3/15
//   compact    = NUM8                                    20260315 (YYYYMMDD, the test-deck form)
//   named      = month ["."] day [","] ["of"] year       Jan. 1st, MY   December 31 of the MY
//              | day ["of" | "-"] month ["-"] ["."] [","] ["of"] year
//                                                        31st Dec of MY   1st April MY   1-JAN-MY
//   boundary   = ("beginning" | "begining" | "begin" | "beg" | "start") ["of"] year -> Jan 1
//              | "end" ["of"] year                                                -> Dec 31
//   serial     = NUM ["." NUM]          only with DateParseOptions::allow_serial (Excel serial)
//   day        = NUM [ordinal suffix]                    1  1st  2nd  3rd  31st (suffix unchecked)
//   month      = "january" | "jan" | ... | "september" | "sept" | "sep" | ... | "dec"
//   sep        = "/" | "-"
//   time       = ["t"] NUM ":" NUM [":" NUM ["." NUM]] ["am" | "pm"]    read and ignored
//
//   year       = NUM4                                    2026 (2-digit years are refused)
//              | ["the"] my_name [offset]                MY   MY-1   the MY + 1
//              | ["the"] ("prior" | "previous" | "last") "year"          -> MY-1
//              | ["the"] [count] ("year" | "years") ("prior" | "before" | "after" | "following")
//                [["to"] my_name]                        the year prior to the measurement year
//                                                        two years prior (-> MY-2)
//   my_name    = ["the"] ("my" | "measurement" ("year" | "period"))
//   offset     = ("+" | "-") NUM        a NUM followed by "/" is not an offset: "1/1/MY - 1/5/MY"
//                                       is a range of two dates, not "1/1/MY-1" and junk
//   count      = NUM | "one" | "two" | ... | "ten"
//
// Why a grammar rather than regular expressions: QA text mixes the same pieces in every order
// ("Jan 1st MY", "1st Jan of the MY", "1/1/ MY - 1"), and an error must say which piece is wrong
// ("month 13 is not a month"), which a failed regex cannot.
//
// Thread-safety: all functions are pure.
#pragma once

#include <cstddef>
#include <string_view>

#include "hedis_mockup/date.h"
#include "hedis_mockup/status.h"

namespace hm {

// A date found at the start of a text.
struct DateMatch {
  Date date;
  std::size_t length = 0;  // bytes of the text the date used, leading whitespace included
};

// Reads the longest date expression at the start of `text` (after whitespace) and says where it
// ended; the rest of the text is the caller's. "12/31/MY-1 (lab)" gives 2025-12-31 and length 10;
// "1/1/MY-Suppl" stops after "MY".
// Errors: as ParseDate when no date starts the text.
Result<DateMatch> ParseDatePrefix(std::string_view text, int measurement_year,
                                  const DateParseOptions& options = {});

}  // namespace hm
