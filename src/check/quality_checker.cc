#include "check/quality_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "check/cell_check.h"
#include "check/code_check.h"
#include "check/member_id_set.h"
#include "check/scenario_check.h"
#include "check/sheet_plan.h"

namespace hm::check {
namespace {

// What the checks of one row share; the schema checks fill in the dates the later checks need.
struct RowContext {
  std::size_t sheet;
  const SheetPlan& plan;
  std::int64_t row;
  std::span<const std::string> cells;
  const render::RowOrigin& origin;
  std::string_view member_id;
  std::optional<Date> start, end, birth_date;
};

// Where a finding points.
struct Where {
  std::string_view sheet;
  std::int64_t row = 0;
  std::string_view column;
  std::string_view member_id;
  std::size_t scenario = kNoScenario;
};

Where At(const RowContext& ctx, int column = -1) {
  return Where{ctx.plan.name, ctx.row,
               column < 0 ? std::string_view() : std::string_view(ctx.plan.columns[column].name),
               ctx.member_id, ctx.origin.scenario};
}

// A row of a table other than MEMBER_IN, remembered until its member's rows end so that a
// duplicate is found by sorting rather than by a table that would allocate per row.
struct RowKey {
  std::uint64_t hash;
  std::size_t sheet;
  std::int64_t row;
  std::size_t scenario;
};

std::uint64_t RowHash(std::size_t sheet, std::span<const std::string> cells) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ sheet;
  for (const std::string& cell : cells) {
    h ^= std::hash<std::string_view>{}(cell) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h;
}

// A row whose MEM_NBR was not (yet) in MEMBER_IN; decided in Close().
struct Orphan {
  std::string member_id;
  std::string sheet;
  std::int64_t row;
  std::size_t scenario;
  bool enrollment;
};

// The state of the member whose rows are arriving; reset when the next member's start.
struct MemberState {
  struct Span {
    Date start, end;
    std::int64_t row;
  };
  std::vector<Span> spans;  // in arrival order
  std::vector<RowKey> rows;

  void Reset() {
    spans.clear();  // keeps the capacity: no allocation per member
    rows.clear();
  }
};

}  // namespace

struct QualityChecker::State {
  explicit State(QualityOptions o)
      : options(std::move(o)), cells(*options.layout), codes(options.vsd),
        report(options.keep_per_check) {}

  QualityOptions options;
  CellChecker cells;
  CodeChecker codes;
  QualityReport report;
  std::vector<SheetPlan> plans;
  bool begun = false, finished = false, has_enrollment_sheet = false;
  MemberIdSet members;
  std::string current_member;
  MemberState member;
  std::vector<Orphan> orphans;

  template <typename MakeMessage>
  void Emit(FindingSeverity severity, const char* check, const Where& where, MakeMessage make) {
    if (!report.Count(check, severity)) return;
    report.Keep(Finding{severity, check, std::string(where.sheet), where.row,
                        std::string(where.column), std::string(where.member_id), where.scenario,
                        make()});
  }
  template <typename MakeMessage>
  void Error(const char* check, const Where& where, MakeMessage make) {
    Emit(FindingSeverity::kError, check, where, make);
  }
  template <typename MakeMessage>
  void Warn(const char* check, const Where& where, MakeMessage make) {
    Emit(FindingSeverity::kWarning, check, where, make);
  }

