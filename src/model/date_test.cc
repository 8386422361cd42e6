#include "hedis_mockup/date.h"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace hm {
namespace {

// Test dates are written as ISO text so a failing case reads like the table.
Date D(int y, int m, int d) {
  std::optional<Date> date = Date::FromYmd(y, m, d);
  EXPECT_TRUE(date.has_value()) << y << "-" << m << "-" << d;
  return date.value_or(Date());
}

std::string Iso(const std::optional<Date>& date) { return date ? date->ToIso() : "none"; }

TEST(DateTest, FromYmdValidatesCalendar) {
  struct Case {
    int y, m, d;
    bool valid;
  };
  const Case cases[] = {
      {2024, 2, 29, true},   // divisible by 4: leap
      {2100, 2, 29, false},  // divisible by 100 only: common
      {2000, 2, 29, true},   // divisible by 400: leap
      {2026, 2, 29, false},  {2026, 2, 28, true},   {2026, 4, 31, false}, {2026, 4, 30, true},
      {2026, 1, 31, true},   {2026, 1, 32, false},  {2026, 1, 0, false},  {2026, 0, 1, false},
      {2026, 13, 1, false},  {2026, 257, 1, false},  // 257 would wrap to 1 in an unsigned char
      {2026, 1, 257, false}, {1, 1, 1, true},       {9999, 12, 31, true}, {0, 12, 31, false},
      {10000, 1, 1, false},  {-1, 1, 1, false},     {2026, -1, 1, false},
  };
  for (const Case& c : cases) {
    const std::optional<Date> date = Date::FromYmd(c.y, c.m, c.d);
    EXPECT_EQ(date.has_value(), c.valid) << c.y << "-" << c.m << "-" << c.d;
    if (date && c.valid) {
      EXPECT_EQ(date->year(), c.y);
      EXPECT_EQ(date->month(), c.m);
      EXPECT_EQ(date->day(), c.d);
    }
  }
}

TEST(DateTest, DayNumbersAreConsecutiveAcrossMonthsAndYears) {
  EXPECT_EQ(D(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date().days(), 0);
  EXPECT_EQ(D(1969, 12, 31).days(), -1);
  Date previous = D(1899, 12, 31);
  for (int day = previous.days() + 1; day <= D(2101, 1, 1).days(); ++day) {
    const Date date = *Date::FromDays(day);
    const Date again = *Date::FromYmd(date.year(), date.month(), date.day());
    ASSERT_EQ(again, date) << date.ToIso();
    ASSERT_EQ(date - previous, 1) << date.ToIso();
    previous = date;
  }
}

TEST(DateTest, FromDaysRefusesOutsideYears1To9999) {
  EXPECT_EQ(Iso(Date::FromDays(Date::Min().days())), "0001-01-01");
  EXPECT_EQ(Iso(Date::FromDays(Date::Max().days())), "9999-12-31");
  EXPECT_FALSE(Date::FromDays(std::int64_t{Date::Min().days()} - 1));
  EXPECT_FALSE(Date::FromDays(std::int64_t{Date::Max().days()} + 1));
  EXPECT_FALSE(Date::FromDays(std::numeric_limits<std::int64_t>::max()));
  EXPECT_FALSE(Date::FromDays(std::numeric_limits<std::int64_t>::min()));
}

TEST(DateTest, FromExcelSerial) {
  struct Case {
    double serial;
    bool date1904;
    std::string expected;  // ISO or "none"
  };
  const double kNan = std::numeric_limits<double>::quiet_NaN();
  const double kInf = std::numeric_limits<double>::infinity();
  const Case cases[] = {
      {1, false, "1900-01-01"},
      {2, false, "1900-01-02"},
      {59, false, "1900-02-28"},
      {60, false, "none"},  // Excel's fake 1900-02-29
      {61, false, "1900-03-01"},
      {25569, false, "1970-01-01"},
      {45658, false, "2025-01-01"},
      {46096, false, "2026-03-15"},
      {46096.75, false, "2026-03-15"},  // the fraction is a time of day
      {2958465, false, "9999-12-31"},
      {2958466, false, "none"},
      {0, false, "none"},
      {0.5, false, "none"},
      {-1, false, "none"},
      {kNan, false, "none"},
      {kInf, false, "none"},
      {-kInf, false, "none"},
      {1e300, false, "none"},
      {0, true, "1904-01-01"},
      {1, true, "1904-01-02"},
      {60, true, "1904-03-01"},
      {44196, true, "2025-01-01"},
      {-1, true, "none"},
      {2957003, true, "9999-12-31"},
      {2957004, true, "none"},
      {kNan, true, "none"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Iso(Date::FromExcelSerial(c.serial, c.date1904)), c.expected)
        << c.serial << (c.date1904 ? " (1904)" : " (1900)");
  }
}

TEST(DateTest, ExcelSerialRoundTrips) {
  for (int serial = 1; serial < 70000; ++serial) {
    if (serial == 60) continue;
    const std::optional<Date> date = Date::FromExcelSerial(serial);
    ASSERT_TRUE(date) << serial;
    ASSERT_EQ(date->ToExcelSerial(), serial) << serial;
  }
  EXPECT_EQ(D(1899, 12, 31).ToExcelSerial(), 0);
  EXPECT_EQ(Date::Max().ToExcelSerial(), 2958465);
}

TEST(DateTest, Formats) {
  struct Case {
    Date date;
    const char* iso;
    const char* us;
  };
  const Case cases[] = {
      {D(2026, 3, 5), "2026-03-05", "03/05/2026"},
      {D(2026, 12, 31), "2026-12-31", "12/31/2026"},
      {Date::Min(), "0001-01-01", "01/01/0001"},
      {Date::Max(), "9999-12-31", "12/31/9999"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.date.ToIso(), c.iso);
    EXPECT_EQ(c.date.ToUs(), c.us) << c.iso;
  }
}

TEST(DateTest, ArithmeticAndComparison) {
  EXPECT_EQ(D(2025, 12, 31) + 1, D(2026, 1, 1));
  EXPECT_EQ(D(2026, 1, 1) - 1, D(2025, 12, 31));
  EXPECT_EQ(D(2024, 2, 28) + 1, D(2024, 2, 29));
  EXPECT_EQ(D(2026, 2, 28) + 1, D(2026, 3, 1));
  EXPECT_EQ(D(2026, 12, 31) - D(2026, 1, 1), 364);
  EXPECT_EQ(D(2024, 12, 31) - D(2024, 1, 1), 365);
  EXPECT_EQ(D(2026, 1, 1) - D(2026, 12, 31), -364);
  Date d = D(2026, 1, 31);
  d += 29;
  EXPECT_EQ(d, D(2026, 3, 1));
  d -= 1;
  EXPECT_EQ(d, D(2026, 2, 28));
  EXPECT_LT(D(2025, 12, 31), D(2026, 1, 1));
  EXPECT_GT(D(2026, 1, 2), D(2026, 1, 1));
  EXPECT_LE(D(2026, 1, 1), D(2026, 1, 1));
  EXPECT_NE(D(2026, 1, 1), D(2026, 1, 2));
}

TEST(DateTest, DateRange) {
  const DateRange one{D(2026, 1, 1), D(2026, 1, 1)};
  EXPECT_EQ(one.Days(), 1);
  EXPECT_FALSE(one.empty());
  const DateRange my{D(2026, 1, 1), D(2026, 12, 31)};
  EXPECT_EQ(my.Days(), 365);
  EXPECT_TRUE(my.Contains(D(2026, 1, 1)));
  EXPECT_TRUE(my.Contains(D(2026, 12, 31)));
  EXPECT_FALSE(my.Contains(D(2025, 12, 31)));
  EXPECT_FALSE(my.Contains(D(2027, 1, 1)));
  const DateRange none{D(2026, 1, 2), D(2026, 1, 1)};
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.Days(), 0);
  EXPECT_FALSE(none.Contains(D(2026, 1, 1)));
}

TEST(DateTest, AgeOnCountsCompletedYears) {
  struct Case {
    Date birth, on;
    LeapDayBirthday rule;
    int age;
  };
  const auto kMar1 = LeapDayBirthday::kMarch1;
  const auto kFeb28 = LeapDayBirthday::kFeb28;
  const Case cases[] = {
      // The day before, of and after the 70th birthday.
      {D(1956, 12, 31), D(2026, 12, 30), kMar1, 69},
      {D(1956, 12, 31), D(2026, 12, 31), kMar1, 70},
      {D(1956, 12, 31), D(2027, 1, 1), kMar1, 70},
      {D(1956, 1, 1), D(2026, 12, 31), kMar1, 70},
      {D(1955, 12, 31), D(2026, 12, 31), kMar1, 71},
      {D(2026, 5, 1), D(2026, 5, 1), kMar1, 0},
      {D(2026, 5, 1), D(2026, 4, 30), kMar1, -1},  // not born yet
      // February 29 births: common years under both rules, leap years the same under both.
      {D(2000, 2, 29), D(2025, 2, 28), kMar1, 24},
      {D(2000, 2, 29), D(2025, 2, 28), kFeb28, 25},
      {D(2000, 2, 29), D(2025, 3, 1), kMar1, 25},
      {D(2000, 2, 29), D(2025, 3, 1), kFeb28, 25},
      {D(2000, 2, 29), D(2025, 2, 27), kFeb28, 24},
      {D(2000, 2, 29), D(2024, 2, 28), kMar1, 23},
      {D(2000, 2, 29), D(2024, 2, 28), kFeb28, 23},
      {D(2000, 2, 29), D(2024, 2, 29), kMar1, 24},
      {D(2000, 2, 29), D(2024, 2, 29), kFeb28, 24},
      {D(2000, 2, 29), D(2100, 2, 28), kMar1, 99},  // 2100 is common
      {D(2000, 2, 29), D(2100, 3, 1), kMar1, 100},
      // A Feb 28 birth is unaffected by the rule.
      {D(2001, 2, 28), D(2024, 2, 28), kFeb28, 23},
      {D(2001, 2, 28), D(2024, 2, 27), kMar1, 22},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AgeOn(c.birth, c.on, c.rule), c.age)
        << c.birth.ToIso() << " on " << c.on.ToIso()
        << (c.rule == kFeb28 ? " (Feb 28 rule)" : " (Mar 1 rule)");
  }
}

