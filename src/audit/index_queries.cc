// The queries over the audit index: history rows, statistics, skipped-line warnings.
#include <fmt/format.h>

#include <cmath>

#include "audit/index.h"

namespace hm::audit {
namespace {

double Round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// NULL (every user) for an empty name, so that one statement serves both.
void BindUser(Statement& statement, int at, const std::string& user) {
  if (user.empty())
    statement.BindNull(at);
  else
    statement.Bind(at, user);
}

}  // namespace

Result<std::vector<IndexedLine>> Index::Find(const HistoryQuery& query, std::int64_t since_epoch) {
  // ?2: 1 keeps successes, 0 keeps failures ("failed" is anything but success), NULL keeps all.
  HM_ASSIGN_OR_RETURN(Statement select,
                      db_.Prepare("SELECT line, offset, length, session_id FROM sessions "
                                  "WHERE (?1 IS NULL OR measure_key = ?1) "
                                  "AND (?2 IS NULL OR (status = 'success') = ?2) "
                                  "AND start_epoch >= ?4 "
                                  "ORDER BY start_epoch DESC, line DESC LIMIT ?3"));
  if (query.measure.empty())
    select.BindNull(1);
  else
    select.Bind(1, MeasureKey(query.measure));
  if (query.status.empty())
    select.BindNull(2);
  else
    select.Bind(2, std::int64_t{query.status == kStatusSuccess ? 1 : 0});
  select.Bind(3, query.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(query.limit));
  select.Bind(4, since_epoch);
  std::vector<IndexedLine> lines;
  for (;;) {
    HM_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    lines.push_back({select.Int(0), static_cast<std::uint64_t>(select.Int(1)),
                     static_cast<std::uint64_t>(select.Int(2)), select.Text(3)});
  }
  return lines;
}

Result<Statistics> Index::Aggregate(std::int64_t since_epoch, const std::string& user) {
  Statistics stats;
  HM_ASSIGN_OR_RETURN(Statement totals,
                      db_.Prepare("SELECT COUNT(*), TOTAL(status = 'success'), TOTAL(duration), "
                                  "TOTAL(CASE WHEN status = 'success' THEN members END) "
                                  "FROM sessions WHERE start_epoch >= ?1 AND (?2 IS NULL OR user = ?2)"));
  totals.Bind(1, since_epoch);
  BindUser(totals, 2, user);
  HM_ASSIGN_OR_RETURN(bool has_row, totals.Step());
  if (has_row) {
    stats.total_generations = totals.Int(0);
    stats.successful_generations = static_cast<std::int64_t>(totals.Double(1));
    stats.failed_generations = stats.total_generations - stats.successful_generations;
    stats.total_members_generated = static_cast<std::int64_t>(totals.Double(3));
    if (stats.total_generations > 0) {
      const auto total = static_cast<double>(stats.total_generations);
      stats.success_rate =
          Round(100.0 * static_cast<double>(stats.successful_generations) / total, 2);
      stats.avg_duration_seconds = Round(totals.Double(2) / total, 3);
    }
  }
  HM_ASSIGN_OR_RETURN(
      Statement by_measure,
      db_.Prepare("SELECT measure_key, COUNT(*), TOTAL(status = 'success'), AVG(duration) "
                  "FROM sessions WHERE start_epoch >= ?1 AND measure_key IS NOT NULL "
                  "AND (?2 IS NULL OR user = ?2) GROUP BY measure_key ORDER BY measure_key"));
  by_measure.Bind(1, since_epoch);
  BindUser(by_measure, 2, user);
  for (;;) {
    HM_ASSIGN_OR_RETURN(bool row, by_measure.Step());
    if (!row) break;
    MeasureStatistics m;
    m.measure = by_measure.Text(0);
    m.total = by_measure.Int(1);
    m.successful = static_cast<std::int64_t>(by_measure.Double(2));
    m.failed = m.total - m.successful;
    m.avg_duration_seconds = Round(by_measure.Double(3), 3);
    stats.measures.push_back(std::move(m));
  }
  return stats;
}

Result<std::vector<std::string>> Index::SkippedLineWarnings(const std::string& log_path,
                                                            std::size_t keep) {
  HM_ASSIGN_OR_RETURN(Statement select,
                      db_.Prepare("SELECT line, reason FROM skipped ORDER BY line"));
  std::vector<std::string> warnings;
  std::size_t more = 0;
  for (;;) {
    HM_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    if (warnings.size() < keep) {
      warnings.push_back(fmt::format("{}: line {}: not a valid record ({}); skipped", log_path,
                                     select.Int(0), select.Text(1)));
    } else {
      ++more;
    }
  }
  if (more > 0) warnings.push_back(fmt::format("... and {} more invalid lines skipped", more));
  return warnings;
}

}  // namespace hm::audit
