// hedis-mockup: the command-line front end. It parses arguments, calls the core library, and
// prints; nothing else lives here.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "audit_command.h"
#include "command.h"
#include "compare_command.h"
#include "global_options.h"
#include "measure_command.h"
#include "mockup_command.h"
#include "serve_command.h"
#include "testcase_command.h"
#include "timeline_command.h"
#include "vsd_command.h"

namespace {

// Parses the command line. Returns -1 to go on, or the exit code when parsing already ended the
// run (--help and --version exit 0, anything else is bad usage: exit 2).
int Parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return -1;
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? hm::cli::kExitOk : hm::cli::kExitBadInput;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"HEDIS Mockup: read QA test-case workbooks, generate and prove mockup data.",
               "hedis-mockup"};
  app.set_version_flag("--version", std::string("hedis-mockup ") + hm::cli::kVersion);
  app.require_subcommand(1);
  hm::cli::GlobalOptions global;
  hm::cli::Command chosen;

  // The commands; each file under tools/cli/ adds its own.
  hm::cli::AddGlobalOptions(app, global);      // --log-format, --log-file, -q/-v, --hash-ids
  hm::cli::AddVsdCommands(app, chosen);        // vsd info | lookup | codes
  hm::cli::AddAuditCommands(app, chosen);      // history, stats, audit verify | export
  hm::cli::AddTestCaseCommands(app, chosen);   // parse, reformat
  hm::cli::AddMeasureCommands(app, chosen);    // evaluate, measure list | show
  hm::cli::AddMockupCommands(app, chosen);     // generate, validate
  hm::cli::AddCompareCommands(app, chosen);    // compare
  hm::cli::AddTimelineCommands(app, chosen);   // timeline, timeline demo-warehouse
  hm::cli::AddServeCommands(app, chosen);      // serve, user add

  // 1. Parse the command line; the chosen command's callback fills in `chosen`.
  if (int exit_code = Parse(app, argc, argv); exit_code >= 0) return exit_code;
  // 2. Configure logging, which every command uses.
  if (hm::Status logging = hm::cli::ConfigureLogging(global); !logging.ok()) {
    return hm::cli::ReportError(logging);
  }
  // 3. Run it, inside an audited session when it does work.
  return hm::cli::RunCommand(chosen);
}
