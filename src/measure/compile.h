// Compiling a MeasureDefinition for a VSD and a measurement year (see compiled.h).
#pragma once

#include <string>
#include <vector>

#include "hedis_mockup/status.h"
#include "measure/compiled.h"

namespace hm {
class ValueSetDirectory;
}

namespace hm::measure {

// Fills `out`. Errors: kInvalidInput naming the file, line and field (a bad date, a window that
// ends before it starts, an unknown ref, product line or benefit); kNotFound for a value set the
// VSD does not have, with its closest names.
Status Compile(const MeasureDefinition& definition, const ValueSetDirectory& vsd, int my,
               CompiledMeasure::Impl& out);

// The output columns of a compiled measure, in order.
std::vector<std::string> FlagNamesOf(const CompiledMeasure::Impl& impl);
// Fills impl.slots, flag_is_date and the numerators' slots from impl.flag_names.
void AssignSlots(CompiledMeasure::Impl& impl);

}  // namespace hm::measure
