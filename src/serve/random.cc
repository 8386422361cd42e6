#include "serve/random.h"

#include <openssl/rand.h>

#include <vector>

#include <fmt/format.h>

namespace hm::serve {

Status RandomBytes(unsigned char* out, std::size_t size) {
  if (RAND_bytes(out, static_cast<int>(size)) != 1) {
    return Status::Internal("the system's random number generator failed");
  }
  return Status::Ok();
}

Result<std::string> RandomHex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  HM_RETURN_IF_ERROR(RandomBytes(raw.data(), raw.size()));
  std::string hex;
  hex.reserve(bytes * 2);
  for (unsigned char b : raw) hex += fmt::format("{:02x}", b);
  return hex;
}

}  // namespace hm::serve
