// Reading a measure file: the YAML of docs/measure-language.md into a MeasureDefinition.
//
// Reading checks everything that does not need a VSD or a measurement year: every field is known
// and has its type, required fields are there, each criterion map names exactly one kind, dates
// parse and depend on the MY, windows do not end before they start, value tests parse, ids are
// unique and every ref names one of them (without cycles). compile.cc resolves the rest (value-set
// names, dates at the run's MY).
//
// Thread-safety: pure functions; reads may run on distinct threads.
#pragma once

#include <string>
#include <string_view>

#include "hedis_mockup/status.h"
#include "measure/definition.h"

namespace hm::measure {

// Measure files larger than this are refused (kLimitExceeded): a real one is a few kilobytes.
inline constexpr std::size_t kMaxMeasureFileBytes = 1 << 20;

// Reads the measure file at `path`. The definition's `file` is `path`.
// Errors: kIoError / kNotFound when the file cannot be read; otherwise as ReadMeasureText.
Result<MeasureDefinition> ReadMeasureFile(const std::string& path);

// Reads a measure from YAML text; `name_for_messages` is the file name errors carry and the
// definition's `file`.
// Errors: kInvalidInput for YAML syntax and every problem listed above, each naming the file, the
// line and the field, with a hint. All problems are reported: the first is the status, the others
// are in its more(). kLimitExceeded for text over kMaxMeasureFileBytes or YAML whose aliases name
// too many nodes. Never throws.
Result<MeasureDefinition> ReadMeasureText(std::string_view yaml,
                                          const std::string& name_for_messages);

}  // namespace hm::measure
