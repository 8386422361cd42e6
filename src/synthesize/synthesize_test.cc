// Synthesis from scenario text as QA writes it: the stated facts are in the member, the measure
// fills what is unsaid, and the measure engine gives the expected flags.
#include "synthesize/synthesize.h"

#include <filesystem>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "hedis_mockup/measure.h"
#include "synthesize/filler.h"
#include "testcase/expected_result.h"
#include "testing/temp_dir.h"

namespace hm::synthesize {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr int kMy = 2026;

class SynthesizeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::filesystem::path root(testing::SourceDir());
    auto vsd = ValueSetDirectory::Load({(root / "examples" / "vsd").string()}, {});
    ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
    vsd_ = new ValueSetDirectory(*vsd);
  }
  static void TearDownTestSuite() { delete vsd_; }

  CompiledMeasure Measure(const std::string& id) {
    auto text = ShippedMeasureText(id);
    EXPECT_TRUE(text.ok());
    auto m = CompiledMeasure::FromText(*text, id + ".yaml", *vsd_, kMy);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return *m;
  }

  // The scenario as ReadTestCases would give it for a row with this text and expected cell.
  Scenario Read(const std::string& text, const std::string& expected) {
    Scenario s;
    s.sheet = "PSA";
    s.row = 7;
    s.member_id = "M1";
    s.text = text;
    TextReading reading = ReadScenarioText(text, {kMy, vsd_});
    EXPECT_TRUE(reading.unparsed.empty()) << text << ": " << reading.unparsed.front().text;
    s.facts = std::move(reading.facts);
    s.expected = testcase::ParseExpected(expected, kMy);
    return s;
  }

  Result<SynthesizedMember> Make(const std::string& measure_id, const Scenario& s) {
    measure_ = std::make_unique<CompiledMeasure>(Measure(measure_id));
    return Synthesize(s, "M1", 1000, {measure_.get(), vsd_, &DefaultLayout(), kMy});
  }

  // The measure's value for `flag` on the member.
  std::string Flag(const SynthesizedMember& m, const std::string& flag) {
    return measure_->Evaluate(m.timeline).Value(flag);
  }

  static Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

  static ValueSetDirectory* vsd_;
  std::unique_ptr<CompiledMeasure> measure_;
};
ValueSetDirectory* SynthesizeTest::vsd_ = nullptr;

TEST_F(SynthesizeTest, AgeAsOfADateGivesTheBirthdayOnThatDate) {
  auto m = Make("PSA", Read("Verify, if a member is (male) 70 years as of December 31 of the measurement year.", "AG=1"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->timeline.demographics.birth_date, D(1956, 12, 31));
  EXPECT_EQ(m->timeline.demographics.sex, Sex::kMale);
  EXPECT_EQ(Flag(*m, "AG"), "1");
  EXPECT_EQ(Flag(*m, "AGE_END_REP_YR"), "70");
}

TEST_F(SynthesizeTest, UnsaidEnrollmentComesFromTheMeasure) {
  auto m = Make("PSA", Read("Verify, if a member is (male) 72 years as of December 31 of the measurement year.",
                            "PL=1, AG=1, CE=1, AD=1, BE=1"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->timeline.enrollment.size(), 1u);
  const EnrollmentSpan& span = m->timeline.enrollment[0];
  EXPECT_LE(span.start, D(kMy, 1, 1));
  EXPECT_GE(span.end, D(kMy, 12, 31));
  EXPECT_TRUE(span.benefits.Has(Benefit::kMedical));
  EXPECT_FALSE(span.benefits.Has(Benefit::kHospice));
  EXPECT_FALSE(m->defaults.empty());
  for (const char* flag : {"PL", "AG", "CE", "AD", "BE"}) EXPECT_EQ(Flag(*m, flag), "1") << flag;
}

TEST_F(SynthesizeTest, StatedGapsAreCutFromTheLastPeriod) {
  auto one = Make("PSA", Read("Member is (male) 70 years as of December 31 of the measurement year with 1 gap of 45 days", "CE=1"));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->timeline.enrollment.size(), 2u);
  EXPECT_EQ(one->timeline.enrollment[0].end, D(kMy, 3, 31));
  EXPECT_EQ(one->timeline.enrollment[1].start, D(kMy, 5, 16));  // Apr 1..May 15 uncovered: 45 days
  EXPECT_EQ(Flag(*one, "CE"), "1");

  auto longer = Make("PSA", Read("Member is (male) 70 years as of December 31 of the measurement year with 1 gap of 46 days", "CE=0"));
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(Flag(*longer, "CE"), "0");

  auto two = Make("PSA", Read("Member is (male) 70 years as of December 31 of the measurement year with 2 gaps of 20 days", "CE=0"));
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->timeline.enrollment.size(), 3u);
  EXPECT_EQ(two->timeline.enrollment[1].start, D(kMy, 4, 21));
  EXPECT_EQ(two->timeline.enrollment[1].end, D(kMy, 8, 31));
  EXPECT_EQ(Flag(*two, "CE"), "0");
}

