// A fresh folder per test, removed when the test ends. Tests write their own fixtures into it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hm::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / name, as a string.
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  // Writes `bytes` to path() / name and returns its path.
  std::string Write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

// The project's source folder (set by CMake for every test), to reach examples/.
std::string SourceDir();

// The names of the entries of `folder`, sorted.
std::vector<std::string> FilesIn(const std::filesystem::path& folder);

}  // namespace hm::testing
