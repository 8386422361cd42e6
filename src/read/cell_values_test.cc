#include "read/cell_values.h"

#include <gtest/gtest.h>

namespace hm::read {
namespace {

TEST(ParseCellRefTest, ReadsReferences) {
  struct Case {
    const char* ref;
    std::int64_t row, column;
  };
  const Case cases[] = {
      {"A1", 1, 1},      {"Z9", 9, 26},     {"AA10", 10, 27}, {"XFD1048576", 1048576, 16384},
      {"$B$3", 3, 2},    {"b2", 2, 2},      {"C", 0, 3},      {"12", 12, 0},
  };
  for (const Case& c : cases) {
    const auto ref = ParseCellRef(c.ref);
    ASSERT_TRUE(ref.has_value()) << c.ref;
    EXPECT_EQ(ref->row, c.row) << c.ref;
    EXPECT_EQ(ref->column, c.column) << c.ref;
  }
}

TEST(ParseCellRefTest, RefusesMalformedReferences) {
  for (const char* ref : {"", "1A", "A0", "A-1", "$", "A1:", "A 1", "A1B"}) {
    EXPECT_FALSE(ParseCellRef(ref).has_value()) << "'" << ref << "'";
  }
}

TEST(ParseCellRefTest, SaturatesAbsurdNumbersInsteadOfOverflowing) {
  const auto ref = ParseCellRef("ZZZZZZZZZZZZZZZZZZZZ99999999999999999999999");
  ASSERT_TRUE(ref.has_value());
  EXPECT_GT(ref->row, 1'000'000'000);
  EXPECT_GT(ref->column, 1'000'000'000);
}

TEST(ParseRangeRefTest, ReadsRangesInEitherOrder) {
  struct Case {
    const char* ref;
    CellRange range;
  };
  const Case cases[] = {
      {"A1:C3", {1, 1, 3, 3}},
      {"C3:A1", {1, 1, 3, 3}},
      {"B2", {2, 2, 2, 2}},
      {"B2:B10", {2, 2, 10, 2}},
  };
  for (const Case& c : cases) {
    const auto range = ParseRangeRef(c.ref);
    ASSERT_TRUE(range.has_value()) << c.ref;
    EXPECT_EQ(range->first_row, c.range.first_row) << c.ref;
    EXPECT_EQ(range->first_column, c.range.first_column) << c.ref;
    EXPECT_EQ(range->last_row, c.range.last_row) << c.ref;
    EXPECT_EQ(range->last_column, c.range.last_column) << c.ref;
  }
  for (const char* ref : {"A:B", "1:2", "A1:", ":B2", "A1:B2:C3"}) {
    EXPECT_FALSE(ParseRangeRef(ref).has_value()) << ref;
  }
}

TEST(SerialToUnixDaysTest, HandlesBothDateSystemsAndTheFakeLeapDay) {
  struct Case {
    double serial;
    bool date1904;
    const char* text;
  };
  const Case cases[] = {
      {1, false, "1900-01-01"},      {59, false, "1900-02-28"},
      {61, false, "1900-03-01"},     {25569, false, "1970-01-01"},
      {60.5, false, ""},             {-1, false, ""},
      {45658, false, "2025-01-01"},  {44197.5, false, "2021-01-01T12:00:00"},
      {0, true, "1904-01-01"},       {1462, false, "1904-01-01"},
      {44197, true, "2025-01-02"},   {0.75, true, "1904-01-01T18:00:00"},
  };
  for (const Case& c : cases) {
    const auto days = SerialToUnixDays(c.serial, c.date1904);
    EXPECT_EQ(days ? FormatUnixDays(*days) : "", c.text)
        << c.serial << (c.date1904 ? " (1904)" : " (1900)");
  }
}

TEST(IsoToUnixDaysTest, ReadsIsoDates) {
  struct Case {
    const char* iso;
    const char* text;
  };
  const Case cases[] = {{"2024-01-15", "2024-01-15"},
                        {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59"},
                        {"1969-12-31T06:00", "1969-12-31T06:00:00"},
                        {"2024-01-15T10:30:00.000", "2024-01-15T10:30:00"}};
  for (const Case& c : cases) {
    const auto days = IsoToUnixDays(c.iso);
    ASSERT_TRUE(days.has_value()) << c.iso;
    EXPECT_EQ(FormatUnixDays(*days), c.text) << c.iso;
  }
  for (const char* bad : {"2024-13-01", "2023-02-29", "2024-04-31", "2024-1-5", "hello", "2024-01-15T", "2024-01-15 10:30",
                          "2024-01-15T25:00", ""}) {
    EXPECT_FALSE(IsoToUnixDays(bad).has_value()) << bad;
  }
}

TEST(FormatUnixDaysTest, FormatsDatesTimesAndAbsurdValues) {
  EXPECT_EQ(FormatUnixDays(0), "1970-01-01");
  EXPECT_EQ(FormatUnixDays(-1), "1969-12-31");
  EXPECT_EQ(FormatUnixDays(0.25), "1970-01-01T06:00:00");
  EXPECT_EQ(FormatUnixDays(-0.25), "1969-12-31T18:00:00");
  EXPECT_EQ(FormatUnixDays(1e300), "1e+300");
}

TEST(DateFormatTest, RecognisesBuiltInDateFormats) {
  for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}) {
    EXPECT_TRUE(IsBuiltinDateFormat(id)) << id;
  }
  for (int id : {0, 1, 2, 4, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49, 164}) {
    EXPECT_FALSE(IsBuiltinDateFormat(id)) << id;
  }
}

TEST(DateFormatTest, RecognisesCustomDateFormatCodes) {
  for (const char* code : {"yyyy-mm-dd", "m/d/yy h:mm", "[$-409]mmmm d, yyyy;@", "hh:mm:ss",
                           "[h]:mm", "DD/MM/YYYY", "d-mmm"}) {
    EXPECT_TRUE(IsDateFormatCode(code)) << code;
  }
  for (const char* code : {"0.00", "#,##0", "\"days\" 0", "[Red]0.00", "General", "0.00E+00",
                           "\\d0", "_(* #,##0_);_(* (#,##0)", "@", "0 \"hrs", "[Red"}) {
    EXPECT_FALSE(IsDateFormatCode(code)) << code;
  }
}

TEST(DecodeOoxmlEscapesTest, DecodesEscapes) {
  struct Case {
    std::string stored, decoded;
  };
  const Case cases[] = {
      {"a_x000D_\nb", "a\nb"},        {"tab_x0009_here", "tab\there"},
      {"x_x005F_x0041_", "x_x0041_"}, {"plain_text", "plain_text"},
      {"caf_x00E9_", "caf\xC3\xA9"},  {"_xZZZZ_", "_xZZZZ_"},
      {"_x0041", "_x0041"},           {"_x20AC_", "\xE2\x82\xAC"},
      {"_xD800_", "\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    std::string text = c.stored;
    DecodeOoxmlEscapes(text);
    EXPECT_EQ(text, c.decoded) << c.stored;
  }
}

}  // namespace
}  // namespace hm::read
