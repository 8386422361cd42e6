#include "serve_command.h"

#include <pthread.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/core.h>

#include "hedis_mockup/log.h"
#include "hedis_mockup/server.h"

namespace hm::cli {
namespace {

struct ServeFlags {
  serve::ServerOptions options;
  std::string user;  // user add
  bool admin = false;
};

// SIGINT and SIGTERM blocked in this thread before any other starts (threads inherit the mask),
// then taken synchronously with sigwait: no handler runs in the middle of the server's work.
sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

Result<int> RunServe(serve::ServerOptions options) {
  HM_ASSIGN_OR_RETURN(options, serve::ApplyConfigFile(std::move(options)));
  std::error_code ec;
  if (options.web_dir.empty() && std::filesystem::is_regular_file("web/index.html", ec)) options.web_dir = "web";
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const std::string bind = options.bind;
  HM_ASSIGN_OR_RETURN(std::unique_ptr<serve::Server> server, serve::Server::Start(std::move(options)));
  fmt::print("hedis-mockup: serving on {}://{}:{}; stop with Ctrl-C or SIGTERM\n", server->tls() ? "https" : "http",
             bind, server->port());
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log::Info("signal {} received: shutting down", signal_number);
  server->Stop();
  return kExitOk;
}

// The password from standard input: typed twice without echo on a terminal, else one line (for
// scripts: `printf '%s\n' "$PW" | hedis-mockup user add ...`).
Result<std::string> ReadPassword() {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string first, second;
  if (tty) fmt::print(stderr, "Password: ");
  std::getline(std::cin, first);
  if (tty) {
    fmt::print(stderr, "\nAgain: ");
    std::getline(std::cin, second);
    fmt::print(stderr, "\n");
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (first != second) return Status::InvalidInput("the passwords differ", "run the command again");
  }
  if (!first.empty() && first.back() == '\r') first.pop_back();
  if (first.empty()) return Status::InvalidInput("no password on standard input", "type one, or pipe it in");
  return first;
}

Result<int> RunUserAdd(const ServeFlags& flags) {
  if (!serve::IsValidUserName(flags.user)) {  // before asking for a password
    return Status::InvalidInput(fmt::format("invalid user name '{}'", flags.user), "use 1-64 letters, digits, '.', '_' or '-'");
  }
  HM_ASSIGN_OR_RETURN(std::string password, ReadPassword());
  HM_RETURN_IF_ERROR(serve::AddUser(flags.options.config_file, flags.user, password, flags.admin));
  fmt::print("{} {} in {}\n", flags.admin ? "admin" : "user", flags.user, flags.options.config_file);
  return kExitOk;
}

}  // namespace

void AddServeCommands(CLI::App& app, Command& chosen) {
  auto flags = std::make_shared<ServeFlags>();
  serve::ServerOptions& o = flags->options;
  CLI::App* serve = app.add_subcommand("serve", "Run the web application (docs/web-api.md, docs/deployment.md)");
  serve->add_option("--bind", o.bind, "address to listen on (default 127.0.0.1)");
  serve->add_option("--port", o.port, "port (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--config", o.config_file, "the config file: users and server settings")->required();
  serve->add_option("--data", o.data_dir, "where jobs are kept (default: <state home>/serve)");
  serve->add_option("--workers", o.workers, "jobs run at once (default 2)")->check(CLI::Range(1, 256));
  serve->add_option("--tls-cert", o.tls_cert, "PEM certificate: serve HTTPS (with --tls-key)");
  serve->add_option("--tls-key", o.tls_key, "PEM private key of --tls-cert");
  // Not audited itself: each job it runs is a session of its own.
  serve->callback([&chosen, flags] {
    chosen = {"serve", "", false, [flags](Run&) { return RunServe(flags->options); }};
  });

  CLI::App* user = app.add_subcommand("user", "Manage the web application's users");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "Add a user, or set their password (read from standard input)");
  add->add_option("name", flags->user, "the user name (letters, digits, . _ -)")->required();
  add->add_flag("--admin", flags->admin, "may see every user's jobs and history");
  add->add_option("--config", o.config_file, "the config file (created if missing)")->required();
  add->callback([&chosen, flags] {
    chosen = {"user add", "", false, [flags](Run&) { return RunUserAdd(*flags); }};
  });
}

}  // namespace hm::cli
