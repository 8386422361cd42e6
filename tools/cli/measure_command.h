// `hedis-mockup evaluate`, `measure list` and `measure show`: the measure engine from the CLI.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

void AddMeasureCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
