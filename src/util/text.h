// Small text helpers shared by every reader. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hm::util {

// `text` without leading and trailing ASCII whitespace (including the non-breaking space that
// Excel users paste, U+00A0).
std::string_view Trim(std::string_view text);

// The comparison key for names that users spell loosely (sheet names, column headers, value-set
// names): ASCII letters and digits only, lower-cased. "Value Sets to Codes" -> "valuesetstocodes".
std::string NameKey(std::string_view text);

// ASCII lower case.
std::string Lower(std::string_view text);

// ASCII upper case.
std::string Upper(std::string_view text);

// Equal ignoring ASCII case; allocates nothing.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

// Levenshtein distance, for "did you mean" suggestions. O(|a|*|b|) time, O(|b|) memory.
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace hm::util
