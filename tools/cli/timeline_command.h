// `hedis-mockup timeline`: patient timelines abstracted from a warehouse by a profile (Phase 0,
// the anchored diagnosis; Phase 1, every source), written as one JSON artifact per patient and
// a cohort summary; and `timeline demo-warehouse`, the synthetic oncology warehouse.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds `timeline` (and `timeline demo-warehouse`) to `app`; the one the user picks is put in
// `chosen`.
void AddTimelineCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
