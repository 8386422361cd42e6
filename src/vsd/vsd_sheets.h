// Reads the sheets of a VSD or MLD workbook (or CSV folder) into a DataBuilder.
// Internal to src/vsd.
//
// Thread-safety: none; one call per workbook.
#pragma once

#include "hedis_mockup/progress.h"
#include "hedis_mockup/status.h"
#include "read/workbook.h"
#include "vsd/vsd_data.h"

namespace hm::vsd {

// Reads every VSD/MLD sheet `workbook` has ("Value Sets to Codes", "Measures to Value Sets",
// "Medication Lists to Codes", "Measures to Medication Lists", with or without the "Volume 2 "
// prefix) into `builder`. Returns how many such sheets it found (0 is not an error here: a
// caller loading several files decides). All row errors of a sheet are reported together.
// `progress`, if set, hears the rows read of each sheet.
Result<int> ReadVsdSheets(read::Workbook& workbook, DataBuilder& builder,
                          const ProgressCallback& progress = {});

}  // namespace hm::vsd
