// `hedis-mockup parse` and `hedis-mockup reformat`: read QA test-case workbooks.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `parse` and `reformat` to `app`; the one the user picks is put in `chosen`.
// The measurement year: `my` when not 0, else "MY2026" in the test-case file's name (how QA names
// workbooks), else this year.
int MeasurementYearOf(int my, const std::string& testcases);

void AddTestCaseCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
