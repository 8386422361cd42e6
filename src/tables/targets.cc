#include "tables/targets.h"

#include <array>
#include <cctype>

#include <fmt/format.h>

namespace hm::tables {
namespace {

// Which tables a target belongs to, as a bit per SourceTable.
constexpr unsigned Bit(SourceTable t) { return 1u << static_cast<unsigned>(t); }
constexpr unsigned kMember = Bit(SourceTable::kMember);
constexpr unsigned kEnroll = Bit(SourceTable::kEnrollment);
constexpr unsigned kEvents = Bit(SourceTable::kVisit) | Bit(SourceTable::kLab) |
                             Bit(SourceTable::kPharmacy) | Bit(SourceTable::kEmr);
constexpr unsigned kMonthly = Bit(SourceTable::kMonthlyMembership);
constexpr unsigned kAll = kMember | kEnroll | kEvents | kMonthly;

struct TargetName {
  std::string_view name;
  Target target;
  unsigned tables;
};

constexpr std::array<TargetName, 41> kTargets = {{
    {"member_id", Target::kMemberId, kAll},
    {"file_id", Target::kFileId, kEnroll | kEvents | kMonthly},
    {"birth_date", Target::kBirthDate, kMember},
    {"death_date", Target::kDeathDate, kMember | Bit(SourceTable::kEmr)},
    {"sex", Target::kSex, kMember},
    {"last_name", Target::kLastName, kMember},
    {"first_name", Target::kFirstName, kMember},
    {"middle_name", Target::kMiddleName, kMember},
    {"start", Target::kStart, kEnroll},
    {"end", Target::kEnd, kEnroll},
    {"benefit", Target::kBenefit, kEnroll},
    {"product_id", Target::kProductId, kEnroll},
    {"coverage_indicator", Target::kCoverageIndicator, kEnroll},
    {"employee", Target::kEmployee, kEnroll},
    {"date", Target::kDate, kEvents},
    {"admit_date", Target::kAdmitDate, kEvents},
    {"end_date", Target::kEndDate, kEvents},
    {"icd_format", Target::kIcdFormat, kEvents},
    {"value", Target::kValue, kEvents},
    {"result", Target::kResult, kEvents},
    {"value_text", Target::kValueText, kEvents},
    {"value_usable", Target::kValueUsable, kEvents},
    {"unit", Target::kUnit, kEvents},
    {"claim_denied", Target::kClaimDenied, kEvents},
    {"claim_id", Target::kClaimId, kEvents},
    {"provider_id", Target::kProviderId, kEvents},
    {"provider_type", Target::kProviderType, kEvents},
    {"days_supply", Target::kDaysSupply, kEvents},
    {"quantity", Target::kQuantity, kEvents},
    {"run_date", Target::kRunDate, kMonthly},
    {"payment_date", Target::kPaymentDate, kMonthly},
    {"hospice", Target::kHospice, kMonthly},
    {"lti", Target::kLti, kMonthly},
    {"esrd", Target::kEsrd, kMonthly},
    {"orec", Target::kOrec, kMonthly},
    {"plan_id", Target::kPlanId, kMonthly},
    {"contract", Target::kContract, kMonthly},
    {"pbp", Target::kPbp, kMonthly},
    {"medicaid_dual", Target::kMedicaidDual, kMonthly},
    {"extra", Target::kExtra, kAll},
    {"", Target::kExtra, kAll},
}};

// The slot number that ends a column name ("DIAG_I_12" -> 12), or 0.
int TrailingNumber(std::string_view name) {
  std::size_t i = name.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) --i;
  if (i == name.size() || i == 0 || name[i - 1] != '_') return 0;
  return std::stoi(std::string(name.substr(i)));
}

Result<ResolvedColumn> ResolveCode(std::string_view system_name, const LayoutColumn& column) {
  ResolvedColumn resolved;
  resolved.target = Target::kCode;
  resolved.position = TrailingNumber(column.name);
  if (system_name == "ICD-CM") {
    resolved.code_rule = CodeRule::kIcdDiagnosis;
  } else if (system_name == "ICD-PCS") {
    resolved.code_rule = CodeRule::kIcdProcedure;
  } else {
    const auto system = ParseCodeSystem(system_name);
    if (!system) {
      return Status::InvalidInput(
          fmt::format("column {}: '{}' is not a code system", column.name, system_name),
          fmt::format("use ICD-CM, ICD-PCS or one of: {}", KnownCodeSystemNames()));
    }
    resolved.system = *system;
    if (*system == CodeSystem::kCpt) resolved.code_rule = CodeRule::kCptByShape;
  }
  return resolved;
}

}  // namespace

Result<ResolvedColumn> ResolveColumn(SourceTable table, const LayoutColumn& column) {
  const std::string_view maps_to = column.maps_to;
  if (maps_to.starts_with("code:")) {
    if ((kEvents & Bit(table)) == 0) {
      return Status::InvalidInput(fmt::format("column {}: {} has no coded events to map '{}' to",
                                              column.name, SourceTableName(table), maps_to));
    }
    return ResolveCode(maps_to.substr(5), column);
  }
  for (const TargetName& entry : kTargets) {
    if (entry.name != maps_to) continue;
    if ((entry.tables & Bit(table)) == 0) {
      return Status::InvalidInput(fmt::format("column {}: '{}' is not a field of {}", column.name,
                                              maps_to, SourceTableName(table)),
                                  "see docs/layout.md for the fields of each table");
    }
    ResolvedColumn resolved;
    resolved.target = entry.target;
    if (entry.target == Target::kBenefit) {
      const auto benefit = ParseBenefit(column.name);
      if (!benefit) {
        return Status::InvalidInput(
            fmt::format("column {}: maps to 'benefit' but is not a BEN_* column", column.name));
      }
      resolved.benefit = *benefit;
    }
    return resolved;
  }
  return Status::InvalidInput(fmt::format("column {}: unknown maps_to '{}'", column.name, maps_to),
                              "see docs/layout.md for the fields of each table");
}

CodeSystem CptSystemByShape(std::string_view code) {
  if (code.size() == 5 && (code[4] == 'F' || code[4] == 'f') &&
      std::isdigit(static_cast<unsigned char>(code[0]))) {
    return CodeSystem::kCptCatII;
  }
  if (!code.empty() && std::isalpha(static_cast<unsigned char>(code[0]))) return CodeSystem::kHcpcs;
  return CodeSystem::kCpt;
}

bool ColumnTakes(const ResolvedColumn& column, CodeSystem system) {
  if (column.target != Target::kCode) return false;
  switch (column.code_rule) {
    case CodeRule::kFixed: return column.system == system;
    case CodeRule::kCptByShape:
      return system == CodeSystem::kCpt || system == CodeSystem::kCptCatII ||
             system == CodeSystem::kHcpcs;
    case CodeRule::kIcdDiagnosis:
      return system == CodeSystem::kIcd10Cm || system == CodeSystem::kIcd9Cm;
    case CodeRule::kIcdProcedure:
      return system == CodeSystem::kIcd10Pcs || system == CodeSystem::kIcd9Pcs;
  }
  return false;
}

}  // namespace hm::tables
