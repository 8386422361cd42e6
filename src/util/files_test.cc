#include "util/files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace hm::util {
namespace {

TEST(FilesTest, AtomicWriteCreatesFoldersAndLeavesNoTemporary) {
  hm::testing::TempDir dir;
  const std::string path = dir.File("a/b/out.txt");
  ASSERT_TRUE(AtomicWrite(path, "hello").ok());
  EXPECT_EQ(*ReadFile(path), "hello");
  ASSERT_TRUE(AtomicWrite(path, "again").ok());
  EXPECT_EQ(*ReadFile(path), "again");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.File("a/b"))) ++entries;
  EXPECT_EQ(entries, 1) << "no temporary left behind";
}

TEST(FilesTest, AtomicWriteIntoAFileAsFolderFails) {
  hm::testing::TempDir dir;
  const std::string blocker = dir.Write("blocker", "x");
  Status s = AtomicWrite(blocker + "/out.txt", "data");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("blocker"), std::string::npos) << s.ToString();
}

TEST(FilesTest, WriteViaTemporaryKeepsTheOldFileWhenTheWriterFails) {
  hm::testing::TempDir dir;
  const std::string path = dir.Write("out.xlsx", "old");
  std::string seen;
  Status s = WriteViaTemporary(path, [&](const std::string& temporary) {
    seen = temporary;
    std::ofstream(temporary) << "half";
    return Status::IoError("disk full");
  });
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(*ReadFile(path), "old");
  EXPECT_FALSE(std::filesystem::exists(seen)) << "temporary removed";
  EXPECT_EQ(std::filesystem::path(seen).parent_path(), dir.path()) << "beside the target";

  ASSERT_TRUE(WriteViaTemporary(path, [](const std::string& temporary) {
                std::ofstream(temporary) << "new";
                return Status::Ok();
              }).ok());
  EXPECT_EQ(*ReadFile(path), "new");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(FilesTest, ReadMissingFileNamesIt) {
  auto r = ReadFile("/no/such/file");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().file, "/no/such/file");
}

TEST(FilesTest, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  hm::testing::TempDir dir;
  EXPECT_EQ(*Sha256File(dir.Write("f", "abc")), Sha256Hex("abc"));
  EXPECT_FALSE(Sha256File(dir.File("missing")).ok());
}

TEST(FilesTest, StateHomeFollowsTheEnvironment) {
  const char* saved = std::getenv("HEDIS_MOCKUP_HOME");
  const std::string restore = saved ? saved : "";
  setenv("HEDIS_MOCKUP_HOME", "/tmp/hm-home-test", 1);
  EXPECT_EQ(StateHome(), "/tmp/hm-home-test");
  unsetenv("HEDIS_MOCKUP_HOME");
  setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(StateHome(), "/tmp/xdg/hedis-mockup");
  unsetenv("XDG_DATA_HOME");
  if (!restore.empty()) setenv("HEDIS_MOCKUP_HOME", restore.c_str(), 1);
}

}  // namespace
}  // namespace hm::util
