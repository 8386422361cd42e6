#include "hedis_mockup/error_policy.h"

#include <string>

#include "hedis_mockup/log.h"

namespace hm {

bool ErrorPolicy::Handle(const Status& error, std::string_view source) {
  const bool recoverable = error.severity() == Severity::kRecoverable;
  const std::string phase = log::Current().phase;
  if (source.empty()) {
    tracker_.AddError(error, phase);
  } else {
    tracker_.MarkFailure(std::string(source), error, phase);
  }
  log::Write(recoverable ? log::Level::kWarn : log::Level::kError, error.ToString(),
             {{"error_type", ErrorTypeName(error.code())},
              {"severity", SeverityName(error.severity())},
              {"source", std::string(source)}});
  (recoverable ? recoverable_ : fatal_).fetch_add(1);
  return recoverable;
}

}  // namespace hm
