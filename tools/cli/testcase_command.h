// `hedis-mockup parse` and `hedis-mockup reformat`: read QA test-case workbooks.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `parse` and `reformat` to `app`; the one the user picks is put in `chosen`.
void AddTestCaseCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
