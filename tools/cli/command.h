// What every subcommand of the CLI shares: the exit-code convention, how errors are printed, and
// how a command is run (inside an audited session when it does work).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "hedis_mockup/audit.h"
#include "hedis_mockup/completeness.h"
#include "hedis_mockup/error_policy.h"
#include "hedis_mockup/status.h"

namespace hm::cli {

// Exit codes, documented in the README: 0 success; 1 the job ran and found failures (or found
// nothing, for lookups); 2 bad usage or bad input; 3 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailures = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;

inline constexpr const char* kVersion = "0.1.0";

// Prints "hedis-mockup: error: <where>: <what>; <what to do>" to stderr and returns the exit code
// for `status`.
int ReportError(const Status& status);

// What a running command may use: its session in the audit log (null when the command is not
// audited, or the audit log could not be opened), its completeness record, and the error policy
// that feeds it.
struct Run {
  audit::Session* session = nullptr;
  CompletenessTracker completeness;
  ErrorPolicy errors{completeness};
};

// The command the user chose. Each tools/cli/*_command.cc fills one in from its callback.
struct Command {
  std::string name;     // "vsd info"; the audit log's `command`
  std::string measure;  // when the command has one
  // Commands that do work are sessions in the audit log; the ones that read it are not.
  bool audited = true;
  // Returns the exit code (0 or 1), or the error that stopped it.
  std::function<Result<int>(Run&)> body;
};

// Runs `command`: opens the audit log and a session (a failure to do so is recorded as a
// recoverable error and the command runs unaudited), sets the log context, runs the body, and
// finishes the session with the outcome and completeness. Returns the process exit code.
int RunCommand(const Command& command);

}  // namespace hm::cli
