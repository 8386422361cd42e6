// Connection strings: which backend a string names, what to hand to that backend, and a form with
// the password masked for messages and logs (docs/sql-sources.md).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"

namespace hm::source {

// A connection string with its secrets found. `display` is safe to show; `secrets` are the raw
// texts that were masked, to scrub from a backend's own error messages, which may quote them.
struct MaskedConnectionString {
  std::string display;
  std::vector<std::string> secrets;
};

// Masks the password of a URI's user info ("scheme://user:PASSWORD@host") and of every
// parameter whose name ends in "password" (URI query "?password=X", or libpq's keyword form
// "password='X'"). Anything that is not a connection string passes through unchanged.
MaskedConnectionString MaskSecrets(std::string_view connection_string);

// `text` with every occurrence of each of `secrets` replaced by "***".
std::string ScrubSecrets(std::string text, const std::vector<std::string>& secrets);

struct ConnectionTarget {
  SqlBackend backend = SqlBackend::kSqlite;
  // SQLite: the database path (":memory:" for an in-memory one). PostgreSQL: the URI as given.
  std::string target;
  MaskedConnectionString masked;
};

// Splits "sqlite:PATH" (also "sqlite://PATH") and "postgresql://..." / "postgres://..." into a
// target. PostgreSQL URIs are checked with libpq's own parser, so a string accepted here is one
// libpq reads the same way. kInvalidInput, naming the masked string, for anything else.
Result<ConnectionTarget> ParseConnectionString(std::string_view connection_string);

}  // namespace hm::source
