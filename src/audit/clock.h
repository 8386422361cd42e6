// Time stamps of the audit log: ISO 8601 in UTC, and session ids made from the start time.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hm::audit {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-02-07T17:45:30Z": session start and end, to the second as PRODUCT.md shows them.
std::string FormatUtcSeconds(TimePoint time);

// "2026-02-07T17:45:30.250Z": events, where several happen within one second.
std::string FormatUtcMillis(TimePoint time);

// Seconds since 1970-01-01 UTC for "YYYY-MM-DDTHH:MM:SS", optionally followed by a fraction and
// "Z". A stamp without a zone is read as UTC, as PRODUCT.md's example writes it. nullopt if the
// text is not of that form.
std::optional<std::int64_t> ParseUtcSeconds(std::string_view text);

// "20260207_174530_a3b2c1": the UTC start time to the second and 6 random hex digits, so ids sort
// by start and two sessions started in the same second differ (1 in 16.7 million to collide).
std::string NewSessionId(TimePoint start);

// Seconds since 1970-01-01 UTC.
std::int64_t EpochSeconds(TimePoint time);

}  // namespace hm::audit
