// `hedis-mockup vsd info|lookup|codes`: inspect a Value Set Directory.
#pragma once

#include <CLI/CLI.hpp>

namespace hm::cli {

// Adds the `vsd` subcommand tree to `app`. `exit_code` receives the result of whichever subcommand
// runs.
void AddVsdCommands(CLI::App& app, int& exit_code);

}  // namespace hm::cli
