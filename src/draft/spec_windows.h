// Dates and windows as NCQA writes them, in the measure language's terms (docs/measure-language.md,
// "Windows and dates"): "December 31 of the measurement year" is 12/31/MY, "during the year prior
// to the measurement year" is prior_year.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hm::draft {

// The dates of `text`, in order, as measure-language dates ("12/31/MY", "1/1/MY-1"): a month, a
// day, then "of the measurement year", "of the year prior to the measurement year" (MY-1) or
// "... two years prior to the measurement year" (MY-2). Dates not tied to the MY are skipped.
std::vector<std::string> SpecDates(std::string_view text);

// The window `text` describes, as YAML for a `window:` field: "MY", "prior_year",
// "{from: 1/1/MY-1, to: 12/31/MY}", "{from: earliest, to: 12/31/MY}" (the member's history), or
// "{from: D1, to: D2}" for "between D1 and D2". nullopt when it names none.
std::optional<std::string> SpecWindow(std::string_view text);

// `text` lowercased, with "anytime" read as "any time", dashes as '-' and runs of spaces as one.
std::string Normalized(std::string_view text);

}  // namespace hm::draft
