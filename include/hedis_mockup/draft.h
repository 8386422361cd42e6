// Drafting a measure definition from NCQA's specification PDF (issue 9): the text is extracted
// (columns read in order), the measure's section found by its abbreviation, and its eligible
// population, continuous enrollment, denominator event, exclusions and numerators written in the
// measure language (docs/measure-language.md), each under a comment quoting its sentence. What
// could not be decided goes to the file's `review:` list. A draft is for a person to check, never
// to run unread. See docs/measure-drafting.md.
//
// Thread-safety: DraftMeasureFromPdf and DraftMeasureFromText may run on distinct threads; the VSD
// is only read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm {

class ValueSetDirectory;

struct DraftOptions {
  // The measure's abbreviation as the specification writes it ("PSA", "BCS-E"); case-insensitive.
  // Default (empty): the first measure in the text.
  std::string measure;
  // When given, every value-set name is checked against it (and written as it spells the name),
  // and the draft is compiled with it. Default (null): names unchecked, and the draft is only read
  // by the measure reader. Not owned; must outlive the call.
  const ValueSetDirectory* vsd = nullptr;
  // The measurement year the draft is compiled for when `vsd` is given. Default 2026.
  int measurement_year = 2026;
  // Names the source in the draft's banner and messages. Default (empty): the path, or "text".
  std::string source_name;
  // Names the draft in the engine's messages (load_status). Default (empty): "PSA.yaml (draft)".
  std::string draft_name;
};

struct Draft {
  std::string measure;  // the abbreviation found ("PSA")
  std::string title;    // the measure's title
  std::string yaml;     // the draft measure file
  std::vector<std::string> review;  // the file's review list
  int pages = 0;                    // of the PDF (0 for text)
  int fields = 0;                   // labelled fields read from the section
  int value_sets = 0;               // distinct value-set names cited
  int unknown_value_sets = 0;       // of those, not in the VSD (0 without one)
  int exclusions = 0, numerators = 0;
  // Whether the draft loads in the measure engine: OK, or the engine's error (file, line, field,
  // what to do). Compiled with the VSD when one is given; otherwise read without value sets.
  Status load_status;
  bool compiled_with_vsd = false;
};

// Drafts the measure from the PDF at `path`. Errors: those of reading the PDF (kNotFound, kIoError,
// kInvalidInput for a damaged or locked file, kLimitExceeded), and kNotFound when the text has no
// section for the measure (naming those it has). A draft that does not load is still returned,
// with the reason in load_status.
Result<Draft> DraftMeasureFromPdf(const std::string& path, const DraftOptions& options = {});

// The same from the specification's text (lines in reading order). Errors: kNotFound as above.
Result<Draft> DraftMeasureFromText(std::string_view text, const DraftOptions& options = {});

// Writes `draft.yaml` to `path` through a temporary file (never half-written).
Status WriteDraft(const Draft& draft, const std::string& path);

}  // namespace hm
