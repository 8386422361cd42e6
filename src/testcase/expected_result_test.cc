// Tests of ParseExpected: the declarative cases in test/cases/expected/*.test, then GoogleTest
// cases for spans and edge cases.
//
// Case file format (one or more cases per file; '#' lines outside "input:" are comments):
//
//   name: age and gender on two lines      starts a case; the name is printed on failure
//   my: 2026                               optional measurement year (default 2026)
//   input:                                 every line up to "expect:" is the cell, verbatim,
//   AG=1                                   joined with "\n" (no lines: the empty cell)
//   AGE_END_REP_YR=70, Gender=M
//   expect:                                the whole result, in order, one per line:
//   AG=1                                     KEY=VALUE as ToString(Expectation) prints it: text
//   AGE_END_REP_YR=70                        double-quoted, dates ISO, NULL, " [unknown]" for
//   GENDER="M"                               keys not in KnownKeys()
//   absent: true                             the member must be absent (default: absent: false)
//   unparsed: junk here                      an unparsed fragment's text, in order
//   all_product_lines: true                  "For all valid product lines" (default: false)
//   product_lines: commercial medicaid       the product lines named by a scope line, in order
//
// A case ends at the next "name:" line or at the end of the file. Blank lines in "expect:" are
// ignored. Every expected line must match, and nothing else may be produced.
#include "testcase/expected_result.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/case_file.h"
#include "testing/temp_dir.h"

