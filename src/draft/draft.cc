// The drafting pipeline: PDF text -> the measure's section -> facts -> the draft file -> the
// engine's verdict on it.
#include "hedis_mockup/draft.h"

#include "draft/draft_writer.h"
#include "draft/pdf_text.h"
#include "draft/spec_facts.h"
#include "draft/spec_sections.h"
#include "hedis_mockup/measure.h"
#include "util/files.h"

namespace hm {
namespace {

// Loads the draft the way a user's run would: compiled against the VSD when there is one, else
// through the measure reader alone (value-set names need a VSD).
void CheckLoads(Draft& draft, const DraftOptions& options, const std::string& name) {
  if (options.vsd != nullptr) {
    draft.compiled_with_vsd = true;
    draft.load_status = CompiledMeasure::FromText(draft.yaml, name, *options.vsd,
                                                  options.measurement_year).status();
  } else {
    draft.load_status = SummarizeMeasure(draft.yaml, name).status();
  }
}

}  // namespace

Result<Draft> DraftMeasureFromText(std::string_view text, const DraftOptions& options) {
  const std::string source = options.source_name.empty() ? "text" : options.source_name;
  // Find the measure's section and read its labelled fields.
  Result<draft::MeasureSection> section = draft::FindMeasureSection(text, options.measure);
  if (!section.ok()) return std::move(section).TakeStatus().InFile(source);
  // Read the facts, then write them in the measure language.
  draft::SpecFacts facts = draft::ExtractSpecFacts(*section);
  Draft out;
  out.measure = facts.id;
  out.title = facts.title;
  out.fields = static_cast<int>(section->fields.size());
  out.exclusions = static_cast<int>(facts.exclusions.size());
  out.numerators = static_cast<int>(facts.numerators.size());
  draft::WrittenDraft written = draft::WriteDraft(std::move(facts), options.vsd, source);
  out.yaml = std::move(written.yaml);
  out.review = std::move(written.review);
  out.value_sets = written.value_sets;
  out.unknown_value_sets = written.unknown_value_sets;
  // Ask the engine whether the draft loads.
  CheckLoads(out, options,
             options.draft_name.empty() ? out.measure + ".yaml (draft)" : options.draft_name);
  return out;
}

Result<Draft> DraftMeasureFromPdf(const std::string& path, const DraftOptions& options) {
  HM_ASSIGN_OR_RETURN(draft::PdfText text, draft::ExtractPdfText(path));
  DraftOptions named = options;
  if (named.source_name.empty()) named.source_name = path;
  HM_ASSIGN_OR_RETURN(Draft out, DraftMeasureFromText(text.Joined(), named));
  out.pages = static_cast<int>(text.pages.size());
  return out;
}

Status WriteDraft(const Draft& draft, const std::string& path) {
  return util::AtomicWrite(path, draft.yaml);
}

}  // namespace hm
