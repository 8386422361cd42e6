#include "read/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "read/csv_parser.h"
#include "testing/temp_dir.h"

namespace hm::read {
namespace {

// A record as the tests compare it: the line it starts on and its fields.
using Record = std::pair<std::int64_t, std::vector<std::string>>;

Record ToRecord(const Row& row) {
  Record record{row.number, {}};
  for (const Cell& cell : row.cells) {
    EXPECT_EQ(cell.type, Cell::Type::kString) << "line " << row.number;
    record.second.push_back(cell.text);
  }
  return record;
}

// Parses `text` fed in chunks of `chunk` bytes, so chunk boundaries fall everywhere.
Result<std::vector<Record>> Parse(const std::string& text, std::size_t chunk,
                                  const ReadLimits& limits = {}) {
  std::vector<Record> records;
  const RowVisitor visit = [&records](const Row& row) {
    records.push_back(ToRecord(row));
    return Status::Ok();
  };
  CsvParser parser("test.csv", limits, visit);
  for (std::size_t at = 0; at < text.size(); at += chunk) {
    HM_RETURN_IF_ERROR(parser.Feed(std::string_view(text).substr(at, chunk)));
  }
  HM_RETURN_IF_ERROR(parser.Finish());
  EXPECT_EQ(parser.rows_read(), static_cast<std::int64_t>(records.size()));
  return records;
}

struct ParseCase {
  const char* name;
  std::string text;
  std::vector<Record> records;
};

TEST(CsvParserTest, ParsesRfc4180WhateverTheChunkSize) {
  const ParseCase cases[] = {
      {"simple", "a,b\nc,d\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"no final line break", "a,b\nc,d", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"CRLF", "a,b\r\nc,d\r\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"lone CR", "a\rb\r", {{1, {"a"}}, {2, {"b"}}}},
      {"quotes", "\"a,b\",\"say \"\"hi\"\"\"\n", {{1, {"a,b", "say \"hi\""}}}},
      {"LF inside quotes",
       "\"line1\nline2\",x\nnext\n",
       {{1, {"line1\nline2", "x"}}, {3, {"next"}}}},
      {"CRLF inside quotes becomes LF", "\"l1\r\nl2\"\r\nz\r\n", {{1, {"l1\nl2"}}, {3, {"z"}}}},
      {"byte-order mark", "\xEF\xBB\xBFid,name\n1,x\n", {{1, {"id", "name"}}, {2, {"1", "x"}}}},
      {"empty fields", "a,,c\n,,\n,b,\n", {{1, {"a", "", "c"}}, {3, {"", "b", ""}}}},
      {"trailing empty field", "a,\n", {{1, {"a", ""}}}},
      {"trailing empty field at end of input", "a,", {{1, {"a", ""}}}},
      {"blank lines skipped, lines still counted", "\n\na\n\r\n\nb\n", {{3, {"a"}}, {6, {"b"}}}},
      {"quoted empty field is blank", "\"\"\nx\n", {{2, {"x"}}}},
      {"quote inside unquoted field", "ab\"c,d\n", {{1, {"ab\"c", "d"}}}},
      {"text after a closing quote", "\"ab\"cd,e\n", {{1, {"abcd", "e"}}}},
      {"spaces kept", " a , b \n", {{1, {" a ", " b "}}}},
      {"UTF-8", "caf\xC3\xA9,na\xC3\xAFve\n", {{1, {"caf\xC3\xA9", "na\xC3\xAFve"}}}},
      {"short record after a long one", "a,b,c\nd\n", {{1, {"a", "b", "c"}}, {2, {"d"}}}},
      {"quoted field at end of input", "x,\"y\"", {{1, {"x", "y"}}}},
      {"empty input", "", {}},
      {"only a byte-order mark", "\xEF\xBB\xBF", {}},
      {"two bytes", "ab", {{1, {"ab"}}}},
  };
  for (const ParseCase& c : cases) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{65536}}) {
      const auto records = Parse(c.text, chunk);
      ASSERT_TRUE(records.ok()) << c.name << ": " << records.status().ToString();
      EXPECT_EQ(*records, c.records) << c.name << " (chunks of " << chunk << ")";
    }
  }
}

struct ErrorCase {
  const char* name;
  std::string text;
  ReadLimits limits;
  StatusCode code;
  std::int64_t line;
  std::int64_t column;
  const char* message;  // a part of the message
};

ReadLimits WithFieldLimit(std::uint64_t bytes) {
  ReadLimits limits;
  limits.max_csv_field_bytes = bytes;
  return limits;
}

ReadLimits WithColumnLimit(std::int64_t columns) {
  ReadLimits limits;
  limits.max_columns = columns;
  return limits;
}

