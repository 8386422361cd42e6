#include "compare/expectation_check.h"

#include <gtest/gtest.h>

#include "testcase/expected_result.h"

namespace hm::compare {
namespace {

constexpr int kMy = 2026;

ActualRow Row(std::map<std::string, std::string> values) { return ActualRow{std::move(values), 0}; }

// Every case reads an Expected Result cell as QA writes it, so the checker is tested on what the
// reader really produces.
struct Case {
  const char* name;
  const char* cell;
  std::vector<ActualRow> rows;
  Outcome overall;
  const char* status;  // StatusText
};

TEST(ExpectationCheckTest, Cases) {
  const ActualRow member = Row({{"PL", "1"}, {"AG", "1"}, {"CE", "1"}, {"AD", "1"}, {"ED", "1"},
                               {"RE", "0"}, {"NE", "1"}, {"GENDER", "M"}, {"PRODUCT_ID", "3"}});
  const Case cases[] = {
      {"all flags hold", "PL=1, AG=1, CE=1, AD=1, ED=1, RE=0, NE=1", {member}, Outcome::kPass,
       "Pass"},
      {"two flags differ", "PL=1, AG=0, CE=1, RE=1", {member}, Outcome::kFail,
       "Fail: AG expected 0 got 1; RE expected 1 got 0"},
      {"PL is 1 with a line break", "PL is 1\n", {member}, Outcome::kPass, "Pass"},
      {"gender as a word", "AG=1\nAGE_END_REP_YR=70, Gender=Male",
       {Row({{"AG", "1"}, {"AGE_END_REP_YR", "70"}, {"MEM_GENDER", "M"}})}, Outcome::kPass, "Pass"},
      {"NUM read from NE", "NUM=1", {member}, Outcome::kPass, "Pass"},
      {"NE read from NCQA's NUM", "NE=0", {Row({{"NUM", "1"}})}, Outcome::kFail,
       "Fail: NE expected 0 got 1"},
      {"ED read from EVENT", "ED=1", {Row({{"EVENT", "1"}})}, Outcome::kPass, "Pass"},
      {"a key the output lacks", "CE=1, BE=1", {member}, Outcome::kPass, "Pass"},
      {"only keys the output lacks", "BE=1", {member}, Outcome::kNotCheckable,
       "Not checkable: BE: the output has no BE column"},
      {"unknown key", "MED_ELIG_CAT_ID: 2", {member}, Outcome::kNotCheckable,
       "Not checkable: MED_ELIG_CAT_ID: not a key we can check"},
      {"nothing to check", "Not Tested", {member}, Outcome::kNotCheckable,
       "Not checkable: the expected result holds nothing to check"},
      {"absent and absent", "Member should not appear", {}, Outcome::kPass, "Pass"},
      {"absent but present", "Member should not appear", {member, member}, Outcome::kFail,
       "Fail: member should not appear, but has 2 output rows"},
      {"expected but not in output", "CE=1", {}, Outcome::kFail, "Not in output"},
      {"NULL date against ND", "HOSPICE_EXCL=1, RE=1,EXCLUSION_DT=NULL",
       {Row({{"HOSPICE_EXCL", "1"}, {"RE", "1"}, {"EXCLUSION_DT", "ND"}})}, Outcome::kPass, "Pass"},
      {"date in US format", "Exclusion_dt=1/1/MY-1",
       {Row({{"EXCLUSION_DT", "01/01/2025"}})}, Outcome::kPass, "Pass"},
      {"date differs", "Exclusion_dt=1/1/MY-1", {Row({{"EXCLUSION_DT", "2025-01-02"}})},
       Outcome::kFail, "Fail: EXCLUSION_DT expected 2025-01-01 got 2025-01-02"},
      {"flag against NA", "CE=1", {Row({{"CE", "NA"}})}, Outcome::kFail,
       "Fail: CE expected 1 got NA"},
  };
  for (const Case& c : cases) {
    const ExpectedResult expected = testcase::ParseExpected(c.cell, kMy);
    const MemberCheck check = CheckMember(expected, c.rows);
    EXPECT_EQ(check.overall, c.overall) << c.name << ": " << check.summary;
    EXPECT_EQ(StatusText(check), c.status) << c.name;
    ASSERT_EQ(check.items.size(), expected.items.size()) << c.name;
  }
}

// "AD=1, CE=1 and BE=1, product id 2\nAD=1, CE=0 and BE=0, product id 92": each line addresses
// its product's row.
TEST(ExpectationCheckTest, LinesAddressProductRows) {
  const ExpectedResult expected = testcase::ParseExpected(
      "AD=1, CE=1, product id 2\nAD=1, CE=0, product id 92", kMy);
  const std::vector<ActualRow> rows = {Row({{"PRODUCT_ID", "92"}, {"AD", "1"}, {"CE", "1"}}),
                                       Row({{"PRODUCT_ID", "2"}, {"AD", "1"}, {"CE", "1"}})};
  const MemberCheck check = CheckMember(expected, rows);
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_EQ(StatusText(check), "Fail: CE expected 0 got 1");
  EXPECT_EQ(check.actual_text, "AD=1, CE=1, PRODUCT_ID=2\nAD=1, CE=1, PRODUCT_ID=92");
  EXPECT_EQ(check.Count(Outcome::kPass), 5u);
}

TEST(ExpectationCheckTest, AddressWithNoRowFails) {
  const ExpectedResult expected = testcase::ParseExpected("For Product_id=11, CE=1", kMy);
  const MemberCheck check =
      CheckMember(expected, std::vector<ActualRow>{Row({{"PRODUCT_ID", "2"}, {"CE", "1"}})});
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_EQ(check.items[1].detail, "no output row with PRODUCT_ID=11 (the member's rows: 2)");
}

// "For Product_id: 3,\nRACE_ID:1, CE=1": an address alone on its line addresses the next lines.
TEST(ExpectationCheckTest, AddressLineCarriesOver) {
  const ExpectedResult expected = testcase::ParseExpected("For Product_id: 3,\nCE=1", kMy);
  const std::vector<ActualRow> rows = {Row({{"PRODUCT_ID", "3"}, {"CE", "1"}}),
                                       Row({{"PRODUCT_ID", "10"}, {"CE", "0"}})};
  EXPECT_EQ(CheckMember(expected, rows).overall, Outcome::kPass);
}

TEST(ExpectationCheckTest, SeveralRowsWithoutAddress) {
  const ExpectedResult ce = testcase::ParseExpected("CE=1", kMy);
  const std::vector<ActualRow> agree = {Row({{"PRODUCT_ID", "2"}, {"CE", "1"}}),
                                        Row({{"PRODUCT_ID", "3"}, {"CE", "Y"}})};
  EXPECT_EQ(CheckMember(ce, agree).overall, Outcome::kPass);
  const std::vector<ActualRow> differ = {Row({{"PRODUCT_ID", "2"}, {"CE", "1"}}),
                                         Row({{"PRODUCT_ID", "3"}, {"CE", "0"}})};
  const MemberCheck check = CheckMember(ce, differ);
  EXPECT_EQ(check.overall, Outcome::kNotCheckable);
  EXPECT_NE(check.summary.find("rows differ (1 / 0)"), std::string::npos) << check.summary;
}

TEST(ExpectationCheckTest, AllProductLinesMeansEveryRow) {
  const ExpectedResult expected =
      testcase::ParseExpected("For all valid product lines\nHospice_Excl=1, RE=1", kMy);
  std::vector<ActualRow> rows = {Row({{"HOSPICE_EXCL", "1"}, {"RE", "1"}}),
                                 Row({{"HOSPICE_EXCL", "1"}, {"RE", "1"}})};
  EXPECT_EQ(CheckMember(expected, rows).overall, Outcome::kPass);
  rows[1].values["RE"] = "0";
  const MemberCheck check = CheckMember(expected, rows);
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_EQ(check.items[1].actual, "1 / 0");
}

TEST(ExpectationCheckTest, NamedProductLinesPickTheirRows) {
  const ExpectedResult expected = testcase::ParseExpected("For Commercial and Medicaid\nRE=0", kMy);
  const std::vector<ActualRow> rows = {Row({{"PRODUCT_LINE", "Commercial"}, {"RE", "0"}}),
                                       Row({{"PRODUCT_LINE", "Medicare"}, {"RE", "1"}})};
  EXPECT_EQ(CheckMember(expected, rows).overall, Outcome::kPass);
  const std::vector<ActualRow> medicare = {Row({{"PRODUCT_LINE", "Medicare"}, {"RE", "0"}})};
  EXPECT_EQ(CheckMember(expected, medicare).overall, Outcome::kFail);
}

// "For Product_id=92, No member should populate ...": the absence is about product 92's row.
TEST(ExpectationCheckTest, AbsenceScopedToAnAddress) {
  const ExpectedResult expected = testcase::ParseExpected(
      "For Product_id=11, CE=1,BE=1\nFor Product_id=92, No member should populate in Member_PSA "
      "table",
      kMy);
  ASSERT_TRUE(expected.absent);
  const std::vector<ActualRow> good = {Row({{"PRODUCT_ID", "11"}, {"CE", "1"}, {"BE", "1"}})};
  MemberCheck check = CheckMember(expected, good);
  EXPECT_FALSE(check.absent_expected);
  EXPECT_EQ(check.overall, Outcome::kPass) << check.summary;
  std::vector<ActualRow> bad = good;
  bad.push_back(Row({{"PRODUCT_ID", "92"}, {"CE", "1"}, {"BE", "1"}}));
  check = CheckMember(expected, bad);
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_NE(StatusText(check).find("a row with PRODUCT_ID=92 is in the output"), std::string::npos)
      << StatusText(check);
}

// QA's WCC_BE_SINGLE_02: the line that scopes the absence also names a key no output has.
TEST(ExpectationCheckTest, AnAbsenceAddressMayHoldKeysWeCannotCheck) {
  const ExpectedResult expected = testcase::ParseExpected(
      "Product_id=2, Product_rollup_id=1, CE=1, AD=1\nProduct_id=5, Product_rollup_id=1, Will not be "
      "reported",
      kMy);
  ASSERT_TRUE(expected.absent);
  const std::vector<ActualRow> good = {Row({{"PRODUCT_ID", "2"}, {"CE", "1"}, {"AD", "1"}})};
  MemberCheck check = CheckMember(expected, good);
  EXPECT_FALSE(check.absent_expected) << "the absence is product 5's, not the member's";
  EXPECT_EQ(check.overall, Outcome::kPass) << check.summary;
  std::vector<ActualRow> bad = good;
  bad.push_back(Row({{"PRODUCT_ID", "5"}, {"CE", "1"}, {"AD", "0"}}));
  check = CheckMember(expected, bad);
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_NE(StatusText(check).find("a row with PRODUCT_ID=5 is in the output"), std::string::npos)
      << StatusText(check);
}

// QA's WCC_BE_COMMON_PS_03: every "Will not be reported" line is an absence of its own row.
TEST(ExpectationCheckTest, SeveralScopedAbsences) {
  const ExpectedResult expected = testcase::ParseExpected(
      "Product_id=2, Product_rollup_id=1, Will not be reported\nProduct_id=2, Product_rollup_id=9, Will not "
      "be reported\nProduct_id=5, Product_rollup_id=1, CE=1, BE=1\nProduct_id=91, Product_rollup_id=91, "
      "Will not be reported",
      kMy);
  ASSERT_EQ(expected.absence_begins.size(), 3u);
  const std::vector<ActualRow> good = {Row({{"PRODUCT_ID", "5"}, {"CE", "1"}, {"BE", "1"}})};
  MemberCheck check = CheckMember(expected, good);
  EXPECT_FALSE(check.absent_expected);
  EXPECT_EQ(check.overall, Outcome::kPass) << check.summary;
  EXPECT_EQ(check.summary.find("expected 2"), std::string::npos) << check.summary;
  std::vector<ActualRow> bad = good;
  bad.push_back(Row({{"PRODUCT_ID", "91"}, {"CE", "1"}, {"BE", "1"}}));
  check = CheckMember(expected, bad);
  EXPECT_EQ(check.overall, Outcome::kFail);
  EXPECT_NE(StatusText(check).find("a row with PRODUCT_ID=91 is in the output"), std::string::npos)
      << StatusText(check);
}

TEST(ExpectationCheckTest, ItemsAfterAnAbsenceAreNotChecked) {
  const ExpectedResult expected = testcase::ParseExpected("Member should not appear, CE=1", kMy);
  const MemberCheck check = CheckMember(expected, {});
  EXPECT_TRUE(check.absent_expected);
  EXPECT_EQ(check.overall, Outcome::kPass);
  EXPECT_EQ(check.items[0].outcome, Outcome::kNotCheckable);
  EXPECT_EQ(check.actual_text, "Not in output");
}

TEST(ExpectationCheckTest, OtherTableIsNotCheckable) {
  ExpectedResult expected;
  Expectation e;
  e.key = "FILE_ID";
  e.value = std::int64_t{90055};
  e.known = true;
  e.table = "SUPPL_FILE_ID_DETAIL";
  expected.items.push_back(e);
  const MemberCheck check =
      CheckMember(expected, std::vector<ActualRow>{Row({{"FILE_ID", "90055"}})});
  EXPECT_EQ(check.overall, Outcome::kNotCheckable);
  EXPECT_EQ(check.items[0].detail, "about the SUPPL_FILE_ID_DETAIL table");
}

TEST(ExpectationCheckTest, FindValueThroughAliases) {
  const ActualRow row = Row({{"MEMID", "95001"}, {"PRODUCT", "3"}, {"SEX", "F"}});
  ASSERT_NE(FindValue(row, "MEM_NBR"), nullptr);
  EXPECT_EQ(*FindValue(row, "MEM_NBR"), "95001");
  EXPECT_EQ(*FindValue(row, "PRODUCT_ID"), "3");
  EXPECT_EQ(*FindValue(row, "GENDER"), "F");
  EXPECT_EQ(FindValue(row, "CE"), nullptr);
}

}  // namespace
}  // namespace hm::compare
