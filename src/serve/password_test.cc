#include "serve/password.h"

#include <gtest/gtest.h>

namespace hm::serve {
namespace {

constexpr PasswordCost kCheap{1024, 1, 1};  // tests need correctness, not slowness

TEST(PasswordTest, HashVerifiesItsPasswordOnly) {
  auto hash = HashPassword("correct horse", kCheap);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=1024,t=1,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horsE"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, SaltsDiffer) {
  EXPECT_NE(*HashPassword("same", kCheap), *HashPassword("same", kCheap));
}

TEST(PasswordTest, MalformedHashesNeverMatch) {
  const char* cases[] = {"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$garbage"};
  for (const char* c : cases) EXPECT_FALSE(VerifyPassword(c, "plain")) << c;
}

}  // namespace
}  // namespace hm::serve
