// The shipped layout file, built into the library so that the binary works without the source tree.
#pragma once

namespace hm::tables {

// The text of layouts/engine_input.json at build time.
const char* EmbeddedEngineInputLayout();

}  // namespace hm::tables
