// Completeness: which data sources a piece of work tried, which succeeded, how many records each
// gave, and what went wrong, so that nobody mistakes a partial result for a whole one. Every
// artifact the product writes embeds this metadata (a JSON sidecar, and a "Run Info" sheet in
// workbooks), in the shape PRODUCT.md fixes:
//
//   {"completeness_score":0.83,
//    "data_sources":{"pathology":{"attempted":true,"succeeded":true,"record_count":15,
//                                 "error_message":null}},
//    "errors":[{"error_type":"TimeoutError","message":"Query timeout after 300s",
//               "phase":"PHASE_1","severity":"recoverable"}],
//    "warnings":[],"total_sources_attempted":6,"total_sources_succeeded":5,
//    "total_records_extracted":234}
//
// Thread-safety: a CompletenessTracker may be updated and read from any number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm {

struct SourceCompleteness {
  bool attempted = false;
  bool succeeded = false;
  std::int64_t record_count = 0;
  std::optional<std::string> error_message;  // null in JSON when absent
};

struct CompletenessError {
  std::string error_type;  // ErrorTypeName(), e.g. "InvalidInputError"
  std::string message;     // Status::ToString(): where, what, what to do
  std::string phase;       // e.g. "PHASE_1", "PARSING"; may be empty
  std::string severity;    // "fatal" or "recoverable"
};

// A consistent copy of a tracker's state.
struct CompletenessSnapshot {
  std::map<std::string, SourceCompleteness> data_sources;  // by source name, sorted
  std::vector<CompletenessError> errors;
  std::vector<std::string> warnings;

  int sources_attempted() const;
  int sources_succeeded() const;
  std::int64_t records_extracted() const;
  // Sources succeeded / sources attempted; 1.0 when nothing was attempted (nothing is missing).
  double score() const;
  // The PRODUCT.md shape, keys in the documented order; `indent` < 0 for one line.
  std::string ToJson(int indent = -1) const;
  // Writes ToJson(2) to SidecarPath(artifact_path), atomically.
  Status WriteSidecar(const std::string& artifact_path) const;
};

// Where an artifact's completeness sidecar goes: "<artifact>.completeness.json".
std::string SidecarPath(const std::string& artifact_path);

class CompletenessTracker {
 public:
  // A source was tried. Idempotent.
  void MarkAttempted(const std::string& source);
  // A source gave `record_count` records. Implies attempted; clears an earlier failure (a retry
  // that worked).
  void MarkSuccess(const std::string& source, std::int64_t record_count);
  // A source failed with `error`; also recorded in errors() with `phase`. Implies attempted.
  void MarkFailure(const std::string& source, const Status& error, std::string_view phase = {});
  // An error not tied to one source. REQUIRES: !error.ok().
  void AddError(const Status& error, std::string_view phase = {});
  void AddWarning(std::string warning);

  CompletenessSnapshot Snapshot() const;
  double score() const { return Snapshot().score(); }
  std::string ToJson(int indent = -1) const { return Snapshot().ToJson(indent); }

 private:
  mutable std::mutex mu_;
  CompletenessSnapshot state_;  // guarded by mu_
};

}  // namespace hm
