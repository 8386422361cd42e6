// The --ai options shared by `parse`, `reformat` and `generate`, and running the language-model
// fallback (hedis_mockup/ai.h) over a workbook just read, with its counts in the audit log.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "command.h"
#include "hedis_mockup/ai.h"
#include "hedis_mockup/testcases.h"

namespace hm::cli {

struct AiFlags {
  bool enabled = false;  // --ai
  std::string endpoint, model, protocol, cache;
  double timeout_seconds = 0;  // 0: HM_AI_TIMEOUT, else the library's default
  int concurrency = 0;         // 0: the library's default
  double min_confidence = -1;  // < 0: the library's default
};

void AddAiFlags(CLI::App& command, AiFlags& flags);

// With --ai: runs the fallback over `book` (whose rows it changes), logs and records the counts
// (audit event "ai_fallback" with the counts as details), and returns them. Without a model
// configured it says so, names the rows that need attention, and the run goes on. Without --ai:
// nullopt. Errors: a bad option, an unusable endpoint URL or cache folder.
Result<std::optional<AiCounts>> RunAiFallback(TestCaseBook& book, const AiFlags& flags,
                                              const ValueSetDirectory* vsd, Run& run);

}  // namespace hm::cli
