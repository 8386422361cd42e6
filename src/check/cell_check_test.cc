#include "check/cell_check.h"

#include <gtest/gtest.h>

namespace hm::check {
namespace {

LayoutColumn Column(ColumnType type, int max_length = 0) {
  LayoutColumn column;
  column.name = "C";
  column.type = type;
  column.max_length = max_length;
  return column;
}

TEST(CellCheckTest, TypesFormatsAndLengths) {
  Layout layout;
  layout.date_format = "MM/DD/YYYY";
  layout.null_values = {"NULL", "N/A"};
  const CellChecker checker(layout);
  const struct {
    ColumnType type;
    int max_length;
    const char* text;
    CellProblem problem;
  } cases[] = {
      {ColumnType::kText, 0, "anything", CellProblem::kNone},
      {ColumnType::kText, 3, "abc", CellProblem::kNone},
      {ColumnType::kText, 3, "abcd", CellProblem::kLength},
      {ColumnType::kText, 3, "\xc3\xa9\xc3\xa9\xc3\xa9", CellProblem::kNone},  // 3 characters
      {ColumnType::kInteger, 0, "30", CellProblem::kNone},
      {ColumnType::kInteger, 0, "30.0", CellProblem::kNone},
      {ColumnType::kInteger, 0, "3.5", CellProblem::kType},
      {ColumnType::kDecimal, 0, "-4.1", CellProblem::kNone},
      {ColumnType::kDecimal, 0, "four", CellProblem::kType},
      {ColumnType::kFlag, 0, "Y", CellProblem::kNone},
      {ColumnType::kFlag, 0, "maybe", CellProblem::kType},
      {ColumnType::kDate, 0, "03/05/2026", CellProblem::kNone},
      {ColumnType::kDate, 0, "3/5/2026", CellProblem::kFormat},
      {ColumnType::kDate, 0, "2026-03-05", CellProblem::kFormat},
      {ColumnType::kDate, 0, "02/30/2026", CellProblem::kType},
      {ColumnType::kDate, 0, "soon", CellProblem::kType},
      {ColumnType::kMonth, 0, "202509", CellProblem::kNone},
      {ColumnType::kMonth, 0, "09/01/2025", CellProblem::kNone},
      {ColumnType::kMonth, 0, "2025-09-01", CellProblem::kFormat},
  };
  for (const auto& c : cases) {
    const CellResult result = checker.Check(Column(c.type, c.max_length), c.text);
    EXPECT_EQ(result.problem, c.problem) << ColumnTypeName(c.type) << " '" << c.text << "'";
  }
  EXPECT_EQ(checker.Check(Column(ColumnType::kDate), "3/5/2026").date, Date::FromYmd(2026, 3, 5));
}

TEST(CellCheckTest, NullValuesIgnoreCase) {
  Layout layout;
  layout.null_values = {"NULL", "N/A"};
  const CellChecker checker(layout);
  EXPECT_TRUE(checker.IsNull(""));
  EXPECT_TRUE(checker.IsNull("null"));
  EXPECT_TRUE(checker.IsNull("n/a"));
  EXPECT_FALSE(checker.IsNull("NULLS"));
  EXPECT_FALSE(checker.IsNull("0"));
}

TEST(CellCheckTest, FormatsInTheLayoutsDateFormat) {
  const Date date = *Date::FromYmd(2026, 3, 5);
  const std::pair<const char*, const char*> cases[] = {
      {"MM/DD/YYYY", "03/05/2026"}, {"YYYY-MM-DD", "2026-03-05"}, {"M/D/YYYY", "3/5/2026"},
      {"YYYYMMDD", "20260305"},     {"", "03/05/2026"},
  };
  for (const auto& [format, expected] : cases) {
    Layout layout;
    layout.date_format = format;
    EXPECT_EQ(CellChecker(layout).Format(date), expected) << format;
  }
}

TEST(CellCheckTest, CharacterCountCountsCodePoints) {
  EXPECT_EQ(CharacterCount(""), 0u);
  EXPECT_EQ(CharacterCount("abc"), 3u);
  EXPECT_EQ(CharacterCount("caf\xc3\xa9"), 4u);
}

}  // namespace
}  // namespace hm::check
