#include "hedis_mockup/status.h"

#include <gtest/gtest.h>

namespace hm {
namespace {

TEST(StatusTest, OkIsEmpty) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.ToString(), "OK");
  EXPECT_EQ(ExitCodeFor(ok), 0);
  EXPECT_TRUE(ok.message().empty());
}

TEST(StatusTest, ToStringNamesWhereWhatAndWhatToDo) {
  struct Case {
    Status status;
    std::string expected;
  } cases[] = {
      {Status::InvalidInput("bad", "fix it"), "bad; fix it"},
      {Status::InvalidInput("bad").InFile("a.xlsx"), "a.xlsx: bad"},
      {Status::InvalidInput("bad", "fix").InFile("a.xlsx").InSheet("S").AtCell(5, 3),
       "a.xlsx: sheet 'S', row 5, column C: bad; fix"},
      {Status::NotFound("gone").InFile("b.csv").AtLine(7), "b.csv: line 7: gone"},
      {Status::InvalidInput("bad").AtCell(2, 0), "row 2: bad"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.status.ToString(), c.expected);
}

TEST(StatusTest, InnermostContextWins) {
  Status s = Status::InvalidInput("bad").InFile("inner.xlsx").InSheet("Inner");
  s = std::move(s).InFile("outer.xlsx").InSheet("Outer").AtCell(1, 1);
  EXPECT_EQ(s.location().file, "inner.xlsx");
  EXPECT_EQ(s.location().sheet, "Inner");
  EXPECT_EQ(s.location().row, 1);
}

TEST(StatusTest, ExitCodes) {
  EXPECT_EQ(ExitCodeFor(Status::InvalidInput("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::NotFound("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::LimitExceeded("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::IoError("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::Internal("x")), 3);
}

TEST(StatusTest, CopiesAreIndependent) {
  Status a = Status::InvalidInput("a");
  Status b = a;
  b = std::move(b).InFile("f");
  EXPECT_TRUE(a.location().file.empty());
  EXPECT_EQ(b.location().file, "f");
}

TEST(StatusTest, ErrorsAreFatalUnlessMarkedRecoverable) {
  EXPECT_EQ(Status::IoError("x").severity(), Severity::kFatal);
  Status s = Status::IoError("x").Recoverable();
  EXPECT_EQ(s.severity(), Severity::kRecoverable);
  EXPECT_STREQ(SeverityName(s.severity()), "recoverable");
  Status copy = s;
  EXPECT_EQ(copy.severity(), Severity::kRecoverable) << "copies keep the severity";
  EXPECT_STREQ(ErrorTypeName(StatusCode::kInvalidInput), "InvalidInputError");
}

TEST(ColumnLettersTest, Converts) {
  struct {
    std::int64_t column;
    const char* letters;
  } cases[] = {{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"},
               {16384, "XFD"}};
  for (const auto& c : cases) EXPECT_EQ(ColumnLetters(c.column), c.letters) << c.column;
}

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidInput("odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  HM_ASSIGN_OR_RETURN(int half, Half(n));
  HM_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().message(), "odd");
  EXPECT_TRUE(Quarter(4).status().ok());
}

TEST(DiagnosticsTest, KeepsAllProblemsUpToALimit) {
  Diagnostics none;
  EXPECT_TRUE(none.Checkpoint().ok());

  Diagnostics diagnostics(2);
  diagnostics.Add(Status::Ok());
  for (int i = 1; i <= 4; ++i) diagnostics.Add(Status::InvalidInput("problem " + std::to_string(i)));
  EXPECT_EQ(diagnostics.count(), 4u);
  Status s = diagnostics.Checkpoint();
  EXPECT_EQ(s.message(), "problem 1");
  ASSERT_EQ(s.more().size(), 2u);
  EXPECT_EQ(s.more()[0], "problem 2");
  EXPECT_NE(s.more()[1].find("2 more"), std::string::npos) << s.more()[1];
}

}  // namespace
}  // namespace hm
