// The server's config file (JSON, chosen over YAML because the API speaks JSON and nlohmann is
// already a dependency):
//
//   {"users": {"alice": {"password": "$argon2id$v=19$...", "admin": true}},
//    "server": {"max_upload_mb": 50, "default_vsd": ["/srv/hedis/vsd"], ...}}
//
// Users are written by `hedis-mockup user add`; "server" holds the settings marked (config) in
// ServerOptions (docs/web-api.md lists them). Relative paths are relative to the file's folder.
//
// Thread-safety: the functions are reentrant.
#pragma once

#include <map>
#include <string>

#include "hedis_mockup/server.h"
#include "hedis_mockup/status.h"

namespace hm::serve {

struct UserEntry {
  std::string password_hash;  // argon2id, encoded
  bool admin = false;
};

// Users by name. kNotFound if the file is missing; kInvalidInput naming the file and the user for
// a malformed file, a user without an argon2id hash, or no user at all.
Result<std::map<std::string, UserEntry>> ReadUsers(const std::string& path);

}  // namespace hm::serve
