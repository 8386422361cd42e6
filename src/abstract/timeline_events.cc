#include "abstract/timeline_events.h"

#include <algorithm>

namespace hm::abstract {
namespace {

struct RuleColumns {
  int type, date, code, description, value;
};

RuleColumns Resolve(const EventRule& rule, const SourceRows& rows) {
  return {rows.Column(rule.type_column), rows.Column(rule.date_column),
          rows.Column(rule.code_column), rows.Column(rule.description_column),
          rows.Column(rule.value_column)};
}

void AddEvents(const ProfileSource& source, const EventRule& rule, const SourceRows& rows,
               std::vector<TimelineEvent>& events) {
  const RuleColumns c = Resolve(rule, rows);
  for (const std::vector<SqlValue>& row : rows.rows) {
    const std::string date = CellText(row, c.date);
    if (date.empty()) continue;
    std::string type = CellText(row, c.type);
    if (type.empty()) type = rule.type;
    events.push_back({NormalizeDate(date), source.name, std::move(type), CellText(row, c.code),
                      CellText(row, c.description), CellText(row, c.value)});
  }
}

}  // namespace

std::vector<TimelineEvent> BuildEvents(const TimelineProfile& profile, const PatientRows& rows) {
  std::vector<TimelineEvent> events;
  for (const ProfileSource& source : profile.sources) {
    const auto found = rows.find(source.name);
    if (found == rows.end() || !found->second.status.ok()) continue;
    for (const EventRule& rule : source.events) AddEvents(source, rule, found->second, events);
  }
  std::sort(events.begin(), events.end());
  return events;
}

}  // namespace hm::abstract
