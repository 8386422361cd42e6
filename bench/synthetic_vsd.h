// Writes a synthetic VSD workbook shaped like NCQA's (same sheets and columns, shared strings,
// a mix of code systems) for benchmarks. Codes are made up; nothing here is NCQA content.
#pragma once

#include <string>

namespace hm::bench {

// Writes `codes` code rows in value sets of ~100 codes, plus "Measures to Value Sets".
// Returns false if the file could not be written.
bool WriteSyntheticVsd(const std::string& path, int codes);

}  // namespace hm::bench
