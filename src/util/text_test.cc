#include "util/text.h"

#include <gtest/gtest.h>

namespace hm::util {
namespace {

TEST(TextTest, Trim) {
  struct {
    const char* in;
    const char* out;
  } cases[] = {{"  a b  ", "a b"}, {"\t\na\r\n", "a"}, {"", ""}, {"   ", ""},
               {"\xC2\xA0" "PSA\xC2\xA0", "PSA"}, {"x", "x"}};
  for (const auto& c : cases) EXPECT_EQ(Trim(c.in), c.out) << "'" << c.in << "'";
}

TEST(TextTest, NameKeyIgnoresCaseSpacesAndPunctuation) {
  EXPECT_EQ(NameKey("Value Sets to Codes"), "valuesetstocodes");
  EXPECT_EQ(NameKey("VALUE_SETS_TO_CODES"), NameKey("value-sets to codes"));
  EXPECT_EQ(NameKey("BCS-E"), "bcse");
  EXPECT_NE(NameKey("PSA Lab Test"), NameKey("PSA Lab Tests"));
}

TEST(TextTest, EditDistance) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("psalabtest", "psalabtests"), 1u);
}

TEST(TextTest, EqualsIgnoringCase) {
  EXPECT_TRUE(EqualsIgnoringCase("MEM_Addr1", "mem_addr1"));
  EXPECT_FALSE(EqualsIgnoringCase("MEM_ADDR1", "MEM_ADDR2"));
  EXPECT_FALSE(EqualsIgnoringCase("MEM", "MEM_"));
  EXPECT_TRUE(EqualsIgnoringCase("", ""));
}

TEST(TextTest, UpperTouchesOnlyAsciiLetters) {
  EXPECT_EQ(Upper("Hp_employee 1é"), "HP_EMPLOYEE 1é");
  EXPECT_EQ(Upper(""), "");
}

}  // namespace
}  // namespace hm::util
