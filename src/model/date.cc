#include "hedis_mockup/date.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace hm {
namespace {

namespace chr = std::chrono;

constexpr std::int32_t DayNumber(int y, unsigned m, unsigned d) {
  return chr::sys_days(chr::year(y) / chr::month(m) / chr::day(d)).time_since_epoch().count();
}

constexpr std::int32_t kMinDays = DayNumber(1, 1, 1);
constexpr std::int32_t kMaxDays = DayNumber(9999, 12, 31);
// Excel's 1900 system counts from a day 0 of "1900-01-00" and includes a fake 1900-02-29, so from
// serial 61 on, serial - kExcel1900Offset is the day number; before that, one day less.
constexpr std::int32_t kExcel1900Offset = 25569;  // the serial of 1970-01-01
constexpr std::int32_t kExcel1904Offset = 24107;  // the 1904-system serial of 1970-01-01
constexpr double kExcelMaxSerial1900 = 2958465;   // 9999-12-31

chr::year_month_day Ymd(Date date) {
  return chr::year_month_day(chr::sys_days(chr::days(date.days())));
}

unsigned LastDayOfMonth(int year, unsigned month) {
  return static_cast<unsigned>(
      chr::year_month_day_last(chr::year(year), chr::month_day_last(chr::month(month))).day());
}

// For the REQUIRES-violating calls of the calendar helpers: a valid date instead of undefined
// behaviour, so a bug shows as a wrong date rather than a crash.
Date ClampedYmd(std::int64_t year, unsigned month, unsigned day) {
  if (year < 1) return Date::Min();
  if (year > 9999) return Date::Max();
  const int y = static_cast<int>(year);
  return *Date::FromYmd(y, static_cast<int>(month),
                        static_cast<int>(std::min(day, LastDayOfMonth(y, month))));
}

bool IsLeapDay(const chr::year_month_day& ymd) {
  return ymd.month() == chr::February && ymd.day() == chr::day(29);
}

}  // namespace

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  // Range-check before constructing: chrono's month and day store an unsigned char, so 257 would
  // silently become 1.
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const chr::year_month_day ymd(chr::year(year), chr::month(static_cast<unsigned>(month)),
                                chr::day(static_cast<unsigned>(day)));
  if (!ymd.ok()) return std::nullopt;
  return Date(chr::sys_days(ymd).time_since_epoch().count());
}

std::optional<Date> Date::FromDays(std::int64_t days) {
  if (days < kMinDays || days > kMaxDays) return std::nullopt;
  return Date(static_cast<std::int32_t>(days));
}

std::optional<Date> Date::FromExcelSerial(double serial, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  const double whole = std::floor(serial);
  if (date1904) {
    if (whole < 0 || whole > kExcelMaxSerial1900 - 1462) return std::nullopt;
    return FromDays(static_cast<std::int64_t>(whole) - kExcel1904Offset);
  }
  if (whole < 1 || whole > kExcelMaxSerial1900 || whole == 60) return std::nullopt;
  const auto n = static_cast<std::int64_t>(whole);
  return FromDays(n < 60 ? n - kExcel1900Offset + 1 : n - kExcel1900Offset);
}

Date Date::Min() { return Date(kMinDays); }
Date Date::Max() { return Date(kMaxDays); }

int Date::year() const { return static_cast<int>(Ymd(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).day())); }

std::int32_t Date::ToExcelSerial() const {
  static const std::int32_t kMarch1900 = DayNumber(1900, 3, 1);
  static const std::int32_t kJanuary1900 = DayNumber(1900, 1, 1);
  if (days_ >= kMarch1900) return days_ + kExcel1900Offset;
  if (days_ >= kJanuary1900) return days_ + kExcel1900Offset - 1;
  return 0;
}

std::string Date::ToIso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }
std::string Date::ToUs() const { return fmt::format("{:02}/{:02}/{:04}", month(), day(), year()); }

int AgeOn(Date birth, Date on, LeapDayBirthday rule) {
  const chr::year_month_day b = Ymd(birth);
  const chr::year_month_day o = Ymd(on);
  chr::month_day birthday(b.month(), b.day());
  if (IsLeapDay(b) && !o.year().is_leap() && rule == LeapDayBirthday::kFeb28) {
    birthday = chr::February / 28;
  }
  // Comparing (month, day) against Feb 29 in a common year makes Mar 1 the birthday: kMarch1.
  const int age = static_cast<int>(o.year()) - static_cast<int>(b.year());
  return chr::month_day(o.month(), o.day()) < birthday ? age - 1 : age;
}

Date NthBirthday(Date birth, int n, LeapDayBirthday rule) {
  const chr::year_month_day b = Ymd(birth);
  const std::int64_t year = static_cast<std::int64_t>(static_cast<int>(b.year())) + n;
  if (IsLeapDay(b) && year >= 1 && year <= 9999 && !chr::year(static_cast<int>(year)).is_leap()) {
    return rule == LeapDayBirthday::kFeb28 ? ClampedYmd(year, 2, 28) : ClampedYmd(year, 3, 1);
  }
  return ClampedYmd(year, static_cast<unsigned>(b.month()), static_cast<unsigned>(b.day()));
}

Date AddMonths(Date date, int months) {
  const chr::year_month_day ymd = Ymd(date);
  const std::int64_t index = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 +
                             (static_cast<unsigned>(ymd.month()) - 1) + months;
  // Floor division, so that months before year 0 would still land in month 1..12.
  const std::int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  const auto month = static_cast<unsigned>(index - year * 12 + 1);
  return ClampedYmd(year, month, static_cast<unsigned>(ymd.day()));
}

Date AddYears(Date date, int years) {
  return AddMonths(date, static_cast<int>(std::clamp<std::int64_t>(
                             static_cast<std::int64_t>(years) * 12, INT32_MIN, INT32_MAX)));
}

Result<DateRange> BirthDatesForAge(int age, Date as_of, LeapDayBirthday rule) {
  if (age < 0) return Status::InvalidInput(fmt::format("age {} is negative", age));
  if (static_cast<std::int64_t>(as_of.year()) - age - 1 < 1) {
    return Status::InvalidInput(
        fmt::format("age {} as of {} needs a birth date before year 1", age, as_of.ToUs()));
  }
  // AgeOn falls as the birth date moves later, so the answer is the run of birth dates around the
  // calendar guesses that give exactly `age`. The guesses are off by at most a day or two (month
  // clamping, Feb 29 rules); the loops correct that.
  auto age_of = [&](Date birth) { return AgeOn(birth, as_of, rule); };
  Date last = AddYears(as_of, -age);
  while (age_of(last) < age) last -= 1;
  while (last < Date::Max() && age_of(last + 1) == age) last += 1;
  Date first = AddYears(as_of, -(age + 1)) + 1;
  while (age_of(first) > age) first += 1;
  while (first > Date::Min() && age_of(first - 1) == age) first -= 1;
  if (age_of(first) != age || age_of(last) != age || last < first) {
    return Status::Internal(fmt::format("no birth date gives age {} on {}", age, as_of.ToIso()));
  }
  return DateRange{first, last};
}

Result<Date> BirthDateForAge(int age, Date as_of, LeapDayBirthday rule) {
  HM_ASSIGN_OR_RETURN(DateRange range, BirthDatesForAge(age, as_of, rule));
  return range.last;
}

}  // namespace hm
