#include "source/connection_string.h"

#include <gtest/gtest.h>

#include <string>

namespace hm::source {
namespace {

TEST(ConnectionStringTest, Targets) {
  const struct {
    const char* text;
    SqlBackend backend;
    const char* target;
  } cases[] = {
      {"sqlite:/tmp/x.db", SqlBackend::kSqlite, "/tmp/x.db"},
      {"sqlite:relative/x.db", SqlBackend::kSqlite, "relative/x.db"},
      {"sqlite::memory:", SqlBackend::kSqlite, ":memory:"},
      {"sqlite:///tmp/x.db", SqlBackend::kSqlite, "/tmp/x.db"},
      {"postgresql://u@h:5432/db", SqlBackend::kPostgres, "postgresql://u@h:5432/db"},
      {"postgres://h/db?sslmode=disable", SqlBackend::kPostgres, "postgres://h/db?sslmode=disable"},
      {"postgresql://", SqlBackend::kPostgres, "postgresql://"},
  };
  for (const auto& c : cases) {
    const auto target = ParseConnectionString(c.text);
    ASSERT_TRUE(target.ok()) << c.text << ": " << target.status().ToString();
    EXPECT_EQ(target->backend, c.backend) << c.text;
    EXPECT_EQ(target->target, c.target) << c.text;
  }
}

TEST(ConnectionStringTest, Errors) {
  const struct {
    std::string text;
    const char* message;
  } errors[] = {
      {"", "empty connection string"},
      {"mysql://u:secret@h/db", "unsupported connection string 'mysql://u:***@h/db'"},
      {"sqlite:", "no database path in 'sqlite:'"},
      {"SQLITE:/x", "unsupported connection string 'SQLITE:/x'"},
      {"host=h password=secret", "unsupported connection string 'host=h password=***'"},
      {"postgresql://h/db?bogus=1", "invalid URI query parameter: \"bogus\""},
      {"postgresql://u:se%zzcret@h/db", "invalid PostgreSQL connection string 'postgresql://u:***@h/db'"},
      {std::string("sqlite:/a\0b", 11), "contains a NUL character"},
  };
  for (const auto& e : errors) {
    const auto target = ParseConnectionString(e.text);
    ASSERT_FALSE(target.ok()) << e.text;
    EXPECT_EQ(target.status().code(), StatusCode::kInvalidInput) << e.text;
    const std::string shown = target.status().ToString();
    EXPECT_NE(shown.find(e.message), std::string::npos) << e.text << " gave " << shown;
    EXPECT_EQ(shown.find("secret"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("zz"), std::string::npos) << "libpq quotes the bad token: " << shown;
  }
}

TEST(ConnectionStringTest, MasksEveryPassword) {
  const struct {
    const char* text;
    const char* display;
  } cases[] = {
      {"postgresql://u:secret@h/db", "postgresql://u:***@h/db"},
      {"postgresql://u:s:e@cret@h/db", "postgresql://u:***@cret@h/db"},
      {"postgresql://u@h/db?password=secret&sslmode=disable",
       "postgresql://u@h/db?password=***&sslmode=disable"},
      {"postgresql://h/db?p%61ssword=secret", "postgresql://h/db?p%61ssword=***"},
      {"postgresql://u:a@h1:1,h2:2/db?sslpassword=b", "postgresql://u:***@h1:1,h2:2/db?sslpassword=***"},
      {"postgresql://u:@h/db", "postgresql://u:@h/db"},
      {"postgresql://u@h/db", "postgresql://u@h/db"},
      {"host=h password='se cret' user=u", "host=h password=*** user=u"},
      {"host=h password = se\\ cret user=u", "host=h password = *** user=u"},
      {"host=h PASSWORD='it\\'s' port=1", "host=h PASSWORD=*** port=1"},
      {"sqlite:/tmp/password=x", "sqlite:/tmp/password=x"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MaskSecrets(c.text).display, c.display) << c.text;
    EXPECT_EQ(MaskConnectionString(c.text), c.display) << c.text;
  }
}

TEST(ConnectionStringTest, ScrubsSecretsFromOtherText) {
  const MaskedConnectionString masked = MaskSecrets("postgresql://u:hunter2@h/db");
  ASSERT_EQ(masked.secrets, (std::vector<std::string>{"hunter2"}));
  EXPECT_EQ(ScrubSecrets("token \"hunter2\" and hunter2", masked.secrets), "token \"***\" and ***");
  EXPECT_EQ(ScrubSecrets("nothing here", {""}), "nothing here");
  // Secrets that are part of the mask, or of each other, are replaced in one pass: the text never
  // grows on every secret (the fuzzer found exponential growth with many "*" secrets).
  EXPECT_EQ(ScrubSecrets("a*b", std::vector<std::string>(40, "*")), "a***b");
  EXPECT_EQ(ScrubSecrets("xpass passwordx", {"pass", "password"}), "x*** ***x");
}

}  // namespace
}  // namespace hm::source
