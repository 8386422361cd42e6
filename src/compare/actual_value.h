// How a value an engine wrote is read for comparison with an expected Value: the spellings of
// flags, integers, dates, NULL and product lines that engines and QA output sheets use. Used by
// expectation_check.cc; kept apart so each spelling rule is tested on its own.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compare/expectation_check.h"
#include "hedis_mockup/date.h"
#include "hedis_mockup/testcases.h"

namespace hm::compare {

// Whether `text` (trimmed, any case) is one of options.null_texts.
bool IsNullText(std::string_view text, const CheckOptions& options);

// 1/Y/YES/TRUE -> true, 0/N/NO/FALSE -> false (any case), otherwise nullopt.
std::optional<bool> ReadFlag(std::string_view text);

// "70", "-3", "+5", and "70.0" (a number cell written with a fraction of zeros); else nullopt.
std::optional<std::int64_t> ReadInteger(std::string_view text);

// "2026-03-15" (a "T..." or " ..." time of day after it is ignored), "03/15/2026", "3/15/2026";
// else nullopt. Two-digit years are refused: 3/15/26 could be 1926 or 2026.
std::optional<Date> ReadDate(std::string_view text);

// Whether `actual` (as written) holds `expected` for output column `key` (see the rules in
// expectation_check.h).
bool Matches(std::string_view key, const Value& expected, std::string_view actual,
             const CheckOptions& options);

// The expected value as an analyst reads it: "NULL", "1", "70", "M", "2026-03-15".
std::string ExpectedText(const Value& value);

// The row's product line, lower case (commercial, medicaid, medicare, exchange), from a
// PRODUCT_LINE, LOB or LINE_OF_BUSINESS column; "" when the row does not say. (NCQA's Payer
// codes are not mapped: several of them do not name one line on their own.)
std::string ProductLineOf(const ActualRow& row);

}  // namespace hm::compare
