// ReadTimelines: the driver. Finds the layout's tables in the source, reads MEMBER_IN first (it
// decides who exists), then every other table in layout order, and orders each timeline.
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "hedis_mockup/tables.h"
#include "tables/row_mapper.h"
#include "tables/table_source.h"

namespace hm {
namespace {

using tables::RowMapper;
using tables::SourceRow;
using tables::TableSource;

// Rows of one table that could not be attached to a member.
struct LeftOut {
  std::int64_t count = 0;
  std::int64_t first_row = 0;
};

// The state of one ReadTimelines call, passed from step to step.
struct ReadContext {
  const Layout& layout;
  const ReadTablesOptions& options;
  std::string path;  // the source as given, for messages about the whole source
  std::unique_ptr<TableSource> source;
  TimelineSet set;
  Diagnostics errors{20};
  std::unordered_map<std::string, std::size_t> member_index;
  // member -> table -> rows left out, for one warning per member and table.
  std::map<std::string, std::map<SourceTable, LeftOut>> orphans;
  std::vector<std::pair<const LayoutTable*, std::size_t>> found;  // layout table, source index
};

std::string DisplayPrefix(const ReadTablesOptions& options) {
  return options.measure_prefix.empty() ? std::string()
         : options.measure_prefix.ends_with('_') ? options.measure_prefix
                                                 : options.measure_prefix + "_";
}

// Step 1: which source table holds each layout table. A missing required table is an error.
Status FindTables(ReadContext& ctx) {
  const std::vector<std::string>& names = ctx.source->TableNames();
  for (const LayoutTable& table : ctx.layout.tables) {
    const std::ptrdiff_t index = tables::FindTable(names, table.name, ctx.options.measure_prefix);
    if (index == -2) {
      ctx.errors.Add(Status::InvalidInput(
          fmt::format("several tables end in _{}", table.name),
          "say which measure's tables to read (the measure prefix, e.g. PSA)")
                         .InFile(ctx.path));
    } else if (index >= 0) {
      ctx.found.emplace_back(&table, static_cast<std::size_t>(index));
    } else if (table.required) {
      ctx.errors.Add(
          Status::NotFound(fmt::format("no table {}{}", DisplayPrefix(ctx.options), table.name),
                           fmt::format("add a sheet or table named {}{} (tables found: {})",
                                       DisplayPrefix(ctx.options), table.name,
                                       names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))))
              .InFile(ctx.path));
    }
  }
  // MEMBER_IN decides who exists, so it is read first.
  std::stable_partition(ctx.found.begin(), ctx.found.end(), [](const auto& entry) {
    return entry.first->table == SourceTable::kMember;
  });
  return ctx.errors.Checkpoint();
}

// Reads one table, calling `use` for each row that parsed.
Status ForEachRow(ReadContext& ctx, const LayoutTable& table, std::size_t index,
                  const std::function<void(const RowMapper&, std::int64_t row)>& use) {
  const std::string& name = ctx.source->TableNames()[index];
  const std::string file = ctx.source->FileOf(index);
  std::optional<RowMapper> mapper;
  const std::int64_t total = ctx.options.progress ? ctx.source->CountHint(index) : 0;
  Progress progress(ctx.options.measurement_year > 0
                        ? fmt::format("Reading {} (MY {})", name, ctx.options.measurement_year)
                        : fmt::format("Reading {}", name),
                    total, ctx.options.progress);
  std::int64_t pending = 0;
  auto on_header = [&](const std::vector<std::string>& header) -> Status {
    Result<RowMapper> created = RowMapper::Create(ctx.layout, table, header, name, file);
    if (!created.ok()) {
      ctx.errors.Add(std::move(created).TakeStatus());
      return Status::Ok();
    }
    mapper.emplace(std::move(created).value());
    return Status::Ok();
  };
  auto on_row = [&](const SourceRow& row) -> Status {
    if (!mapper) return Status::Ok();
    if (mapper->Parse(row, ctx.errors)) use(*mapper, row.number);
    if (++pending == 4096) {
      progress.Advance(pending);
      pending = 0;
    }
    return Status::Ok();
  };
  HM_ASSIGN_OR_RETURN(const std::int64_t rows, ctx.source->Read(index, on_header, on_row));
  progress.Advance(pending);
  if (!mapper && ctx.errors.empty() && table.required) {
    ctx.errors.Add(Status::InvalidInput(fmt::format("table {} is empty", name),
                                        "it needs a header row naming its columns")
                       .InFile(file));
  }
  ctx.set.tables.push_back(TableRead{table.table, name, file, rows});
  return Status::Ok();
}

