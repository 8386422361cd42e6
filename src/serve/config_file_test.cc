#include "serve/config_file.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "serve/password.h"
#include "serve/user_store.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::serve {
namespace {

TEST(ConfigFileTest, AddUserCreatesThenUpdatesKeepingTheRest) {
  hm::testing::TempDir dir;
  const std::string path = dir.File("etc/serve.json");
  ASSERT_TRUE(AddUser(path, "alice", "pw-a", true).ok());
  ASSERT_TRUE(AddUser(path, "bob", "pw-b", false).ok());
  ASSERT_TRUE(AddUser(path, "bob", "pw-b2", false).ok());
  auto users = ReadUsers(path);
  ASSERT_TRUE(users.ok()) << users.status().ToString();
  ASSERT_EQ(users->size(), 2u);
  EXPECT_TRUE(users->at("alice").admin);
  EXPECT_TRUE(VerifyPassword(users->at("bob").password_hash, "pw-b2"));
  EXPECT_EQ(util::ReadFile(path)->find("pw-b"), std::string::npos) << "never the password itself";
  const auto perms = std::filesystem::status(path).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
}

TEST(ConfigFileTest, BadUsersAndNamesAreRefused) {
  hm::testing::TempDir dir;
  EXPECT_FALSE(AddUser(dir.File("c.json"), "../evil", "pw", false).ok());
  EXPECT_FALSE(AddUser(dir.File("c.json"), "ok", "", false).ok());
  const std::pair<const char*, const char*> cases[] = {
      {"nousers.json", R"({"users":{}})"},
      {"plain.json", R"({"users":{"a":{"password":"secret"}}})"},
      {"notjson.json", "users: a"},
  };
  for (const auto& [name, text] : cases) {
    auto users = ReadUsers(dir.Write(name, text));
    EXPECT_FALSE(users.ok()) << name;
    EXPECT_NE(users.status().ToString().find(name), std::string::npos) << users.status().ToString();
  }
  EXPECT_EQ(ReadUsers(dir.File("missing.json")).status().code(), StatusCode::kNotFound);
}

TEST(ConfigFileTest, ServerSettingsApplyAndPathsAreRelativeToTheFile) {
  hm::testing::TempDir dir;
  const std::string path = dir.File("conf/serve.json");
  ASSERT_TRUE(AddUser(path, "a", "pw", false).ok());
  std::string text = *util::ReadFile(path);
  text.insert(text.rfind('}'), R"(,"server":{"max_upload_mb":2,"rate_burst":5,"default_vsd":"vsd","web_dir":"/srv/web","job_retention_days":7})");
  ASSERT_TRUE(util::AtomicWrite(path, text).ok());
  ServerOptions options;
  options.config_file = path;
  auto applied = ApplyConfigFile(options);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->max_upload_bytes, 2000000u);
  EXPECT_EQ(applied->rate_burst, 5);
  ASSERT_EQ(applied->default_vsd.size(), 1u);
  EXPECT_EQ(applied->default_vsd[0], dir.File("conf/vsd"));
  EXPECT_EQ(applied->web_dir, "/srv/web");
  EXPECT_EQ(applied->job_retention_days, 7);
  EXPECT_EQ(applied->workers, 2u) << "flags' fields untouched";
}

TEST(ConfigFileTest, ANegativeRetentionIsRefused) {
  hm::testing::TempDir dir;
  const std::string path = dir.File("serve.json");
  ASSERT_TRUE(AddUser(path, "a", "pw", false).ok());
  std::string text = *util::ReadFile(path);
  text.insert(text.rfind('}'), R"(,"server":{"job_retention_days":-1})");
  ASSERT_TRUE(util::AtomicWrite(path, text).ok());
  ServerOptions options;
  options.config_file = path;
  auto applied = ApplyConfigFile(options);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.status().message().find("job_retention_days"), std::string::npos) << applied.status().ToString();
}

TEST(ConfigFileTest, UserStoreAuthenticatesAndRereadsTheFile) {
  hm::testing::TempDir dir;
  const std::string path = dir.File("serve.json");
  ASSERT_TRUE(AddUser(path, "alice", "pw-a", false).ok());
  auto store = UserStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE((*store)->Authenticate("alice", "pw-a"));
  EXPECT_FALSE((*store)->Authenticate("alice", "pw-b"));
  EXPECT_FALSE((*store)->Authenticate("nobody", "pw-a"));
  ASSERT_TRUE(AddUser(path, "carol", "pw-c", true).ok());
  // The file's time may not have moved within its resolution: make it move.
  std::filesystem::last_write_time(path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
  auto carol = (*store)->Authenticate("carol", "pw-c");
  ASSERT_TRUE(carol);
  EXPECT_TRUE(carol->admin);
}

}  // namespace
}  // namespace hm::serve
