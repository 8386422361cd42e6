#include "util/commit_journal.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::util {
namespace {

namespace fs = std::filesystem;

std::set<std::string> Names(const std::string& folder) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file()) names.insert(fs::relative(e.path(), folder).string());
  }
  return names;
}

void Put(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(CommitJournalTest, CommitMovesEveryFileAndLeavesNoJournal) {
  hm::testing::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out + "/sub");
  Put(out + "/old_2.xlsx", "stale part");
  {
    CommitJournal journal(JournalPath(out, "PSA_MY2026"));
    Put(journal.Stage(out + "/a.csv"), "A");
    Put(journal.Stage(out + "/sub/b.csv"), "B");
    journal.AddRemoval(out + "/old_2.xlsx");
    ASSERT_TRUE(journal.Commit().ok());
  }
  EXPECT_EQ(Names(out), (std::set<std::string>{"a.csv", "sub/b.csv"}));
  EXPECT_EQ(*ReadFile(out + "/sub/b.csv"), "B");
}

TEST(CommitJournalTest, WithoutCommitTheTemporariesGoAndTheOldOutputsStay) {
  hm::testing::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out);
  Put(out + "/a.csv", "old");
  {
    CommitJournal journal(JournalPath(out, "PSA_MY2026"));
    Put(journal.Stage(out + "/a.csv"), "new");
    const std::string written = TemporaryBeside(out + "/b.csv");
    Put(written, "B");
    journal.AddMove(written, out + "/b.csv");
  }
  EXPECT_EQ(Names(out), (std::set<std::string>{"a.csv"}));
  EXPECT_EQ(*ReadFile(out + "/a.csv"), "old");
}

// What a run killed between two of its moves leaves: the journal, one output moved, one temporary
// still waiting. Rolling forward finishes the second move and deletes the journal; the moved
// output is not touched again. Relative paths in the journal make this work from any directory.
TEST(CommitJournalTest, RollForwardFinishesAKilledCommit) {
  hm::testing::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out + "/sub");
  Put(out + "/a.csv", "new A");                     // moved before the kill
  Put(out + "/sub/.b.csv.tmp-1-1", "new B");        // not yet
  Put(out + "/sub/b.csv", "old B");
  Put(out + "/old_2.xlsx", "stale");
  Put(out + "/.PSA_MY2026.commit",
      R"({"version":1,"moves":[[".a.csv.tmp-1-0","a.csv"],["sub/.b.csv.tmp-1-1","sub/b.csv"]],)"
      R"("removals":["old_2.xlsx"]})");
  const Result<int> rolled = RollForwardCommits(out);
  ASSERT_TRUE(rolled.ok()) << rolled.status().ToString();
  EXPECT_EQ(*rolled, 1);
  EXPECT_EQ(Names(out), (std::set<std::string>{"a.csv", "sub/b.csv"}));
  EXPECT_EQ(*ReadFile(out + "/a.csv"), "new A");
  EXPECT_EQ(*ReadFile(out + "/sub/b.csv"), "new B");
  EXPECT_EQ(*RollForwardCommits(out), 0) << "nothing left to do";
}

TEST(CommitJournalTest, TheJournalNamesItsPathsRelativeToItsFolder) {
  hm::testing::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out);
  CommitJournal journal(JournalPath(out, "X"));
  Put(journal.Stage(out + "/a.csv"), "A");
  // Read the journal as Commit() writes it, by failing the move that follows: a folder in the way.
  const std::string blocked = out + "/blocked";
  fs::create_directories(blocked + "/inside");
  Put(journal.Stage(blocked), "file onto a non-empty folder");
  EXPECT_FALSE(journal.Commit().ok());
  const std::string text = *ReadFile(JournalPath(out, "X"));
  EXPECT_EQ(text.find(dir.path().string()), std::string::npos) << text;
  EXPECT_NE(text.find("\"a.csv\""), std::string::npos) << text;
  // Still there for the next run to finish once the obstacle is gone.
  fs::remove_all(blocked);
  ASSERT_TRUE(RollForwardCommits(out).ok());
  EXPECT_EQ(*ReadFile(blocked), "file onto a non-empty folder");
  EXPECT_FALSE(fs::exists(JournalPath(out, "X")));
}

TEST(CommitJournalTest, AnUnreadableJournalIsAnErrorNamingItAndIsKept) {
  hm::testing::TempDir dir;
  const std::string out = dir.File("out");
  fs::create_directories(out);
  for (const char* text : {"", "{", "[]", R"({"version":9,"moves":[],"removals":[]})",
                           R"({"version":1,"moves":[[1,2]],"removals":[]})"}) {
    Put(JournalPath(out, "X"), text);
    const Result<int> rolled = RollForwardCommits(out);
    ASSERT_FALSE(rolled.ok()) << text;
    EXPECT_NE(rolled.status().ToString().find(".X.commit"), std::string::npos) << rolled.status().ToString();
    EXPECT_TRUE(fs::exists(JournalPath(out, "X")));
  }
  EXPECT_EQ(*RollForwardCommits(dir.File("missing")), 0);
}

}  // namespace
}  // namespace hm::util
