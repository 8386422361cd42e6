#include "testing/case_file.h"

#include <algorithm>
#include <fstream>

namespace hm::testing {
namespace {

std::string Trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::vector<CaseBlock> ReadCaseFile(const std::filesystem::path& path,
                                    const std::vector<std::string>& header_keys,
                                    std::string* error) {
  std::ifstream in(path);
  std::vector<CaseBlock> cases;
  enum { kNone, kHeader, kInput, kExpect } state = kNone;
  std::vector<std::string> input_lines;
  const auto finish = [&] {
    if (!cases.empty()) {
      for (std::size_t i = 0; i < input_lines.size(); ++i) {
        if (i) cases.back().input += '\n';
        cases.back().input += input_lines[i];
      }
    }
    input_lines.clear();
  };
  int number = 0;
  const auto fail = [&](const std::string& what) {
    *error = path.string() + ":" + std::to_string(number) + ": " + what;
    return std::vector<CaseBlock>{};
  };
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.starts_with("name:")) {
      finish();
      cases.push_back({path.filename().string(), Trimmed(line.substr(5)), number, {}, {}, {}});
      state = kHeader;
      continue;
    }
    if (state == kInput) {
      if (line == "expect:") state = kExpect;
      else input_lines.push_back(line);
      continue;
    }
    if (line.empty() || line.starts_with("#")) continue;
    if (state == kNone) return fail("expected 'name:'");
    if (state == kExpect) {
      cases.back().expect.push_back(line);
      continue;
    }
    if (line == "input:") {
      state = kInput;
      continue;
    }
    const auto colon = line.find(':');
    const std::string key = colon == std::string::npos ? line : line.substr(0, colon);
    if (std::find(header_keys.begin(), header_keys.end(), key) == header_keys.end()) {
      std::string known;
      for (const std::string& k : header_keys) known += "'" + k + ":', ";
      return fail("expected " + known + "or 'input:'");
    }
    cases.back().header[key] = Trimmed(line.substr(colon + 1));
  }
  finish();
  if (state != kExpect) {
    *error = path.string() + ": the last case has no 'expect:'";
    return {};
  }
  return cases;
}

std::vector<std::filesystem::path> CaseFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace hm::testing
