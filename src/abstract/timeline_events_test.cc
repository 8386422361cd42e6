// Rows to events: dates normalised, rules applied, the order fixed.
#include "abstract/timeline_events.h"

#include <gtest/gtest.h>

namespace hm::abstract {
namespace {

TEST(TimelineEventsTest, NormalizeDate) {
  const std::pair<const char*, const char*> cases[] = {
      {"2020-01-25", "2020-01-25"},          {"2020-01-25 10:00:00", "2020-01-25"},
      {"2020-01-25T10:00:00+01", "2020-01-25"}, {"01/25/2020", "2020-01-25"},
      {"20200125", "2020-01-25"},            {"soon", "soon"},
      {"", ""},                              {"1/5/2020", "1/5/2020"}};
  for (const auto& [in, out] : cases) EXPECT_EQ(NormalizeDate(in), out) << in;
}

TEST(TimelineEventsTest, RulesMakeSortedEvents) {
  TimelineProfile profile;
  profile.sources = {
      {"chemo", "v_chemo", "", false,
       {{"chemo_start", "", "start", "cat", "drugs", "count"},
        {"chemo_end", "", "end", "cat", "drugs", ""}}},
      {"visits", "v_visits", "", false, {{"visit", "visit_type", "visit_date", "", "", ""}}},
      {"failed", "v_failed", "", false, {{"x", "", "d", "", "", ""}}}};
  PatientRows rows;
  rows["chemo"] = {Status::Ok(),
                   {"start", "end", "cat", "drugs", "count"},
                   {{"2020-03-01 11:00:00", SqlValue(), "alkylating", "lomustine", std::int64_t{3}},
                    {"2020-01-01", "2020-02-01", SqlValue(), "vincristine", 1.5}}};
  rows["visits"] = {Status::Ok(), {"VISIT_TYPE", "visit_date"}, {{SqlValue(), "2020-02-01"},
                                                                  {"no_show", "2019-12-01"}}};
  rows["failed"] = {Status::IoError("down").Recoverable(), {}, {}};
  const std::vector<TimelineEvent> events = BuildEvents(profile, rows);
  const std::vector<TimelineEvent> expected = {
      {"2019-12-01", "visits", "no_show", "", "", ""},
      {"2020-01-01", "chemo", "chemo_start", "", "vincristine", "1.5"},
      {"2020-02-01", "chemo", "chemo_end", "", "vincristine", ""},
      {"2020-02-01", "visits", "visit", "", "", ""},
      {"2020-03-01", "chemo", "chemo_start", "alkylating", "lomustine", "3"}};
  EXPECT_EQ(events, expected);
}

}  // namespace
}  // namespace hm::abstract
