// libFuzzer target for the measure-file reader (YAML through yaml-cpp into a MeasureDefinition).
// Measure files are written by users, so any bytes must give a definition or an error with a
// message, never a crash, a hang or a thrown exception. A definition that loads must keep what
// the reader promises: an id and at least one numerator.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "measure/measure_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const hm::Result<hm::measure::MeasureDefinition> measure =
      hm::measure::ReadMeasureText(text, "fuzz.yaml");
  if (!measure.ok()) {
    if (measure.status().message().empty()) std::abort();
    return 0;
  }
  if (measure->id.empty() || measure->numerators.empty()) std::abort();
  return 0;
}
