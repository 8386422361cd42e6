// Fuzzes the Expected Result reader: the cells are free text typed by analysts. Every span it
// returns must lie inside the cell, and a fragment's text must come from its span.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "testcase/expected_result.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view cell(reinterpret_cast<const char*>(data), size);
  const hm::testcase::ExpectedResult result = hm::testcase::ParseExpected(cell, 2026);
  for (const hm::testcase::Expectation& e : result.items) {
    if (e.begin > e.end || e.end > size || e.key.empty()) __builtin_trap();
  }
  for (const hm::testcase::Fragment& f : result.unparsed) {
    if (f.begin > f.end || f.end > size) __builtin_trap();
    if (cell.substr(f.begin, f.end - f.begin).find(f.text) == std::string_view::npos) __builtin_trap();
  }
  if (result.absent && (result.absent_begin > result.absent_end || result.absent_end > size)) {
    __builtin_trap();
  }
  return 0;
}
