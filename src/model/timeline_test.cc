#include "hedis_mockup/timeline.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hedis_mockup/date.h"

namespace hm {
namespace {

constexpr int kMy = 2026;

// Dates in tests are written as QA writes them.
Date D(const char* text) {
  const Result<Date> date = ParseDate(text, kMy);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status().ToString();
  return date.ok() ? *date : Date();
}

EnrollmentSpan Span(const char* start, const char* end, BenefitSet benefits = kDefaultBenefits) {
  EnrollmentSpan span;
  span.start = D(start);
  span.end = D(end);
  span.benefits = benefits;
  return span;
}

std::string Show(const std::vector<DateRange>& ranges) {
  std::string out;
  for (const DateRange& r : ranges) {
    if (!out.empty()) out += ", ";
    out += r.first.ToUs() + "-" + r.last.ToUs();
  }
  return out;
}

TEST(TimelineTest, ParseSex) {
  struct Case {
    const char* text;
    std::optional<Sex> expected;
  };
  const Case cases[] = {
      {"M", Sex::kMale},          {"m", Sex::kMale},          {"Male", Sex::kMale},
      {"(male)", Sex::kMale},     {" MALE ", Sex::kMale},     {"F", Sex::kFemale},
      {"Female", Sex::kFemale},   {"(Female)", Sex::kFemale}, {"O", Sex::kOther},
      {"other", Sex::kOther},     {"(other)", Sex::kOther},   {"U", Sex::kUnknown},
      {"Unknown", Sex::kUnknown}, {"", std::nullopt},         {"  ", std::nullopt},
      {"Mal", std::nullopt},      {"MF", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseSex(c.text), c.expected) << '"' << c.text << '"';
  for (Sex sex : {Sex::kUnknown, Sex::kMale, Sex::kFemale, Sex::kOther}) {
    EXPECT_EQ(ParseSex(SexCode(sex)), sex) << SexCode(sex);
  }
  EXPECT_EQ(SexCode(Sex::kMale), "M");
  EXPECT_EQ(SexCode(Sex::kOther), "O");
}

TEST(TimelineTest, ParseProductLine) {
  struct Case {
    const char* text;
    std::optional<ProductLine> expected;
  };
  const Case cases[] = {
      {"Commercial", ProductLine::kCommercial},
      {"COMMERCIAL", ProductLine::kCommercial},
      {"PPO", ProductLine::kCommercial},
      {"Medicaid", ProductLine::kMedicaid},
      {"MCD", ProductLine::kMedicaid},
      {"MDE", ProductLine::kMedicaid},
      {"Medicare", ProductLine::kMedicare},
      {"MCR", ProductLine::kMedicare},
      {"SN1", ProductLine::kMedicare},
      {"Exchange", ProductLine::kExchange},
      {"Marketplace", ProductLine::kExchange},
      {"MEP", ProductLine::kExchange},
      {"Unknown", ProductLine::kUnknown},
      {"", std::nullopt},
      {"Medi", std::nullopt},
      {"MMP", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseProductLine(c.text), c.expected) << '"' << c.text << '"';
  }
  for (ProductLine line : {ProductLine::kUnknown, ProductLine::kCommercial, ProductLine::kMedicaid,
                           ProductLine::kMedicare, ProductLine::kExchange}) {
    EXPECT_EQ(ParseProductLine(ProductLineName(line)), line) << ProductLineName(line);
  }
}

TEST(TimelineTest, BenefitsByColumnAndByName) {
  std::set<std::string_view> columns;
  for (int i = 0; i < kBenefitCount; ++i) {
    const auto benefit = static_cast<Benefit>(i);
    const std::string_view column = BenefitColumn(benefit);
    EXPECT_TRUE(column.starts_with("BEN_")) << column;
    EXPECT_TRUE(columns.insert(column).second) << "duplicate " << column;
    EXPECT_EQ(ParseBenefit(column), benefit) << column;
  }
  struct Case {
    const char* text;
    std::optional<Benefit> expected;
  };
  const Case cases[] = {
      {"Ben_Medical", Benefit::kMedical},
      {"BEN_MEDICAL", Benefit::kMedical},
      {"Medical", Benefit::kMedical},
      {"Ben-Hospice", Benefit::kHospice},
      {"hospice", Benefit::kHospice},
      {"Rx", Benefit::kPharmacy},
      {"Pharmacy", Benefit::kPharmacy},
      {"drug", Benefit::kPharmacy},
      {"dental", Benefit::kDental},
      {"Mental Health Inpatient", Benefit::kMentalHealthInpatient},
      {"MH ambulatory", Benefit::kMentalHealthAmbulatory},
      {"chemical dependency intensive outpatient", Benefit::kChemDepIntensive},
      {"CD outpatient", Benefit::kChemDepAmbulatory},
      {"ESRD", Benefit::kEsrd},
      {"", std::nullopt},
      {"ben", std::nullopt},
      {"vision", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseBenefit(c.text), c.expected) << '"' << c.text << '"';
}

TEST(TimelineTest, BenefitSet) {
  BenefitSet set;
  EXPECT_TRUE(set.empty());
  set.Set(Benefit::kMedical).Set(Benefit::kPharmacy);
  EXPECT_TRUE(set.Has(Benefit::kMedical));
  EXPECT_FALSE(set.Has(Benefit::kDental));
  EXPECT_TRUE(set.HasAll({Benefit::kMedical}));
  EXPECT_TRUE(set.HasAll({}));
  EXPECT_FALSE(set.HasAll({Benefit::kMedical, Benefit::kHospice}));
  set.Set(Benefit::kMedical, false);
  EXPECT_FALSE(set.Has(Benefit::kMedical));
  EXPECT_EQ(set, BenefitSet({Benefit::kPharmacy}));
  EXPECT_TRUE(BenefitSet::All().Has(Benefit::kOther));
  EXPECT_TRUE(kDefaultBenefits.Has(Benefit::kMedical));
  EXPECT_TRUE(kDefaultBenefits.Has(Benefit::kPharmacy));
  EXPECT_FALSE(kDefaultBenefits.Has(Benefit::kHospice));
  EXPECT_FALSE(kDefaultBenefits.Has(Benefit::kDental));
}

TEST(TimelineTest, TablesAndSources) {
  struct TableCase {
    const char* text;
    std::optional<SourceTable> expected;
  };
  const TableCase tables[] = {
      {"VISIT_IN", SourceTable::kVisit},
      {"visit_in", SourceTable::kVisit},
      {"EMR_in", SourceTable::kEmr},
      {"RX_IN", SourceTable::kPharmacy},
      {"pharmacy", SourceTable::kPharmacy},
      {"LAB", SourceTable::kLab},
      {"Monthly_mbr_in", SourceTable::kMonthlyMembership},
      {"Monthly_mem_in", SourceTable::kMonthlyMembership},
      {"MMDF", SourceTable::kMonthlyMembership},
      {"member_in", SourceTable::kMember},
      {"ENROLLMENT_IN", SourceTable::kEnrollment},
      {"", std::nullopt},
      {"PSA_VISIT_IN", std::nullopt},
  };
  for (const TableCase& c : tables) {
    EXPECT_EQ(ParseSourceTable(c.text), c.expected) << '"' << c.text << '"';
  }
  for (int i = 0; i <= static_cast<int>(SourceTable::kMonthlyMembership); ++i) {
    const auto table = static_cast<SourceTable>(i);
    EXPECT_EQ(ParseSourceTable(SourceTableName(table)), table) << SourceTableName(table);
  }
  struct SourceCase {
    const char* text;
    std::optional<DataSource> expected;
  };
  const SourceCase sources[] = {
      {"primary", DataSource::kClaim},
      {"primary source", DataSource::kClaim},
      {"claim", DataSource::kClaim},
      {"Suppl", DataSource::kSupplemental},
      {"supple source", DataSource::kSupplemental},
      {"Supplemental", DataSource::kSupplemental},
      {"EMR", DataSource::kEmr},
      {"", std::nullopt},
      {"secondary", std::nullopt},
  };
  for (const SourceCase& c : sources) {
    EXPECT_EQ(ParseDataSource(c.text), c.expected) << '"' << c.text << '"';
  }
  for (DataSource s : {DataSource::kClaim, DataSource::kSupplemental, DataSource::kEmr}) {
    EXPECT_EQ(ParseDataSource(DataSourceName(s)), s) << DataSourceName(s);
  }
}

TEST(TimelineTest, SpanFilter) {
  EnrollmentSpan span = Span("1/1/MY", "12/31/MY");
  span.product_line = ProductLine::kMedicare;
  span.product_id = "11";
  struct Case {
    const char* name;
    SpanFilter filter;
    bool matches;
  };
  const Case cases[] = {
      {"default", {}, true},
      {"all three", {{Benefit::kMedical}, ProductLine::kMedicare, "11"}, true},
      {"benefit missing", {{Benefit::kHospice}, std::nullopt, ""}, false},
      {"other product line", {{}, ProductLine::kCommercial, ""}, false},
      {"other product id", {{}, std::nullopt, "92"}, false},
  };
  for (const Case& c : cases) EXPECT_EQ(c.filter.Matches(span), c.matches) << c.name;
}

TEST(TimelineTest, IsEnrolledOn) {
  MemberTimeline timeline;
  timeline.enrollment = {Span("1/1/MY", "12/30/MY"),
                         Span("12/31/MY", "12/31/MY", {Benefit::kPharmacy})};
  const SpanFilter medical{{Benefit::kMedical}, std::nullopt, ""};
  struct Case {
    const char* day;
    bool any, with_medical;
  };
  const Case cases[] = {
      {"12/31/MY-1", false, false}, {"1/1/MY", true, true},     {"12/30/MY", true, true},
      {"12/31/MY", true, false},    {"1/1/MY+1", false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(timeline.IsEnrolledOn(D(c.day)), c.any) << c.day;
    EXPECT_EQ(timeline.IsEnrolledOn(D(c.day), medical), c.with_medical) << c.day;
  }
}

TEST(TimelineTest, CoverageAndGapsWithinThePeriod) {
  struct Case {
    const char* name;
    std::vector<EnrollmentSpan> spans;
    const char* covered;
    const char* gaps;
  };
  const Case cases[] = {
      {"no gaps (PSA_CE_01)", {Span("1/1/MY-1", "12/31/MY")}, "01/01/2026-12/31/2026", ""},
      {"one gap (PSA_CE_02)",
       {Span("1/1/MY-1", "10/1/MY"), Span("11/14/MY", "12/31/MY")},
       "01/01/2026-10/01/2026, 11/14/2026-12/31/2026",
       "10/02/2026-11/13/2026"},
      {"two gaps (PSA_CE_04)",
       {Span("1/1/MY-1", "10/1/MY"), Span("10/21/MY", "11/1/MY"), Span("11/21/MY", "12/31/MY")},
       "01/01/2026-10/01/2026, 10/21/2026-11/01/2026, 11/21/2026-12/31/2026",
       "10/02/2026-10/20/2026, 11/02/2026-11/20/2026"},
      {"adjacent spans merge",
       {Span("1/1/MY", "1/31/MY"), Span("2/1/MY", "12/31/MY")},
       "01/01/2026-12/31/2026",
       ""},
      {"overlapping and unordered spans merge",
       {Span("6/1/MY", "12/31/MY+1"), Span("1/1/MY-1", "3/1/MY"), Span("2/1/MY", "7/1/MY")},
       "01/01/2026-12/31/2026",
       ""},
      {"a span inside another",
       {Span("1/1/MY", "12/31/MY"), Span("3/1/MY", "3/31/MY")},
       "01/01/2026-12/31/2026",
       ""},
      {"gaps at both ends",
       {Span("2/1/MY", "11/30/MY")},
       "02/01/2026-11/30/2026",
       "01/01/2026-01/31/2026, 12/01/2026-12/31/2026"},
      {"nothing covers the period", {Span("1/1/MY-2", "12/31/MY-1")}, "", "01/01/2026-12/31/2026"},
      {"no spans", {}, "", "01/01/2026-12/31/2026"},
      {"a span ending before it starts covers nothing",
       {Span("12/31/MY", "1/1/MY")},
       "",
       "01/01/2026-12/31/2026"},
      {"one-day spans",
       {Span("1/1/MY", "1/1/MY"), Span("12/31/MY", "12/31/MY")},
       "01/01/2026-01/01/2026, 12/31/2026-12/31/2026",
       "01/02/2026-12/30/2026"},
  };
  const DateRange my{D("1/1/MY"), D("12/31/MY")};
  for (const Case& c : cases) {
    MemberTimeline timeline;
    timeline.enrollment = c.spans;
    EXPECT_EQ(Show(timeline.CoveredWithin(my)), c.covered) << c.name;
    EXPECT_EQ(Show(timeline.GapsWithin(my)), c.gaps) << c.name;
  }
}

TEST(TimelineTest, GapLengthsCountBothEnds) {
  struct Case {
    const char* end_of_first;
    const char* start_of_second;
    int gap_days;
  };
  const Case cases[] = {
      {"10/1/MY", "11/14/MY", 43},  // PSA_CE_02 ("44 days" in the workbook)
      {"10/1/MY", "11/15/MY", 44},  // PSA_CE_03 ("exact 45 days")
      {"9/30/MY", "11/16/MY", 46},  // PSA_CE_05 ("46 days")
  };
  for (const Case& c : cases) {
    MemberTimeline timeline;
    timeline.enrollment = {Span("1/1/MY-1", c.end_of_first), Span(c.start_of_second, "12/31/MY")};
    const std::vector<DateRange> gaps = timeline.GapsWithin({D("1/1/MY"), D("12/31/MY")});
    ASSERT_EQ(gaps.size(), 1u) << c.end_of_first;
    EXPECT_EQ(gaps[0].Days(), c.gap_days) << c.end_of_first << " to " << c.start_of_second;
  }
}

TEST(TimelineTest, GapsHonourTheFilterAndEdgeCases) {
  MemberTimeline timeline;
  timeline.enrollment = {Span("1/1/MY-1", "6/30/MY"),
                         Span("7/1/MY", "12/31/MY", {Benefit::kPharmacy})};
  const DateRange my{D("1/1/MY"), D("12/31/MY")};
  EXPECT_EQ(Show(timeline.GapsWithin(my)), "");
  const SpanFilter medical{{Benefit::kMedical}, std::nullopt, ""};
  EXPECT_EQ(Show(timeline.GapsWithin(my, medical)), "07/01/2026-12/31/2026");
  // An empty period has neither coverage nor gaps.
  const DateRange empty{D("12/31/MY"), D("1/1/MY")};
  EXPECT_TRUE(timeline.GapsWithin(empty).empty());
  EXPECT_TRUE(timeline.CoveredWithin(empty).empty());
  // Spans reaching the last representable day must not step past it.
  MemberTimeline far;
  EnrollmentSpan forever;
  forever.start = *Date::FromYmd(2026, 1, 1);
  forever.end = Date::Max();
  far.enrollment = {forever, forever};
  const DateRange all{Date::Min(), Date::Max()};
  EXPECT_EQ(Show(far.GapsWithin(all)), "01/01/0001-12/31/2025");
  EXPECT_EQ(far.CoveredWithin(all).size(), 1u);
}

TEST(TimelineTest, SortEventsIsByDateThenStable) {
  MemberTimeline timeline;
  auto event = [](const char* date, const char* note, SourceTable table = SourceTable::kVisit) {
    CodedEvent e;
    e.date = D(date);
    e.note = note;
    e.table = table;
    return e;
  };
  timeline.events = {event("12/31/MY", "late"), event("1/1/MY", "first"),
                     event("1/1/MY", "lab", SourceTable::kLab), event("1/1/MY", "second"),
                     event("12/31/MY-1", "earliest")};
  timeline.events[1].end_date = D("1/10/MY");  // a stay: after one-day events of its start day
  timeline.SortEvents();
  std::vector<std::string> notes;
  for (const CodedEvent& e : timeline.events) notes.push_back(e.note);
  EXPECT_EQ(notes, (std::vector<std::string>{"earliest", "second", "lab", "first", "late"}));
}

TEST(TimelineTest, SortEnrollment) {
  MemberTimeline timeline;
  timeline.enrollment = {Span("3/1/MY", "12/31/2050"), Span("1/1/MY-1", "12/31/2050"),
                         Span("1/1/MY-1", "12/31/MY-1")};
  timeline.SortEnrollment();
  EXPECT_EQ(timeline.enrollment[0].end, D("12/31/MY-1"));
  EXPECT_EQ(timeline.enrollment[1].end, D("12/31/2050"));
  EXPECT_EQ(timeline.enrollment[2].start, D("3/1/MY"));
}

TEST(TimelineTest, SmallHelpers) {
  CodedEvent visit;
  visit.date = D("1/1/MY");
  EXPECT_EQ(visit.days(), (DateRange{D("1/1/MY"), D("1/1/MY")}));
  visit.end_date = D("1/10/MY");
  EXPECT_EQ(visit.days().Days(), 10);

  MonthlyMembership record;
  record.run_date = D("7/15/MY");
  EXPECT_EQ(record.Month(), D("7/1/MY"));
  record.payment_date = D("8/3/MY");
  EXPECT_EQ(record.Month(), D("8/1/MY"));

  const EnrollmentSpan span = Span("1/1/MY", "1/31/MY");
  EXPECT_EQ(span.days().Days(), 31);
  // Defaults are what a plain enrollment and a paid claim have.
  EXPECT_EQ(span.product_line, ProductLine::kUnknown);
  EXPECT_FALSE(span.employee);
  EXPECT_EQ(CodedEvent().claim_status, ClaimStatus::kPaid);
  EXPECT_EQ(CodedEvent().source, DataSource::kClaim);
  EXPECT_EQ(Demographics().sex, Sex::kUnknown);
  EXPECT_FALSE(Demographics().death_date.has_value());
}

}  // namespace
}  // namespace hm
