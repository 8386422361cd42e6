// AiCounts as text and JSON: one source for the parse summary, `parse --json` and the audit log.
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/ai.h"

namespace hm {

double AiCounts::fallback_rate_percent() const {
  if (rows_read == 0) return 0;
  return std::round(10000.0 * static_cast<double>(rows_fallback) / static_cast<double>(rows_read)) / 100.0;
}

std::string AiCountsJson(const AiCounts& c) {
  nlohmann::ordered_json by_reason = nlohmann::ordered_json::object();
  for (const auto& [reason, rows] : c.rejected_by_reason) by_reason[reason] = rows;
  const nlohmann::ordered_json j = {
      {"configured", c.configured},   {"rows_read", c.rows_read},   {"rows_fallback", c.rows_fallback},
      {"rows_sent", c.rows_sent},     {"cache_hits", c.cache_hits}, {"answered", c.answered},
      {"merged", c.merged},           {"facts_merged", c.facts_merged},
      {"rejected", c.rejected},       {"rejected_by_reason", by_reason},
      {"fallback_rate", c.fallback_rate_percent()}};
  return j.dump();
}

std::string AiSummaryText(const AiCounts& c) {
  std::string text = fmt::format("AI fallback: {} of {} rows ({:.2f}%)", c.rows_fallback, c.rows_read,
                                 c.fallback_rate_percent());
  if (!c.configured) return text + ": not sent, no language model configured";
  text += fmt::format(": {} sent, {} from cache, {} answered, {} merged ({} facts), {} rejected", c.rows_sent,
                      c.cache_hits, c.answered, c.merged, c.facts_merged, c.rejected);
  if (c.rejected_by_reason.empty()) return text;
  std::vector<std::string> reasons;
  for (const auto& [reason, rows] : c.rejected_by_reason) reasons.push_back(fmt::format("{} {}", reason, rows));
  return text + fmt::format(" ({})", fmt::join(reasons, ", "));
}

}  // namespace hm