TEST_F(SynthesizeTest, StatedEventsGetCodesOfTheirValueSetOnTheirDates) {
  auto m = Make("PSA", Read("Member is (male) 70 years as of December 31 of the measurement year. "
                            "PSA Lab Test Value Set on 3/15/MY -- Suppl", "NE=0, SNE=0"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->timeline.events.size(), 1u);
  const CodedEvent& e = m->timeline.events[0];
  EXPECT_EQ(e.date, D(kMy, 3, 15));
  EXPECT_EQ(e.source, DataSource::kSupplemental);
  EXPECT_EQ(m->event_value_sets[0], "PSA Lab Test");
  const ValueSet* set = vsd_->Find("PSA Lab Test");
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(vsd_->Contains(*set, e.system, e.code));
  EXPECT_FALSE(e.file_id.empty());
  EXPECT_EQ(DefaultLayout().SourceFor(*DefaultLayout().Find(e.table), e.file_id), DataSource::kSupplemental);
  // PSA never counts supplemental data for its numerator.
  EXPECT_EQ(Flag(*m, "NE"), "0");
  EXPECT_EQ(Flag(*m, "SNE"), "0");
}

// An event that does not say where it comes from is supplemental when the expected numerator flags
// need it (QA's PSA_SNE_01: "PSA Lab Tests Value Set: 1/1/MY", NE=0), and primary otherwise.
TEST_F(SynthesizeTest, AnUnsaidSourceFollowsTheExpectedNumerator) {
  const std::string member = "Member is (male) 70 years as of December 31 of the measurement year. ";
  auto source = [&](const std::string& measure, const std::string& text, const std::string& expected) {
    auto m = Make(measure, Read(member + text, expected));
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() && !m->timeline.events.empty() ? m->timeline.events[0].source : DataSource::kEmr;
  };
  EXPECT_EQ(source("PSA", "PSA Lab Test Value Set on 1/1/MY", "NE=0"), DataSource::kSupplemental);
  EXPECT_EQ(source("PSA", "PSA Lab Test Value Set on 1/1/MY", "NE=1"), DataSource::kClaim);
  // Outside the numerator's window the source changes nothing: primary, as usual.
  EXPECT_EQ(source("PSA", "PSA Lab Test Value Set on 12/31/MY-1", "NE=0"), DataSource::kClaim);
  // A stated source or FILE_ID is kept, even against the expectation.
  EXPECT_EQ(source("PSA", "PSA Lab Test Value Set on 1/1/MY -- Primary", "NE=0"), DataSource::kClaim);
  auto m = Make("PSA", Read(member + "PSA Lab Test Value Set on 1/1/MY", "NE=0, NUMERATOR_DT=NULL"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(Flag(*m, "NE"), "0");
  EXPECT_EQ(Flag(*m, "NUMERATOR_DT"), "NULL");
  EXPECT_THAT(m->defaults, Contains(HasSubstr("from supplemental data, as the expected numerator flags need")));
  // A numerator that counts supplemental data: SNE2=1 makes the event supplemental.
  const std::string child = "Member is 10 years as of December 31 of the measurement year. ";
  auto wcc = Make("WCC", Read(child + "Nutrition Counseling Value Set: 1/1/MY", "SNE2=1"));
  ASSERT_TRUE(wcc.ok()) << wcc.status().ToString();
  ASSERT_FALSE(wcc->timeline.events.empty());
  EXPECT_EQ(wcc->timeline.events[0].source, DataSource::kSupplemental);
  EXPECT_EQ(Flag(*wcc, "NE2"), "0");
  EXPECT_EQ(Flag(*wcc, "SNE2"), "1");
}

// A picked code is one no other value set of the measure holds where there is one: the sample VSD
// has G0447 in both Nutrition Counseling and Physical Activity Counseling, which would meet NE2
// too (QA's WCC_NE_RE_11).
TEST_F(SynthesizeTest, APickedCodeMeetsNoCriterionTheScenarioDoesNotState) {
  const std::string child = "Member is 10 years as of December 31 of the measurement year. ";
  auto m = Make("WCC", Read(child + "Physical Activity Counseling Value Set: 1/1/MY", "NE3=1, NE2=0"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_FALSE(m->timeline.events.empty());
  const CodedEvent& e = m->timeline.events[0];
  const ValueSet* physical = vsd_->Find("Physical Activity Counseling");
  const ValueSet* nutrition = vsd_->Find("Nutrition Counseling");
  ASSERT_NE(physical, nullptr);
  ASSERT_NE(nutrition, nullptr);
  ASSERT_TRUE(vsd_->Contains(*nutrition, CodeSystem::kHcpcs, "G0447"));
  EXPECT_TRUE(vsd_->Contains(*physical, e.system, e.code_as_written));
  EXPECT_FALSE(vsd_->Contains(*nutrition, e.system, e.code_as_written)) << e.code_as_written;
  EXPECT_EQ(Flag(*m, "NE3"), "1");
  EXPECT_EQ(Flag(*m, "NE2"), "0");
}

TEST_F(SynthesizeTest, ExpectedNumeratorWithoutAnEventGetsTheMeasuresEvent) {
  auto m = Make("PSA", Read("Member is (male) 71 years as of December 31 of the measurement year.", "NE=1"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_FALSE(m->timeline.events.empty());
  EXPECT_EQ(Flag(*m, "NE"), "1");
  auto none = Make("PSA", Read("Member is (male) 71 years as of December 31 of the measurement year.", "NE=0"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->timeline.events.empty());
  EXPECT_EQ(Flag(*none, "NE"), "0");
}

TEST_F(SynthesizeTest, DeniedAndNotEnrolledOnTheAnchorDate) {
  auto m = Make("PSA", Read("Member is (male) 70 years as of December 31 of the measurement year. "
                            "PSA Lab Test Value Set on 3/15/MY with CLAIM_DEN=Y", "NE=0"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->timeline.events.size(), 1u);
  EXPECT_EQ(m->timeline.events[0].claim_status, ClaimStatus::kDenied);
  // The denial is what keeps it out of the numerator: the claim stays a primary one.
  EXPECT_EQ(m->timeline.events[0].source, DataSource::kClaim);
  EXPECT_EQ(Flag(*m, "NE"), "0");
}

// A value the scenario leaves unsaid comes from the measure's test on the set; a stated NULL stays
// empty; a file id the layout gives one table puts the event there.
TEST_F(SynthesizeTest, UnsaidValuesComeFromTheMeasureAndFileIdsPickTheTable) {
  const std::string man = "Member is (male) 75 years as of December 31 of the measurement year. ";
  auto m = Make("PSA", Read(man + "PSA Lab Test Exclusion Value Set: 1/1/MY-1", "RE=1"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->timeline.events.size(), 1u);
  ASSERT_TRUE(m->timeline.events[0].value.has_value());
  EXPECT_GT(*m->timeline.events[0].value, 4.0);
  EXPECT_EQ(Flag(*m, "RE"), "1");

  auto null = Make("PSA", Read(man + "PSA Lab Test Exclusion Value Set: 1/1/MY-1 LAB_VALUE : NULL", "RE=0"));
  ASSERT_TRUE(null.ok()) << null.status().ToString();
  ASSERT_EQ(null->timeline.events.size(), 1u);
  EXPECT_FALSE(null->timeline.events[0].value.has_value());
  EXPECT_EQ(Flag(*null, "RE"), "0");

  auto emr = Make("PSA", Read(man + "Prostate Cancer and History of Prostate Cancer Value Set: 1/1/MY "
                                    "(file_id : 18055, Claim_id: ABC)", "RE=1"));
  ASSERT_TRUE(emr.ok()) << emr.status().ToString();
  ASSERT_EQ(emr->timeline.events.size(), 1u);
  EXPECT_EQ(emr->timeline.events[0].table, SourceTable::kEmr);
  EXPECT_EQ(emr->timeline.events[0].source, DataSource::kSupplemental);
}

// An open age range leaves the age free above its minimum; the expected AG decides.
TEST_F(SynthesizeTest, AnOpenAgeRangeTakesTheAgeTheExpectationNeeds) {
  const std::string text = "Verify if a member has BMI Percentile Value Set: 1/1/MY Source - Primary - Age Range (17+)";
  auto out = Make("WCC", Read(text, "NE1=0, AG=0"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(Flag(*out, "AGE_END_REP_YR"), "18");
  EXPECT_EQ(Flag(*out, "AG"), "0");
  auto in = Make("WCC", Read(text, "NE1=1"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(Flag(*in, "AGE_END_REP_YR"), "17");
  EXPECT_EQ(Flag(*in, "AG"), "1");
  // AG unsaid and no numerator met (QA's WCC_NE3_08): outside the range too.
  auto none = Make("WCC", Read(text, "NE1=0, SNE1=0"));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(Flag(*none, "AGE_END_REP_YR"), "18");
  EXPECT_EQ(Flag(*none, "NE1"), "0");
  // AG=1 said: inside, whatever the numerators.
  auto said = Make("WCC", Read(text, "AG=1, NE1=0"));
  ASSERT_TRUE(said.ok()) << said.status().ToString();
  EXPECT_EQ(Flag(*said, "AGE_END_REP_YR"), "17");
}

TEST_F(SynthesizeTest, AValueSetTheVsdLacksIsAnErrorNamingTheRow) {
  Scenario s = Read("Member is (male) 70 years as of December 31 of the measurement year.", "AG=1");
  EventFact e;
  e.value_set = "Frobnicate Test";
  e.dates = {D(kMy, 3, 1)};
  Fact fact;
  fact.body = e;
  s.facts.push_back(fact);
  auto m = Make("PSA", s);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("sheet 'PSA' row 7"), std::string::npos) << m.status().message();
  EXPECT_NE(m.status().message().find("Frobnicate"), std::string::npos);
}

TEST_F(SynthesizeTest, AnAgeThatContradictsTheBirthDateIsAnError) {
  Scenario s = Read("Member is (male) 70 years as of December 31 of the measurement year.", "AG=1");
  Fact fact;
  fact.body = BirthDateFact{D(1950, 1, 1)};
  s.facts.push_back(fact);
  auto m = Make("PSA", s);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("contradicts the birth date"), std::string::npos) << m.status().message();
}

TEST_F(SynthesizeTest, TheSameInputsGiveTheSameMember) {
  const Scenario s = Read("Member is (male) 70 years as of December 31 of the measurement year. "
                          "PSA Lab Test Value Set on 3/15/MY", "NE=1");
  auto a = Make("PSA", s);
  auto b = Make("PSA", s);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->timeline.events.size(), b->timeline.events.size());
  EXPECT_EQ(a->timeline.events[0].code, b->timeline.events[0].code);
  EXPECT_EQ(a->timeline.events[0].claim_id, b->timeline.events[0].claim_id);
}

TEST(FillerTest, SeedChangesFillerOnlyAndNamesNeverRepeat) {
  Demographics a, b, c;
  Filler(DefaultLayout(), 1).Fill(a, 0);
  Filler(DefaultLayout(), 1).Fill(b, 0);
  Filler(DefaultLayout(), 2).Fill(c, 0);
  EXPECT_EQ(a.extra, b.extra);
  EXPECT_EQ(a.first_name + a.last_name, b.first_name + b.last_name);
  EXPECT_NE(a.extra, c.extra);
  std::set<std::string> names;
  for (std::size_t i = 0; i < 2000; ++i) {
    Demographics d;
    Filler(DefaultLayout(), 7).Fill(d, i);
    EXPECT_TRUE(names.insert(d.first_name + " " + d.middle_name + " " + d.last_name).second) << i;
    EXPECT_EQ(d.extra.at("MEM_PHONE").substr(0, 6), "555-01");
  }
}

}  // namespace
}  // namespace hm::synthesize
