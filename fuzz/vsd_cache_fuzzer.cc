// Fuzzes the VSD cache decoder: a damaged or foreign cache file must be rejected, never trusted.
// A decoded cache must also be internally consistent enough to look codes up.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vsd/vsd_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto decoded = hm::vsd::DecodeCache(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!decoded.ok()) return 0;
  // Re-encoding what was accepted must reproduce the input exactly.
  const std::string again = hm::vsd::EncodeCache(*decoded);
  if (again != std::string_view(reinterpret_cast<const char*>(data), size)) __builtin_trap();
  return 0;
}
