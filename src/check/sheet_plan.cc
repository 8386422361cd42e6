#include "check/sheet_plan.h"

#include <fmt/format.h>

#include "util/text.h"

namespace hm::check {
namespace {

Role RoleOf(tables::Target target) {
  switch (target) {
    case tables::Target::kMemberId: return Role::kMemberId;
    case tables::Target::kStart: return Role::kStart;
    case tables::Target::kEnd: return Role::kEnd;
    case tables::Target::kBirthDate: return Role::kBirthDate;
    case tables::Target::kSex: return Role::kSex;
    case tables::Target::kIcdFormat: return Role::kIcdFormat;
    default: return Role::kNone;
  }
}

ColumnPlan PlanColumn(const LayoutTable& table, const std::string& name) {
  ColumnPlan plan;
  plan.name = name;
  plan.layout = table.Find(name);
  if (plan.layout == nullptr) return plan;
  // A layout that loaded resolves; a column that does not is left to the schema checks alone.
  auto resolved = tables::ResolveColumn(table.table, *plan.layout);
  if (!resolved.ok()) return plan;
  plan.role = RoleOf(resolved->target);
  plan.code = resolved->target == tables::Target::kCode;
  plan.code_rule = resolved->code_rule;
  plan.system = resolved->system;
  return plan;
}

// Compares the header with the layout's column order; empty when they are the same.
std::string ColumnOrderProblem(const LayoutTable& table, const std::vector<std::string>& header) {
  const std::vector<LayoutColumn>& want = table.columns;
  const std::size_t common = std::min(want.size(), header.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (want[i].name == header[i]) continue;
    return fmt::format("column {} is {}, but {} has {} there; write the layout's columns in its "
                       "order",
                       ColumnLetters(static_cast<std::int64_t>(i) + 1), header[i], table.name,
                       want[i].name);
  }
  if (header.size() < want.size()) {
    return fmt::format("the sheet ends after {} columns, but {} has {} (next: {}); write every "
                       "column of the layout",
                       header.size(), table.name, want.size(), want[header.size()].name);
  }
  if (header.size() > want.size()) {
    return fmt::format("the sheet has {} columns, {} only {} (first extra: {}); leave out columns "
                       "the layout does not list",
                       header.size(), table.name, want.size(), header[want.size()]);
  }
  return {};
}

}  // namespace

SheetPlan PlanSheet(const render::SheetSpec& spec) {
  SheetPlan plan;
  plan.name = spec.name;
  plan.layout = spec.layout;
  if (spec.layout == nullptr) return plan;
  plan.column_order_problem = ColumnOrderProblem(*spec.layout, spec.columns);
  plan.columns.reserve(spec.columns.size());
  for (const std::string& name : spec.columns) plan.columns.push_back(PlanColumn(*spec.layout, name));
  plan.member_column = FindRole(plan, Role::kMemberId);
  plan.icd_format_column = FindRole(plan, Role::kIcdFormat);
  plan.birth_date_column = FindRole(plan, Role::kBirthDate);
  plan.sex_column = FindRole(plan, Role::kSex);
  return plan;
}

int FindRole(const SheetPlan& plan, Role role) {
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    if (plan.columns[i].role == role) return static_cast<int>(i);
  }
  return -1;
}

bool TakesSystem(const ColumnPlan& column, CodeSystem system) {
  switch (column.code_rule) {
    case tables::CodeRule::kFixed: return system == column.system;
    case tables::CodeRule::kCptByShape:
      return system == CodeSystem::kCpt || system == CodeSystem::kCptCatII ||
             system == CodeSystem::kHcpcs;
    case tables::CodeRule::kIcdDiagnosis:
      return system == CodeSystem::kIcd10Cm || system == CodeSystem::kIcd9Cm;
    case tables::CodeRule::kIcdProcedure:
      return system == CodeSystem::kIcd10Pcs || system == CodeSystem::kIcd9Pcs;
  }
  return false;
}

CodeSystem SystemAsRead(const ColumnPlan& column, std::string_view code, bool icd9) {
  switch (column.code_rule) {
    case tables::CodeRule::kFixed: return column.system;
    case tables::CodeRule::kCptByShape: return tables::CptSystemByShape(code);
    case tables::CodeRule::kIcdDiagnosis: return icd9 ? CodeSystem::kIcd9Cm : CodeSystem::kIcd10Cm;
    case tables::CodeRule::kIcdProcedure:
      return icd9 ? CodeSystem::kIcd9Pcs : CodeSystem::kIcd10Pcs;
  }
  return column.system;
}

std::string SystemsTaken(const ColumnPlan& column) {
  switch (column.code_rule) {
    case tables::CodeRule::kFixed: return std::string(CodeSystemName(column.system));
    case tables::CodeRule::kCptByShape: return "CPT, CPT-CAT-II or HCPCS";
    case tables::CodeRule::kIcdDiagnosis: return "ICD10CM or ICD9CM";
    case tables::CodeRule::kIcdProcedure: return "ICD10PCS or ICD9PCS";
  }
  return {};
}

// Kept in step with IsIcd9 in src/tables/row_mapper.cc: the check must decide as the reader does.
bool IsIcd9Format(std::string_view format) {
  return format == "9" || format == "09" || util::NameKey(format) == "icd9";
}

}  // namespace hm::check