namespace hm::testcase {
namespace {

constexpr int kMy = 2026;

struct FileCase {
  std::string file;
  std::string name;
  int line = 0;  // of "name:"
  int my = kMy;
  std::string input;
  std::vector<std::string> expect_items;
  std::vector<std::string> expect_unparsed;
  bool expect_absent = false;
  bool expect_all_product_lines = false;
  std::string expect_product_lines;  // space-separated
};

std::vector<FileCase> ReadCases(const std::filesystem::path& path, std::string* error) {
  std::vector<FileCase> cases;
  for (const testing::CaseBlock& block : testing::ReadCaseFile(path, {"my"}, error)) {
    FileCase c;
    c.file = block.file;
    c.name = block.name;
    c.line = block.line;
    if (auto my = block.header.find("my"); my != block.header.end()) c.my = std::stoi(my->second);
    c.input = block.input;
    for (const std::string& line : block.expect) {
      if (line == "absent: true" || line == "absent: false") {
        c.expect_absent = line == "absent: true";
      } else if (line == "all_product_lines: true") {
        c.expect_all_product_lines = true;
      } else if (line.starts_with("product_lines: ")) {
        c.expect_product_lines = line.substr(15);
      } else if (line.starts_with("unparsed: ")) {
        c.expect_unparsed.push_back(line.substr(10));
      } else {
        c.expect_items.push_back(line);
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Show(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "\n    " + l;
  return out.empty() ? " (none)" : out;
}

TEST(ExpectedResultFiles, AllCasesPass) {
  const std::filesystem::path dir =
      std::filesystem::path(hm::testing::SourceDir()) / "test" / "cases" / "expected";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 3u) << "case files missing from " << dir;

  int count = 0;
  for (const auto& file : files) {
    std::string error;
    std::vector<FileCase> cases = ReadCases(file, &error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_FALSE(cases.empty()) << file << " holds no case";
    for (const FileCase& c : cases) {
      ++count;
      SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " (" + c.name + ")");
      const ExpectedResult r = ParseExpected(c.input, c.my);
      std::vector<std::string> items;
      for (const Expectation& x : r.items) items.push_back(ToString(x));
      std::vector<std::string> unparsed;
      for (const Fragment& f : r.unparsed) unparsed.push_back(f.text);
      EXPECT_EQ(items, c.expect_items)
          << "items: got" << Show(items) << "\n  want" << Show(c.expect_items);
      EXPECT_EQ(unparsed, c.expect_unparsed)
          << "unparsed: got" << Show(unparsed) << "\n  want" << Show(c.expect_unparsed);
      EXPECT_EQ(r.absent, c.expect_absent);
      EXPECT_EQ(r.all_product_lines, c.expect_all_product_lines);
      std::string lines;
      for (const std::string& l : r.product_lines) lines += (lines.empty() ? "" : " ") + l;
      EXPECT_EQ(lines, c.expect_product_lines);
      // Spans must hold what they claim.
      for (const Fragment& f : r.unparsed) {
        ASSERT_LE(f.end, c.input.size());
        EXPECT_EQ(c.input.substr(f.begin, f.end - f.begin), f.text);
      }
      for (const Expectation& x : r.items) {
        ASSERT_LT(x.begin, x.end);
        ASSERT_LE(x.end, c.input.size());
        EXPECT_TRUE(c.input.substr(x.begin, x.end - x.begin).starts_with(x.raw_key)) << x.raw_key;
      }
    }
  }
  EXPECT_GE(count, 30) << "fewer declarative cases than written: a file failed to load?";
}

TEST(ExpectedResultTest, SpansPointIntoTheCell) {
  const std::string cell = "AG=1,\r\nGender = F ; junk here\nExclusion_dt=1/1/MY-1 ";
  const ExpectedResult r = ParseExpected(cell, kMy);
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(cell.substr(r.items[0].begin, r.items[0].end - r.items[0].begin), "AG=1");
  EXPECT_EQ(cell.substr(r.items[1].begin, r.items[1].end - r.items[1].begin), "Gender = F");
  EXPECT_EQ(cell.substr(r.items[2].begin, r.items[2].end - r.items[2].begin),
            "Exclusion_dt=1/1/MY-1");
  EXPECT_EQ(r.items[0].line, 0u);
  EXPECT_EQ(r.items[1].line, 1u);  // \r\n is one line break
  EXPECT_EQ(r.items[2].line, 2u);
  EXPECT_EQ(r.items[1].raw_key, "Gender");
  EXPECT_EQ(r.items[1].key, "GENDER");
  EXPECT_EQ(r.items[2].value, Value(*Date::FromYmd(2025, 1, 1)));
  ASSERT_EQ(r.unparsed.size(), 1u);
  EXPECT_EQ(r.unparsed[0].text, "junk here");
  EXPECT_EQ(r.unparsed[0].begin, cell.find("junk"));
  EXPECT_EQ(r.unparsed[0].end, cell.find("junk") + 9);
}

TEST(ExpectedResultTest, AbsenceSpan) {
  const std::string cell = "CE=0\n  Member should not appear  ";
  const ExpectedResult r = ParseExpected(cell, kMy);
  EXPECT_TRUE(r.absent);
  EXPECT_EQ(cell.substr(r.absent_begin, r.absent_end - r.absent_begin), "Member should not appear");
  EXPECT_EQ(r.items.size(), 1u);
}

// Items separated by spaces only are read one by one, however many (a cell may hold 32,767
// characters); each keeps its own span.
TEST(ExpectedResultTest, ManyItemsSeparatedBySpacesOnly) {
  std::string cell;
  for (int i = 0; i < 5000; ++i) cell += (i % 2 == 0 ? "CE=1 " : "AD=0 ");
  const ExpectedResult r = ParseExpected(cell, kMy);
  ASSERT_EQ(r.items.size(), 5000u);
  EXPECT_TRUE(r.unparsed.empty());
  EXPECT_EQ(r.items[4999].key, "AD");
  EXPECT_EQ(r.items[4999].begin, 4999u * 5);
  const ExpectedResult absent = ParseExpected("Product_ID=3 will not appear, CE=1", kMy);
  ASSERT_EQ(absent.absence_begins.size(), 1u);
  EXPECT_EQ(absent.absence_begins[0], std::string("Product_ID=3 ").size());
}

TEST(ExpectedResultTest, ValueTypes) {
  const ExpectedResult r =
      ParseExpected("CE=1, AGE_END_REP_YR=70, Gender=male, EXCLUSION_DT=null, X=abc, Y=-5", kMy);
  ASSERT_EQ(r.items.size(), 6u);
  EXPECT_EQ(r.items[0].value, Value(Flag{true}));
  EXPECT_EQ(r.items[1].value, Value(std::int64_t{70}));
  EXPECT_EQ(r.items[2].value, Value(std::string("M")));
  EXPECT_EQ(r.items[3].value, Value(NullValue{}));
  EXPECT_EQ(r.items[4].value, Value(std::string("abc")));
  EXPECT_FALSE(r.items[4].known);
  EXPECT_EQ(r.items[5].value, Value(std::int64_t{-5}));
  EXPECT_TRUE(r.unparsed.empty());
}

TEST(ExpectedResultTest, DatesFollowTheMeasurementYear) {
  const ExpectedResult a = ParseExpected("Exclusion_dt=12/31/MY-1", 2026);
  const ExpectedResult b = ParseExpected("Exclusion_dt=12/31/MY-1", 2030);
  ASSERT_EQ(a.items.size(), 1u);
  ASSERT_EQ(b.items.size(), 1u);
  EXPECT_EQ(a.items[0].value, Value(*Date::FromYmd(2025, 12, 31)));
  EXPECT_EQ(b.items[0].value, Value(*Date::FromYmd(2029, 12, 31)));
}

TEST(ExpectedResultTest, StrayEqualsSignsAreReported) {
  for (const char* cell : {"=", "==1", "CE=", "= 1", "CE==", "CE = = 1"}) {
    SCOPED_TRACE(cell);
    const ExpectedResult r = ParseExpected(cell, kMy);
    EXPECT_TRUE(r.items.empty());
    ASSERT_EQ(r.unparsed.size(), 1u);
    EXPECT_EQ(r.unparsed[0].text, std::string(cell));
  }
}

TEST(ExpectedResultTest, UnicodeIsReportedNotMangled) {
  const std::string cell = "CE=1, \xC3\xA9t\xC3\xA9=\xE2\x9C\x93, \xF0\x9F\x98\x80";
  const ExpectedResult r = ParseExpected(cell, kMy);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(ToString(r.items[0]), "CE=1");
  ASSERT_EQ(r.unparsed.size(), 2u);
  EXPECT_EQ(r.unparsed[0].text, "\xC3\xA9t\xC3\xA9=\xE2\x9C\x93");
  EXPECT_EQ(r.unparsed[1].text, "\xF0\x9F\x98\x80");
  // A non-breaking space is whitespace.
  const ExpectedResult nbsp = ParseExpected("\xC2\xA0" "CE\xC2\xA0=\xC2\xA0" "1\xC2\xA0", kMy);
  ASSERT_EQ(nbsp.items.size(), 1u);
  EXPECT_EQ(ToString(nbsp.items[0]), "CE=1");
  EXPECT_TRUE(nbsp.unparsed.empty());
}

TEST(ExpectedResultTest, VeryLongInputIsLinearAndComplete) {
  std::string cell;
  constexpr int kItems = 20000;
  for (int i = 0; i < kItems; ++i) cell += "CE=1, Exclusion_dt=1/1/MY-1\n";
  cell += std::string(100000, 'x');
  const ExpectedResult r = ParseExpected(cell, kMy);
  EXPECT_EQ(r.items.size(), 2u * kItems);
  ASSERT_EQ(r.unparsed.size(), 1u);
  EXPECT_EQ(r.unparsed[0].text.size(), 100000u);
  EXPECT_EQ(r.items.back().line, static_cast<std::size_t>(kItems - 1));
}

TEST(ExpectedResultTest, ArbitraryBytesNeverCrash) {
  std::string cell;
  unsigned state = 12345;
  for (int round = 0; round < 2000; ++round) {
    cell.clear();
    for (int i = 0; i < 40; ++i) {
      state = state * 1103515245u + 12345u;
      static const char kAlphabet[] = "CEAG=1:0 ,;\n\r/MY-andis\xC2\xA0'\"nullDT_x";
      cell += kAlphabet[(state >> 16) % (sizeof(kAlphabet) - 1)];
    }
    const ExpectedResult r = ParseExpected(cell, kMy);
    for (const Fragment& f : r.unparsed) {
      ASSERT_LE(f.end, cell.size());
      ASSERT_EQ(cell.substr(f.begin, f.end - f.begin), f.text);
    }
    for (const Expectation& x : r.items) ASSERT_LE(x.end, cell.size());
  }
}

TEST(ExpectedResultTest, KnownKeysTableIsConsistent) {
  for (const KeyInfo& info : KnownKeys()) {
    SCOPED_TRACE(std::string(info.key));
    EXPECT_FALSE(info.meaning.empty());
    if (info.key.find('<') != std::string_view::npos) continue;  // NE<n> pattern rows
    EXPECT_EQ(CanonicalKey(info.key), info.key);
    const ExpectedResult r = ParseExpected(std::string(info.key) + "=NULL", kMy);
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_TRUE(r.items[0].known);
  }
  EXPECT_EQ(CanonicalKey("sex"), "GENDER");
  EXPECT_EQ(CanonicalKey("Exclusion_Date"), "EXCLUSION_DT");
  EXPECT_EQ(CanonicalKey("ne"), "NE");  // NE is not folded into NUM
}

}  // namespace
}  // namespace hm::testcase