TEST(CsvParserTest, ReportsErrorsWithTheirLine) {
  const ErrorCase cases[] = {
      {"unterminated quote", "a,b\nc,\"open\nmore\n", {}, StatusCode::kInvalidInput, 2, 0,
       "starts on this line has no closing quote"},
      {"NUL byte", std::string("ab\nc\0d\n", 7), {}, StatusCode::kInvalidInput, 2, 0, "NUL"},
      {"field too long", "short\nx,0123456789\n", WithFieldLimit(8), StatusCode::kLimitExceeded,
       2, 2, "longer than the 8 bytes"},
      {"quoted field too long", "\"0123\n456789\"\n", WithFieldLimit(8), StatusCode::kLimitExceeded,
       1, 1, "longer than the 8 bytes"},
      {"too many fields", "a,b\na,b,c,d\n", WithColumnLimit(3), StatusCode::kLimitExceeded, 2, 0,
       "more than the 3 fields"},
  };
  for (const ErrorCase& c : cases) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{65536}}) {
      const auto records = Parse(c.text, chunk, c.limits);
      ASSERT_FALSE(records.ok()) << c.name;
      const Status& status = records.status();
      EXPECT_EQ(status.code(), c.code) << c.name << ": " << status.ToString();
      EXPECT_EQ(status.location().file, "test.csv") << c.name;
      EXPECT_EQ(status.location().line, c.line) << c.name << ": " << status.ToString();
      EXPECT_EQ(status.location().column, c.column) << c.name << ": " << status.ToString();
      EXPECT_NE(status.message().find(c.message), std::string::npos)
          << c.name << ": " << status.ToString();
    }
  }
}

TEST(CsvParserTest, StopsAtTheVisitorsErrorAndAddsTheLine) {
  int visited = 0;
  const RowVisitor visit = [&visited](const Row& row) {
    ++visited;
    return row.number == 2 ? Status::InvalidInput("bad row") : Status::Ok();
  };
  CsvParser parser("v.csv", ReadLimits{}, visit);
  const Status status = parser.Feed("a\nb\nc\n");
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.ToString(), "v.csv: line 2: bad row");
  EXPECT_EQ(visited, 2);
}

TEST(CsvReaderTest, StreamsAFileLargerThanOneChunk) {
  testing::TempDir dir;
  std::string text = "id,note\n";
  for (int i = 1; i <= 8000; ++i) {
    // Every tenth note spans two lines, so quoted line breaks straddle the chunk boundaries.
    text += std::to_string(i) + (i % 10 == 0 ? ",\"first\nsecond\"\n" : ",plain note text\n");
  }
  ASSERT_GT(text.size(), 2u * 65536u);
  const auto workbook = OpenCsvFile(dir.Write("notes.csv", text));
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  ASSERT_EQ((*workbook)->SheetNames(), std::vector<std::string>{"notes"});

  std::int64_t expected_line = 1;
  std::int64_t rows = 0;
  const auto summary = (*workbook)->ReadSheet(0, [&](const Row& row) {
    EXPECT_EQ(row.number, expected_line) << "record " << rows;
    const bool spans = row.at(1).text == "first\nsecond";
    expected_line += spans ? 2 : 1;
    ++rows;
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(rows, 8001);
  EXPECT_EQ(summary->rows_read, 8001);
}

TEST(CsvReaderTest, ReadsBytesAsOneSheetNamedAfterTheDisplayName) {
  const auto workbook = OpenCsvBytes("a,b\n", "uploads/cases.csv");
  ASSERT_TRUE(workbook.ok());
  EXPECT_EQ((*workbook)->SheetNames(), std::vector<std::string>{"cases"});
  EXPECT_EQ((*workbook)->path(), "uploads/cases.csv");
  const auto sheet = (*workbook)->LoadSheet(0);
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0].at(1).text, "b");
}

TEST(CsvReaderTest, ErrorsNameTheFile) {
  testing::TempDir dir;
  const std::string path = dir.Write("broken.csv", "x\n\"never closed\n");
  const auto workbook = OpenCsvFile(path);
  ASSERT_TRUE(workbook.ok());
  const auto summary = (*workbook)->ReadSheet(0, [](const Row&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().location().file, path);
  EXPECT_EQ(summary.status().location().line, 2);
}

TEST(CsvReaderTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  const auto workbook = OpenCsvFile(dir.File("absent.csv"));
  ASSERT_FALSE(workbook.ok());
  EXPECT_EQ(workbook.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(workbook.status().location().file, dir.File("absent.csv"));
}

TEST(CsvReaderTest, FolderIsOneSheetPerCsvFileInNameOrder) {
  testing::TempDir dir;
  dir.Write("b_second.csv", "2\n");
  dir.Write("a_first.CSV", "1\n");
  dir.Write("notes.txt", "not a sheet\n");
  const auto workbook = OpenCsvFolder(dir.path().string());
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  ASSERT_EQ((*workbook)->SheetNames(), (std::vector<std::string>{"a_first", "b_second"}));
  const auto second = (*workbook)->LoadSheet(1);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->rows.size(), 1u);
  EXPECT_EQ(second->rows[0].at(0).text, "2");
  EXPECT_EQ(second->name, "b_second");
}

TEST(CsvReaderTest, FolderWithoutCsvFilesIsRefused) {
  testing::TempDir dir;
  dir.Write("notes.txt", "x\n");
  const auto workbook = OpenCsvFolder(dir.path().string());
  ASSERT_FALSE(workbook.ok());
  EXPECT_EQ(workbook.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(workbook.status().message().find("no .csv file"), std::string::npos);
}

}  // namespace
}  // namespace hm::read
