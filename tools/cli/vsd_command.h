// `hedis-mockup vsd info|lookup|codes`: inspect a Value Set Directory.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds the `vsd` subcommand tree to `app`; the one the user picks is put in `chosen`.
void AddVsdCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
