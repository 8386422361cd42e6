#include "tables/row_mapper.h"

#include <fmt/format.h>

#include "util/text.h"

namespace hm::tables {
namespace {

std::string_view TypeHint(ColumnType type) {
  switch (type) {
    case ColumnType::kDate:
      return "write dates as MM/DD/YYYY (YYYY-MM-DD and spreadsheet date cells are also read)";
    case ColumnType::kMonth:
      return "write a month as YYYYMM (202609) or as a date MM/DD/YYYY";
    case ColumnType::kInteger:
      return "write a whole number";
    case ColumnType::kDecimal:
      return "write a number such as 4.1";
    case ColumnType::kFlag:
      return "write Y or N";
    case ColumnType::kText:
      break;
  }
  return "";
}

std::string_view TypeNoun(ColumnType type) {
  switch (type) {
    case ColumnType::kDate:
      return "a date";
    case ColumnType::kMonth:
      return "a month";
    case ColumnType::kInteger:
      return "a whole number";
    case ColumnType::kDecimal:
      return "a number";
    case ColumnType::kFlag:
      return "a flag (Y or N)";
    case ColumnType::kText:
      break;
  }
  return "text";
}

// ICD_FORMAT says ICD-9 ("9", "09", "ICD9").
bool IsIcd9(std::string_view format) {
  return format == "9" || format == "09" || util::NameKey(format) == "icd9";
}

}  // namespace

Result<RowMapper> RowMapper::Create(const Layout& layout, const LayoutTable& table,
                                    const std::vector<std::string>& header, std::string name,
                                    std::string file) {
  RowMapper mapper(layout, table, std::move(name), std::move(file));
  std::vector<bool> used(header.size(), false);
  std::vector<std::string> missing;
  auto add_layout_column = [&](const LayoutColumn& layout_column) {
    Column column;
    column.layout = &layout_column;
    column.name = layout_column.name;
    // Validated when the layout was loaded.
    column.resolved = ResolveColumn(table.table, layout_column).value();
    const std::string key = util::Lower(layout_column.name);
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (!used[i] && util::Lower(header[i]) == key) {
        column.source = static_cast<int>(i);
        used[i] = true;
        break;
      }
    }
    if (column.source < 0 && layout_column.required) missing.push_back(layout_column.name);
    mapper.columns_.push_back(std::move(column));
  };
  for (const LayoutColumn& c : table.columns) add_layout_column(c);
  for (const LayoutColumn& c : table.accepted) add_layout_column(c);
  if (!missing.empty()) {
    return Status::InvalidInput(
               fmt::format("table {} has no column {}", mapper.name_, fmt::join(missing, ", ")),
               fmt::format("add the column{} to the header row (the layout {} requires {})",
                           missing.size() > 1 ? "s" : "", layout.name,
                           missing.size() > 1 ? "them" : "it"))
        .InFile(mapper.file_);
  }
  // Columns the layout does not know are kept, as written, in `extra`.
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (used[i] || header[i].empty()) continue;
    Column column;
    column.name = header[i];
    column.source = static_cast<int>(i);
    mapper.columns_.push_back(std::move(column));
  }
  for (std::size_t i = 0; i < mapper.columns_.size(); ++i) {
    const auto target = static_cast<std::size_t>(mapper.columns_[i].resolved.target);
    mapper.by_target_[target].push_back(static_cast<int>(i));
  }
  mapper.cells_.resize(mapper.columns_.size());
  return mapper;
}

bool RowMapper::IsNull(std::string_view text) const {
  if (text.empty()) return true;
  for (const std::string& null_value : layout_->null_values) {
    if (text.size() == null_value.size() && util::Lower(text) == util::Lower(null_value)) {
      return true;
    }
  }
  return false;
}

Status RowMapper::CellError(const Column& column, const std::string& what,
                            std::string hint) const {
  return Status::InvalidInput(
             fmt::format("{} row {}, column {}: {}", name_, row_, column.name, what),
             std::move(hint))
      .InFile(file_);
}

