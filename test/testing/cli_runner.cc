#include "testing/cli_runner.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "testing/temp_dir.h"

namespace hm::testing {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

CliResult RunCli(const std::string& args, const std::string& home) {
  const char* cli = std::getenv("HM_CLI");
  TempDir capture;
  const std::string out = capture.File("out"), err = capture.File("err");
  const std::string command = "HEDIS_MOCKUP_HOME='" + home + "' '" + (cli ? cli : "hedis-mockup") +
                              "' " + args + " >'" + out + "' 2>'" + err + "' </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadAll(out);
  result.err = ReadAll(err);
  return result;
}

}  // namespace hm::testing
