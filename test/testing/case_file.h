// The declarative case files of the readers' tests (test/cases/expected/*.test,
// test/cases/scenario/*.test): blocks of
//
//   name: <what the case shows>
//   <header key>: <value>        (keys the caller allows, e.g. "my", "known_gap")
//   input:
//   <input lines, verbatim, blank lines included>
//   expect:
//   <expectation lines>
//
// '#' lines and blank lines outside "input:" are comments. Each test interprets the header values
// and expectation lines its own way; this only splits the file.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace hm::testing {

struct CaseBlock {
  std::string file;  // the file's name
  std::string name;
  int line = 0;  // of "name:"
  std::map<std::string, std::string> header;
  std::string input;                // lines joined with '\n'
  std::vector<std::string> expect;  // non-blank, non-comment lines after "expect:"
};

// The blocks of `path`, or an empty list with `*error` naming the file and line.
std::vector<CaseBlock> ReadCaseFile(const std::filesystem::path& path,
                                    const std::vector<std::string>& header_keys,
                                    std::string* error);

// The *.test files of `dir`, sorted.
std::vector<std::filesystem::path> CaseFiles(const std::filesystem::path& dir);

}  // namespace hm::testing
