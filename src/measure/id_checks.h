// Checks across a measure's parts, once all of it is read: numerator and exclusion ids are unique
// (they share one namespace, since `ref` may name either), every `ref` names one of them, and refs
// do not go round in a cycle.
//
// Thread-safety: pure function over one ReadContext.
#pragma once

#include "measure/definition.h"
#include "measure/yaml_fields.h"

namespace hm::measure {

// Reports each problem to `ctx`.
void CheckIds(ReadContext& ctx, const MeasureDefinition& def);

}  // namespace hm::measure
