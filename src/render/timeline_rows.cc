#include "render/timeline_rows.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace hm::render {
namespace {

using tables::ResolvedColumn;
using tables::Target;

std::string Flag(bool value) { return value ? "Y" : "N"; }

// The shortest text that reads back as the same number ("4.1", "7", "0.25").
std::string Number(double value) { return fmt::format("{}", value); }

bool IsIcd9(CodeSystem system) {
  return system == CodeSystem::kIcd9Cm || system == CodeSystem::kIcd9Pcs;
}

// A row being filled: one cell per layout column, absent values as the null text. The cells are
// a per-thread buffer reused from row to row (their strings keep their capacity).
class RowCells {
 public:
  RowCells(std::size_t columns, const std::string& null_text) : cells_(Buffer()) {
    cells_.resize(columns);
    for (std::string& cell : cells_) cell.assign(null_text);
  }
  void Set(std::size_t column, std::string_view value) { cells_[column].assign(value); }
  std::span<const std::string> cells() const { return cells_; }

 private:
  static std::vector<std::string>& Buffer() {
    thread_local std::vector<std::string> buffer;
    return buffer;
  }
  std::vector<std::string>& cells_;
};

// Places the record's extra values in the columns of the same name.
void SetExtras(const std::map<std::string, std::string>& extra,
               const std::vector<std::pair<std::string, std::size_t>>& columns, RowCells& row) {
  for (const auto& [name, value] : extra) {
    const auto it = std::lower_bound(columns.begin(), columns.end(), name,
                                     [](const auto& c, const std::string& n) { return c.first < n; });
    if (it != columns.end() && it->first == name) row.Set(it->second, value);
  }
}

}  // namespace

Result<TimelineRenderer> TimelineRenderer::Create(const Layout& layout, RenderOptions options) {
  TimelineRenderer r;
  r.layout_ = &layout;
  r.options_ = std::move(options);
  for (const LayoutTable& table : layout.tables) {
    Table resolved;
    resolved.layout = &table;
    SheetSpec sheet;
    sheet.name = r.options_.prefix + table.name;
    sheet.layout = &table;
    for (const LayoutColumn& column : table.columns) {
      Result<ResolvedColumn> c = tables::ResolveColumn(table.table, column);
      if (!c.ok()) {
        return Status::InvalidInput(fmt::format("{}: {} column {}: {}", layout.origin, table.name,
                                                column.name, c.status().message()));
      }
      resolved.columns.push_back(*c);
      sheet.columns.push_back(column.name);
      // USE_LAB_VALUE is written as stated (the synthesizer keeps it with the other columns).
      if (c->target == Target::kExtra || c->target == Target::kValueUsable) resolved.extra_columns.emplace_back(column.name, resolved.columns.size() - 1);
    }
    std::sort(resolved.extra_columns.begin(), resolved.extra_columns.end());
    r.tables_.push_back(std::move(resolved));
    r.sheets_.push_back(std::move(sheet));
  }
  return r;
}

