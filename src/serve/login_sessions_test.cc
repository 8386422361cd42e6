#include "serve/login_sessions.h"

#include <gtest/gtest.h>

namespace hm::serve {
namespace {

TEST(LoginSessionsTest, CreateFindRemove) {
  LoginSessions sessions(std::chrono::seconds(60));
  auto created = sessions.Create("alice", true);
  ASSERT_TRUE(created.ok());
  const auto& [token, session] = *created;
  EXPECT_EQ(token.size(), 64u) << "256 bits as hex";
  EXPECT_EQ(session.csrf_token.size(), 64u);
  EXPECT_NE(token, session.csrf_token);
  auto found = sessions.Find(token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "alice");
  EXPECT_TRUE(found->admin);
  EXPECT_FALSE(sessions.Find(token.substr(1)));
  EXPECT_FALSE(sessions.Find(""));
  sessions.Remove(token);
  EXPECT_FALSE(sessions.Find(token));
}

TEST(LoginSessionsTest, ExpiresWhenUnusedAndUseExtendsIt) {
  auto now = std::chrono::steady_clock::time_point{};
  LoginSessions sessions(std::chrono::seconds(10), [&] { return now; });
  const std::string token = sessions.Create("bob", false)->first;
  now += std::chrono::seconds(9);
  EXPECT_TRUE(sessions.Find(token));
  now += std::chrono::seconds(9);
  EXPECT_TRUE(sessions.Find(token)) << "the last use pushed the expiry back";
  now += std::chrono::seconds(10);
  EXPECT_FALSE(sessions.Find(token));
}

TEST(LoginSessionsTest, CsrfMatchesOnlyTheExactToken) {
  const SignedIn s{"alice", false, std::string(64, 'a')};
  EXPECT_TRUE(LoginSessions::CsrfMatches(s, std::string(64, 'a')));
  const std::string cases[] = {"", std::string(63, 'a'), std::string(64, 'b'), std::string(65, 'a')};
  for (const std::string& c : cases) EXPECT_FALSE(LoginSessions::CsrfMatches(s, c)) << c;
  EXPECT_FALSE(LoginSessions::CsrfMatches(SignedIn{"x", false, ""}, ""));
}

}  // namespace
}  // namespace hm::serve
