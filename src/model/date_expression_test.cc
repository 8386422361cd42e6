#include "model/date_expression.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "hedis_mockup/date.h"

namespace hm {
namespace {

constexpr int kMy = 2026;

std::string Show(const Result<Date>& date) {
  return date.ok() ? date->ToIso() : "error: " + date.status().ToString();
}

TEST(ParseDateTest, AcceptsWhatQaWorkbooksWrite) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      // M/D/MY with offsets, spaces and zero padding.
      {"1/1/MY", "2026-01-01"},
      {"12/31/MY", "2026-12-31"},
      {"12/31/MY-1", "2025-12-31"},
      {"10/1/MY-2", "2024-10-01"},
      {"12/31/MY+1", "2027-12-31"},
      {"1/1/MY - 1", "2025-01-01"},
      {"1/1/ MY - 1", "2025-01-01"},
      {"1/1/ MY", "2026-01-01"},
      {"12/31/MY -2", "2024-12-31"},
      {"01/01/MY", "2026-01-01"},
      {"1/1/my", "2026-01-01"},
      {"1/1/MY-70", "1956-01-01"},
      {"12/31/MY-71", "1955-12-31"},
      {"2/29/MY+2", "2028-02-29"},
      {"1-1-MY-1", "2025-01-01"},
      // Day-month-year with dashes, as Oracle prints dates.
      {"1-JAN-MY", "2026-01-01"},
      {"31-DEC MY", "2026-12-31"},
      {"1-APRIL-MY-1", "2025-04-01"},
      {"  7/1/MY  ", "2026-07-01"},
      {"\xC2\xA0"
       "7/1/MY\xC2\xA0",
       "2026-07-01"},  // non-breaking spaces
      {"1/1/MY\xE2\x80\x93"
       "1",
       "2025-01-01"},  // an en dash as the minus
      // Calendar dates.
      {"3/15/2026", "2026-03-15"},
      {"12/31/2050", "2050-12-31"},
      {"3-15-2026", "2026-03-15"},
      {"2026-03-15", "2026-03-15"},
      {"2026-3-5", "2026-03-05"},
      {"2026/03/15", "2026-03-15"},
      {"20260315", "2026-03-15"},
      {"2026-03-15 00:00:00", "2026-03-15"},  // pandas and Excel exports add a time
      {"2026-03-15T10:30:00.000", "2026-03-15"},
      {"3/15/2026 12:00 AM", "2026-03-15"},
      {"2/29/2024", "2024-02-29"},
      {"2/29/2000", "2000-02-29"},
      // Month names, ordinals, "of", "the".
      {"Jan 1st MY", "2026-01-01"},
      {"Jan 1 of MY", "2026-01-01"},
      {"Jan. 1, MY", "2026-01-01"},
      {"January 1, 2026", "2026-01-01"},
      {"31st Dec of MY", "2026-12-31"},
      {"31 DEC of MY", "2026-12-31"},
      {"1st MAY of MY", "2026-05-01"},
      {"1st dec of MY", "2026-12-01"},
      {"1st April MY", "2026-04-01"},
      {"1st of May, MY-1", "2025-05-01"},
      {"2nd Feb MY", "2026-02-02"},
      {"3rd Sept. MY", "2026-09-03"},
      {"22nd June MY", "2026-06-22"},
      {"Jan 1st of the measurement year", "2026-01-01"},
      {"December 31 of the measurement year", "2026-12-31"},
      {"December 31 of the measurement year.", "2026-12-31"},  // a sentence's full stop
      {"DECEMBER 31 OF THE MEASUREMENT YEAR", "2026-12-31"},
      {"Dec 31 of the year prior to the measurement year", "2025-12-31"},
      {"January 1 of the year prior to the MY", "2025-01-01"},
      {"Jan 1 of the prior year", "2025-01-01"},
      {"Oct 1 two years prior", "2024-10-01"},
      {"Oct 1 two years prior to the measurement year", "2024-10-01"},
      {"Dec 31 of 2 years prior to the MY", "2024-12-31"},
      {"Jan 1 of the year after the MY", "2027-01-01"},
      {"Dec 31 of the measurement period", "2026-12-31"},
      // Year boundaries.
      {"beg of MY", "2026-01-01"},
      {"beg of MY-1", "2025-01-01"},
      {"begining of MY", "2026-01-01"},
      {"beginning of the MY+1", "2027-01-01"},
      {"start of MY", "2026-01-01"},
      {"end of MY", "2026-12-31"},
      {"end of MY -2", "2024-12-31"},
      {"end of MY +1", "2027-12-31"},
      {"end of the year prior to the MY", "2025-12-31"},
      {"end MY", "2026-12-31"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Show(ParseDate(c.text, kMy)), c.expected) << c.text;
  }
}

