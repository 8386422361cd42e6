#include "tables/values.h"

#include <gtest/gtest.h>

namespace hm::tables {
namespace {

using Kind = RawValue::Kind;

TEST(TableValuesTest, Dates) {
  struct Case {
    RawValue value;
    std::optional<std::string> iso;
  } cases[] = {
      {{"03/15/2026"}, "2026-03-15"},
      {{"3/5/2026"}, "2026-03-05"},
      {{"03-15-2026"}, "2026-03-15"},
      {{"2026-03-15"}, "2026-03-15"},
      {{"2026-03-15T00:00:00"}, "2026-03-15"},
      {{"2026-03-15 00:00:00"}, "2026-03-15"},
      {{"20260315"}, "2026-03-15"},
      {{"46096", 46096, Kind::kNumber}, "2026-03-15"},     // Excel serial
      {{"20260315", 20260315, Kind::kNumber}, "2026-03-15"},
      {{"2026-03-15", 20527, Kind::kDate}, "2026-03-15"},  // a date cell: days since 1970
      {{"13/45/2026"}, std::nullopt},
      {{"02/29/2026"}, std::nullopt},
      {{"3/15/26"}, std::nullopt},
      {{"46096"}, std::nullopt},  // a serial only from a numeric cell
      {{"2026-3-15"}, std::nullopt},
      {{"March 15 2026"}, std::nullopt},
      {{"03/15/2026x"}, std::nullopt},
  };
  for (const Case& c : cases) {
    const auto date = ParseTableDate(c.value);
    ASSERT_EQ(date.has_value(), c.iso.has_value()) << c.value.text;
    if (date) {
      EXPECT_EQ(date->ToIso(), *c.iso) << c.value.text;
    }
  }
}

TEST(TableValuesTest, Months) {
  EXPECT_EQ(ParseTableMonth({"202509"})->ToIso(), "2025-09-01");
  EXPECT_EQ(ParseTableMonth({"202509", 202509, Kind::kNumber})->ToIso(), "2025-09-01");
  EXPECT_EQ(ParseTableMonth({"09/15/2025"})->ToIso(), "2025-09-15");
  EXPECT_FALSE(ParseTableMonth({"202513"}));
  EXPECT_FALSE(ParseTableMonth({"2025"}));
}

TEST(TableValuesTest, Flags) {
  for (const char* yes : {"Y", "y", "Yes", "1", "TRUE", "true"}) EXPECT_EQ(ParseFlag(yes), true) << yes;
  for (const char* no : {"N", "n", "NO", "0", "False"}) EXPECT_EQ(ParseFlag(no), false) << no;
  for (const char* bad : {"", "X", "YY", "2"}) EXPECT_FALSE(ParseFlag(bad)) << bad;
}

TEST(TableValuesTest, Numbers) {
  EXPECT_EQ(ParseInteger("30"), 30);
  EXPECT_EQ(ParseInteger("-1"), -1);
  EXPECT_EQ(ParseInteger("30.0"), 30);
  EXPECT_FALSE(ParseInteger("30.5"));
  EXPECT_FALSE(ParseInteger("thirty"));
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_EQ(ParseDecimal("4.1"), 4.1);
  EXPECT_EQ(ParseDecimal("+2"), 2);
  EXPECT_EQ(ParseDecimal("1e3"), 1000);
  EXPECT_FALSE(ParseDecimal("4.1 ng"));
  EXPECT_FALSE(ParseDecimal("nan"));
  EXPECT_FALSE(ParseDecimal(""));
}

}  // namespace
}  // namespace hm::tables
