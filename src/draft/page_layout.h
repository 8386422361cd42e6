// Reading order for one PDF page: positioned words (what poppler's text_list() gives) into lines of
// text, columns read one after the other.
//
// Why our own layout: poppler's text() modes either keep the physical layout (two columns side by
// side on one line, so sentences from both columns interleave) or the content stream's order
// (whatever order the producer drew in). Specifications put the eligible population in label/value
// tables and other parts in two text columns; only the word boxes let us tell the two apart.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace hm::draft {

// One word and its box, in PDF points with y growing downwards (poppler's convention).
struct WordBox {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The page's lines in reading order, words joined by single spaces.
//
// Words are grouped into rows by vertical overlap. A row with a horizontal gap wider than 1.5 times
// its text height opens a *column block*: the following rows belong to it while no word crosses the
// gap (the gutter). A block whose columns are of similar width (the narrowest at least half the
// widest) is text in columns and is read column by column; otherwise it is a label/value table and
// is read row by row, each label (even one wrapped over two lines) starting the line its value
// starts on.
std::vector<std::string> LayoutPage(std::vector<WordBox> words);

}  // namespace hm::draft
