// libFuzzer target for the connection-string parser (src/source/connection_string.h). Connection
// strings come from the command line and profiles, and they carry passwords, so any bytes must
// give a target or an error, never a crash, and the text shown to users must never hold a
// password: where libpq's own parser finds one, our masker must have found the same one.
#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "source/connection_string.h"

namespace {

std::size_t Occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// The password libpq reads from `uri`, or "".
std::string LibpqPassword(const std::string& uri) {
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), nullptr);
  std::string password;
  for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr) password = o->val;
  }
  PQconninfoFree(options);
  return password;
}

void CheckMasked(std::string_view text, const hm::source::MaskedConnectionString& masked) {
  if (masked.secrets.empty() && masked.display != text) std::abort();
  for (const std::string& secret : masked.secrets) {
    // A secret found once in the input and masked there cannot be in the display, unless it
    // could be made of the mask's own characters.
    if (secret.find('*') == std::string::npos && Occurrences(text, secret) == 1 &&
        masked.display.find(secret) != std::string::npos) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const hm::source::MaskedConnectionString masked = hm::source::MaskSecrets(text);
  CheckMasked(text, masked);
  const auto target = hm::source::ParseConnectionString(text);
  if (!target.ok()) {
    if (target.status().message().empty()) std::abort();
    return 0;
  }
  if (target->masked.display != masked.display) std::abort();
  // Without percent-encoding, libpq's password is a verbatim part of the URI that we must mask.
  if (target->backend == hm::SqlBackend::kPostgres && text.find('%') == std::string_view::npos) {
    const std::string password = LibpqPassword(target->target);
    bool found = password.empty();
    for (const std::string& secret : masked.secrets) found = found || secret == password;
    if (!found) std::abort();
  }
  return 0;
}
