// The secret key behind log::Id(): identifiers that may be protected health information are
// written to logs as a keyed hash (HMAC-SHA256) instead of as themselves.
//
// Why keyed: member and patient numbers come from small, enumerable spaces (a few million
// plausible values). A plain SHA-256 of one could be reversed by hashing every candidate and
// looking the token up. An HMAC under a random key that stays on the installation (mode 0600)
// cannot be reversed that way without the key, yet stays stable across runs, so one member's
// lines can still be found in every log of that installation.
//
// Thread-safety: functions are thread-safe; concurrent first use by two processes is safe (the
// first key written wins and both use it).
#pragma once

#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::log {

inline constexpr std::size_t kIdKeyBytes = 32;

// The key stored at `path`, or a new random one written there (mode 0600, atomically, parent
// folders created) when the file does not exist. Errors name the file: kIoError when it cannot be
// read or written, kInvalidInput when it is not exactly kIdKeyBytes long (a damaged key: delete it
// to start a new one; earlier logs' tokens will then no longer match).
Result<std::string> LoadOrCreateIdKey(const std::string& path);

// "id:" and the first 16 hex digits (64 bits) of HMAC-SHA256(key, identifier). 64 bits keep
// lines short; that any two of ten million members share a token has odds of about 1 in 370,000.
std::string IdToken(std::string_view key, std::string_view identifier);

}  // namespace hm::log