TEST(DateTest, NthBirthday) {
  struct Case {
    Date birth;
    int n;
    LeapDayBirthday rule;
    Date expected;
  };
  const Case cases[] = {
      {D(2013, 5, 10), 13, LeapDayBirthday::kMarch1, D(2026, 5, 10)},
      {D(2013, 5, 10), 0, LeapDayBirthday::kMarch1, D(2013, 5, 10)},
      {D(2000, 2, 29), 25, LeapDayBirthday::kMarch1, D(2025, 3, 1)},
      {D(2000, 2, 29), 25, LeapDayBirthday::kFeb28, D(2025, 2, 28)},
      {D(2000, 2, 29), 24, LeapDayBirthday::kMarch1, D(2024, 2, 29)},
      {D(2000, 2, 29), 24, LeapDayBirthday::kFeb28, D(2024, 2, 29)},
      {D(2000, 2, 29), 100, LeapDayBirthday::kMarch1, D(2100, 3, 1)},
      {D(2000, 2, 29), -1, LeapDayBirthday::kMarch1, D(1999, 3, 1)},
      {D(9999, 1, 1), 1, LeapDayBirthday::kMarch1, Date::Max()},  // REQUIRES violated: clamped
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NthBirthday(c.birth, c.n, c.rule), c.expected) << c.birth.ToIso() << " n=" << c.n;
  }
}

