// Password hashing for the server's users: argon2id (RFC 9106) in its encoded form
// ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash"), which carries its own salt and cost, so a config
// file may mix hashes of different costs and old hashes keep verifying after the default changes.
//
// Thread-safety: the functions are reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::serve {

struct PasswordCost {
  // Defaults: RFC 9106's second recommended option (64 MiB, 3 passes): about 0.1-0.3 s on a
  // server core, slow enough to make guessing from a stolen file costly. Tests use less.
  std::uint32_t memory_kib = 64 * 1024;
  std::uint32_t passes = 3;
  std::uint32_t lanes = 1;
};

// The encoded argon2id hash of `password` with a fresh 16-byte random salt. kInternal if the
// library fails (out of memory).
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost = {});

// True when `password` matches `encoded`; false for a mismatch and for anything that is not an
// argon2id encoding (never an error: a malformed hash must not sign anyone in).
bool VerifyPassword(const std::string& encoded, std::string_view password);

// Whether `encoded` looks like an argon2id encoded hash (for checking a config file).
bool IsArgon2idHash(std::string_view encoded);

}  // namespace hm::serve
