#include "util/commit_journal.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/files.h"

namespace hm::util {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kJournalSuffix = ".commit";
constexpr int kJournalVersion = 1;

// Paths are kept relative to the journal's folder, so that a rollback still works when the next
// run starts from another working directory or the folder was moved.
std::string RelativeTo(const fs::path& folder, const std::string& path) {
  return fs::absolute(path).lexically_normal().lexically_relative(folder).string();
}

Status MoveIntoPlace(const std::string& temporary, const std::string& path) {
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot move the output into place: {}", ec.message()),
                           "check the free space and permissions of the output folder")
        .InFile(path);
  }
  return Status::Ok();
}

// Replays one journal read back from disk. A move whose temporary is gone was made already.
Status Replay(const fs::path& journal) {
  HM_ASSIGN_OR_RETURN(const std::string text, ReadFile(journal.string()));
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto bad = [&] {
    return Status::InvalidInput("an unreadable commit journal (not written by this version?)",
                                "look at the outputs beside it, then delete the journal")
        .InFile(journal.string());
  };
  if (!j.is_object() || j.value("version", 0) != kJournalVersion || !j.contains("moves") ||
      !j["moves"].is_array() || !j.contains("removals") || !j["removals"].is_array()) {
    return bad();
  }
  const fs::path folder = journal.parent_path();
  std::error_code ec;
  for (const nlohmann::json& move : j["moves"]) {
    if (!move.is_array() || move.size() != 2 || !move[0].is_string() || !move[1].is_string()) return bad();
    const fs::path temporary = folder / move[0].get<std::string>();
    if (fs::exists(temporary, ec)) {
      HM_RETURN_IF_ERROR(MoveIntoPlace(temporary.string(), (folder / move[1].get<std::string>()).string()));
    }
  }
  for (const nlohmann::json& removal : j["removals"]) {
    if (removal.is_string()) fs::remove(folder / removal.get<std::string>(), ec);
  }
  fs::remove(journal, ec);
  return Status::Ok();
}

}  // namespace

CommitJournal::CommitJournal(std::string file) : file_(std::move(file)) {}

CommitJournal::~CommitJournal() {
  if (committed_) return;
  std::error_code ec;
  for (const Move& move : moves_) fs::remove(move.temporary, ec);
}

std::string CommitJournal::Stage(const std::string& path) {
  std::string temporary = TemporaryBeside(path);
  moves_.push_back({temporary, path});
  return temporary;
}

void CommitJournal::AddMove(std::string temporary, std::string path) {
  moves_.push_back({std::move(temporary), std::move(path)});
}

void CommitJournal::AddRemoval(std::string path) { removals_.push_back(std::move(path)); }

Status CommitJournal::Commit() {
  if (committed_) return Status::Internal("CommitJournal::Commit called twice");
  if (!file_.empty()) {
    const fs::path folder = fs::absolute(file_).lexically_normal().parent_path();
    nlohmann::json moves = nlohmann::json::array(), removals = nlohmann::json::array();
    for (const Move& m : moves_) moves.push_back({RelativeTo(folder, m.temporary), RelativeTo(folder, m.path)});
    for (const std::string& r : removals_) removals.push_back(RelativeTo(folder, r));
    const nlohmann::json journal = {{"version", kJournalVersion}, {"moves", moves}, {"removals", removals}};
    HM_RETURN_IF_ERROR(AtomicWrite(file_, journal.dump(1)));
  }
  // From here the temporaries are the journal's to finish, never to delete.
  committed_ = true;
  for (const Move& move : moves_) HM_RETURN_IF_ERROR(MoveIntoPlace(move.temporary, move.path));
  std::error_code ec;
  for (const std::string& removal : removals_) fs::remove(removal, ec);
  if (!file_.empty()) fs::remove(file_, ec);
  return Status::Ok();
}

std::string JournalPath(const std::string& folder, const std::string& stem) {
  return (fs::path(folder) / fmt::format(".{}{}", stem, kJournalSuffix)).string();
}

Result<int> RollForwardCommits(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<fs::path> journals;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with('.') && name.ends_with(kJournalSuffix)) journals.push_back(entry.path());
  }
  std::sort(journals.begin(), journals.end());
  for (const fs::path& journal : journals) HM_RETURN_IF_ERROR(Replay(journal));
  return static_cast<int>(journals.size());
}

}  // namespace hm::util