std::string TimelineRenderer::FormatDate(Date date) const {
  const std::string& format = layout_->date_format;
  if (format == "YYYY-MM-DD") return date.ToIso();
  if (format == "YYYYMMDD") return fmt::format("{:04}{:02}{:02}", date.year(), date.month(), date.day());
  // MM/DD/YYYY, the engine's and the default: written by hand, a row has several and a --scale
  // run millions.
  char text[10];
  const auto two = [&](int at, int v) {
    text[at] = static_cast<char>('0' + v / 10);
    text[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(0, date.month());
  text[2] = '/';
  two(3, date.day());
  text[5] = '/';
  two(6, date.year() / 100);
  two(8, date.year() % 100);
  return std::string(text, sizeof text);
}

std::optional<std::size_t> TimelineRenderer::SheetOf(SourceTable table) const {
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    if (tables_[i].layout->table == table) return i;
  }
  return std::nullopt;
}

Status TimelineRenderer::Render(const MemberTimeline& t, const MemberExtras& extras,
                                TableWriter& writer, std::size_t first_sheet) const {
  const std::string& id = t.demographics.member_id;
  const RowOrigin origin{id, extras.scenario, {}};
  bool events_done = false;
  for (std::size_t s = 0; s < tables_.size(); ++s) {
    const Table& table = tables_[s];
    const std::vector<LayoutColumn>& columns = table.layout->columns;
    if (table.layout->table == SourceTable::kMember) {
      const Demographics& d = t.demographics;
      RowCells row(columns.size(), options_.null_text);
      for (std::size_t c = 0; c < columns.size(); ++c) {
        switch (table.columns[c].target) {
          case Target::kMemberId: row.Set(c, id); break;
          case Target::kLastName: row.Set(c, d.last_name); break;
          case Target::kFirstName: row.Set(c, d.first_name); break;
          case Target::kMiddleName: row.Set(c, d.middle_name); break;
          case Target::kBirthDate: row.Set(c, FormatDate(d.birth_date)); break;
          case Target::kSex: row.Set(c, std::string(SexCode(d.sex))); break;
          case Target::kDeathDate:
            if (d.death_date && extras.death_table == SourceTable::kMember) {
              row.Set(c, FormatDate(*d.death_date));
            }
            break;
          default: break;
        }
      }
      SetExtras(d.extra, table.extra_columns, row);
      HM_RETURN_IF_ERROR(writer.Row(first_sheet + s, row.cells(), origin));
    } else if (table.layout->table == SourceTable::kEnrollment) {
      for (const EnrollmentSpan& span : t.enrollment) {
        RowCells row(columns.size(), options_.null_text);
        for (std::size_t c = 0; c < columns.size(); ++c) {
          const ResolvedColumn& rc = table.columns[c];
          switch (rc.target) {
            case Target::kMemberId: row.Set(c, id); break;
            case Target::kStart: row.Set(c, FormatDate(span.start)); break;
            case Target::kEnd: row.Set(c, FormatDate(span.end)); break;
            case Target::kBenefit: row.Set(c, Flag(span.benefits.Has(rc.benefit))); break;
            case Target::kProductId: row.Set(c, span.product_id); break;
            case Target::kCoverageIndicator: row.Set(c, span.coverage_indicator); break;
            case Target::kEmployee: row.Set(c, Flag(span.employee)); break;
            case Target::kFileId: row.Set(c, span.file_id); break;
            default: break;
          }
        }
        SetExtras(span.extra, table.extra_columns, row);
        HM_RETURN_IF_ERROR(writer.Row(first_sheet + s, row.cells(), origin));
      }
    } else if (table.layout->table == SourceTable::kMonthlyMembership) {
      for (const MonthlyMembership& m : t.monthly) {
        RowCells row(columns.size(), options_.null_text);
        for (std::size_t c = 0; c < columns.size(); ++c) {
          switch (table.columns[c].target) {
            case Target::kMemberId: row.Set(c, id); break;
            case Target::kRunDate: row.Set(c, FormatDate(m.run_date)); break;
            case Target::kPaymentDate:
              if (m.payment_date) {
                row.Set(c, fmt::format("{:04}{:02}", m.payment_date->year(), m.payment_date->month()));
              }
              break;
            case Target::kHospice: row.Set(c, Flag(m.hospice)); break;
            case Target::kLti: row.Set(c, Flag(m.lti)); break;
            case Target::kEsrd: row.Set(c, Flag(m.esrd)); break;
            case Target::kOrec: row.Set(c, m.orec); break;
            case Target::kPlanId: row.Set(c, m.plan_id); break;
            case Target::kContract: row.Set(c, m.contract); break;
            case Target::kPbp: row.Set(c, m.pbp); break;
            case Target::kMedicaidDual: row.Set(c, m.medicaid_dual); break;
            case Target::kFileId: row.Set(c, m.file_id); break;
            default: break;
          }
        }
        SetExtras(m.extra, table.extra_columns, row);
        HM_RETURN_IF_ERROR(writer.Row(first_sheet + s, row.cells(), origin));
      }
    } else if (!events_done) {
      // One pass writes every event table.
      HM_RETURN_IF_ERROR(RenderEvents(t, extras, writer, first_sheet));
      events_done = true;
    }
  }
  return Status::Ok();
}

// Groups the events by table and claim, keeping their order, and writes each claim as a row. An
// EMR death with no event on its day gets a row of its own.
Status TimelineRenderer::RenderEvents(const MemberTimeline& t, const MemberExtras& extras,
                                      TableWriter& writer, std::size_t first_sheet) const {
  for (std::size_t s = 0; s < tables_.size(); ++s) {
    const Table& table = tables_[s];
    const SourceTable kind = table.layout->table;
    if (kind == SourceTable::kMember || kind == SourceTable::kEnrollment ||
        kind == SourceTable::kMonthlyMembership) {
      continue;
    }
    std::vector<const CodedEvent*> claim;
    std::vector<bool> done(t.events.size(), false);
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      if (done[i] || t.events[i].table != kind) continue;
      claim.clear();
      for (std::size_t j = i; j < t.events.size(); ++j) {
        const CodedEvent& e = t.events[j];
        const bool same = j == i || (!t.events[i].claim_id.empty() && e.table == kind &&
                                     e.claim_id == t.events[i].claim_id);
        if (!same || done[j]) continue;
        claim.push_back(&e);
        done[j] = true;
      }
      HM_RETURN_IF_ERROR(RenderClaim(table, first_sheet + s, claim, t, extras, writer));
    }
    const auto on_death_day = [&](const CodedEvent& e) {
      return e.table == kind && e.date == *t.demographics.death_date;
    };
    if (kind == SourceTable::kEmr && extras.death_table == SourceTable::kEmr &&
        t.demographics.death_date &&
        std::none_of(t.events.begin(), t.events.end(), on_death_day)) {
      HM_RETURN_IF_ERROR(RenderClaim(table, first_sheet + s, {}, t, extras, writer));
    }
  }
  return Status::Ok();
}