TEST(ParseDateTest, OffsetsCrossYearsAndLeapDays) {
  struct Case {
    const char* text;
    int my;
    const char* expected;
  };
  const Case cases[] = {
      {"2/29/MY", 2024, "2024-02-29"},    {"2/29/MY-1", 2025, "2024-02-29"},
      {"2/29/MY+4", 2096, "error"},  // 2100 is a common year
      {"12/31/MY-1", 2000, "1999-12-31"}, {"1/1/MY+1", 1999, "2000-01-01"},
      {"12/31/MY-2", 1, "error"},         {"12/31/MY+1", 9999, "error"},
  };
  for (const Case& c : cases) {
    const Result<Date> date = ParseDate(c.text, c.my);
    if (std::string(c.expected) == "error") {
      EXPECT_FALSE(date.ok()) << c.text << " MY " << c.my << ": " << Show(date);
    } else {
      EXPECT_EQ(Show(date), c.expected) << c.text << " MY " << c.my;
    }
  }
}

TEST(ParseDateTest, Refusals) {
  struct Case {
    const char* text;
    const char* message;  // a part of the message
  };
  const Case cases[] = {
      {"13/45/MY", "\"13/45/MY\": month 13 is not a month"},
      {"2/30/MY", "\"2/30/MY\": February MY (2026) has 28 days"},
      {"2/29/MY", "February MY (2026) has 28 days"},
      {"2/29/MY-1", "February MY-1 (2025) has 28 days"},
      {"2/29/2100", "February 2100 has 28 days"},
      {"4/31/MY", "April MY (2026) has 30 days"},
      {"0/1/MY", "month 0 is not a month"},
      {"1/0/MY", "day 0 is not a day"},
      {"1/32/2026", "January 2026 has 31 days"},
      {"Feb 30 MY", "February MY (2026) has 28 days"},
      {"31/12/MY-1", "month 31 is not a month (if 31 is the day, the date is 12/31/MY-1)"},
      {"3/15/26", "2-digit year \"26\" is ambiguous (1926 or 2026?)"},
      {"1/1/0", "2-digit year"},
      {"1/1/202", "\"202\" is not a year"},
      {"1/1/20266", "\"20266\" is not a year"},
      {"1/1/0000", "year 0000 is outside 1..9999"},
      {"12/31/MY-3000", "year MY-3000 (-974) is outside 1..9999"},
      {"1/1/MY-99999999999999999999999", "is outside 1..9999"},
      {"", "there is no date"},
      {"   ", "there is no date"},
      {"MY", "\"MY\" names a year, not a day"},
      {"MY+1", "names a year"},
      {"tomorrow", "\"tomorrow\" does not start a date"},
      {"/1/MY", "\"/\" does not start a date"},
      {"1/1", "expected \"/\" and a year after \"1/1\""},
      {"1/", "expected a day after \"1/\""},
      {"1/1/", "expected a year after \"1/1/\""},
      {"Jan 1", "expected a year after \"Jan 1\""},
      {"Jan", "expected a day after \"Jan\""},
      {"Jan 2026", "there is no day between \"Jan\" and 2026"},
      {"1st MY", "expected a month name after \"1st\""},
      {"1/1/MY-Suppl", "unexpected \"-Suppl\" after the date"},
      {"1/1/MY - 12/31/MY", "unexpected \"- 12/31/MY\" after the date"},
      {"12/31/MY (lab)", "unexpected"},
      {"12/31/MY..", "unexpected \"..\" after the date"},
      {"1/1/the year", "expected a year at \"the year\""},
      {"1/1/the year prior to", "unexpected \"to\" after the date"},
      {"2026", "2026 is a year, not a day"},
      {"46096", "a bare number is not a date"},
      {"2026-13-01", "month 13 is not a month"},
      {"2026-02-29", "February 2026 has 28 days"},
      {"20261301", "month 13 is not a month"},
      {"2026-03", "expected a day after \"2026-03\""},
  };
  for (const Case& c : cases) {
    const Result<Date> date = ParseDate(c.text, kMy);
    ASSERT_FALSE(date.ok()) << c.text << " gave " << Show(date);
    EXPECT_EQ(date.status().code(), StatusCode::kInvalidInput) << c.text;
    EXPECT_NE(date.status().message().find(c.message), std::string::npos)
        << c.text << ": " << date.status().message();
    EXPECT_NE(date.status().hint().find("1/1/MY-1"), std::string::npos) << c.text;
  }
}

