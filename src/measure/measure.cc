// CompiledMeasure's construction (read, then compile) and the measures built into the binary.
#include <algorithm>

#include <fmt/format.h>

#include "hedis_mockup/measure.h"
#include "measure/compile.h"
#include "measure/measure_file.h"
#include "measure/shipped_measures.h"
#include "util/text.h"

namespace hm {
namespace {

Result<CompiledMeasure::Impl> CompileDefinition(const measure::MeasureDefinition& definition,
                                                const ValueSetDirectory& vsd, int my) {
  CompiledMeasure::Impl impl;
  HM_RETURN_IF_ERROR(measure::Compile(definition, vsd, my, impl));
  return impl;
}

}  // namespace

Result<CompiledMeasure> CompiledMeasure::Load(const std::string& path, const ValueSetDirectory& vsd,
                                              int measurement_year) {
  HM_ASSIGN_OR_RETURN(measure::MeasureDefinition definition, measure::ReadMeasureFile(path));
  HM_ASSIGN_OR_RETURN(Impl impl, CompileDefinition(definition, vsd, measurement_year));
  return CompiledMeasure(std::make_shared<const Impl>(std::move(impl)));
}

Result<CompiledMeasure> CompiledMeasure::FromText(std::string_view yaml, const std::string& name,
                                                  const ValueSetDirectory& vsd,
                                                  int measurement_year) {
  HM_ASSIGN_OR_RETURN(measure::MeasureDefinition definition, measure::ReadMeasureText(yaml, name));
  HM_ASSIGN_OR_RETURN(Impl impl, CompileDefinition(definition, vsd, measurement_year));
  return CompiledMeasure(std::make_shared<const Impl>(std::move(impl)));
}

std::vector<std::string> ShippedMeasures() {
  std::vector<std::string> ids;
  for (const measure::ShippedMeasure& m : measure::kShippedMeasures) ids.emplace_back(m.id);
  return ids;
}

Result<std::string> ShippedMeasureText(std::string_view id) {
  for (const measure::ShippedMeasure& m : measure::kShippedMeasures) {
    if (util::Lower(m.id) == util::Lower(id)) return std::string(m.text);
  }
  return Status::NotFound(fmt::format("no shipped measure '{}'", id),
                          fmt::format("the product ships: {}", fmt::join(ShippedMeasures(), ", ")));
}

}  // namespace hm
