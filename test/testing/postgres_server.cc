#include "testing/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace hm::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kSetupHint[] = "run scripts/setup.sh --test, which installs Debian's postgresql";
constexpr char kDatabase[] = "hm_test";

// The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl.
Result<fs::path> FindServerBin() {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    const fs::path bin = entry.path() / "bin";
    if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl")) found.push_back(bin);
  }
  if (found.empty()) {
    return Status::NotFound("PostgreSQL server programs (initdb, pg_ctl) not found under "
                            "/usr/lib/postgresql/*/bin; the PostgreSQL tests need them",
                            kSetupHint);
  }
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::atoi(a.parent_path().filename().c_str()) <
           std::atoi(b.parent_path().filename().c_str());
  });
  return found.back();
}

// Root must hand the server to the "postgres" user; anyone else runs it as themselves.
bool RunningAsRoot() { return ::geteuid() == 0; }

Result<passwd> PostgresUser() {
  const passwd* user = ::getpwnam("postgres");
  if (user == nullptr) {
    return Status::NotFound("tests run as root but there is no 'postgres' user to run the "
                            "PostgreSQL server as",
                            kSetupHint);
  }
  return *user;
}

const char* RunuserPath() {
  for (const char* path : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "runuser";
}

// Runs `argv` (as "postgres" when we are root) with its output appended to `log`; the exit code,
// or -1 if it could not run.
int RunProgram(std::vector<std::string> argv, const fs::path& log) {
  if (RunningAsRoot()) argv.insert(argv.begin(), {RunuserPath(), "-u", "postgres", "--"});
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  const std::string log_path = log.string();
  const std::string folder = log.parent_path().string();  // readable by the server's user
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {  // only async-signal-safe calls between fork and exec
    const int out = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int in = ::open("/dev/null", O_RDONLY);
    if (out >= 0) ::dup2(out, 1), ::dup2(out, 2);
    if (in >= 0) ::dup2(in, 0);
    if (::chdir(folder.c_str()) != 0) ::_exit(126);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Tail(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

// A port nobody listens on now. Another process could take it before the server does; Launch()
// then fails and Start() tries another.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

// A fresh folder in /tmp (short, so the socket path fits in sun_path), owned by the user the
// server runs as.
Result<fs::path> MakeFolder() {
  std::string name = (fs::temp_directory_path() / "hm-pg-XXXXXX").string();
  if (::mkdtemp(name.data()) == nullptr) return Status::IoError("cannot create " + name);
  const fs::path folder(name);
  fs::create_directory(folder / "socket");
  if (RunningAsRoot()) {
    HM_ASSIGN_OR_RETURN(const passwd user, PostgresUser());
    for (const fs::path& path : {folder, folder / "socket"}) {
      if (::chown(path.c_str(), user.pw_uid, user.pw_gid) != 0) {
        return Status::IoError("cannot give " + path.string() + " to the postgres user");
      }
    }
  }
  return folder;
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  HM_ASSIGN_OR_RETURN(fs::path bin, FindServerBin());
  if (RunningAsRoot()) HM_RETURN_IF_ERROR(PostgresUser().status());
  HM_ASSIGN_OR_RETURN(fs::path folder, MakeFolder());
  std::unique_ptr<PostgresServer> server(new PostgresServer(std::move(bin), std::move(folder)));
  HM_RETURN_IF_ERROR(server->Init());
  Status launched;
  for (int attempt = 0; attempt < 3; ++attempt) {
    launched = server->Launch();
    if (launched.ok()) break;
  }
  HM_RETURN_IF_ERROR(launched);
  const fs::path log = server->folder_ / "createdb.log";
  if (RunProgram({(server->bin_ / "createdb").string(), "-h", "127.0.0.1", "-p",
                  std::to_string(server->port_), "-U", "postgres", kDatabase},
                 log) != 0) {
    return Status::IoError("createdb failed: " + Tail(log));
  }
  return server;
}

Status PostgresServer::Init() {
  const fs::path log = folder_ / "initdb.log";
  const int rc = RunProgram({(bin_ / "initdb").string(), "-D", (folder_ / "data").string(), "-A",
                             "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"},
                            log);
  if (rc != 0) return Status::IoError(fmt::format("initdb failed ({}): {}", rc, Tail(log)));
  return Status::Ok();
}

// fsync off: a test server's data may be lost in a crash; it is thrown away anyway.
Status PostgresServer::Launch() {
  port_ = FreePort();
  const std::string options = fmt::format(
      "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40", port_,
      (folder_ / "socket").string());
  const fs::path log = folder_ / "server.log";
  const int rc = RunProgram({(bin_ / "pg_ctl").string(), "-D", (folder_ / "data").string(), "-l",
                             log.string(), "-w", "-t", "60", "-o", options, "start"},
                            folder_ / "pg_ctl.log");
  if (rc != 0) {
    return Status::IoError(fmt::format("pg_ctl start failed ({}): {}{}", rc,
                                       Tail(folder_ / "pg_ctl.log"), Tail(log)));
  }
  running_ = true;
  return Status::Ok();
}

PostgresServer::~PostgresServer() {
  if (running_) {
    RunProgram({(bin_ / "pg_ctl").string(), "-D", (folder_ / "data").string(), "-m", "immediate",
                "-w", "stop"},
               folder_ / "pg_ctl.log");
  }
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::string PostgresServer::Uri(std::string_view userinfo) const {
  return fmt::format("postgresql://{}@127.0.0.1:{}/{}", userinfo, port_, kDatabase);
}

const Result<std::unique_ptr<PostgresServer>>& SharedPostgresServer() {
  static const Result<std::unique_ptr<PostgresServer>> server = PostgresServer::Start();
  return server;
}

}  // namespace hm::testing