Status TimelineRenderer::RenderClaim(const Table& table, std::size_t sheet,
                                     std::span<const CodedEvent* const> events,
                                     const MemberTimeline& t, const MemberExtras& extras,
                                     TableWriter& writer) const {
  const std::vector<LayoutColumn>& columns = table.layout->columns;
  RowCells row(columns.size(), options_.null_text);
  std::vector<bool> used(columns.size(), false);
  std::vector<CodeClaim> claims;
  // The codes first: each to its slot, or the first free column that takes its system.
  for (const CodedEvent* e : events) {
    std::optional<std::size_t> slot;
    for (std::size_t c = 0; c < columns.size() && !slot; ++c) {
      const ResolvedColumn& rc = table.columns[c];
      if (!used[c] && tables::ColumnTakes(rc, e->system) && (e->position == 0 || rc.position == e->position)) slot = c;
    }
    for (std::size_t c = 0; c < columns.size() && !slot; ++c) {
      if (!used[c] && tables::ColumnTakes(table.columns[c], e->system)) slot = c;
    }
    if (!slot) {
      return Status::InvalidInput(fmt::format(
          "member {}: {} has no free column for a {} code ({} on {})", t.demographics.member_id,
          table.layout->name, CodeSystemName(e->system), e->code_as_written, FormatDate(e->date)),
          "the layout cannot carry this event: give the table a column for the system");
    }
    used[*slot] = true;
    row.Set(*slot, e->code_as_written.empty() ? e->code : e->code_as_written);
    const std::size_t index = static_cast<std::size_t>(e - t.events.data());
    if (index < extras.event_value_sets.size() && !extras.event_value_sets[index].empty()) {
      claims.push_back({*slot, e->system, extras.event_value_sets[index]});
    }
  }
  // The rest from the claim's first event (the events of a claim share them), or, for an EMR
  // death row, from the death alone.
  const CodedEvent* first = events.empty() ? nullptr : events.front();
  const bool has_value_text = std::any_of(table.columns.begin(), table.columns.end(), [](const ResolvedColumn& rc) {
    return rc.target == Target::kValueText;
  });
  const bool icd9 = std::any_of(events.begin(), events.end(), [](const CodedEvent* e) { return IsIcd9(e->system); });
  const bool death_here = table.layout->table == SourceTable::kEmr &&
                          extras.death_table == SourceTable::kEmr && t.demographics.death_date &&
                          (first == nullptr || first->date == *t.demographics.death_date);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ResolvedColumn& rc = table.columns[c];
    if (rc.target == Target::kMemberId) row.Set(c, t.demographics.member_id);
    if (rc.target == Target::kDeathDate && death_here) row.Set(c, FormatDate(*t.demographics.death_date));
    if (first == nullptr) {
      if (rc.target == Target::kDate && death_here) row.Set(c, FormatDate(*t.demographics.death_date));
      continue;
    }
    const CodedEvent& e = *first;
    switch (rc.target) {
      case Target::kDate: row.Set(c, FormatDate(e.date)); break;
      case Target::kAdmitDate:
        if (e.admit_date) row.Set(c, FormatDate(*e.admit_date));
        else if (e.end_date) row.Set(c, FormatDate(e.date));
        break;
      case Target::kEndDate:
        if (e.end_date) row.Set(c, FormatDate(*e.end_date));
        break;
      case Target::kIcdFormat: row.Set(c, icd9 ? "9" : "10"); break;
      case Target::kValue:
        if (e.value) row.Set(c, Number(*e.value));
        break;
      case Target::kResult:
        // A text result goes here only when the table has no column of its own for it.
        if (e.value) row.Set(c, Number(*e.value));
        else if (!e.value_text.empty() && !has_value_text) row.Set(c, e.value_text);
        break;
      case Target::kValueText:
        if (!e.value_text.empty()) row.Set(c, e.value_text);
        break;
      case Target::kUnit: row.Set(c, e.unit); break;
      case Target::kClaimDenied: row.Set(c, Flag(e.claim_status == ClaimStatus::kDenied)); break;
      case Target::kClaimId: row.Set(c, e.claim_id); break;
      case Target::kProviderId: row.Set(c, e.provider_id); break;
      case Target::kProviderType: row.Set(c, e.provider_type); break;
      case Target::kDaysSupply:
        if (e.days_supply) row.Set(c, std::to_string(*e.days_supply));
        break;
      case Target::kQuantity:
        if (e.quantity) row.Set(c, Number(*e.quantity));
        break;
      case Target::kFileId: row.Set(c, e.file_id); break;
      default: break;
    }
  }
  if (first != nullptr) SetExtras(first->extra, table.extra_columns, row);
  return writer.Row(sheet, row.cells(), RowOrigin{t.demographics.member_id, extras.scenario, claims});
}

}  // namespace hm::render
