// Runs the hedis-mockup binary the way a user does, for end-to-end tests.
#pragma once

#include <string>

namespace hm::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `hedis-mockup ARGS` through the shell (so ARGS may quote), with HEDIS_MOCKUP_HOME set to
// `home`. The binary's path comes from the HM_CLI environment variable that CMake sets.
CliResult RunCli(const std::string& args, const std::string& home);

// The whole file, or "" if it cannot be read.
std::string ReadAll(const std::string& path);

}  // namespace hm::testing
