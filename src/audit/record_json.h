// The JSON forms of the audit log: a session record (one log line, or a marker of a session in
// progress), statistics and a verify report. RecordToJson and friends in audit.h are thin calls
// into these; export and markers use the JSON values directly.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "hedis_mockup/audit.h"

namespace hm::audit {

using nlohmann::ordered_json;

// The record as a JSON object, PRODUCT.md's fields first in its order.
ordered_json RecordToValue(const SessionRecord& record);

// Reads a record from a parsed JSON value. With `require_prev_hash` (log lines) prev_hash must be
// 64 hex digits; markers have none. kInvalidInput saying which field is wrong.
Result<SessionRecord> RecordFromValue(const ordered_json& value, bool require_prev_hash);

ordered_json StatisticsToValue(const Statistics& stats);
ordered_json VerifyReportToValue(const VerifyReport& report);

// 64 zeros: the prev_hash of the first record.
inline constexpr std::string_view kZeroHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Compact JSON text. Invalid UTF-8 (a Latin-1 file name, say) is replaced with U+FFFD rather
// than thrown on: a session must be recorded even when its inputs have odd names.
std::string DumpJson(const ordered_json& value);

// True for 64 lower-case hex digits.
bool IsSha256Hex(std::string_view text);

}  // namespace hm::audit
