// Tests of Describe and FormatMyDate: every kind of fact, built by hand in several variants, is
// written in the grammar's words and read back with ReadScenarioText, which must give exactly that
// one fact and nothing else. `reformat` relies on this: OTHER_FACTS holds Describe's text, and
// reading the output back must give the same scenarios.
#include <iostream>
#include <map>
#include <optional>
#include <utility>
#include <variant>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hedis_mockup/testcases.h"

namespace hm {
namespace {

constexpr int kMy = 2026;

Date D(int year, int month, int day) { return *Date::FromYmd(year, month, day); }
Date My(int month, int day, int offset = 0) { return D(kMy + offset, month, day); }

struct RoundTrip {
  const char* name;
  FactBody body;
  // Non-empty: the grammar does not read this Describe text back yet. The row is skipped, counted
  // and printed by DescribedFactsKnownGaps, which fails once the row passes.
  const char* known_gap = "";
};

EnrollmentFact Span(Date start, Date end) {
  EnrollmentFact f;
  f.start = start;
  f.end = end;
  return f;
}

Benefits Flags(std::map<std::string, bool> flags, std::optional<bool> others = std::nullopt) {
  Benefits b;
  b.flags = std::move(flags);
  b.others = others;
  return b;
}

EventFact Event(std::string name, std::vector<Date> dates) {
  EventFact f;
  f.value_set = std::move(name);
  f.dates = std::move(dates);
  return f;
}

DeathFact Death(Date date) {
  DeathFact f;
  f.date = date;
  return f;
}

std::vector<RoundTrip> Cases() {
  std::vector<RoundTrip> cases;
  const auto add = [&](const char* name, FactBody body, const char* gap = "") {
    cases.push_back({name, std::move(body), gap});
  };
  // Gender.
  for (char code : {'M', 'F', 'O', 'U'}) add("gender", GenderFact{code});
  // Age: at the end of the MY (AGE_END_REP_YR), other dates, far dates.
  add("age at end of MY", AgeFact{70, My(12, 31)});
  add("age at start of MY", AgeFact{65, My(1, 1)});
  add("age in the prior year", AgeFact{3, My(12, 31, -1)});
  add("age at a far date", AgeFact{100, D(2050, 7, 4)});
  add("age zero", AgeFact{0, My(6, 30)});
  // Age range.
  add("closed age range", AgeRangeFact{3, 11});
  add("open age range", AgeRangeFact{17, -1});
  add("age range from zero", AgeRangeFact{0, 2});
  // Birth date.
  add("DOB far back", BirthDateFact{D(1950, 5, 4)});
  add("DOB within MY-9", BirthDateFact{My(1, 1, -1)});
  add("DOB leap day", BirthDateFact{D(2024, 2, 29)});
  add("DOB MY-10", BirthDateFact{My(12, 31, -10)});
  // Product line.
  for (const char* line : {"commercial", "medicaid", "medicare", "exchange"}) {
    add(line, ProductLineFact{line});
  }
  // Enrollment.
  add("span", Span(My(1, 1, -1), My(12, 31)));
  add("span far end", Span(My(1, 1, -1), D(2050, 12, 31)));
  add("span far both", Span(D(2000, 1, 1), D(2099, 12, 31)));
  {
    EnrollmentFact f = Span(My(1, 1), My(12, 31));
    f.product_ids = {"11"};
    add("span with product id", f);
    f.product_ids = {"3", "11"};
    add("span with two product ids", f);
  }
  {
    EnrollmentFact f = Span(My(1, 1), My(6, 30));
    f.plan = "1";
    add("span with plan", f);
    f.coverage = "PR";
    add("span with plan and coverage", f);
  }
  {
    EnrollmentFact f = Span(My(1, 1), My(12, 31));
    f.coverage = "SN";
    add("span with coverage SN", f);
  }
  {
    EnrollmentFact f = Span(My(1, 1), My(12, 31));
    f.benefits = Flags({{"BEN_MEDICAL", true}}, false);
    add("span with only medical benefit", f);
    f.benefits = Flags({{"BEN_MEDICAL", false}}, true);
    add("span without medical but with other benefits", f);
    f.benefits = Flags({}, false);
    add("span without any benefit", f);
    f.benefits = Flags({}, true);
    add("span with all benefit", f);
    f.benefits = Flags({{"BEN_MEDICAL", false}});
    add("span with BEN_MEDICAL=N only stated", f);
    f.benefits = Flags({{"BEN_HOSPICE", true}, {"BEN_MEDICAL", true}});
    add("span with two benefit flags", f);
    f.benefits = Flags({{"BEN_HOSPICE", true}, {"BEN_MEDICAL", true}}, false);
    add("span with only two benefit flags", f);
  }
  {
    EnrollmentFact f = Span(My(1, 1), My(12, 31));
    f.fields = {{"HP_EMPLOYEE", "N"}, {"MED_ELIG_CAT_ID", "1"}};
    add("span with enrollment columns", f);
  }
  {
    EnrollmentFact f;
    f.plan = "2";
    add("enrollment known only by its plan", f);
  }
  {
    EnrollmentFact f = Span(My(1, 1, -1), My(12, 31));
    f.plan = "1";
    f.product_ids = {"3", "11"};
    f.coverage = "PR";
    f.benefits = Flags({{"BEN_MEDICAL", true}}, false);
    f.fields = {{"MED_ELIG_CAT_ID", "1"}};
    add("span with everything", f);
  }
  // Gaps.
  add("no gaps", GapFact{0, 0, 0});
  add("one gap of days", GapFact{1, 45, 0});
  add("two gaps of days", GapFact{2, 20, 0});
  add("one gap of one month", GapFact{1, 0, 1});
  add("three gaps of months", GapFact{3, 0, 2});
  add("one gap of one day", GapFact{1, 1, 0});
  // Continuous enrollment and anchor date.
  add("continuously enrolled", ContinuousEnrollmentFact{true});
  add("not continuously enrolled", ContinuousEnrollmentFact{false});
  add("enrolled on end of MY", EnrolledOnFact{My(12, 31), true});
  add("not enrolled on end of MY", EnrolledOnFact{My(12, 31), false});
  add("enrolled on a far date", EnrolledOnFact{D(2040, 1, 1), true});
  // Member benefits.
  add("benefit medical N", BenefitFact{Flags({{"BEN_MEDICAL", false}})});
  add("benefit only medical", BenefitFact{Flags({{"BEN_MEDICAL", true}}, false)});
  add("benefit all", BenefitFact{Flags({}, true)});
  add("benefit none", BenefitFact{Flags({}, false)});
  add("benefit two flags", BenefitFact{Flags({{"BEN_HOSPICE", true}, {"BEN_RX", false}})});
  // Events.
  add("event", Event("Hospice Intervention", {My(12, 31)}));
  add("event undated", Event("PSA Lab Test Exclusion", {}));
  add("event two dates", Event("Outpatient", {My(12, 31, -1), My(1, 1, 1)}));
  add("event far date", Event("Hospice Intervention", {D(2000, 1, 1)}));
  {
    EventFact f = Event("Outpatient", {});
    f.count = 2;
    add("counted visits", f);
    f.dates = {My(1, 1), My(6, 1)};
    add("counted visits with dates", f);
  }
  {
    EventFact f = Event("Hospice Intervention", {My(12, 31)});
    f.source = StatedSource::kSupplemental;
    add("event suppl", f);
    f.source = StatedSource::kPrimary;
    add("event primary", f);
    f.denied = true;
    add("event primary denied", f);
    f.source = StatedSource::kUnstated;
    add("event denied", f);
  }
  {
    EventFact f = Event("PSA Lab Test", {My(3, 15)});
    f.codes = {CodeRef{"CPT", "84153"}};
    add("event with CPT code", f);
    f.codes = {CodeRef{"LOINC", "2857-1"}};
    f.value = "4.1";
    add("event with LOINC code and lab value", f);
    f.value = "NULL";
    add("event with NULL lab value", f);
    f.codes = {CodeRef{"CPT", "84153"}, CodeRef{"HCPCS", "G0103"}};
    f.value.clear();
    add("event with two codes", f);
    f.table = "LAB_IN";
    add("event with codes from LAB_IN", f);
  }
  {
    EventFact f = Event("Hospice Intervention", {My(12, 31)});
    f.codes = {CodeRef{"SNOMED CT US Edition", "183919006"}};
    add("event with SNOMED code", f);
  }
  {
    EventFact f = Event("5 ARI", {My(6, 1)});
    f.codes = {CodeRef{"NDC", "00054039513"}};
    f.table = "RX_IN";
    add("event with NDC from RX_IN", f);
  }
  {
    EventFact f = Event("Hospice Intervention", {My(12, 31)});
    f.table = "VISIT_IN";
    f.source = StatedSource::kPrimary;
    f.fields = {{"FILE_ID", "90055"}, {"POS", "81"}};
    add("event with columns from VISIT_IN", f);
  }
  {
    EventFact f = Event("Inpatient Stay", {My(12, 31, -1)});
    f.fields = {{"ADMIT_DT", "12/31/MY-1"}, {"DISCH_DT", "1/10/MY"}};
    add("event with admit and discharge dates", f);
  }
  {
    EventFact f = Event("Hospice Intervention", {My(12, 31)});
    f.table = "EMR_IN";
    f.source = StatedSource::kSupplemental;
    f.denied = true;
    f.codes = {CodeRef{"CPT", "99377"}};
    f.fields = {{"CLAIM_TYPE", "LB"}};
    add("event with everything", f);
  }
  {
    EventFact f = Event("", {});
    f.codes = {CodeRef{"CPT", "99203"}};
    f.table = "VISIT_IN";
    add("visit known only by its code (V2: CPT=99203)", f);
  }
  {
    EventFact f = Event("", {My(1, 1)});
    f.fields = {{"DISCH_STATUS", "20"}};
    f.table = "VISIT_IN";
    add("discharge status event", f);
  }
  // Death.
  add("death", Death(My(3, 1)));
  add("death far date", Death(D(2050, 1, 1)));
  {
    DeathFact f = Death(My(1, 1));
    f.table = "MEMBER_IN";
    add("death from MEMBER_IN", f);
    f.table = "EMR_IN";
    f.fields = {{"SERV_DT", "1/1/MY"}};
    add("death from EMR_IN with a service date", f);
  }
  {
    DeathFact f = Death(My(1, 1));
    f.source = StatedSource::kPrimary;
    f.table = "VISIT_IN";
    f.fields = {{"DISCH_STATUS", "20"}, {"FILE_ID", "90055"}};
    add("death by discharge status", f);
    f.denied = true;
    f.source = StatedSource::kSupplemental;
    add("death suppl denied", f);
  }
  // Monthly membership.
  {
    MonthlyMembershipFact f;
    f.run_date = My(1, 1);
    f.hospice = true;
    add("monthly hospice Y", f);
    f.hospice = false;
    add("monthly hospice N", f);
    f.hospice = true;
    f.run_date = My(12, 31, -1);
    f.fields = {{"PLAN_ID", "2"}};
    add("monthly with plan", f);
    f.fields = {{"FILE_ID", "20000"}, {"PLAN_ID", "2"}};
    add("monthly with plan and file id", f);
    f.fields.clear();
    f.run_date = D(2000, 1, 1);
    add("monthly far run date", f);
  }
  // Member columns.
  add("race code", FieldFact{"RACE_CODE_1", "2126-1"});
  add("MBI number", FieldFact{"MBI_NUMBER", "MBI_12345678"});
  add("hispanic origin", FieldFact{"MEM_HISP_ORIG", "Y"});
  // Numerator and stated flags.
  add("numerator compliant", NumeratorFact{true});
  add("numerator not compliant", NumeratorFact{false});
  add("stated CE=1", StatedFlagFact{"CE", true});
  add("stated AD=0", StatedFlagFact{"AD", false});
  add("stated NE1=1", StatedFlagFact{"NE1", true});
  return cases;
}

// What reading `text` back gives, as one line per item, and whether it is exactly `want`.
struct Reread {
  bool exact = false;
  std::string shown;
};

Reread ReadBack(const std::string& text, const FactBody& want) {
  TestCaseOptions options;
  options.measurement_year = kMy;
  const TextReading r = ReadScenarioText(text, options);
  Reread out;
  out.exact = r.facts.size() == 1 && r.facts[0].body == want && r.unparsed.empty() &&
              r.attention.empty() && r.assumptions.empty();
  for (const Fact& f : r.facts) {
    out.shown += "\n    " + std::string(FactKindName(f.body)) + ": " + Describe(f.body, kMy);
  }
  for (const Fragment& f : r.unparsed) out.shown += "\n    unparsed: " + f.text;
  for (const std::string& a : r.assumptions) out.shown += "\n    assumed: " + a;
  for (const std::string& a : r.attention) out.shown += "\n    attention: " + a;
  if (r.facts.size() == 1 && !(r.facts[0].body == want)) {
    out.shown += "\n    (one fact, of the same text, but not equal: a field Describe leaves out?)";
  }
  return out;
}

TEST(FactTextTest, EveryKindIsCovered) {
  std::vector<bool> seen(std::variant_size_v<FactBody>, false);
  for (const RoundTrip& c : Cases()) seen[c.body.index()] = true;
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << "FactBody index " << i;
}

TEST(FactTextTest, DescribedFactsReadBackAsThemselves) {
  int run = 0;
  for (const RoundTrip& c : Cases()) {
    if (*c.known_gap != '\0') continue;
    ++run;
    const std::string text = Describe(c.body, kMy);
    const Reread got = ReadBack(text, c.body);
    EXPECT_TRUE(got.exact) << FactKindName(c.body) << " (" << c.name << "): '" << text
                           << "' reads back as" << got.shown;
  }
  EXPECT_GE(run, 90);
}

TEST(FactTextTest, DescribedFactsKnownGaps) {
  int gaps = 0;
  for (const RoundTrip& c : Cases()) {
    if (*c.known_gap == '\0') continue;
    ++gaps;
    const std::string text = Describe(c.body, kMy);
    const Reread got = ReadBack(text, c.body);
    EXPECT_FALSE(got.exact) << c.name << " reads back now: remove its known gap";
    std::cout << "[ KNOWN GAP ] " << c.name << ": " << c.known_gap << "\n  '" << text
              << "' reads back as" << got.shown << "\n";
  }
  if (gaps > 0) GTEST_SKIP() << gaps << " round trip(s) marked as known gaps (printed above)";
}

TEST(FactTextTest, KindNames) {
  EXPECT_EQ(FactKindName(GenderFact{}), "gender");
  EXPECT_EQ(FactKindName(AgeRangeFact{}), "age_range");
  EXPECT_EQ(FactKindName(ContinuousEnrollmentFact{}), "continuous_enrollment");
  EXPECT_EQ(FactKindName(EnrolledOnFact{}), "enrolled_on");
  EXPECT_EQ(FactKindName(MonthlyMembershipFact{}), "monthly_membership");
  EXPECT_EQ(FactKindName(StatedFlagFact{}), "stated_flag");
}

TEST(FactTextTest, DescribeUsesTheGrammarsWords) {
  EXPECT_EQ(Describe(AgeFact{70, My(12, 31)}, kMy), "AGE_END_REP_YR=70");
  EXPECT_EQ(Describe(AgeFact{70, My(1, 1)}, kMy), "70 years as of 1/1/MY");
  EXPECT_EQ(Describe(GapFact{2, 20, 0}, kMy), "2 gaps of 20 days");
  EXPECT_EQ(Describe(GapFact{1, 0, 1}, kMy), "1 gap of 1 month");
  EventFact event = Event("Hospice Intervention", {My(12, 31)});
  event.source = StatedSource::kSupplemental;
  EXPECT_EQ(Describe(event, kMy), "Hospice Intervention Value Set: 12/31/MY -- Suppl");
  EnrollmentFact span = Span(My(1, 1, -1), My(12, 31));
  span.product_ids = {"11"};
  EXPECT_EQ(Describe(span, kMy), "Enrollment: 1/1/MY-1 to 12/31/MY, Product_ID=11");
  // The same fact is written relative to the MY it is described for.
  EXPECT_EQ(Describe(BirthDateFact{D(2025, 1, 1)}, 2026), "DOB: 1/1/MY-1");
  EXPECT_EQ(Describe(BirthDateFact{D(2025, 1, 1)}, 2030), "DOB: 1/1/MY-5");
}

TEST(FactTextTest, FormatMyDate) {
  struct {
    Date date;
    int my;
    const char* want;
  } cases[] = {
      {D(2026, 1, 1), 2026, "1/1/MY"},
      {D(2026, 12, 31), 2026, "12/31/MY"},
      {D(2025, 12, 31), 2026, "12/31/MY-1"},
      {D(2027, 1, 1), 2026, "1/1/MY+1"},
      {D(2017, 6, 15), 2026, "6/15/MY-9"},
      {D(2035, 6, 15), 2026, "6/15/MY+9"},
      {D(2016, 6, 15), 2026, "6/15/2016"},  // 10 years away: written out
      {D(2036, 6, 15), 2026, "6/15/2036"},
      {D(1950, 5, 4), 2026, "5/4/1950"},
      {D(2024, 2, 29), 2026, "2/29/MY-2"},
      {D(2030, 3, 1), 2030, "3/1/MY"},
      {D(2026, 3, 1), 2030, "3/1/MY-4"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatMyDate(c.date, c.my), c.want) << c.date.year() << " MY " << c.my;
  }
}

TEST(FactTextTest, FormattedDatesReadBackAsTheSameDate) {
  // Every day offset the writer uses (MY-12 .. MY+12), read back by the grammar as an event date.
  for (int offset = -12; offset <= 12; ++offset) {
    for (const auto& [month, day] : {std::pair{1, 1}, {2, 28}, {12, 31}}) {
      const Date date = D(kMy + offset, month, day);
      EventFact event = Event("Outpatient", {date});
      const std::string text = Describe(event, kMy);
      const Reread got = ReadBack(text, event);
      EXPECT_TRUE(got.exact) << "'" << text << "' reads back as" << got.shown;
    }
  }
}

}  // namespace
}  // namespace hm
