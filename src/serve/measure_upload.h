// Checks an uploaded measure file before it is stored: text (UTF-8 without NUL bytes, whatever
// its name says), a measure the engine reads (the same reader as `hedis-mockup` uses: errors name
// the file by the user's file name and the line), an id fit to be a file name, and, when the
// server has a default VSD, a measure that compiles against it.
//
// A value set missing from the default VSD is a warning, not a refusal: the user may upload their
// own VSD with the job, and the job compiles the measure again against the VSD it runs with.
//
// Thread-safety: CheckMeasureText is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/value_sets.h"

namespace hm::serve {

// The largest measure file accepted. Shipped measures are under 10 kB: a megabyte is room for any
// real one and keeps YAML parsing of hostile input cheap.
inline constexpr std::uint64_t kMaxMeasureBytes = 1'000'000;

struct CheckedMeasure {
  MeasureSummary summary;             // id upper-cased
  std::vector<std::string> warnings;  // value sets the default VSD lacks
};

// Checks `text`, named `display_name` in messages. kInvalidInput (the server answers 400) for
// binary data, YAML that is not a measure (with file:line), an id other than 1-40 letters, digits,
// '_' or '-', or a measure that does not compile against `vsd` for `measurement_year` (a null
// `vsd`: not compiled).
Result<CheckedMeasure> CheckMeasureText(std::string_view text, const std::string& display_name,
                                        const ValueSetDirectory* vsd, int measurement_year);

// True for 1-40 ASCII letters, digits, '_' or '-': an uploaded measure's id is its file's stem.
bool IsValidMeasureId(std::string_view id);

}  // namespace hm::serve