bool RowMapper::ParseCell(const Column& column, RawValue value, Cell& cell,
                          Diagnostics& diagnostics) {
  cell = Cell{};
  if (IsNull(value.text)) {
    if (column.layout == nullptr || column.layout->default_value.empty()) return true;
    value = RawValue{column.layout->default_value};
  }
  cell.present = true;
  cell.text = value.text;
  if (column.layout == nullptr) return true;
  const LayoutColumn& layout = *column.layout;
  if (layout.max_length > 0 && value.text.size() > static_cast<std::size_t>(layout.max_length)) {
    diagnostics.Add(CellError(
        column,
        fmt::format("'{}' is {} characters; the layout allows {}", value.text, value.text.size(),
                    layout.max_length),
        "shorten the value, or raise max_length in the layout"));
    return false;
  }
  bool ok = true;
  switch (layout.type) {
    case ColumnType::kText:
      break;
    case ColumnType::kDate:
    case ColumnType::kMonth: {
      const auto date =
          layout.type == ColumnType::kDate ? ParseTableDate(value) : ParseTableMonth(value);
      ok = date.has_value();
      if (ok) cell.date = *date;
      break;
    }
    case ColumnType::kInteger: {
      const auto integer = ParseInteger(value.text);
      ok = integer.has_value();
      if (ok) cell.integer = *integer;
      break;
    }
    case ColumnType::kDecimal: {
      const auto number = ParseDecimal(value.text);
      ok = number.has_value();
      if (ok) cell.number = *number;
      break;
    }
    case ColumnType::kFlag: {
      const auto flag = ParseFlag(value.text);
      ok = flag.has_value();
      if (ok) cell.flag = *flag;
      break;
    }
  }
  if (!ok) {
    diagnostics.Add(CellError(column,
                              fmt::format("'{}' is not {}", value.text, TypeNoun(layout.type)),
                              std::string(TypeHint(layout.type))));
  }
  return ok;
}

bool RowMapper::Parse(const SourceRow& row, Diagnostics& diagnostics) {
  row_ = row.number;
  bool ok = true;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& column = columns_[i];
    const RawValue value =
        column.source >= 0 && static_cast<std::size_t>(column.source) < row.values.size()
            ? row.values[column.source]
            : RawValue{};
    ok = ParseCell(column, value, cells_[i], diagnostics) && ok;
  }
  if (!ok) return false;
  for (int index : by_target_[static_cast<std::size_t>(Target::kSex)]) {
    const Cell& cell = cells_[index];
    if (cell.present && !ParseSex(cell.text)) {
      diagnostics.Add(CellError(columns_[index], fmt::format("'{}' is not a sex", cell.text),
                                "write M, F, O or U"));
      ok = false;
    }
  }
  // An event row needs a date: SERV_DT, or for a stay ADMIT_DT.
  const bool admit_stands_in =
      table_->table != SourceTable::kMember && First(Target::kAdmitDate) != nullptr;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& column = columns_[i];
    if (column.layout == nullptr || !column.layout->required || cells_[i].present) continue;
    if (column.resolved.target == Target::kDate && admit_stands_in) continue;
    diagnostics.Add(CellError(column, "is empty",
                              fmt::format("every {} row needs {}; fill it in or delete the row",
                                          table_->name, column.name)));
    ok = false;
  }
  return ok && CheckEventDates(diagnostics);
}

bool RowMapper::CheckEventDates(Diagnostics& diagnostics) {
  const Cell* date = First(Target::kDate);
  if (date == nullptr) date = First(Target::kAdmitDate);
  if (date == nullptr) return true;
  for (int index : by_target_[static_cast<std::size_t>(Target::kEndDate)]) {
    const Cell& end = cells_[index];
    if (end.present && end.date < date->date) {
      diagnostics.Add(CellError(columns_[index],
                                fmt::format("'{}' is before the service date {}", end.text,
                                            date->date.ToUs()),
                                "an end date must not come before the row's start"));
      return false;
    }
  }
  return true;
}

const RowMapper::Cell* RowMapper::First(Target target) const {
  for (int index : by_target_[static_cast<std::size_t>(target)]) {
    if (cells_[index].present) return &cells_[index];
  }
  return nullptr;
}

std::map<std::string, std::string> RowMapper::Extra() const {
  std::map<std::string, std::string> extra;
  for (int index : by_target_[static_cast<std::size_t>(Target::kExtra)]) {
    const Cell& cell = cells_[index];
    if (cell.present) extra.emplace(columns_[index].name, std::string(cell.text));
  }
  return extra;
}

std::string_view RowMapper::MemberId() const {
  const Cell* cell = First(Target::kMemberId);
  return cell ? cell->text : std::string_view();
}

Demographics RowMapper::ToDemographics() const {
  auto text = [&](Target t) {
    const Cell* c = First(t);
    return c ? std::string(c->text) : std::string();
  };
  Demographics d;
  d.member_id = std::string(MemberId());
  if (const Cell* c = First(Target::kBirthDate)) d.birth_date = c->date;
  if (const Cell* c = First(Target::kDeathDate)) d.death_date = c->date;
  if (const Cell* c = First(Target::kSex)) d.sex = ParseSex(c->text).value_or(Sex::kUnknown);
  d.last_name = text(Target::kLastName);
  d.first_name = text(Target::kFirstName);
  d.middle_name = text(Target::kMiddleName);
  d.extra = Extra();
  return d;
}