TEST(ParseDateTest, MeasurementYearOutOfRange) {
  for (int my : {0, -5, 10000}) {
    const Result<Date> date = ParseDate("1/1/MY", my);
    ASSERT_FALSE(date.ok()) << my;
    EXPECT_NE(date.status().message().find("measurement year"), std::string::npos) << my;
    EXPECT_TRUE(ParseDate("2026-01-01", my).ok()) << "absolute dates do not need the MY: " << my;
  }
}

TEST(ParseDateTest, ExcelSerialsOnlyWhenAllowed) {
  struct Case {
    const char* text;
    bool date1904;
    const char* expected;  // ISO, or a part of the message
  };
  const Case cases[] = {
      {"46096", false, "2026-03-15"},
      {"46096.0", false, "2026-03-15"},
      {"46096.75", false, "2026-03-15"},
      {" 45658 ", false, "2025-01-01"},
      {"1", false, "1900-01-01"},
      {"61", false, "1900-03-01"},
      {"2958465", false, "9999-12-31"},
      {"0", true, "1904-01-01"},
      {"44196", true, "2025-01-01"},
      {"20260315", false, "2026-03-15"},  // 8 digits: YYYYMMDD, not a serial
      {"1/1/MY", false, "2026-01-01"},    // written dates still work
      {"60", false, "Excel serial 60 is 1900-02-29"},
      {"0", false, "Excel serial 0 is not a date in the 1900 date system"},
      {"2958466", false, "is not a date in the 1900 date system"},
      {"2957004", true, "is not a date in the 1904 date system"},
      {"99999999999999999999", false, "is not a date"},
      {"-5", false, "\"-\" does not start a date"},
      {"46096abc", false, "expected a month name"},
  };
  for (const Case& c : cases) {
    DateParseOptions options;
    options.allow_serial = true;
    options.date1904 = c.date1904;
    const Result<Date> date = ParseDate(c.text, kMy, options);
    const std::string expected = c.expected;
    if (date.ok()) {
      EXPECT_EQ(date->ToIso(), expected) << c.text;
    } else {
      EXPECT_NE(date.status().message().find(expected), std::string::npos)
          << c.text << ": " << date.status().message();
    }
  }
}

TEST(ParseDateTest, DayFirstOnlyWhenAllowedAndUnambiguous) {
  DateParseOptions options;
  options.allow_day_first = true;
  EXPECT_EQ(Show(ParseDate("31/12/MY-1", kMy, options)), "2025-12-31");
  EXPECT_EQ(Show(ParseDate("13/1/2026", kMy, options)), "2026-01-13");
  EXPECT_EQ(Show(ParseDate("1/2/MY", kMy, options)), "2026-01-02");  // ambiguous: US order
  EXPECT_FALSE(ParseDate("13/13/MY", kMy, options).ok());
  EXPECT_FALSE(ParseDate("31/12/MY-1", kMy).ok());
}

TEST(ParseDateTest, QuotesUnprintableInputSafely) {
  const Result<Date> date = ParseDate(std::string("\x01\xFF\xE2\x80", 4), kMy);
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().message().find('\x01'), std::string::npos);
  EXPECT_EQ(date.status().message().find('\xFF'), std::string::npos);
  const Result<Date> long_text = ParseDate(std::string(1000, '1'), kMy);
  ASSERT_FALSE(long_text.ok());
  EXPECT_NE(long_text.status().message().find("too long"), std::string::npos);
  EXPECT_LT(long_text.status().message().size(), 200u);
}

// Random bytes and random mixes of the grammar's own tokens must give a value or an error.
TEST(ParseDateTest, NeverCrashes) {
  const std::string pieces[] = {
      "1",     "12",    "31",           "2026", "/", "-", "+", " ", "MY", "of",          "the",
      "year",  "prior", "Jan",          "1st",  ".", ",", ":", "T", "00", "measurement", "two",
      "years", "end",   "\xE2\x80\x93", "\xFF"};
  std::mt19937 random(12345);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(random() % 8);
    for (int k = 0; k < n; ++k) {
      text += (i % 2 == 0) ? pieces[random() % std::size(pieces)]
                           : std::string(1, static_cast<char>(random() % 256));
    }
    DateParseOptions options;
    options.allow_serial = i % 3 == 0;
    options.allow_day_first = i % 5 == 0;
    const Result<Date> date = ParseDate(text, kMy, options);
    if (date.ok()) {
      ASSERT_GE(*date, Date::Min()) << text;
      ASSERT_LE(*date, Date::Max()) << text;
    } else {
      ASSERT_EQ(date.status().code(), StatusCode::kInvalidInput) << text;
    }
    (void)ParseYear(text, kMy);
    (void)ParseDatePrefix(text, kMy, options);
  }
}

