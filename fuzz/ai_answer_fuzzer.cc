// Fuzzes the checker of language-model answers (src/ai/answer_check.h): a model's output is
// outside input, any bytes. The checker must never crash, and an accepted answer must hold only
// facts of fragments the prompt numbered, with confidences in [0, 1], that the grammar reads back
// from their own words. The first line of the input chooses how many fragments were numbered.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ai/answer_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t fragments = size > 0 ? static_cast<std::size_t>(data[0] % 4) : 1;
  const hm::TestCaseOptions read{2026, nullptr};
  const hm::ai::CheckedAnswer answer = hm::ai::CheckAnswer(input.substr(size > 0 ? 1 : 0), {&read, fragments, 0.5});
  if (answer.rejected.has_value() != !answer.reason.empty()) __builtin_trap();
  if (answer.rejected && !answer.facts.empty()) __builtin_trap();
  for (const hm::ai::AcceptedFact& fact : answer.facts) {
    if (fact.fragment >= fragments || fact.confidence < 0.5 || fact.confidence > 1) __builtin_trap();
    const hm::TextReading again = hm::ReadScenarioText(fact.words, read);
    if (again.facts.size() != 1 || !again.unparsed.empty()) __builtin_trap();
  }
  return 0;
}