// Whatever the rule, the Nth birthday is the first day of age N.
TEST(DateTest, NthBirthdayAgreesWithAgeOn) {
  for (const LeapDayBirthday rule : {LeapDayBirthday::kMarch1, LeapDayBirthday::kFeb28}) {
    for (Date birth = D(1995, 12, 25); birth <= D(2000, 3, 5); birth += 1) {
      for (int n = 1; n <= 30; ++n) {
        const Date birthday = NthBirthday(birth, n, rule);
        ASSERT_EQ(AgeOn(birth, birthday, rule), n) << birth.ToIso() << " n=" << n;
        ASSERT_EQ(AgeOn(birth, birthday - 1, rule), n - 1) << birth.ToIso() << " n=" << n;
      }
    }
  }
}

TEST(DateTest, AddMonthsAndYearsClampToMonthEnd) {
  struct Case {
    Date from;
    int months;
    Date expected;
  };
  const Case months[] = {
      {D(2026, 1, 31), 1, D(2026, 2, 28)},   {D(2024, 1, 31), 1, D(2024, 2, 29)},
      {D(2026, 3, 31), -1, D(2026, 2, 28)},  {D(2026, 12, 15), 1, D(2027, 1, 15)},
      {D(2026, 1, 15), -1, D(2025, 12, 15)}, {D(2026, 1, 15), -13, D(2024, 12, 15)},
      {D(2026, 1, 15), 24, D(2028, 1, 15)},  {D(2026, 5, 31), 0, D(2026, 5, 31)},
      {D(2026, 8, 31), -6, D(2026, 2, 28)},  {D(9999, 12, 1), 1, Date::Max()},
      {D(1, 1, 1), -1, Date::Min()},
  };
  for (const Case& c : months) {
    EXPECT_EQ(AddMonths(c.from, c.months), c.expected) << c.from.ToIso() << " + " << c.months;
  }
  const Case years[] = {
      {D(2024, 2, 29), 1, D(2025, 2, 28)},
      {D(2024, 2, 29), 4, D(2028, 2, 29)},
      {D(2024, 2, 29), -1, D(2023, 2, 28)},
      {D(2026, 12, 31), -70, D(1956, 12, 31)},
      {D(2026, 6, 1), 8000, Date::Max()},
      {D(2026, 6, 1), -3000, Date::Min()},
      {D(2026, 6, 1), std::numeric_limits<int>::max(), Date::Max()},
  };
  for (const Case& c : years) {
    EXPECT_EQ(AddYears(c.from, c.months), c.expected)
        << c.from.ToIso() << " + " << c.months << " years";
  }
}

