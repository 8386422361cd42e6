// `hedis-mockup serve` (the web application, issue 8) and `hedis-mockup user add` (its users).
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `serve` and `user add` to `app`; the one the user picks is put in `chosen`.
void AddServeCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
