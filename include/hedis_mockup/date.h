// Calendar dates, ages and the measurement-year date expressions of QA workbooks.
//
// HEDIS works in whole days: enrollment spans, service dates, birthdays and anchor dates have no
// time of day and no time zone. A Date is therefore a day number (days since 1970-01-01) in the
// proleptic Gregorian calendar, limited to years 1..9999 so that every Date prints as YYYY-MM-DD
// and every Excel serial maps to one. Conversions go through std::chrono's calendar types, so the
// leap-year rules live in the standard library, not here.
//
// Ages follow HEDIS: completed years as of a date (a member born 1956-12-31 is 70 on 2026-12-31
// and 69 the day before). Members born on February 29 have no birthday in common years; which day
// stands in for it is the LeapDayBirthday rule, a parameter of every function that needs one.
//
// ParseDate reads dates as QA analysts write them ("1/1/MY-1", "Dec 31 of the year prior to the
// measurement year", "2026-03-15", an Excel serial); the grammar is in src/model/date_expression.h.
//
// Thread-safety: Date and DateRange are values; every function here is pure and may be called
// from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm {

class Date {
 public:
  // 1970-01-01, so that structs holding dates are default-constructible. Code that needs "no date"
  // uses std::optional<Date>, never this value.
  constexpr Date() = default;

  // The date y-m-d, or std::nullopt if it does not exist (2026-02-29, month 13, day 0) or the year
  // is outside 1..9999.
  static std::optional<Date> FromYmd(int year, int month, int day);
  // The date `days` days after 1970-01-01 (negative: before), or std::nullopt outside the range.
  static std::optional<Date> FromDays(std::int64_t days);
  // The date an Excel cell holding `serial` shows; the fraction (time of day) is ignored.
  //  - 1900 system (Windows default): 1 -> 1900-01-01, 59 -> 1900-02-28, 61 -> 1900-03-01, and
  //    45658 -> 2025-01-01. Excel counts a 1900-02-29 that never existed (a Lotus 1-2-3 bug kept
  //    for compatibility), so serials from 61 on are one more than the days since 1899-12-31.
  //    Serial 60, that fake day, gives std::nullopt: any real date we chose (Feb 28 as openpyxl
  //    does, or Mar 1) would silently make a second serial for one day, and a workbook holding it
  //    was typed "2/29/1900" by mistake.
  //  - 1904 system (old Mac workbooks, `date1904`): 0 -> 1904-01-01.
  // std::nullopt for NaN, infinities, serials below the first day (1 or 0) and after 9999-12-31.
  static std::optional<Date> FromExcelSerial(double serial, bool date1904 = false);

  static Date Min();  // 0001-01-01
  static Date Max();  // 9999-12-31

  std::int32_t days() const { return days_; }  // since 1970-01-01
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31

  // The 1900-system Excel serial of this date (what a date cell stores); 0 for dates before
  // 1900-01-01, which that system cannot show.
  std::int32_t ToExcelSerial() const;

  // "2026-03-05": ISO 8601, for JSON, SQL and file names.
  std::string ToIso() const;
  // "03/05/2026": MM/DD/YYYY zero-padded, the format of the engine's input tables.
  std::string ToUs() const;

  // REQUIRES: the result lies within [Min(), Max()]. Callers stepping by amounts read from input
  // use FromDays(days() + n) instead.
  Date operator+(int days) const { return Date(days_ + days); }
  Date operator-(int days) const { return Date(days_ - days); }
  Date& operator+=(int days) { return *this = *this + days; }
  Date& operator-=(int days) { return *this = *this - days; }
  // Days from `other` to this date: 2026-01-02 - 2026-01-01 == 1.
  int operator-(Date other) const { return days_ - other.days_; }

  friend constexpr auto operator<=>(Date, Date) = default;  // also defines ==

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// An inclusive run of days [first, last]; empty when last < first.
struct DateRange {
  Date first;
  Date last;

