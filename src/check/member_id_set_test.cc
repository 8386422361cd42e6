#include "check/member_id_set.h"

#include <gtest/gtest.h>

#include <string>

namespace hm::check {
namespace {

TEST(MemberIdSetTest, InsertsFindsAndKeepsOrder) {
  MemberIdSet set;
  EXPECT_EQ(set.Find("a"), MemberIdSet::kNotFound);
  EXPECT_EQ(set.Insert("M1"), std::make_pair(0u, true));
  EXPECT_EQ(set.Insert("M2"), std::make_pair(1u, true));
  EXPECT_EQ(set.Insert("M1"), std::make_pair(0u, false));
  EXPECT_EQ(set.Find("M2"), 1u);
  EXPECT_EQ(set.Find("M3"), MemberIdSet::kNotFound);
  EXPECT_EQ(set.id(1), "M2");
  EXPECT_FALSE(set.marked(0));
  set.Mark(0);
  EXPECT_TRUE(set.marked(0));
  EXPECT_FALSE(set.marked(1));
}

TEST(MemberIdSetTest, GrowsPastManyMembers) {
  MemberIdSet set;
  constexpr std::uint32_t kCount = 200'000;
  for (std::uint32_t i = 0; i < kCount; ++i) {
    ASSERT_TRUE(set.Insert("MBR" + std::to_string(i)).second) << i;
  }
  set.Mark(kCount - 1);
  EXPECT_EQ(set.size(), kCount);
  for (std::uint32_t i = 0; i < kCount; i += 997) {
    EXPECT_EQ(set.Find("MBR" + std::to_string(i)), i);
    EXPECT_EQ(set.id(i), "MBR" + std::to_string(i));
  }
  EXPECT_TRUE(set.marked(kCount - 1));
  EXPECT_EQ(set.Find("MBR" + std::to_string(kCount)), MemberIdSet::kNotFound);
  EXPECT_FALSE(set.Insert("MBR7").second);
}

}  // namespace
}  // namespace hm::check
