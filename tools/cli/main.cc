// hedis-mockup: the command-line front end. It parses arguments, calls the core library, and
// prints; nothing else lives here.
#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "command.h"
#include "vsd_command.h"

namespace hm::cli {

int ReportError(const Status& status) {
  fmt::print(stderr, "hedis-mockup: error: {}\n", status.ToString());
  return ExitCodeFor(status);
}

}  // namespace hm::cli

int main(int argc, char** argv) {
  CLI::App app{"HEDIS Mockup: read QA test-case workbooks, generate and prove mockup data.",
               "hedis-mockup"};
  app.set_version_flag("--version", "hedis-mockup 0.1.0");
  app.require_subcommand(1);
  int exit_code = hm::cli::kExitOk;

  // Commands, one line each; each file under tools/cli/ adds its own.
  hm::cli::AddVsdCommands(app, exit_code);  // vsd info | lookup | codes

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" to CLI11; everything else is bad usage: exit 2.
    const int printed = app.exit(e);
    return printed == 0 ? hm::cli::kExitOk : hm::cli::kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "hedis-mockup: internal error: {}\n", e.what());
    return hm::cli::kExitInternal;
  }
  return exit_code;
}