// Step 2: MEMBER_IN, members ordered by MEM_NBR; a MEM_NBR on two rows is an error.
Status ReadMembers(ReadContext& ctx, const LayoutTable& table, std::size_t index) {
  std::vector<std::pair<Demographics, std::int64_t>> read;
  HM_RETURN_IF_ERROR(ForEachRow(ctx, table, index, [&](const RowMapper& mapper, std::int64_t row) {
    read.emplace_back(mapper.ToDemographics(), row);
  }));
  std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) {
    return a.first.member_id < b.first.member_id;
  });
  const std::string& name = ctx.source->TableNames()[index];
  for (std::size_t i = 0; i < read.size(); ++i) {
    // Compared with the kept member: read[i - 1] may have been moved from.
    if (i > 0 && !ctx.set.members.empty() &&
        read[i].first.member_id == ctx.set.members.back().demographics.member_id) {
      ctx.errors.Add(Status::InvalidInput(
                         fmt::format("{} row {}, column MEM_NBR: member '{}' is also on row {}",
                                     name, read[i].second, read[i].first.member_id,
                                     ctx.set.rows.back().member.row),
                         "each member has one MEMBER_IN row; give one of them another MEM_NBR")
                         .InFile(ctx.source->FileOf(index)));
      continue;
    }
    ctx.member_index.emplace(read[i].first.member_id, ctx.set.members.size());
    MemberTimeline timeline;
    timeline.demographics = std::move(read[i].first);
    ctx.set.members.push_back(std::move(timeline));
    ctx.set.rows.push_back(MemberRows{RowRef{SourceTable::kMember, read[i].second}, {}, {}, {}});
  }
  return Status::Ok();
}

// The member a row belongs to, or -1 after noting the row as left out.
std::ptrdiff_t MemberOf(ReadContext& ctx, const RowMapper& mapper, SourceTable table,
                        std::int64_t row) {
  const auto it = ctx.member_index.find(std::string(mapper.MemberId()));
  if (it != ctx.member_index.end()) return static_cast<std::ptrdiff_t>(it->second);
  LeftOut& left = ctx.orphans[std::string(mapper.MemberId())][table];
  if (left.count++ == 0) left.first_row = row;
  return -1;
}

// Step 3: one of the other tables.
Status ReadTable(ReadContext& ctx, const LayoutTable& table, std::size_t index) {
  std::int64_t codeless = 0, first_codeless = 0;
  const auto use = [&](const RowMapper& mapper, std::int64_t row) {
    const std::ptrdiff_t m = MemberOf(ctx, mapper, table.table, row);
    if (m < 0) return;
    MemberTimeline& timeline = ctx.set.members[m];
    MemberRows& rows = ctx.set.rows[m];
    const RowRef ref{table.table, row};
    switch (table.table) {
      case SourceTable::kMember:
        break;
      case SourceTable::kEnrollment:
        timeline.enrollment.push_back(mapper.ToSpan());
        rows.enrollment.push_back(ref);
        break;
      case SourceTable::kMonthlyMembership:
        timeline.monthly.push_back(mapper.ToMonthly());
        rows.monthly.push_back(ref);
        break;
      default: {
        const std::size_t before = timeline.events.size();
        mapper.AppendEvents(timeline.events);
        rows.events.resize(timeline.events.size(), ref);
        const std::optional<Date> death = mapper.DeathDate();
        if (death && (!timeline.demographics.death_date || *death < *timeline.demographics.death_date)) {
          timeline.demographics.death_date = death;
        }
        if (timeline.events.size() == before && !death && codeless++ == 0) first_codeless = row;
      }
    }
  };
  HM_RETURN_IF_ERROR(ForEachRow(ctx, table, index, use));
  if (codeless > 0) {
    ctx.set.warnings.push_back(
        Status::InvalidInput(
            fmt::format("{} row {}{}: no code in any code column; left out",
                        ctx.source->TableNames()[index], first_codeless,
                        codeless > 1 ? fmt::format(" and {} more rows", codeless - 1) : ""),
            "give each row a code (docs/layout.md lists the code columns)")
            .InFile(ctx.source->FileOf(index))
            .Recoverable());
  }
  return Status::Ok();
}

