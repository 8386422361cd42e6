// Options every command takes: logging (format, file, level, -q/-v) and the PHI switch.
#pragma once

#include <CLI/CLI.hpp>

#include "hedis_mockup/status.h"

namespace hm::cli {

struct GlobalOptions {
  std::string log_format = "text";
  std::string log_file;
  std::string log_level;  // empty: from -q/-v, else info
  int verbose = 0;        // -v debug, -vv trace
  bool quiet = false;     // -q warnings and errors only
  bool hash_ids = false;
};

void AddGlobalOptions(CLI::App& app, GlobalOptions& options);

// Configures the process-wide logger from the options; errors name the bad value or file.
Status ConfigureLogging(const GlobalOptions& options);

}  // namespace hm::cli
