// `hedis-mockup compare`: the engine's actual member-level output against the QA workbook's
// expected results, written back into a copy of the workbook (Actual Result, Status).
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `compare` to `app`; when the user picks it, it is put in `chosen`.
void AddCompareCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
