// The answer cache: keys, round trips, sharing across openings, and an unusable file.
#include "ai/ai_cache.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace hm::ai {
namespace {

TEST(AiCacheTest, KeysDependOnModelPromptAndVersionOnly) {
  const Prompt a{"sys", "user text"};
  EXPECT_EQ(CacheKey("m1", a), CacheKey("m1", a));
  EXPECT_NE(CacheKey("m1", a), CacheKey("m2", a));
  EXPECT_NE(CacheKey("m1", a), CacheKey("m1", Prompt{"sys", "user text."}));
  // Moving a byte from one part to the next is another key.
  EXPECT_NE(CacheKey("m1", Prompt{"sysu", "ser text"}), CacheKey("m1", a));
  EXPECT_EQ(CacheKey("m1", a).size(), 64u);
}

TEST(AiCacheTest, StoresAndFindsAnswersAcrossOpenings) {
  hm::testing::TempDir dir;
  {
    Result<AiCache> cache = AiCache::Open(dir.File("c"));
    ASSERT_TRUE(cache.ok()) << cache.status().ToString();
    EXPECT_FALSE(cache->Get("k1").has_value());
    ASSERT_TRUE(cache->Put("k1", "m", R"({"facts": []})").ok());
    ASSERT_TRUE(cache->Put("k1", "m", "replaced").ok());
  }
  Result<AiCache> again = AiCache::Open(dir.File("c"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Get("k1"), "replaced");
}

TEST(AiCacheTest, AFileThatIsNotACacheIsAnError) {
  hm::testing::TempDir dir;
  dir.Write("c/ai-cache.sqlite", "this is not a database, only text long enough to be read as one");
  Result<AiCache> cache = AiCache::Open(dir.File("c"));
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().ToString().find("ai-cache.sqlite"), std::string::npos) << cache.status().ToString();
}

}  // namespace
}  // namespace hm::ai
