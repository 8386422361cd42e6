#include "draft/spec_windows.h"

#include <gtest/gtest.h>

namespace hm::draft {
namespace {

TEST(SpecWindowsTest, Dates) {
  struct Case {
    const char* text;
    std::vector<std::string> dates;
  } cases[] = {
      {"as of December 31 of the measurement year", {"12/31/MY"}},
      {"January 1 of the year prior to the measurement year", {"1/1/MY-1"}},
      {"October 1 two years prior to the measurement year", {"10/1/MY-2"}},
      {"between July 1, of the measurement year and June 30 of the measurement year",
       {"7/1/MY", "6/30/MY"}},
      {"December 31, 2025", {}},
      {"may 40 of the measurement year", {}},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(SpecDates(c.text), c.dates) << c.text;
}

TEST(SpecWindowsTest, Windows) {
  struct Case {
    const char* text;
    const char* window;  // "" for none
  } cases[] = {
      {"any time during the member's history through December 31 of the measurement year",
       "{from: earliest, to: 12/31/MY}"},
      {"during the measurement year or the year prior to the measurement year",
       "{from: 1/1/MY-1, to: 12/31/MY}"},
      {"during the year prior to the measurement year", "prior_year"},
      {"anytime during the Measurement Year", "MY"},
      {"between January 1 of the measurement year and June 30 of the measurement year",
       "{from: 1/1/MY, to: 6/30/MY}"},
      {"ever", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SpecWindow(c.text).value_or(""), c.window) << c.text;
  }
}

TEST(SpecWindowsTest, Normalized) {
  EXPECT_EQ(Normalized("3\xE2\x80\x93" "17  Years\nAnytime"), "3-17 years any time");
}

}  // namespace
}  // namespace hm::draft
