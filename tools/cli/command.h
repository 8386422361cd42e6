// What every subcommand of the CLI shares: the exit-code convention and how errors are printed.
#pragma once

#include <string>

#include "hedis_mockup/status.h"

namespace hm::cli {

// Exit codes, documented in the README: 0 success; 1 the job ran and found failures (or found
// nothing, for lookups); 2 bad usage or bad input; 3 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailures = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;

// Prints "hedis-mockup: error: <where>: <what>; <what to do>" to stderr and returns the exit code
// for `status`.
int ReportError(const Status& status);

}  // namespace hm::cli
