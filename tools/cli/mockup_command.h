// `hedis-mockup generate` and `hedis-mockup validate`: the mockup from a QA workbook, and the proof
// that a written mockup gives every scenario's expected result.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `generate` and `validate` to `app`; the one the user picks is put in `chosen`.
void AddMockupCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
