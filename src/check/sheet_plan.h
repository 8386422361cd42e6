// What the quality checker needs to know about each column of a sheet, worked out once in
// Begin() so that checking a row is array indexing and switches, never a lookup by name.
//
// Thread-safety: plans are values, read-only once made.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/tables.h"
#include "render/table_writer.h"
#include "tables/targets.h"

namespace hm::check {

// The columns some check reads besides the schema checks.
enum class Role : std::uint8_t { kNone, kMemberId, kStart, kEnd, kBirthDate, kSex, kIcdFormat };

struct ColumnPlan {
  std::string name;                    // as the sheet's header writes it
  const LayoutColumn* layout = nullptr;  // null: not a column of the layout (nothing to check)
  Role role = Role::kNone;
  bool code = false;                   // maps_to "code:..."
  tables::CodeRule code_rule = tables::CodeRule::kFixed;
  CodeSystem system = CodeSystem::kCpt;  // with kFixed
};

struct SheetPlan {
  std::string name;
  const LayoutTable* layout = nullptr;  // null: a report sheet, not checked
  std::vector<ColumnPlan> columns;      // one per column of the sheet, in its order
  int member_column = -1;               // index of the Role::kMemberId column, -1 if none
  int icd_format_column = -1;
  int birth_date_column = -1;
  int sex_column = -1;
  // Why the header is not the layout's columns in order; empty when it is.
  std::string column_order_problem;
  std::int64_t rows = 0;  // rows seen so far
};

// Plans `spec`'s columns against spec.layout (resolving each column's maps_to).
SheetPlan PlanSheet(const render::SheetSpec& spec);

// The index of the first column with `role`, or -1.
int FindRole(const SheetPlan& plan, Role role);

// Whether a code column takes codes of `system` at all ("code:CPT" takes CPT, CPT-CAT-II and
// HCPCS; "code:ICD-CM" takes ICD10CM and ICD9CM). REQUIRES: column.code.
bool TakesSystem(const ColumnPlan& column, CodeSystem system);

// The system the table reader (src/tables/row_mapper.cc) gives `code` in this column: by shape
// for "code:CPT", by the row's ICD_FORMAT for ICD columns. REQUIRES: column.code.
CodeSystem SystemAsRead(const ColumnPlan& column, std::string_view code, bool icd9);

// "CPT, CPT-CAT-II or HCPCS": the systems a code column takes, for messages.
std::string SystemsTaken(const ColumnPlan& column);

// ICD_FORMAT's "this row is ICD-9" ("9", "09", "ICD9"), as the table reader decides it.
bool IsIcd9Format(std::string_view format);

}  // namespace hm::check
