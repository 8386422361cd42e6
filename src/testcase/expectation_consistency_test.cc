#include "testcase/expectation_consistency.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testcase/expected_result.h"

namespace hm::testcase {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kMy = 2026;

Scenario Row(std::vector<Fact> facts, std::string_view expected) {
  Scenario s;
  s.member_id = "PSA_TEST";
  s.facts = std::move(facts);
  s.expected = ParseExpected(expected, kMy);
  return s;
}

Fact Born(int y, int m, int d) { return Fact{BirthDateFact{*Date::FromYmd(y, m, d)}}; }

std::vector<std::string> Check(const Scenario& s) {
  std::vector<std::string> attention;
  CheckExpectationsAgainstFacts(s, kMy, attention);
  return attention;
}

// QA's PSA_RE_PCVS_01_01: born 1/1/1950, so 76 on 12/31/2026, but AGE_END_REP_YR=77 expected.
TEST(ExpectationConsistency, ExpectedAgeAgainstTheBirthDate) {
  EXPECT_THAT(Check(Row({Born(1950, 1, 1)}, "RE=1, AGE_END_REP_YR=77")),
              ElementsAre(HasSubstr("expected AGE_END_REP_YR=77 contradicts the birth date 01/01/1950 (age 76")));
  EXPECT_THAT(Check(Row({Born(1950, 1, 1)}, "RE=1, AGE_END_REP_YR=76")), IsEmpty());
  // Born on Dec 31: the birthday itself counts.
  EXPECT_THAT(Check(Row({Born(1949, 12, 31)}, "AGE_END_REP_YR=77")), IsEmpty());
  // No birth date stated: the generator derives one from the expected age.
  EXPECT_THAT(Check(Row({}, "AGE_END_REP_YR=77")), IsEmpty());
}

TEST(ExpectationConsistency, ExpectedAgeAgainstAStatedAgeOnTheLastDayOfTheMy) {
  const Fact seventy{AgeFact{70, *Date::FromYmd(kMy, 12, 31)}};
  EXPECT_THAT(Check(Row({seventy}, "AG=1\nAGE_END_REP_YR=71")),
              ElementsAre(HasSubstr("contradicts the stated age 70 on 12/31/2026")));
  EXPECT_THAT(Check(Row({seventy}, "AG=1\nAGE_END_REP_YR=70")), IsEmpty());
  // An age on another day says nothing certain about Dec 31.
  const Fact on_jan1{AgeFact{70, *Date::FromYmd(kMy, 1, 1)}};
  EXPECT_THAT(Check(Row({on_jan1}, "AGE_END_REP_YR=71")), IsEmpty());
}

// QA's PSA_RE_PLTEVS_45: "RE=0, AGE_END_REP_YR=77 / Exclusion_dt=1/1/MY-1".
TEST(ExpectationConsistency, NoExclusionDateWithoutTheExclusion) {
  EXPECT_THAT(Check(Row({}, "RE=0, AGE_END_REP_YR=77\nExclusion_dt=1/1/MY-1")),
              ElementsAre(HasSubstr("expected RE=0 with EXCLUSION_DT=2025-01-01")));
  EXPECT_THAT(Check(Row({}, "RE=0\nExclusion_dt=NULL")), IsEmpty());
  EXPECT_THAT(Check(Row({}, "RE=1\nExclusion_dt=1/1/MY-1")), IsEmpty());
}

// QA's WCC_CE_PROD_SWTICH_13: rows with values, then "member will not be available".
TEST(ExpectationConsistency, ValuesThenTheWholeMemberAbsent) {
  EXPECT_THAT(Check(Row({}, "Product_id=2, AD=0,CE=0\nProduct_id=3 PL=0\nmember will not be available in "
                            "member_xxx table")),
              ElementsAre(HasSubstr("gives AD=0 and then says the member is absent")));
  // An absence scoped to the row its line names, and an absence first, are fine.
  EXPECT_THAT(Check(Row({}, "Product_id=2, CE=1\nProduct_id=5, Product_rollup_id=1, Will not be reported")),
              IsEmpty());
  EXPECT_THAT(Check(Row({}, "Product_ID=2, CE=1\nProduct_ID=3 will not appear")), IsEmpty());
  EXPECT_THAT(Check(Row({}, "Member should not appear, CE=1")), IsEmpty());
}

// QA's PSA_RE_BH_ENROLL_05: rows per plan, but the enrollment lines name products, not plans.
TEST(ExpectationConsistency, RowsOfPlansTheScenarioDoesNotState) {
  EnrollmentFact product3, product2;
  product3.product_ids = {"3"};
  product2.product_ids = {"2"};
  const std::string cell = "HOSPICE_EXCL=1, RE=1, PLAN_ID=1\nHOSPICE_EXCL=0, RE=0, PLAN_ID=2";
  EXPECT_THAT(Check(Row({Fact{product3}, Fact{product2}}, cell)),
              ElementsAre(HasSubstr("rows for plans 1, 2 but the scenario says of no record which plan")));
  product3.plan = "1";
  product2.plan = "2";
  EXPECT_THAT(Check(Row({Fact{product3}, Fact{product2}}, cell)), IsEmpty());
}

// Rows of two products may rightly differ: one excluded with a date, the other not.
TEST(ExpectationConsistency, RowsOfSeveralProductsAreNotComparedWithEachOther) {
  EXPECT_THAT(Check(Row({}, "Product_ID=11, RE=1, Exclusion_dt=1/1/MY\nProduct_ID=92, RE=0")), IsEmpty());
}

}  // namespace
}  // namespace hm::testcase
