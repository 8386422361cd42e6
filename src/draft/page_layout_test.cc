#include "draft/page_layout.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hm::draft {
namespace {

constexpr double kCharWidth = 5, kHeight = 10, kLinePitch = 12;

// The words of `text` laid out from x on line `row` (12 pt apart), one space between words.
void Place(std::vector<WordBox>& words, const std::string& text, double x, int row) {
  std::istringstream in(text);
  std::string word;
  const double y = 100 + row * kLinePitch;
  while (in >> word) {
    const double width = static_cast<double>(word.size()) * kCharWidth;
    words.push_back({word, x, y, x + width, y + kHeight});
    x += width + kCharWidth;
  }
}

TEST(PageLayoutTest, TextColumnsAreReadOneAfterTheOther) {
  std::vector<WordBox> words;
  Place(words, "left one is here", 50, 0);
  Place(words, "right one is here", 320, 0);
  Place(words, "left two goes on", 50, 1);
  Place(words, "right two goes on", 320, 1);
  Place(words, "left three", 50, 2);  // the left column is longer
  EXPECT_EQ(LayoutPage(words),
            (std::vector<std::string>{"left one is here", "left two goes on", "left three",
                                      "right one is here", "right two goes on"}));
}

TEST(PageLayoutTest, ALabelTableIsReadRowByRow) {
  std::vector<WordBox> words;
  Place(words, "Ages", 50, 0);
  Place(words, "Men 70 years and older as of December 31 of the", 150, 0);
  Place(words, "measurement year.", 150, 1);
  Place(words, "Benefit", 50, 2);
  Place(words, "Medical.", 150, 2);
  EXPECT_EQ(LayoutPage(words),
            (std::vector<std::string>{"Ages Men 70 years and older as of December 31 of the",
                                      "measurement year.", "Benefit Medical."}));
}

// Padded cells: more space above a row than between the lines of a cell. A label wrapped over two
// lines is joined and starts its value's line.
TEST(PageLayoutTest, AWrappedLabelStaysWithItsValue) {
  std::vector<WordBox> words;
  auto place = [&](const std::string& text, double x, double y) {
    std::vector<WordBox> row;
    Place(row, text, x, 0);
    for (WordBox& word : row) {
      word.y0 += y - 100;
      word.y1 += y - 100;
      words.push_back(word);
    }
  };
  place("Continuous", 50, 100);
  place("The measurement year.", 150, 100);
  place("enrollment", 50, 112);
  place("Allowable gap", 50, 130);  // 8 pt of padding above, against 2 pt of leading
  place("No more than one gap in enrollment of up to 45 days during the", 150, 130);
  place("of 45 days.", 150, 142);
  EXPECT_EQ(LayoutPage(words),
            (std::vector<std::string>{"Continuous enrollment The measurement year.",
                                      "Allowable gap No more than one gap in enrollment of up to "
                                      "45 days during the",
                                      "of 45 days."}));
}

TEST(PageLayoutTest, FullWidthLinesAroundColumnsStayInPlace) {
  std::vector<WordBox> words;
  Place(words, "A full width heading that crosses the middle of the page easily", 50, 0);
  Place(words, "left a", 50, 1);
  Place(words, "right a", 320, 1);
  Place(words, "left b", 50, 2);
  Place(words, "right b", 320, 2);
  Place(words, "And a full width paragraph after the columns crossing the gutter", 50, 3);
  EXPECT_EQ(LayoutPage(words),
            (std::vector<std::string>{
                "A full width heading that crosses the middle of the page easily", "left a",
                "left b", "right a", "right b",
                "And a full width paragraph after the columns crossing the gutter"}));
}

TEST(PageLayoutTest, WordsOfALineAreOrderedByPosition) {
  std::vector<WordBox> words;
  Place(words, "second", 90, 0);
  Place(words, "first", 50, 0);
  Place(words, "next line", 50, 1);
  EXPECT_EQ(LayoutPage(words), (std::vector<std::string>{"first second", "next line"}));
}

TEST(PageLayoutTest, AFarRowEndsAColumnBlock) {
  std::vector<WordBox> words;
  Place(words, "left", 50, 0);
  Place(words, "right", 320, 0);
  Place(words, "far below", 50, 10);  // a new region of the page, not the left column's end
  Place(words, "beside", 320, 10);
  EXPECT_EQ(LayoutPage(words),
            (std::vector<std::string>{"left", "right", "far below", "beside"}));
}

TEST(PageLayoutTest, EmptyPage) { EXPECT_TRUE(LayoutPage({}).empty()); }

}  // namespace
}  // namespace hm::draft
