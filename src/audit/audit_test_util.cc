#include "audit/audit_test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace hm::audit::testutil {

AuditOptions TestOptions(const hm::testing::TempDir& dir) {
  AuditOptions options;
  options.dir = dir.File("audit");
  options.sync = false;
  return options;
}

SessionRecord MakeRecord(const std::string& session_id, const std::string& measure,
                         const std::string& start, double duration, const std::string& status,
                         std::int64_t members) {
  SessionRecord r;
  r.session_id = session_id;
  r.measure = measure;
  r.command = "generate";
  r.timestamp_start = start;
  r.timestamp_end = start;  // not used by any query
  r.duration_seconds = duration;
  r.status = status;
  r.error = status == "success" ? "" : "something failed";
  r.user = "qa";
  r.host = "test-host";
  r.pid = 4242;
  r.members_generated = members;
  r.tool_version = "0.1.0";
  return r;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& line : lines) out << line << '\n';
}

int RunInChild(const std::function<int()>& child) {
  const pid_t pid = fork();
  if (pid == 0) _exit(child());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace hm::audit::testutil
