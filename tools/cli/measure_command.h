// `hedis-mockup evaluate`, `measure list` and `measure show`: the measure engine from the CLI.
#pragma once

#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// The text of --measure, a shipped measure's id ("PSA") or a measure file's path, and the name it
// goes by in messages ("measures/PSA.yaml" or the path).
Result<std::pair<std::string, std::string>> MeasureText(const std::string& measure);

void AddMeasureCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