TEST(ParseYearTest, Accepts) {
  struct Case {
    const char* text;
    int expected;
  };
  const Case cases[] = {
      {"MY", 2026},
      {"my", 2026},
      {"MY-1", 2025},
      {"MY+1", 2027},
      {"MY - 2", 2024},
      {"MY + 1", 2027},
      {"MY-10", 2016},
      {"2026", 2026},
      {"1950", 1950},
      {"the measurement year", 2026},
      {"The MY", 2026},
      {"the year prior to the MY", 2025},
      {"the year prior to the measurement year", 2025},
      {"the year prior", 2025},
      {"prior year", 2025},
      {"the previous year", 2025},
      {"last year", 2025},
      {"the MY.", 2026},
      {"two years prior to the measurement year", 2024},
      {"two years prior", 2024},
      {"9 years prior to the MY", 2017},
      {"the year after the MY", 2027},
      {"the year following the measurement year", 2027},
  };
  for (const Case& c : cases) {
    const Result<int> year = ParseYear(c.text, kMy);
    ASSERT_TRUE(year.ok()) << c.text << ": " << year.status().ToString();
    EXPECT_EQ(*year, c.expected) << c.text;
  }
}

TEST(ParseYearTest, Refusals) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "there is no year"},
      {"26", "2-digit year \"26\" is ambiguous"},
      {"MY-", "unexpected text after the year"},
      {"MY-Suppl", "unexpected text after the year"},
      {"1/1/MY", "expected a year, not the date at \"1/1/MY\""},
      {"MY-3000", "year MY-3000 (-974) is outside 1..9999"},
      {"0000", "year 0000 (0) is outside 1..9999"},
      {"next year", "expected a year at \"next year\""},
      {"years", "expected a year at \"years\""},
  };
  for (const Case& c : cases) {
    const Result<int> year = ParseYear(c.text, kMy);
    ASSERT_FALSE(year.ok()) << c.text << " gave " << *year;
    EXPECT_EQ(year.status().code(), StatusCode::kInvalidInput) << c.text;
    EXPECT_NE(year.status().message().find(c.message), std::string::npos)
        << c.text << ": " << year.status().message();
  }
}

TEST(ParseDatePrefixTest, StopsWhereTheDateEnds) {
  struct Case {
    const char* text;
    const char* expected;
    std::size_t length;
  };
  const Case cases[] = {
      {"12/31/MY-1 (lab)", "2025-12-31", 10},
      {"1/1/MY-Suppl", "2026-01-01", 6},
      {"1/1/MY-1--visit(90055)", "2025-01-01", 8},
      {"1/1/MY - 12/31/MY", "2026-01-01", 6},
      {"1/1/MY - 1 TO 12/31/MY", "2025-01-01", 10},
      {"  1/1/MY-1 to 9/30/MY", "2025-01-01", 10},
      {"1st April MY (Primary)", "2026-04-01", 12},
      {"Dec 31 of the year prior to the measurement year.", "2025-12-31", 48},
      {"20260315 ABC", "2026-03-15", 8},
      {"1-JAN-MY - 31-DEC-MY", "2026-01-01", 8},  // a range: "- 31" is not an offset
      {"1-JAN-MY - 31 DEC MY", "2026-01-01", 8},
  };
  for (const Case& c : cases) {
    const Result<DateMatch> match = ParseDatePrefix(c.text, kMy);
    ASSERT_TRUE(match.ok()) << c.text << ": " << match.status().ToString();
    EXPECT_EQ(match->date.ToIso(), c.expected) << c.text;
    EXPECT_EQ(match->length, c.length) << c.text;
  }
  EXPECT_FALSE(ParseDatePrefix("Hospice on 1/1/MY", kMy).ok());
  // "1/1/MY-Suppl" is the MY with a dash before a word, but a '+' promises years that never come
  // (QA's PSA_RE_PCVS_08 meant 1/1/MY+1).
  const Result<DateMatch> plus = ParseDatePrefix("1/1/MY+Suppl source", kMy);
  ASSERT_FALSE(plus.ok());
  EXPECT_NE(plus.status().message().find("'+' after the MY without a number of years"), std::string::npos)
      << plus.status().ToString();
  EXPECT_EQ(ParseDatePrefix("1/1/MY+1 Suppl", kMy)->date.ToIso(), "2027-01-01");
}

}  // namespace
}  // namespace hm
