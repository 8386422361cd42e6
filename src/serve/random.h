// Secrets for the server: session tokens, CSRF tokens, job ids and salts, all from OpenSSL's
// CSPRNG, never from <random> (whose engines are predictable from their output).
//
// Thread-safety: the functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "hedis_mockup/status.h"

namespace hm::serve {

// Fills `out` with `size` random bytes. kInternal if the CSPRNG fails (it does not on Linux once
// seeded; the server then refuses the request rather than hand out a weak token).
Status RandomBytes(unsigned char* out, std::size_t size);

// `bytes` random bytes as lower-case hex (2 * bytes characters).
Result<std::string> RandomHex(std::size_t bytes);

}  // namespace hm::serve
