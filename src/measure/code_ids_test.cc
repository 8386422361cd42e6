#include "measure/code_ids.h"

#include <string>

#include <gtest/gtest.h>

namespace hm::measure {
namespace {

TEST(CodeIdsTest, InternGivesOneIdPerSystemAndCode) {
  CodeIds ids;
  const std::uint32_t cpt = ids.Intern(CodeSystem::kCpt, "84153");
  EXPECT_EQ(ids.Intern(CodeSystem::kCpt, "84153"), cpt);
  // The same text in another system is another code.
  const std::uint32_t loinc = ids.Intern(CodeSystem::kLoinc, "84153");
  EXPECT_NE(loinc, cpt);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.Find(CodeSystem::kCpt, "84153"), static_cast<std::int32_t>(cpt));
  EXPECT_EQ(ids.Find(CodeSystem::kLoinc, "84153"), static_cast<std::int32_t>(loinc));
  EXPECT_EQ(ids.Find(CodeSystem::kHcpcs, "84153"), -1);
  EXPECT_EQ(ids.Find(CodeSystem::kCpt, "8415"), -1);
  EXPECT_EQ(ids.Find(CodeSystem::kCpt, "841530"), -1);
}

TEST(CodeIdsTest, EmptyTableFindsNothing) {
  const CodeIds ids;
  EXPECT_EQ(ids.Find(CodeSystem::kCpt, "99213"), -1);
  EXPECT_EQ(ids.Find(CodeSystem::kCpt, ""), -1);
}

// Every length the hash reads differently (0-3, 4-8, 9-16, longer), through many table growths.
TEST(CodeIdsTest, ManyCodesOfEveryLengthSurviveGrowth) {
  CodeIds ids;
  std::vector<std::string> codes;
  for (int i = 0; i < 20000; ++i) {
    std::string code = std::to_string(i * 7919);
    code = code.substr(0, static_cast<std::size_t>(i % 24));  // lengths 0..23
    code += std::string(static_cast<std::size_t>(i % 3), 'X') + std::to_string(i);
    codes.push_back(code);
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(ids.Intern(CodeSystem::kSnomedCt, codes[i]), i) << codes[i];
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    ASSERT_EQ(ids.Find(CodeSystem::kSnomedCt, codes[i]), static_cast<std::int32_t>(i)) << codes[i];
    ASSERT_EQ(ids.Find(CodeSystem::kIcd10Cm, codes[i]), -1) << codes[i];
    ASSERT_EQ(ids.Find(CodeSystem::kSnomedCt, codes[i] + "Z"), -1) << codes[i];
  }
}

TEST(CodeSetTest, ContainsOnlyWhatWasAdded) {
  CodeSet set;
  EXPECT_TRUE(set.empty());
  set.Add(3);
  set.Add(200);
  set.Add(3);
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains(3));
  EXPECT_TRUE(set.Contains(200));
  EXPECT_FALSE(set.Contains(4));
  EXPECT_FALSE(set.Contains(-1));     // a code in no value set of the measure
  EXPECT_FALSE(set.Contains(10000));  // past the set's last word
}

}  // namespace
}  // namespace hm::measure