TEST(DateTest, BirthDatesForAge) {
  struct Case {
    int age;
    Date as_of;
    LeapDayBirthday rule;
    Date first, last;
  };
  const auto kMar1 = LeapDayBirthday::kMarch1;
  const auto kFeb28 = LeapDayBirthday::kFeb28;
  const Case cases[] = {
      {70, D(2026, 12, 31), kMar1, D(1956, 1, 1), D(1956, 12, 31)},
      {0, D(2026, 12, 31), kMar1, D(2026, 1, 1), D(2026, 12, 31)},
      {13, D(2026, 12, 31), kMar1, D(2013, 1, 1), D(2013, 12, 31)},
      {70, D(2026, 1, 1), kMar1, D(1955, 1, 2), D(1956, 1, 1)},
      // As of a leap day: born Feb 28 of a common year has had the birthday, Mar 1 has not.
      {70, D(2028, 2, 29), kMar1, D(1957, 3, 1), D(1958, 2, 28)},
      // As of Feb 28 of a common year, a Feb 29 birth has had its birthday only under kFeb28.
      {71, D(2027, 2, 28), kMar1, D(1955, 3, 1), D(1956, 2, 28)},
      {71, D(2027, 2, 28), kFeb28, D(1955, 3, 1), D(1956, 2, 29)},
      {70, D(2027, 2, 28), kMar1, D(1956, 2, 29), D(1957, 2, 28)},
      {70, D(2027, 2, 28), kFeb28, D(1956, 3, 1), D(1957, 2, 28)},
  };
  for (const Case& c : cases) {
    const Result<DateRange> range = BirthDatesForAge(c.age, c.as_of, c.rule);
    ASSERT_TRUE(range.ok()) << c.age << " on " << c.as_of.ToIso() << ": "
                            << range.status().ToString();
    EXPECT_EQ(range->first, c.first) << c.age << " on " << c.as_of.ToIso();
    EXPECT_EQ(range->last, c.last) << c.age << " on " << c.as_of.ToIso();
    EXPECT_EQ(BirthDateForAge(c.age, c.as_of, c.rule).value(), c.last);
  }
}

// The range is exactly the birth dates giving the age: one day either side gives another.
TEST(DateTest, BirthDatesForAgeAreExact) {
  for (const LeapDayBirthday rule : {LeapDayBirthday::kMarch1, LeapDayBirthday::kFeb28}) {
    for (Date as_of = D(2027, 12, 20); as_of <= D(2028, 3, 10); as_of += 1) {
      for (int age : {0, 1, 3, 13, 17, 18, 66, 70, 81, 100}) {
        const Result<DateRange> range = BirthDatesForAge(age, as_of, rule);
        ASSERT_TRUE(range.ok()) << range.status().ToString();
        const auto age_of = [&](Date birth) { return AgeOn(birth, as_of, rule); };
        ASSERT_EQ(age_of(range->first), age) << as_of.ToIso() << " " << age;
        ASSERT_EQ(age_of(range->last), age) << as_of.ToIso() << " " << age;
        ASSERT_EQ(age_of(range->first - 1), age + 1) << as_of.ToIso() << " " << age;
        ASSERT_EQ(age_of(range->last + 1), age - 1) << as_of.ToIso() << " " << age;
      }
    }
  }
}

TEST(DateTest, BirthDatesForAgeErrors) {
  struct Case {
    int age;
    Date as_of;
    const char* message;
  };
  const Case cases[] = {
      {-1, D(2026, 12, 31), "age -1 is negative"},
      {2026, D(2026, 12, 31), "needs a birth date before year 1"},
      {std::numeric_limits<int>::max(), D(2026, 12, 31), "before year 1"},
      {std::numeric_limits<int>::min(), D(2026, 12, 31), "negative"},
  };
  for (const Case& c : cases) {
    const Result<DateRange> range = BirthDatesForAge(c.age, c.as_of);
    ASSERT_FALSE(range.ok()) << c.age;
    EXPECT_EQ(range.status().code(), StatusCode::kInvalidInput) << c.age;
    EXPECT_NE(range.status().message().find(c.message), std::string::npos)
        << c.age << ": " << range.status().message();
    EXPECT_FALSE(BirthDateForAge(c.age, c.as_of).ok()) << c.age;
  }
  EXPECT_TRUE(BirthDatesForAge(2024, D(2026, 12, 31)).ok());  // born in year 2
}

}  // namespace
}  // namespace hm
