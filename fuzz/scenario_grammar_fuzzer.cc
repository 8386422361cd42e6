// Fuzzes the scenario grammar (hm::ReadScenarioText, MY 2026, no VSD): scenario cells are free
// text typed by analysts, and the reader promises to accept any bytes. Every fact's and fragment's
// span must lie inside the text, a fragment's text must come from its span, and Describe() must
// cope with every fact the grammar makes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "hedis_mockup/testcases.h"

namespace {

constexpr int kMeasurementYear = 2026;

bool InText(std::size_t begin, std::size_t end, std::size_t size) {
  return begin <= end && end <= size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hm::TestCaseOptions options;
  options.measurement_year = kMeasurementYear;
  const hm::TextReading reading = hm::ReadScenarioText(text, options);
  for (const hm::Fact& fact : reading.facts) {
    if (fact.provenance != hm::Provenance::kText) __builtin_trap();
    if (!InText(fact.begin, fact.end, size)) __builtin_trap();
    const std::string described = hm::Describe(fact.body, kMeasurementYear);
    if (hm::FactKindName(fact.body).empty()) __builtin_trap();
    (void)described;
  }
  for (const hm::Fragment& fragment : reading.unparsed) {
    if (!InText(fragment.begin, fragment.end, size)) __builtin_trap();
    if (text.substr(fragment.begin, fragment.end - fragment.begin).find(fragment.text) ==
        std::string_view::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
