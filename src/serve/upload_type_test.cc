#include "serve/upload_type.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "testing/xlsx_fixture.h"

namespace hm::serve {
namespace {

TEST(UploadTypeTest, KindsByContent) {
  hm::testing::TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
    const char* kind;  // nullptr: refused
    const char* says;  // part of the refusal
  };
  const Case cases[] = {
      {"a.csv", "Test Case ID,Scenario\nX,\"Männlich\"\n", "csv", ""},
      {"spec.pdf", "%PDF-1.7\n...", "pdf", ""},
      {"virus.xlsx", std::string("MZ\x90\0\x03\0\0\0", 8) + "This program cannot be run", nullptr, "Windows program"},
      {"zip.xlsx", std::string("PK\x03\x04", 4) + "not really a zip", nullptr, "zip archive"},
      {"old.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), nullptr, ".xls"},
      {"nul.csv", std::string("a,b\n\0\0", 6), nullptr, "binary"},
      {"latin1.csv", "caf\xE9\n", nullptr, "UTF-8"},
      {"cut.csv", "caf\xC3", nullptr, "UTF-8"},
      {"empty.csv", "", nullptr, "empty"},
  };
  for (const Case& c : cases) {
    auto kind = DetectFileKind(dir.Write(c.name, c.bytes));
    if (c.kind != nullptr) {
      ASSERT_TRUE(kind.ok()) << c.name << ": " << kind.status().ToString();
      EXPECT_STREQ(FileKindName(*kind), c.kind) << c.name;
    } else {
      ASSERT_FALSE(kind.ok()) << c.name;
      EXPECT_NE(kind.status().message().find(c.says), std::string::npos) << c.name << ": " << kind.status().ToString();
    }
  }
}

TEST(UploadTypeTest, RealWorkbookIsXlsx) {
  hm::testing::TempDir dir;
  hm::testing::XlsxParts parts;
  parts.sheets = {{"Sheet1", hm::testing::WorksheetXml("")}};
  const std::string path = dir.Write("book.bin", hm::testing::ZipBytes(hm::testing::XlsxEntries(parts)));  // the name says nothing
  auto kind = DetectFileKind(path);
  ASSERT_TRUE(kind.ok()) << kind.status().ToString();
  EXPECT_EQ(*kind, FileKind::kXlsx);
}

}  // namespace
}  // namespace hm::serve