EnrollmentSpan RowMapper::ToSpan() const {
  auto text = [&](Target t) {
    const Cell* c = First(t);
    return c ? std::string(c->text) : std::string();
  };
  EnrollmentSpan span;
  if (const Cell* c = First(Target::kStart)) span.start = c->date;
  if (const Cell* c = First(Target::kEnd)) span.end = c->date;
  span.benefits = BenefitSet();
  for (int index : by_target_[static_cast<std::size_t>(Target::kBenefit)]) {
    const Cell& cell = cells_[index];
    span.benefits.Set(columns_[index].resolved.benefit, cell.present && cell.flag);
  }
  span.product_id = text(Target::kProductId);
  span.coverage_indicator = text(Target::kCoverageIndicator);
  if (const Cell* c = First(Target::kEmployee)) span.employee = c->flag;
  span.file_id = text(Target::kFileId);
  span.extra = Extra();
  return span;
}

MonthlyMembership RowMapper::ToMonthly() const {
  auto text = [&](Target t) {
    const Cell* c = First(t);
    return c ? std::string(c->text) : std::string();
  };
  auto flag = [&](Target t) {
    const Cell* c = First(t);
    return c != nullptr && c->flag;
  };
  MonthlyMembership m;
  if (const Cell* c = First(Target::kRunDate)) m.run_date = c->date;
  if (const Cell* c = First(Target::kPaymentDate)) m.payment_date = c->date;
  m.hospice = flag(Target::kHospice);
  m.lti = flag(Target::kLti);
  m.esrd = flag(Target::kEsrd);
  m.orec = text(Target::kOrec);
  m.plan_id = text(Target::kPlanId);
  m.contract = text(Target::kContract);
  m.pbp = text(Target::kPbp);
  m.medicaid_dual = text(Target::kMedicaidDual);
  m.file_id = text(Target::kFileId);
  m.extra = Extra();
  return m;
}

std::optional<Date> RowMapper::DeathDate() const {
  const Cell* c = First(Target::kDeathDate);
  return c ? std::optional<Date>(c->date) : std::nullopt;
}

void RowMapper::AppendEvents(std::vector<CodedEvent>& events) const {
  const auto& code_columns = by_target_[static_cast<std::size_t>(Target::kCode)];
  bool any = false;
  for (int index : code_columns) any = any || cells_[index].present;
  if (!any) return;
  auto text = [&](Target t) {
    const Cell* c = First(t);
    return c ? std::string(c->text) : std::string();
  };
  CodedEvent base;
  const Cell* date = First(Target::kDate);
  if (date == nullptr) date = First(Target::kAdmitDate);
  base.date = date->date;
  if (const Cell* c = First(Target::kEndDate); c != nullptr && c->date != base.date) {
    base.end_date = c->date;
  }
  if (const Cell* c = First(Target::kAdmitDate); c != nullptr && c != date && c->date != base.date) {
    base.admit_date = c->date;
  }
  if (const Cell* c = First(Target::kValue)) base.value = c->number;
  if (const Cell* c = First(Target::kResult)) {
    if (const auto number = ParseDecimal(c->text)) {
      base.value = *number;
    } else {
      base.value_text = std::string(c->text);
    }
  }
  if (const Cell* c = First(Target::kValueText)) base.value_text = std::string(c->text);
  base.unit = text(Target::kUnit);
  base.file_id = text(Target::kFileId);
  base.source = layout_->SourceFor(*table_, base.file_id);
  if (const Cell* c = First(Target::kClaimDenied); c != nullptr && c->flag) {
    base.claim_status = ClaimStatus::kDenied;
  }
  base.provider_id = text(Target::kProviderId);
  base.provider_type = text(Target::kProviderType);
  base.table = table_->table;
  if (const Cell* c = First(Target::kDaysSupply)) base.days_supply = static_cast<int>(c->integer);
  if (const Cell* c = First(Target::kQuantity)) base.quantity = c->number;
  // USE_LAB_VALUE=N: the source says its value is not to be used; a test on it then fails.
  if (const Cell* c = First(Target::kValueUsable); c != nullptr && !c->flag) {
    base.value.reset();
    base.value_text.clear();
  }
  base.claim_id = text(Target::kClaimId);
  base.extra = Extra();
  const Cell* format = First(Target::kIcdFormat);
  const bool icd9 = format != nullptr && IsIcd9(format->text);

  for (int index : code_columns) {
    const Cell& cell = cells_[index];
    if (!cell.present) continue;
    const ResolvedColumn& resolved = columns_[index].resolved;
    CodedEvent event = base;
    switch (resolved.code_rule) {
      case CodeRule::kFixed:
        event.system = resolved.system;
        break;
      case CodeRule::kCptByShape:
        event.system = CptSystemByShape(cell.text);
        break;
      case CodeRule::kIcdDiagnosis:
        event.system = icd9 ? CodeSystem::kIcd9Cm : CodeSystem::kIcd10Cm;
        break;
      case CodeRule::kIcdProcedure:
        event.system = icd9 ? CodeSystem::kIcd9Pcs : CodeSystem::kIcd10Pcs;
        break;
    }
    event.code_as_written = std::string(cell.text);
    event.code = NormalizeCode(event.system, cell.text);
    event.position = resolved.position;
    events.push_back(std::move(event));
  }
}

}  // namespace hm::tables
