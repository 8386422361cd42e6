// Uploaded measure files: the checks before storing (measure_upload.h) and the per-user store
// (measure_store.h).
#include "serve/measure_upload.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "serve/measure_store.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::serve {
namespace {

std::string PsaText() { return *ShippedMeasureText("PSA"); }

std::string WithId(std::string yaml, const std::string& id) {
  const std::size_t at = yaml.find("measure: PSA");
  yaml.replace(at, 12, "measure: " + id);
  return yaml;
}

TEST(MeasureUploadTest, AShippedMeasureChecksAndItsIdIsUpperCased) {
  auto checked = CheckMeasureText(WithId(PsaText(), "my-psa_2"), "mine.yaml", nullptr, 2026);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->summary.id, "MY-PSA_2");
  EXPECT_TRUE(checked->warnings.empty());
}

TEST(MeasureUploadTest, RefusalsNameTheFileAndLine) {
  const auto refused = [](const std::string& text) {
    auto checked = CheckMeasureText(text, "bad.yaml", nullptr, 2026);
    EXPECT_FALSE(checked.ok()) << text;
    return checked.ok() ? std::string() : checked.status().ToString();
  };
  EXPECT_NE(refused(std::string("MZ\x90\0\x03\0", 6)).find("not a text file"), std::string::npos);
  EXPECT_NE(refused("\xff\xfe binary").find("not a text file"), std::string::npos);
  const std::string broken = refused("measure: X\nname: [unclosed\n");
  EXPECT_NE(broken.find("bad.yaml"), std::string::npos) << broken;
  EXPECT_NE(broken.find("line"), std::string::npos) << broken;
  EXPECT_NE(refused("just some text\n").find("bad.yaml"), std::string::npos);
  EXPECT_NE(refused(WithId(PsaText(), "../../etc")).find("bad.yaml"), std::string::npos) << "the engine's word check";
  EXPECT_NE(refused(WithId(PsaText(), std::string(41, 'A'))).find("must be 1-40 letters"), std::string::npos);
}

TEST(MeasureUploadTest, ValueSetsMissingFromTheDefaultVsdAreWarnings) {
  VsdLoadOptions uncached;
  uncached.use_cache = false;
  auto vsd = ValueSetDirectory::Load({hm::testing::SourceDir() + "/examples/vsd"}, uncached);
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  auto clean = CheckMeasureText(PsaText(), "psa.yaml", &*vsd, 2026);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  EXPECT_TRUE(clean->warnings.empty()) << clean->warnings[0];
  std::string other = PsaText();
  const std::string name = "PSA Lab Test Exclusion";
  const std::size_t at = other.find(name);
  ASSERT_NE(at, std::string::npos) << "the test needs a value set name from psa.yaml";
  other.replace(at, name.size(), "No Such Value Set Name");
  auto warned = CheckMeasureText(other, "psa.yaml", &*vsd, 2026);
  ASSERT_TRUE(warned.ok()) << warned.status().ToString();
  ASSERT_EQ(warned->warnings.size(), 1u);
  EXPECT_NE(warned->warnings[0].find("No Such Value Set Name"), std::string::npos) << warned->warnings[0];
}

TEST(MeasureUploadTest, MeasureIds) {
  for (const char* ok : {"PSA", "a", "My_Measure-2", "X123456789012345678901234567890123456789"}) {
    EXPECT_TRUE(IsValidMeasureId(ok)) << ok;
  }
  for (const char* bad : {"", "..", "a/b", "a b", "é", "X1234567890123456789012345678901234567890"}) {
    EXPECT_FALSE(IsValidMeasureId(bad)) << bad;
  }
}

TEST(MeasureStoreTest, PerUserFoldersListAndCopyToAJob) {
  hm::testing::TempDir dir;
  auto store = MeasureStore::Open(dir.path().string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto checked = CheckMeasureText(WithId(PsaText(), "mine"), "My PSA.yaml", nullptr, 2026);
  ASSERT_TRUE(checked.ok());
  auto saved = (*store)->Save("..", checked->summary, WithId(PsaText(), "mine"), "My PSA.yaml");
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(dir.File("measures/user-../MINE.yaml"))) << "'..' is a folder name, not a step up";
  EXPECT_EQ((*store)->List("..").size(), 1u);
  EXPECT_TRUE((*store)->List("alice").empty());
  const std::vector<UploadedMeasure> list = (*store)->List("..");
  EXPECT_EQ(list[0].id, "MINE");
  EXPECT_EQ(list[0].file_name, "My PSA.yaml");
  EXPECT_EQ(list[0].summary.name, checked->summary.name);
  EXPECT_FALSE(list[0].uploaded.empty());

  const std::string job = dir.File("job");
  auto input = (*store)->CopyToJob("..", "mine", job);
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ(input->role, "measure");
  EXPECT_EQ(input->path, "input/measure.yaml");
  EXPECT_EQ(input->original_name, "My PSA.yaml");
  EXPECT_EQ(*util::ReadFile(job + "/input/measure.yaml"), WithId(PsaText(), "mine"));
  for (const char* missing : {"other", "../MINE", ""}) {
    auto not_found = (*store)->CopyToJob("..", missing, job);
    ASSERT_FALSE(not_found.ok()) << missing;
    EXPECT_EQ(not_found.status().code(), StatusCode::kNotFound) << missing;
  }
  EXPECT_FALSE((*store)->CopyToJob("alice", "MINE", job).ok()) << "another user's upload";
}

TEST(MeasureStoreTest, AUserKeepsAtMostTheLimitButMayReplace) {
  hm::testing::TempDir dir;
  auto store = std::move(MeasureStore::Open(dir.path().string())).value();
  MeasureSummary summary;
  for (std::size_t i = 0; i < kMaxMeasuresPerUser; ++i) {
    summary.id = "M" + std::to_string(i);
    ASSERT_TRUE(store->Save("bob", summary, "x", "x.yaml").ok()) << i;
  }
  summary.id = "ONE_MORE";
  auto refused = store->Save("bob", summary, "x", "x.yaml");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kLimitExceeded);
  summary.id = "M7";
  EXPECT_TRUE(store->Save("bob", summary, "y", "y.yaml").ok()) << "a new version of one kept";
  EXPECT_TRUE(store->Save("carol", summary, "y", "y.yaml").ok()) << "the limit is per user";
}

}  // namespace
}  // namespace hm::serve
