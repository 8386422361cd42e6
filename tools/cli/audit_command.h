// `hedis-mockup history | stats | audit verify | audit export`: read the audit log.
#pragma once

#include <CLI/CLI.hpp>

#include "command.h"

namespace hm::cli {

// Adds the commands that read the audit log; the one the user picks is put in `chosen`.
void AddAuditCommands(CLI::App& app, Command& chosen);

}  // namespace hm::cli
