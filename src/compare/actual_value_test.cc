#include "compare/actual_value.h"

#include <gtest/gtest.h>

namespace hm::compare {
namespace {

TEST(ActualValueTest, Flags) {
  const struct {
    const char* text;
    std::optional<bool> flag;
  } cases[] = {{"1", true}, {"Y", true}, {" yes ", true}, {"TRUE", true}, {"0", false},
               {"n", false}, {"No", false}, {"false", false}, {"2", std::nullopt},
               {"", std::nullopt}, {"NA", std::nullopt}, {"1.0", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(ReadFlag(c.text), c.flag) << c.text;
}

TEST(ActualValueTest, Integers) {
  const struct {
    const char* text;
    std::optional<std::int64_t> value;
  } cases[] = {{"70", 70},     {" 70 ", 70},         {"+5", 5},           {"-3", -3},
               {"70.0", 70},   {"70.00", 70},        {"70.5", std::nullopt}, {"70.", std::nullopt},
               {"", std::nullopt}, {"seventy", std::nullopt}, {"7 0", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(ReadInteger(c.text), c.value) << c.text;
}

TEST(ActualValueTest, Dates) {
  const Date march15 = *Date::FromYmd(2026, 3, 15);
  const struct {
    const char* text;
    std::optional<Date> date;
  } cases[] = {{"2026-03-15", march15},          {"2026-03-15T00:00:00", march15},
               {"2026-03-15 10:30", march15},    {"03/15/2026", march15},
               {"3/15/2026", march15},           {" 3/15/2026 ", march15},
               {"3/15/26", std::nullopt},        {"2026-02-30", std::nullopt},
               {"13/01/2026", std::nullopt},     {"2026-03-15x", std::nullopt},
               {"ND", std::nullopt},             {"", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(ReadDate(c.text), c.date) << c.text;
}

TEST(ActualValueTest, MatchesByKind) {
  const CheckOptions options;
  const Date jan1 = *Date::FromYmd(2025, 1, 1);
  const struct {
    const char* key;
    Value expected;
    const char* actual;
    bool match;
  } cases[] = {
      {"CE", Flag{true}, "1", true},          {"CE", Flag{true}, "Y", true},
      {"CE", Flag{true}, "0", false},         {"CE", Flag{false}, "N", true},
      {"CE", Flag{true}, "NA", false},        {"AGE_END_REP_YR", std::int64_t{70}, "70", true},
      {"AGE_END_REP_YR", std::int64_t{70}, "69", false},
      {"EXCLUSION_DT", jan1, "01/01/2025", true}, {"EXCLUSION_DT", jan1, "1/1/2025", true},
      {"EXCLUSION_DT", jan1, "2025-01-01", true}, {"EXCLUSION_DT", jan1, "1/2/2025", false},
      {"EXCLUSION_DT", NullValue{}, "NULL", true}, {"EXCLUSION_DT", NullValue{}, "", true},
      {"EXCLUSION_DT", NullValue{}, "na", true},   {"EXCLUSION_DT", NullValue{}, "ND", true},
      {"EXCLUSION_DT", NullValue{}, "1/1/2025", false},
      {"GENDER", std::string("M"), "m", true},  {"GENDER", std::string("M"), "Male", true},
      {"GENDER", std::string("F"), "M", false}, {"PBP_NBR", std::string("PB2"), " pb2 ", true},
      {"PBP_NBR", std::string("NA"), "NA", false},  // NA is NULL, and NULL is no text
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Matches(c.key, c.expected, c.actual, options), c.match)
        << c.key << "=" << ValueToString(c.expected) << " vs '" << c.actual << "'";
  }
}

TEST(ActualValueTest, NullTextsAreAParameter) {
  CheckOptions strict;
  strict.null_texts = {"NULL"};
  EXPECT_FALSE(Matches("EXCLUSION_DT", NullValue{}, "NA", strict));
  EXPECT_TRUE(Matches("EXCLUSION_DT", NullValue{}, "null", strict));
}

TEST(ActualValueTest, ProductLine) {
  EXPECT_EQ(ProductLineOf({{{"PRODUCT_LINE", "Medicaid"}}}), "medicaid");
  EXPECT_EQ(ProductLineOf({{{"LOB", "Marketplace"}}}), "exchange");
  EXPECT_EQ(ProductLineOf({{{"LOB", "HMO"}}}), "");
  EXPECT_EQ(ProductLineOf({{{"PAYER", "MCD"}}}), "");
}

}  // namespace
}  // namespace hm::compare
