// Fuzzes the audit-line reader: anyone can edit audit.jsonl, so every line is outside input.
// A line that reads as a record must write back to a line that reads as the same record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hedis_mockup/audit.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto record = hm::audit::RecordFromJson(line);
  if (!record.ok()) return 0;
  auto again = hm::audit::RecordFromJson(hm::audit::RecordToJson(*record));
  if (!again.ok() || !(*again == *record)) __builtin_trap();
  return 0;
}
