#include "audit/clock.h"

#include <gtest/gtest.h>

#include <regex>

namespace hm::audit {
namespace {

TimePoint At(std::int64_t seconds, int millis = 0) {
  return TimePoint(std::chrono::seconds(seconds) + std::chrono::milliseconds(millis));
}

TEST(ClockTest, FormatsUtcToTheSecondAndMillisecond) {
  struct Case {
    std::int64_t seconds;
    int millis;
    const char* seconds_text;
    const char* millis_text;
  } cases[] = {
      {0, 0, "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"},
      {1770486330, 250, "2026-02-07T17:45:30Z", "2026-02-07T17:45:30.250Z"},
      {951782400, 999, "2000-02-29T00:00:00Z", "2000-02-29T00:00:00.999Z"},  // leap day
      {4102444799, 1, "2099-12-31T23:59:59Z", "2099-12-31T23:59:59.001Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatUtcSeconds(At(c.seconds, c.millis)), c.seconds_text) << c.seconds;
    EXPECT_EQ(FormatUtcMillis(At(c.seconds, c.millis)), c.millis_text) << c.seconds;
    EXPECT_EQ(ParseUtcSeconds(c.seconds_text), c.seconds) << c.seconds_text;
    EXPECT_EQ(ParseUtcSeconds(c.millis_text), c.seconds) << c.millis_text;
  }
}

TEST(ClockTest, ReadsPRODUCTsZonelessStampAsUtc) {
  EXPECT_EQ(ParseUtcSeconds("2026-02-07T17:45:30"), 1770486330);
}

TEST(ClockTest, RejectsWhatIsNotAnIsoStamp) {
  const char* errors[] = {"",
                          "2026-02-07",
                          "2026-02-07 17:45:30Z",
                          "2026-13-07T17:45:30Z",
                          "2026-02-07T24:00:00Z",
                          "2026-02-07T17:45:30+01:00",
                          "2026-02-07T17:45:30Zjunk",
                          "20x6-02-07T17:45:30Z"};
  for (const char* text : errors) EXPECT_FALSE(ParseUtcSeconds(text).has_value()) << text;
}

TEST(ClockTest, SessionIdIsStartTimeAndSixHexDigits) {
  const std::string id = NewSessionId(At(1770486330));
  EXPECT_TRUE(std::regex_match(id, std::regex("20260207_174530_[0-9a-f]{6}"))) << id;
  // Two ids in the same second differ (a collision is 1 in 16.7 million; two in a row, never).
  EXPECT_NE(NewSessionId(At(1770486330)), NewSessionId(At(1770486330)));
}

}  // namespace
}  // namespace hm::audit
