// The cohort summary as an .xlsx workbook for people: Summary, Patients, Sources.
//
// Thread-safety: pure function (writes its own file).
#pragma once

#include <string>

#include "hedis_mockup/abstract.h"

namespace hm::abstract {

// Writes the workbook to `path` directly (the caller writes into a temporary folder). The same
// cohort gives the same bytes: the creation time is fixed.
Status WriteSummaryWorkbook(const CohortResult& cohort, const CohortSummary& summary,
                            const std::string& path);

}  // namespace hm::abstract
