// The timeline fields a layout column can map to ("maps_to" in the layout file), resolved once per
// column so that reading a row is a switch, not a string comparison. docs/layout.md lists them.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/timeline.h"

namespace hm::tables {

enum class Target : std::uint8_t {
  kExtra,  // no maps_to: kept in the record's `extra`
  kMemberId,
  kFileId,
  // MEMBER_IN
  kBirthDate,
  kDeathDate,  // also EMR_IN: a death the EMR records
  kSex,
  kLastName,
  kFirstName,
  kMiddleName,
  // ENROLLMENT_IN
  kStart,
  kEnd,
  kBenefit,
  kProductId,
  kCoverageIndicator,
  kEmployee,
  // VISIT_IN, EMR_IN, RX_IN, LAB_IN
  kDate,
  kAdmitDate,
  kEndDate,
  kCode,
  kIcdFormat,
  kValue,
  kResult,
  kValueText,
  kValueUsable,  // USE_LAB_VALUE: N means the row's value is not to be used
  kUnit,
  kClaimDenied,
  kClaimId,
  kProviderId,
  kProviderType,
  kDaysSupply,
  kQuantity,
  // MONTHLY_MBR_IN
  kRunDate,
  kPaymentDate,
  kHospice,
  kLti,
  kEsrd,
  kOrec,
  kPlanId,
  kContract,
  kPbp,
  kMedicaidDual,
};

// How a code column chooses its code system.
enum class CodeRule : std::uint8_t {
  kFixed,         // always `system`
  kCptByShape,    // "code:CPT": CPT, but 1234F is CPT-CAT-II and A1234 is HCPCS
  kIcdDiagnosis,  // "code:ICD-CM": ICD10CM, or ICD9CM when the row's ICD_FORMAT is 9
  kIcdProcedure,  // "code:ICD-PCS": ICD10PCS or ICD9PCS likewise
};

struct ResolvedColumn {
  Target target = Target::kExtra;
  CodeRule code_rule = CodeRule::kFixed;
  CodeSystem system = CodeSystem::kCpt;  // kCode with kFixed
  Benefit benefit = Benefit::kMedical;   // kBenefit: from the column name
  int position = 0;                      // kCode: the slot number ending the name (DIAG_I_3: 3)
};

// Resolves `column`'s maps_to for a column of `table`. kInvalidInput naming the target when it
// is unknown or does not belong to the table ("run_date" in VISIT_IN), or when a "benefit"
// column's name is not a BEN_* benefit; the caller adds the file and JSON path.
Result<ResolvedColumn> ResolveColumn(SourceTable table, const LayoutColumn& column);

// The system of a code written in a "code:CPT" column.
CodeSystem CptSystemByShape(std::string_view code);

// Whether a code of `system` written in `column` reads back as that system (a "code:CPT" column
// takes CPT, CPT-CAT-II and HCPCS; "code:ICD-CM" ICD-10-CM and ICD-9-CM). False for non-code columns.
bool ColumnTakes(const ResolvedColumn& column, CodeSystem system);

}  // namespace hm::tables
