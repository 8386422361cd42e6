// Fuzzes the specification text parser (hm::DraftMeasureFromText, no VSD): the text comes from any
// PDF a user uploads, so the section finder, the fact extraction and the draft writer must accept
// any bytes. The draft must never make the measure reader fail with an internal error (a YAML file
// the writer got wrong would), and a draft always has text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hedis_mockup/draft.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hm::Result<hm::Draft> draft = hm::DraftMeasureFromText(text);
  if (!draft.ok()) {
    if (draft.status().code() != hm::StatusCode::kNotFound) __builtin_trap();
    return 0;
  }
  if (draft->yaml.empty()) __builtin_trap();
  if (draft->load_status.code() == hm::StatusCode::kInternal) __builtin_trap();
  return 0;
}
