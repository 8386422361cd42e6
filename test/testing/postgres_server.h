// A throwaway PostgreSQL server for tests: initdb and pg_ctl from Debian's postgresql package, a
// fresh data folder in /tmp, a free port on 127.0.0.1, trust authentication, one database
// "hm_test". Stopped and removed when the object is destroyed.
//
// PostgreSQL refuses to run as root, and the test machine runs tests as root: then every server
// program runs as the "postgres" user that Debian's package creates, in a folder it owns.
//
// Thread-safety: Start() may run on any thread; a started server's accessors are const.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::testing {

class PostgresServer {
 public:
  // Starts a server and creates the database. Fails, saying what to install or showing the
  // server's log, if it cannot: tests must fail rather than skip when PostgreSQL is missing.
  static Result<std::unique_ptr<PostgresServer>> Start();
  ~PostgresServer();  // pg_ctl stop -m immediate, then the folder is removed
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // "postgresql://USERINFO@127.0.0.1:PORT/hm_test"; `userinfo` may carry a password, which trust
  // authentication ignores.
  std::string Uri(std::string_view userinfo = "postgres") const;
  int port() const { return port_; }

 private:
  PostgresServer(std::filesystem::path bin, std::filesystem::path folder)
      : bin_(std::move(bin)), folder_(std::move(folder)) {}
  Status Init();
  Status Launch();

  std::filesystem::path bin_;     // /usr/lib/postgresql/N/bin
  std::filesystem::path folder_;  // data/, socket/, logs
  int port_ = 0;
  bool running_ = false;
};

// The server of this test binary: started on first call, stopped when the binary exits (also
// after failed tests). Later calls return the same server, or the same error.
const Result<std::unique_ptr<PostgresServer>>& SharedPostgresServer();

}  // namespace hm::testing
