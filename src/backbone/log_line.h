// The bodies of log lines: everything after the timestamp and level, which spdlog's pattern adds.
// Text: "[session_id=S] [measure=PSA] message key=value"; JSON: the members of one object after
// "timestamp" and "level", without the closing brace the pattern supplies.
//
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace hm::log {

// One context field, in the order it is written. Empty values are skipped.
using ContextField = std::pair<std::string_view, std::string_view>;
// The caller's extra fields, as Write() takes them.
using ExtraFields = std::initializer_list<std::pair<std::string_view, std::string>>;

// "[k=v] [k=v] message k=v k=\"v w\"": control characters are escaped so that a line stays one
// line whatever the message holds (no forged lines); extra values with spaces, quotes or '=' are
// quoted as JSON strings so that the pairs stay parseable.
std::string TextBody(std::span<const ContextField> context, std::string_view message,
                     ExtraFields fields);

// "\"message\":\"...\",\"session_id\":\"...\",...,\"fields\":{...}" (no "fields" when there are
// none). Strings are escaped by nlohmann::json; invalid UTF-8 becomes U+FFFD rather than an error.
std::string JsonBody(std::span<const ContextField> context, std::string_view message,
                     ExtraFields fields);

// `value` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace hm::log
