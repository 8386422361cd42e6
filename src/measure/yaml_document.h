// Loading the one YAML document of a measure file, with yaml-cpp's exceptions turned into statuses
// and its known hangs avoided.
//
// yaml-cpp 0.7 (Debian 12) has a bug that matters here: YAML::LoadAll loops forever, allocating,
// on text where a document makes no progress (a lone ",": jbeder/yaml-cpp#1040, fixed upstream by
// PR #1319 after 0.8.0). So documents are counted with a parser that stops at the second one and
// notices when one starts where the previous one did, and the first is read with YAML::Load.
//
// Thread-safety: pure function.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::measure {

// The single YAML document of `text`. Errors (each naming `name` and the line): kInvalidInput for
// a syntax error (with the column), an empty text, or more than one document; kLimitExceeded for
// nesting deeper than yaml-cpp allows.
Result<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& name);

}  // namespace hm::measure