// Step 4: one warning per member and table whose rows had no MEMBER_IN row.
void WarnOrphans(ReadContext& ctx) {
  for (const auto& [member, by_table] : ctx.orphans) {
    for (const auto& [table, left] : by_table) {
      ctx.set.warnings.push_back(
          Status::InvalidInput(
              fmt::format("{} row {}{}: member '{}' has no MEMBER_IN row; left out",
                          SourceTableName(table), left.first_row,
                          left.count > 1 ? fmt::format(" and {} more rows", left.count - 1) : "",
                          member),
              "add the member to MEMBER_IN, or correct MEM_NBR")
              .Recoverable());
    }
  }
}

// Orders `items` stably by `less`, moving `refs` (index-aligned) the same way.
template <typename T, typename Less>
void SortAligned(std::vector<T>& items, std::vector<RowRef>& refs, Less less) {
  if (std::is_sorted(items.begin(), items.end(), less)) return;
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return less(items[a], items[b]); });
  std::vector<T> sorted_items;
  std::vector<RowRef> sorted_refs;
  sorted_items.reserve(items.size());
  sorted_refs.reserve(refs.size());
  for (std::size_t i : order) {
    sorted_items.push_back(std::move(items[i]));
    sorted_refs.push_back(refs[i]);
  }
  items = std::move(sorted_items);
  refs = std::move(sorted_refs);
}

// Step 5: the order MemberTimeline::SortEnrollment and SortEvents give, rows alongside.
void OrderTimelines(ReadContext& ctx) {
  for (std::size_t i = 0; i < ctx.set.members.size(); ++i) {
    MemberTimeline& timeline = ctx.set.members[i];
    MemberRows& rows = ctx.set.rows[i];
    SortAligned(timeline.enrollment, rows.enrollment,
                [](const EnrollmentSpan& a, const EnrollmentSpan& b) {
                  return a.start != b.start ? a.start < b.start : a.end < b.end;
                });
    SortAligned(timeline.events, rows.events, [](const CodedEvent& a, const CodedEvent& b) {
      const DateRange da = a.days(), db = b.days();
      if (da.first != db.first) return da.first < db.first;
      if (da.last != db.last) return da.last < db.last;
      return a.table < b.table;
    });
  }
}

}  // namespace

Result<TimelineSet> ReadTimelines(const std::string& source, const Layout& layout,
                                  const ReadTablesOptions& options) {
  HM_ASSIGN_OR_RETURN(std::unique_ptr<TableSource> opened, TableSource::Open(source));
  ReadContext ctx{layout, options, source, std::move(opened), {}, Diagnostics(20), {}, {}, {}};
  HM_RETURN_IF_ERROR(FindTables(ctx));
  for (const auto& [table, index] : ctx.found) {
    const Status status = table->table == SourceTable::kMember
                              ? ReadMembers(ctx, *table, index)
                              : ReadTable(ctx, *table, index);
    HM_RETURN_IF_ERROR(status);
  }
  HM_RETURN_IF_ERROR(ctx.errors.Checkpoint());
  WarnOrphans(ctx);
  OrderTimelines(ctx);
  return std::move(ctx.set);
}

}  // namespace hm
