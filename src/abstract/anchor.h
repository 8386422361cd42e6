// Phase 0's rule: which rows are diagnostic evidence, and which evidence anchors the diagnosis
// (docs/profiles.md, "Phase 0").
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "abstract/source_rows.h"
#include "hedis_mockup/abstract.h"

namespace hm::abstract {

// Whether `code` starts with one of the anchor's prefixes, ignoring dots, spaces and case
// ("C71.6" and "c716" both start with "C71").
bool IsDiagnosisCode(const AnchorRule& anchor, std::string_view code);
// Whether `name` holds one of the anchor's keywords, ignoring case.
bool IsDiagnosisName(const AnchorRule& anchor, std::string_view name);

// The evidence in `rows` by the anchor's rules, sorted by date, kind, source, code and name.
// Rows without a date are not evidence (they cannot be placed on the timeline).
std::vector<DiagnosisEvidence> CollectEvidence(const AnchorRule& anchor, const PatientRows& rows);

// The earliest evidence of the first kind in the preference order that has any, with all the
// evidence attached; nullopt when there is none. Its code is the anchor's own when that is a
// diagnosis code, else the earliest diagnosis code of any evidence (pathology reports carry
// LOINC codes; the ICD-10 code is on the problem list), else the anchor's own.
std::optional<AnchoredDiagnosis> ChooseAnchor(const AnchorRule& anchor,
                                              std::vector<DiagnosisEvidence> evidence);

}  // namespace hm::abstract