  bool empty() const { return last < first; }
  // Days in the range counting both ends: [2026-01-01, 2026-01-01] has 1; 0 when empty.
  int Days() const { return empty() ? 0 : last - first + 1; }
  bool Contains(Date d) const { return first <= d && d <= last; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// What stands in for February 29 as the birthday of a member born on that day, in common years.
enum class LeapDayBirthday : std::uint8_t {
  // March 1: the birthday is reached once (month, day) passes (2, 29). This is how completed-years
  // age is computed by comparing (month, day), as NCQA's CQL (CalculateAgeInYearsAt) and the
  // test-deck tools do, so it is the default: the engine under test most likely does the same.
  kMarch1,
  // February 28: the birthday is the last day of February (the legal rule in some jurisdictions).
  kFeb28,
};

// Completed years of a member born on `birth` as of `on`: the age HEDIS uses ("70 as of December
// 31 of the MY"). Negative if `on` is before `birth`.
int AgeOn(Date birth, Date on, LeapDayBirthday rule = LeapDayBirthday::kMarch1);

// The day a member born on `birth` turns `n` (the IMA "13th birthday" anchor). For a February 29
// birth in a common year, `rule` decides between Feb 28 and Mar 1. NthBirthday(b, 0) == b.
// REQUIRES: the year of birth + n lies in 1..9999.
Date NthBirthday(Date birth, int n, LeapDayBirthday rule = LeapDayBirthday::kMarch1);

// `date` moved by whole years or months, keeping the day of the month and clamping it to the
// month's last day: AddYears(2024-02-29, 1) == 2025-02-28, AddMonths(2026-01-31, 1) ==
// 2026-02-28. Clamping (not rolling into the next month) is how lookbacks such as "the 12 months
// prior" are counted. Note that it differs from NthBirthday's default for Feb 29 births.
// REQUIRES: the result's year lies in 1..9999.
Date AddYears(Date date, int years);
Date AddMonths(Date date, int months);

// The birth dates that make a member exactly `age` (completed years) on `as_of` under `rule`:
// `last` has the birthday on `as_of` itself, `first` is the day after the birth date that would
// make the member age + 1. For age 70 as of 2026-12-31: [1956-01-01, 1956-12-31].
// Errors: kInvalidInput if `age` is negative or the range would start before year 1.
Result<DateRange> BirthDatesForAge(int age, Date as_of,
                                   LeapDayBirthday rule = LeapDayBirthday::kMarch1);
// The latest birth date giving exactly `age` on `as_of` (BirthDatesForAge(...).last): the birth
// date a mockup generator writes for "a member who is 70 as of Dec 31 of the MY".
Result<Date> BirthDateForAge(int age, Date as_of, LeapDayBirthday rule = LeapDayBirthday::kMarch1);

// How ParseDate reads what is not a written date. Defaults refuse everything that needs a guess.
struct DateParseOptions {
  // The text came from a numeric spreadsheet cell: read a bare number (1..2958465, optionally with
  // a fraction) as an Excel date serial. Off by default because in free text "46096" is more likely
  // an ID or a code than a date.
  bool allow_serial = false;
  // The workbook uses the 1904 date system (workbookPr date1904="1"). Only with allow_serial.
  bool date1904 = false;
  // When the first number of N/N/Y cannot be a month but the second can ("31/12/MY"), read it as
  // day/month. Off by default: it accepts a day-first date only when it is unambiguous, and
  // "1/2/MY" stays January 2 whatever the writer meant. The error without it suggests the swap.
  bool allow_day_first = false;
};

// Parses a whole date expression relative to `measurement_year` (the MY of the run):
//   "1/1/MY", "12/31/MY-1", "1/1/MY - 1", "01/01/MY+1", "3/15/2026", "3-15-2026", "2026-03-15",
//   "2026/03/15", "20260315", "Jan 1st MY", "Jan. 1, MY", "Jan 1 of MY", "31st Dec of MY",
//   "1st MAY of MY", "December 31 of the measurement year", "Dec 31 of the year prior to the
//   measurement year", "Oct 1 two years prior to the MY", "beginning of MY-1", "end of MY",
//   and with options.allow_serial an Excel serial such as "46096". Case and surrounding
//   whitespace are ignored, and so are a trailing time of day ("2026-03-15 00:00:00") and a
//   sentence-ending period.
// Two-digit years ("3/15/26") are refused: members' birth dates span more than a century, so no
// century window can be right for all of them.
// Errors: kInvalidInput quoting the text, saying what is wrong ("month 13 is not a month",
// "February MY (2026) has 28 days") with a hint listing the accepted forms.
// REQUIRES: nothing; any bytes are safe (the parser is fuzzed).
Result<Date> ParseDate(std::string_view text, int measurement_year,
                       const DateParseOptions& options = {});

// Parses a year expression: "MY", "MY-1", "MY + 1", "2026", "the measurement year", "the year
// prior to the MY", "prior year", "two years prior to the measurement year". Used where a
// workbook names a year rather than a day ("hospice on MY+1").
// Errors: kInvalidInput as for ParseDate, including years outside 1..9999.
Result<int> ParseYear(std::string_view text, int measurement_year);

}  // namespace hm
