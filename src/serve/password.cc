#include "serve/password.h"

#include <argon2.h>

#include <array>
#include <vector>

#include "serve/random.h"

namespace hm::serve {

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  std::array<unsigned char, 16> salt{};
  HM_RETURN_IF_ERROR(RandomBytes(salt.data(), salt.size()));
  constexpr std::size_t kHashBytes = 32;
  const std::size_t length =
      argon2_encodedlen(cost.passes, cost.memory_kib, cost.lanes, salt.size(), kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  const int rc = argon2id_hash_encoded(cost.passes, cost.memory_kib, cost.lanes, password.data(),
                                       password.size(), salt.data(), salt.size(), kHashBytes,
                                       encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Status::Internal(std::string("argon2id: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool VerifyPassword(const std::string& encoded, std::string_view password) {
  if (!IsArgon2idHash(encoded)) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool IsArgon2idHash(std::string_view encoded) { return encoded.starts_with("$argon2id$"); }

}  // namespace hm::serve
