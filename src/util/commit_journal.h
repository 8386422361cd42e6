// All-or-nothing for a run's several output files. Each output is written under a temporary name
// first; Commit() then writes a journal listing every move (atomically, by rename), makes the
// moves, and deletes the journal. A rename is atomic but a run's renames are several system calls:
// a process killed between two of them would leave some new outputs beside some old ones. The
// journal closes that window: whoever next writes into the folder calls RollForwardCommits()
// first, which finishes the moves the journal lists, so the killed run's outputs all appear.
// Before the journal exists, a kill leaves only hidden temporaries (the outputs all stay as they
// were). The journal guards against a killed process, not against a power cut: nothing is fsynced.
//
// Thread-safety: a CommitJournal is used by one thread at a time; RollForwardCommits may run
// beside a committing process (a move whose temporary is gone counts as done).
#pragma once

#include <string>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::util {

class CommitJournal {
 public:
  // `file`: where the journal is written during Commit(), hidden in the outputs' folder (see
  // JournalPath). Empty: no journal (one move alone is atomic already; a writer used by itself).
  explicit CommitJournal(std::string file = {});
  // Without a successful Commit(), removes every temporary it was given: nothing appears.
  ~CommitJournal();
  CommitJournal(const CommitJournal&) = delete;
  CommitJournal& operator=(const CommitJournal&) = delete;

  // A fresh temporary beside `path` for the caller to write; moved onto `path` at Commit().
  std::string Stage(const std::string& path);
  // Moves `temporary` (written already) onto `path` at Commit(). The journal owns it from now.
  void AddMove(std::string temporary, std::string path);
  // Deletes `path` at Commit(), after the moves: an earlier run's output this run has no
  // counterpart for (an xlsx part beyond this run's last).
  void AddRemoval(std::string path);

  // Writes the journal, makes the moves in the order added, then the removals, and deletes the
  // journal. An error leaves the journal in place for RollForwardCommits.
  Status Commit();

 private:
  struct Move {
    std::string temporary, path;
  };
  std::string file_;
  std::vector<Move> moves_;
  std::vector<std::string> removals_;
  bool committed_ = false;
};

// The journal for a run whose outputs are named `stem` in `folder`: folder/.stem.commit.
std::string JournalPath(const std::string& folder, const std::string& stem);

// Finishes what journals in `folder` list (runs killed while committing) and deletes them.
// Returns how many were rolled forward; a folder that does not exist has none. A journal that
// cannot be read is an error naming it (it is left in place).
Result<int> RollForwardCommits(const std::string& folder);

}  // namespace hm::util