  void CheckRow(RowContext& ctx);
  void CheckCells(RowContext& ctx);
  void CheckCell(RowContext& ctx, int column);
  void ReportCell(const RowContext& ctx, int column, const CellResult& result);
  void CheckDate(RowContext& ctx, int column, Date date);
  void CheckReference(const RowContext& ctx);
  void CheckCodes(const RowContext& ctx);
  void CheckMember(const RowContext& ctx);
  void CheckSpan(const RowContext& ctx);
  void SwitchMember(std::string_view member_id);
  void FlushMember();
  void ResolveOrphans();
  void ReportMembersWithoutEnrollment();
};

QualityChecker::QualityChecker(QualityOptions options)
    : state_(std::make_unique<State>(std::move(options))) {}

QualityChecker::~QualityChecker() = default;

const QualityReport& QualityChecker::report() const { return state_->report; }

Status QualityChecker::Begin(const std::vector<render::SheetSpec>& sheets) {
  State& s = *state_;
  if (s.begun) return Status::Internal("QualityChecker::Begin called twice");
  s.begun = true;
  for (const render::SheetSpec& spec : sheets) {
    s.plans.push_back(PlanSheet(spec));
    const SheetPlan& plan = s.plans.back();
    if (plan.layout == nullptr) continue;
    s.has_enrollment_sheet |= plan.layout->table == SourceTable::kEnrollment;
    if (!plan.column_order_problem.empty()) {
      s.Error("schema.column_order", Where{plan.name, 1, {}, {}, kNoScenario},
              [&] { return plan.column_order_problem; });
    }
  }
  if (s.options.vsd == nullptr) {
    s.Warn("code.skipped", Where{}, [] {
      return std::string("no value set directory was given, so codes were not checked against "
                         "their value sets; give the VSD (--vsd) to check them");
    });
  }
  return Status::Ok();
}

Status QualityChecker::Row(std::size_t sheet, std::span<const std::string> cells,
                           const render::RowOrigin& origin) {
  State& s = *state_;
  if (!s.begun || s.finished) return Status::Internal("QualityChecker::Row outside Begin/Close");
  if (sheet >= s.plans.size()) {
    return Status::Internal(fmt::format("QualityChecker::Row: no sheet {}", sheet));
  }
  SheetPlan& plan = s.plans[sheet];
  const std::int64_t row = ++plan.rows + 1;  // row 1 is the header
  if (plan.layout == nullptr) return Status::Ok();  // report sheets: nothing to check
  const std::string_view member_id =
      plan.member_column >= 0 && static_cast<std::size_t>(plan.member_column) < cells.size()
          ? std::string_view(cells[plan.member_column])
          : origin.member_id;
  RowContext ctx{sheet, plan, row, cells, origin, member_id, {}, {}, {}};
  if (cells.size() != plan.columns.size()) {
    s.Error("schema.column_order", At(ctx), [&] {
      return fmt::format("the row has {} cells, the header {} columns; write one cell per column",
                         cells.size(), plan.columns.size());
    });
    return Status::Ok();
  }
  s.CheckRow(ctx);
  return Status::Ok();
}

Status QualityChecker::Close() {
  State& s = *state_;
  if (s.finished) return Status::Ok();
  s.finished = true;
  s.FlushMember();
  s.ResolveOrphans();
  s.ReportMembersWithoutEnrollment();
  return Status::Ok();
}

void QualityChecker::State::CheckRow(RowContext& ctx) {
  if (ctx.member_id != current_member) SwitchMember(ctx.member_id);
  CheckCells(ctx);
  CheckReference(ctx);
  CheckCodes(ctx);
  switch (ctx.plan.layout->table) {
    case SourceTable::kMember:
      CheckMember(ctx);
      return;
    case SourceTable::kEnrollment:
      CheckSpan(ctx);
      break;
    default:
      break;
  }
  member.rows.push_back(
      RowKey{RowHash(ctx.sheet, ctx.cells), ctx.sheet, ctx.row, ctx.origin.scenario});
}

// ---------------------------------------------------------------------------------------------
// Schema and dates

void QualityChecker::State::CheckCells(RowContext& ctx) {
  for (std::size_t i = 0; i < ctx.cells.size(); ++i) {
    if (ctx.plan.columns[i].layout != nullptr) CheckCell(ctx, static_cast<int>(i));
  }
}

void QualityChecker::State::CheckCell(RowContext& ctx, int column) {
  const LayoutColumn& layout = *ctx.plan.columns[column].layout;
  const std::string& text = ctx.cells[column];
  if (cells.IsNull(text)) {
    if (layout.required) {
      Error("schema.required", At(ctx, column), [&] {
        return fmt::format("{} is required but {}; write a value", layout.name,
                           text.empty() ? "empty" : fmt::format("'{}'", text));
      });
    }
    return;
  }
  const CellResult result = cells.Check(layout, text);
  if (result.problem != CellProblem::kNone) ReportCell(ctx, column, result);
  if (result.date) CheckDate(ctx, column, *result.date);
}

void QualityChecker::State::ReportCell(const RowContext& ctx, int column,
                                       const CellResult& result) {
  const LayoutColumn& layout = *ctx.plan.columns[column].layout;
  const std::string& text = ctx.cells[column];
  if (result.problem == CellProblem::kLength) {
    Error("schema.length", At(ctx, column), [&] {
      return fmt::format("'{}' has {} characters, more than {}'s {}; shorten it", text,
                         result.length, layout.name, layout.max_length);
    });
  } else if (result.problem == CellProblem::kFormat) {
    Error("schema.type", At(ctx, column), [&] {
      return fmt::format("'{}' is a date but not written as {}; write {}", text,
                         cells.date_format(), cells.Format(*result.date));
    });
  } else {
    Error("schema.type", At(ctx, column), [&] {
      return fmt::format("'{}' is not a {} value; write a {} (or leave it empty)", text,
                         ColumnTypeName(layout.type), ColumnTypeName(layout.type));
    });
  }
}

void QualityChecker::State::CheckDate(RowContext& ctx, int column, Date date) {
  if (date < options.min_date || date > options.max_date) {
    Error("date.range", At(ctx, column), [&] {
      return fmt::format("{} is outside {} to {}; a wrong century or a date computed past the "
                         "open end (QA writes 12/31/2050)",
                         ctx.cells[column], cells.Format(options.min_date),
                         cells.Format(options.max_date));
    });
  }
  switch (ctx.plan.columns[column].role) {
    case Role::kStart: ctx.start = date; break;
    case Role::kEnd: ctx.end = date; break;
    case Role::kBirthDate: ctx.birth_date = date; break;
    default: break;
  }
}

// ---------------------------------------------------------------------------------------------
// Members, references and codes

void QualityChecker::State::CheckReference(const RowContext& ctx) {
  if (ctx.member_id.empty()) return;  // schema.required reports it
  const SourceTable table = ctx.plan.layout->table;
  if (table == SourceTable::kMember) {
    if (!members.Insert(ctx.member_id).second) {
      Error("duplicate.key", At(ctx, ctx.plan.member_column), [&] {
        return fmt::format("MEM_NBR {} is already in {}; give every member its own MEM_NBR",
                           ctx.member_id, ctx.plan.name);
      });
    }
    return;
  }
  const bool enrollment = table == SourceTable::kEnrollment;
  if (const std::uint32_t index = members.Find(ctx.member_id); index != MemberIdSet::kNotFound) {
    if (enrollment) members.Mark(index);
    return;
  }
  // Not declared yet: the MEMBER_IN row may still come, so Close() decides.
  if (!orphans.empty() && orphans.back().member_id == ctx.member_id) {
    orphans.back().enrollment |= enrollment;
    return;
  }
  orphans.push_back(Orphan{std::string(ctx.member_id), ctx.plan.name, ctx.row,
                           ctx.origin.scenario, enrollment});
}

void QualityChecker::State::CheckCodes(const RowContext& ctx) {
  if (ctx.origin.codes.empty()) return;
  const int icd = ctx.plan.icd_format_column;
  const bool icd9 = icd >= 0 && IsIcd9Format(ctx.cells[icd]);
  for (const render::CodeClaim& claim : ctx.origin.codes) {
    const int column = static_cast<int>(claim.column);
    if (claim.column >= ctx.cells.size() || cells.IsNull(ctx.cells[column])) {
      Error("code.value_set", At(ctx, claim.column < ctx.cells.size() ? column : -1), [&] {
        return fmt::format("the row claims a {} code of '{}' in column {}, but no code is "
                           "written there; write the code",
                           CodeSystemName(claim.system), claim.value_set, claim.column + 1);
      });
      continue;
    }
    auto problem = codes.Check(ctx.plan.columns[column], claim, ctx.cells[column], icd9);
    if (problem) Error(problem->check, At(ctx, column), [&] { return std::move(problem->message); });
  }
}

void QualityChecker::State::CheckMember(const RowContext& ctx) {
  const std::size_t index = ctx.origin.scenario;
  if (index >= options.scenarios.size()) return;
  const int sex = ctx.plan.sex_column;
  const std::optional<std::string_view> sex_text =
      sex >= 0 ? std::optional<std::string_view>(ctx.cells[sex]) : std::nullopt;
  for (ScenarioProblem& problem : CheckScenario(options.scenarios[index], ctx.birth_date,
                                                sex_text, options.measurement_year)) {
    const bool about_sex = std::string_view(problem.check) == "scenario.sex";
    Error(problem.check, At(ctx, about_sex ? sex : ctx.plan.birth_date_column),
          [&] { return std::move(problem.message); });
  }
}

// ---------------------------------------------------------------------------------------------
// Enrollment spans and the end of a member

void QualityChecker::State::CheckSpan(const RowContext& ctx) {
  if (!ctx.start || !ctx.end) return;  // the schema checks report the cells
  const Date start = *ctx.start, end = *ctx.end;
  if (end < start) {
    Error("enrollment.span", At(ctx), [&] {
      return fmt::format("the span ends ({}) before it starts ({}); swap or fix the dates",
                         end.ToUs(), start.ToUs());
    });
    return;
  }
  if (!member.spans.empty() && start < member.spans.back().start) {
    Error("enrollment.order", At(ctx), [&] {
      return fmt::format("the span starting {} comes after one starting {} (row {}); write a "
                         "member's spans in order of start",
                         start.ToUs(), member.spans.back().start.ToUs(), member.spans.back().row);
    });
  }
  // Against every earlier span, not just the last: spans out of order may still overlap.
  for (const MemberState::Span& other : member.spans) {
    if (start > other.end || end < other.start) continue;
    Emit(options.allow_overlapping_spans ? FindingSeverity::kWarning : FindingSeverity::kError,
         "enrollment.overlap", At(ctx), [&] {
           return fmt::format("the span {}-{} overlaps the one on row {} ({}-{}); start it after "
                              "the other ends",
                              start.ToUs(), end.ToUs(), other.row, other.start.ToUs(),
                              other.end.ToUs());
         });
    break;
  }
  member.spans.push_back(MemberState::Span{start, end, ctx.row});
}

void QualityChecker::State::SwitchMember(std::string_view member_id) {
  FlushMember();
  current_member.assign(member_id);
  member.Reset();
}

// The member's rows have all arrived: report rows written twice.
void QualityChecker::State::FlushMember() {
  std::vector<RowKey>& rows = member.rows;
  if (rows.size() < 2) return;
  std::sort(rows.begin(), rows.end(), [](const RowKey& a, const RowKey& b) {
    return std::tie(a.hash, a.sheet, a.row) < std::tie(b.hash, b.sheet, b.row);
  });
  std::size_t first = 0;  // the first row of the run of rows equal to rows[i]
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].hash != rows[first].hash || rows[i].sheet != rows[first].sheet) {
      first = i;
      continue;
    }
    const SheetPlan& plan = plans[rows[i].sheet];
    Warn("duplicate.key", Where{plan.name, rows[i].row, {}, current_member, rows[i].scenario},
         [&] {
           return fmt::format("the row repeats row {} cell for cell; leave it out unless the "
                              "scenario wants the same record twice",
                              rows[first].row);
         });
  }
}

void QualityChecker::State::ResolveOrphans() {
  for (const Orphan& orphan : orphans) {
    if (const auto index = members.Find(orphan.member_id); index != MemberIdSet::kNotFound) {
      if (orphan.enrollment) members.Mark(index);
      continue;
    }
    Error("ref.member",
          Where{orphan.sheet, orphan.row, "MEM_NBR", orphan.member_id, orphan.scenario}, [&] {
            return fmt::format("MEM_NBR {} has no MEMBER_IN row; add the member or drop its rows",
                               orphan.member_id);
          });
  }
  orphans.clear();
}

void QualityChecker::State::ReportMembersWithoutEnrollment() {
  if (!has_enrollment_sheet) return;
  for (std::uint32_t i = 0; i < members.size(); ++i) {
    if (members.marked(i)) continue;
    Warn("ref.enrollment", Where{{}, 0, {}, members.id(i), kNoScenario}, [&] {
      return fmt::format("member {} has no ENROLLMENT_IN row, so no measure counts it; add a "
                         "span unless the scenario tests a member without enrollment",
                         members.id(i));
    });
  }
}

}  // namespace hm::check
