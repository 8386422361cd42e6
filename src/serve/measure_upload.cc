#include "serve/measure_upload.h"

#include <cctype>

#include <fmt/format.h>

#include "serve/upload_type.h"
#include "util/text.h"

namespace hm::serve {

bool IsValidMeasureId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (unsigned char c : id) {
    if (!std::isalnum(c) && c != '_' && c != '-') return false;
  }
  return true;
}

Result<CheckedMeasure> CheckMeasureText(std::string_view text, const std::string& display_name,
                                        const ValueSetDirectory* vsd, int measurement_year) {
  if (!IsUtf8Bytes(text)) {
    return Status::InvalidInput(fmt::format("'{}' is not a text file", display_name),
                                "upload the measure's YAML file (measures/*.yaml shows the format)");
  }
  CheckedMeasure out;
  HM_ASSIGN_OR_RETURN(out.summary, SummarizeMeasure(text, display_name));
  if (!IsValidMeasureId(out.summary.id)) {
    return Status::InvalidInput(fmt::format("{}: the measure id '{}' must be 1-40 letters, digits, '_' or '-'",
                                            display_name, out.summary.id));
  }
  out.summary.id = util::Upper(out.summary.id);
  if (vsd == nullptr) return out;
  Result<CompiledMeasure> compiled = CompiledMeasure::FromText(text, display_name, *vsd, measurement_year);
  if (compiled.ok()) return out;
  if (compiled.status().code() != StatusCode::kNotFound) return std::move(compiled).TakeStatus();
  out.warnings.push_back(compiled.status().ToString() +
                        " (in the server's default VSD; upload a VSD that has it with each job)");
  return out;
}

}  // namespace hm::serve
