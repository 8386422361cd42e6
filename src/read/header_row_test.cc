#include "read/header_row.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hm::read {
namespace {

Row TextRow(std::int64_t number, const std::vector<std::string>& texts) {
  Row row;
  row.number = number;
  for (const std::string& text : texts) {
    Cell cell;
    cell.type = text.empty() ? Cell::Type::kEmpty : Cell::Type::kString;
    cell.text = text;
    row.cells.push_back(cell);
  }
  return row;
}

std::vector<ColumnSpec> Specs(bool prefix) {
  return {{"Member ID", true, {"MEM_NBR"}}, {"Expected Result", false, {"Expected"}, prefix}};
}

TEST(HeaderRowTest, ExactMatchFindsColumnsAfterTitleRows) {
  HeaderRow header(Specs(false));
  EXPECT_FALSE(header.TryMatch(TextRow(1, {"Test cases"})));
  ASSERT_TRUE(header.TryMatch(TextRow(3, {"", "mem_nbr", "EXPECTED RESULT"})));
  EXPECT_EQ(header.header_row(), 3);
  EXPECT_EQ(header.column(0), 1);
  EXPECT_EQ(header.column(1), 2);
}

TEST(HeaderRowTest, PrefixMatchesAnnotatedHeadersOnlyWhenAsked) {
  struct Case {
    const char* name;
    std::vector<std::string> cells;
    bool prefix;
    int expected_column;
  } cases[] = {
      {"annotated, prefix off", {"MEM_NBR", "Expected Result - Member_X.Product_ID"}, false, -1},
      {"annotated, prefix on", {"MEM_NBR", "Expected Result - Member_X.Product_ID"}, true, 1},
      {"alias prefix", {"MEM_NBR", "Expected\nWith Allowable Gap"}, true, 1},
      {"exact beats earlier prefix", {"MEM_NBR", "Expected Result (old)", "Expected Result"}, true, 2},
      {"unrelated", {"MEM_NBR", "Actual Result"}, true, -1},
  };
  for (const Case& c : cases) {
    HeaderRow header(Specs(c.prefix));
    ASSERT_TRUE(header.TryMatch(TextRow(1, c.cells))) << c.name;
    EXPECT_EQ(header.column(1), c.expected_column) << c.name;
  }
}

TEST(HeaderRowTest, MissingRequiredColumnIsReported) {
  HeaderRow header(Specs(true), 2);
  EXPECT_FALSE(header.TryMatch(TextRow(1, {"Expected Result"})));
  EXPECT_FALSE(header.TryMatch(TextRow(2, {"notes"})));
  EXPECT_TRUE(header.gave_up());
  EXPECT_NE(header.MissingColumnsError().ToString().find("'Member ID'"), std::string::npos);
}

}  // namespace
}  // namespace hm::read
