#include "hedis_mockup/completeness.h"

#include <nlohmann/json.hpp>

#include "util/files.h"

namespace hm {

int CompletenessSnapshot::sources_attempted() const {
  int n = 0;
  for (const auto& [name, source] : data_sources) n += source.attempted ? 1 : 0;
  return n;
}

int CompletenessSnapshot::sources_succeeded() const {
  int n = 0;
  for (const auto& [name, source] : data_sources) n += source.succeeded ? 1 : 0;
  return n;
}

std::int64_t CompletenessSnapshot::records_extracted() const {
  std::int64_t n = 0;
  for (const auto& [name, source] : data_sources) n += source.record_count;
  return n;
}

double CompletenessSnapshot::score() const {
  const int attempted = sources_attempted();
  return attempted == 0 ? 1.0 : static_cast<double>(sources_succeeded()) / attempted;
}

std::string CompletenessSnapshot::ToJson(int indent) const {
  using nlohmann::ordered_json;
  ordered_json sources = ordered_json::object();
  for (const auto& [name, source] : data_sources) {
    sources[name] = {{"attempted", source.attempted},
                     {"succeeded", source.succeeded},
                     {"record_count", source.record_count},
                     {"error_message", source.error_message ? ordered_json(*source.error_message)
                                                            : ordered_json(nullptr)}};
  }
  ordered_json errors_json = ordered_json::array();
  for (const CompletenessError& e : errors) {
    errors_json.push_back({{"error_type", e.error_type},
                           {"message", e.message},
                           {"phase", e.phase},
                           {"severity", e.severity}});
  }
  // Two decimals, as PRODUCT.md shows it; the exact counts are beside it.
  const double rounded = static_cast<double>(static_cast<long long>(score() * 100 + 0.5)) / 100;
  const ordered_json out = {{"completeness_score", rounded},
                            {"data_sources", sources},
                            {"errors", errors_json},
                            {"warnings", warnings},
                            {"total_sources_attempted", sources_attempted()},
                            {"total_sources_succeeded", sources_succeeded()},
                            {"total_records_extracted", records_extracted()}};
  return out.dump(indent);
}

std::string SidecarPath(const std::string& artifact_path) {
  return artifact_path + ".completeness.json";
}

Status CompletenessSnapshot::WriteSidecar(const std::string& artifact_path) const {
  return util::AtomicWrite(SidecarPath(artifact_path), ToJson(2) + "\n");
}

namespace {

CompletenessError ErrorOf(const Status& error, std::string_view phase) {
  return {ErrorTypeName(error.code()), error.ToString(), std::string(phase),
          SeverityName(error.severity())};
}

}  // namespace

void CompletenessTracker::MarkAttempted(const std::string& source) {
  std::lock_guard lock(mu_);
  state_.data_sources[source].attempted = true;
}

void CompletenessTracker::MarkSuccess(const std::string& source, std::int64_t record_count) {
  std::lock_guard lock(mu_);
  SourceCompleteness& s = state_.data_sources[source];
  s.attempted = true;
  s.succeeded = true;
  s.record_count = record_count;
  s.error_message.reset();
}

void CompletenessTracker::MarkFailure(const std::string& source, const Status& error,
                                      std::string_view phase) {
  std::lock_guard lock(mu_);
  SourceCompleteness& s = state_.data_sources[source];
  s.attempted = true;
  s.succeeded = false;
  s.error_message = error.ToString();
  state_.errors.push_back(ErrorOf(error, phase));
}

void CompletenessTracker::AddError(const Status& error, std::string_view phase) {
  std::lock_guard lock(mu_);
  state_.errors.push_back(ErrorOf(error, phase));
}

void CompletenessTracker::AddWarning(std::string warning) {
  std::lock_guard lock(mu_);
  state_.warnings.push_back(std::move(warning));
}

CompletenessSnapshot CompletenessTracker::Snapshot() const {
  std::lock_guard lock(mu_);
  return state_;
}

}  // namespace hm
