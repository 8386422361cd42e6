#include "draft/page_layout.h"

#include <algorithm>
#include <cstddef>

namespace hm::draft {
namespace {

// A gap wider than this many text heights separates columns; justified text rarely stretches a
// space past one em.
constexpr double kGutterHeights = 1.5;
// Rows further apart than this many text heights end a column block (a new region of the page).
constexpr double kBlockBreakHeights = 2.0;
// Columns whose narrowest is at least this share of the widest are text columns, read one after
// the other; a narrower first column is a table's labels, read row by row beside their values.
constexpr double kBalancedColumns = 0.5;
// Points of extra space above a table row that tell it from the next line of the same cell.
constexpr double kCellPadding = 1.5;

struct Row {
  std::vector<WordBox> words;  // left to right
  double y0 = 0, y1 = 0;
  double height() const { return std::max(y1 - y0, 1.0); }
};

struct Gap {
  double x0 = 0, x1 = 0;
};

struct Block {
  std::vector<Row> rows;
  std::vector<Gap> gutters;  // left to right
};

double Center(const WordBox& word) { return (word.y0 + word.y1) / 2; }

// Words whose vertical centre falls inside a row's extent share that row.
std::vector<Row> GroupRows(std::vector<WordBox> words) {
  std::stable_sort(words.begin(), words.end(), [](const WordBox& a, const WordBox& b) {
    return Center(a) != Center(b) ? Center(a) < Center(b) : a.x0 < b.x0;
  });
  std::vector<Row> rows;
  for (WordBox& word : words) {
    const double center = Center(word);
    if (rows.empty() || center < rows.back().y0 || center > rows.back().y1) {
      rows.push_back(Row{{}, word.y0, word.y1});
    }
    Row& row = rows.back();
    row.y0 = std::min(row.y0, word.y0);
    row.y1 = std::max(row.y1, word.y1);
    row.words.push_back(std::move(word));
  }
  for (Row& row : rows) {
    std::stable_sort(row.words.begin(), row.words.end(),
                     [](const WordBox& a, const WordBox& b) { return a.x0 < b.x0; });
  }
  return rows;
}

std::vector<Gap> WideGaps(const Row& row) {
  std::vector<Gap> gaps;
  for (std::size_t i = 1; i < row.words.size(); ++i) {
    const double x0 = row.words[i - 1].x1, x1 = row.words[i].x0;
    if (x1 - x0 > kGutterHeights * row.height()) gaps.push_back({x0, x1});
  }
  return gaps;
}

// Narrows each gutter to the free space this row leaves around it; false when a word crosses one.
bool FitsGutters(const Row& row, std::vector<Gap>& gutters) {
  std::vector<Gap> narrowed = gutters;
  for (Gap& gap : narrowed) {
    for (const WordBox& word : row.words) {
      if (word.x0 < gap.x1 && word.x1 > gap.x0) {
        if (word.x1 <= (gap.x0 + gap.x1) / 2) gap.x0 = word.x1;
        else if (word.x0 >= (gap.x0 + gap.x1) / 2) gap.x1 = word.x0;
        else return false;
      }
      if (gap.x1 <= gap.x0) return false;
    }
  }
  gutters = std::move(narrowed);
  return true;
}

std::string Join(const std::vector<const WordBox*>& words) {
  std::string line;
  for (const WordBox* word : words) {
    if (!line.empty()) line += ' ';
    line += word->text;
  }
  return line;
}

std::string JoinRow(const Row& row) {
  std::vector<const WordBox*> words;
  for (const WordBox& word : row.words) words.push_back(&word);
  return Join(words);
}

std::size_t ColumnOf(const WordBox& word, const std::vector<Gap>& gutters) {
  std::size_t column = 0;
  while (column < gutters.size() && word.x0 >= gutters[column].x0) ++column;
  return column;
}

bool Balanced(const Block& block) {
  const std::size_t columns = block.gutters.size() + 1;
  std::vector<double> left(columns, 1e300), right(columns, -1e300);
  for (const Row& row : block.rows) {
    for (const WordBox& word : row.words) {
      const std::size_t c = ColumnOf(word, block.gutters);
      left[c] = std::min(left[c], word.x0);
      right[c] = std::max(right[c], word.x1);
    }
  }
  double narrowest = 1e300, widest = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    narrowest = std::min(narrowest, right[c] - left[c]);
    widest = std::max(widest, right[c] - left[c]);
  }
  return narrowest >= kBalancedColumns * widest;
}

// One row of a table: a label (the first column's words) and its value (the rest).
struct TableRecord {
  std::vector<const WordBox*> label;
  std::vector<std::vector<const WordBox*>> values;  // one per line
};

// Where a table row starts. Cells are padded, so the space above a new row is wider than the
// leading between the lines of one cell; a row holding only a label under another label is the
// label wrapping ("Continuous" / "enrollment"). Without padding every labelled row starts one.
std::vector<TableRecord> TableRecords(const Block& block) {
  double min_gap = 1e300, max_gap = -1e300;
  for (std::size_t i = 1; i < block.rows.size(); ++i) {
    const double gap = block.rows[i].y0 - block.rows[i - 1].y1;
    min_gap = std::min(min_gap, gap);
    max_gap = std::max(max_gap, gap);
  }
  const bool padded = max_gap - min_gap >= kCellPadding;
  std::vector<TableRecord> records;
  bool previous_had_label = false;
  for (std::size_t i = 0; i < block.rows.size(); ++i) {
    std::vector<const WordBox*> label, value;
    for (const WordBox& word : block.rows[i].words) {
      (ColumnOf(word, block.gutters) == 0 ? label : value).push_back(&word);
    }
    const double gap = i == 0 ? 0 : block.rows[i].y0 - block.rows[i - 1].y1;
    const bool wrapped_label = value.empty() && previous_had_label;
    const bool starts = !label.empty() && !wrapped_label && (!padded || gap > min_gap + kCellPadding);
    if (starts || records.empty()) records.emplace_back();
    records.back().label.insert(records.back().label.end(), label.begin(), label.end());
    if (!value.empty()) records.back().values.push_back(std::move(value));
    previous_had_label = !label.empty();
  }
  return records;
}

// A table is read record by record: the whole label, then its value's lines, so the label starts
// the line its value starts on.
void EmitTable(const Block& block, std::vector<std::string>& lines) {
  for (const TableRecord& record : TableRecords(block)) {
    std::string first = Join(record.label);
    if (!record.values.empty()) {
      first += (first.empty() ? "" : " ") + Join(record.values[0]);
    }
    lines.push_back(std::move(first));
    for (std::size_t i = 1; i < record.values.size(); ++i) lines.push_back(Join(record.values[i]));
  }
}

void EmitBlock(const Block& block, std::vector<std::string>& lines) {
  if (!Balanced(block)) {
    EmitTable(block, lines);
    return;
  }
  for (std::size_t column = 0; column <= block.gutters.size(); ++column) {
    for (const Row& row : block.rows) {
      std::vector<const WordBox*> words;
      for (const WordBox& word : row.words) {
        if (ColumnOf(word, block.gutters) == column) words.push_back(&word);
      }
      if (!words.empty()) lines.push_back(Join(words));
    }
  }
}

}  // namespace

std::vector<std::string> LayoutPage(std::vector<WordBox> words) {
  std::vector<std::string> lines;
  Block block;
  auto flush = [&] {
    if (!block.rows.empty()) EmitBlock(block, lines);
    block = Block{};
  };
  for (Row& row : GroupRows(std::move(words))) {
    if (!block.rows.empty()) {
      const Row& last = block.rows.back();
      const bool near = row.y0 - last.y1 <= kBlockBreakHeights * last.height();
      if (near && FitsGutters(row, block.gutters)) {
        block.rows.push_back(std::move(row));
        continue;
      }
      flush();
    }
    std::vector<Gap> gaps = WideGaps(row);
    if (gaps.empty()) {
      lines.push_back(JoinRow(row));
    } else {
      block.gutters = std::move(gaps);
      block.rows.push_back(std::move(row));
    }
  }
  flush();
  return lines;
}

}  // namespace hm::draft
