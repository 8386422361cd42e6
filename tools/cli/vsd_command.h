// `hedis-mockup vsd info|lookup|codes`: inspect a Value Set Directory.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"
#include "hedis_mockup/value_sets.h"

namespace hm::cli {

// Adds the `vsd` subcommand tree to `app`; the one the user picks is put in `chosen`.
void AddVsdCommands(CLI::App& app, Command& chosen);

// Loads the VSD for a command, with progress, recording the files as the session's inputs and the
// load in its completeness record. Shared by every command that takes --vsd.
Result<ValueSetDirectory> LoadVsd(const std::vector<std::string>& paths, bool use_cache, Run& run,
                                  VsdLoadReport& report);

}  // namespace hm::cli
