// The web application's server (issue 8): a JSON API over HTTP(S) in front of the same core the
// command line uses. Users sign in (argon2id-hashed passwords in a config file), submit jobs
// (uploads of a QA workbook, optionally VSD files and the spec PDF), watch their progress as
// Server-Sent Events, download the outputs, and read the audit log's history and statistics.
// Endpoints and their JSON: docs/web-api.md. Running it in production: docs/deployment.md.
//
// A job runs GenerateMockup (hedis_mockup/mockup.h) on a worker of a bounded pool, inside its own
// folder DATA/jobs/<job id>/ (input/, output/, job.json), as a session of the audit log. Uploaded
// files are saved under fixed names; the client's file name is kept only as metadata. Users may
// also upload measure files (DATA/measures/), cancel their jobs, and finished jobs are deleted
// after job_retention_days.
//
// This header is implemented by the `hm_serve` library (src/serve/), which links hm_core; the
// core itself knows nothing of HTTP.
//
// Thread-safety: a Server may be stopped from any thread; Stop() and the destructor may race
// safely. AddUser must not run concurrently with itself on the same file (last writer wins).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hedis_mockup/audit.h"
#include "hedis_mockup/status.h"

namespace hm::serve {

struct ServerOptions {
  // Address and port to listen on. Default 127.0.0.1:8080: only this machine, so that exposing
  // the server is a decision (a reverse proxy, or --bind 0.0.0.0 with TLS). Port 0 takes any free
  // port (tests); Server::port() says which.
  std::string bind = "127.0.0.1";
  int port = 8080;
  // The config file: users (required; see AddUser) and the optional "server" settings, which
  // replace the defaults of the fields below marked (config). Format: docs/web-api.md.
  std::string config_file;
  // Where jobs live (DATA/jobs/<id>/). Default (empty): <StateHome>/serve.
  std::string data_dir;
  // Jobs run at once. Default 2: generation is CPU-bound, one worker per spare core.
  std::size_t workers = 2;
  // Both or neither: PEM files for HTTPS. Without them the server speaks plain HTTP and should
  // sit behind a TLS proxy (docs/deployment.md); cookies get the Secure flag only under TLS.
  std::string tls_cert, tls_key;

  // (config) Jobs waiting for a worker; one more is refused with 503 and Retry-After. Default 16.
  std::size_t queue_capacity = 16;
  // (config) The most bytes of files one job may upload, all files together. Default 50 MB.
  std::uint64_t max_upload_bytes = 50ull * 1000 * 1000;
  // (config) Requests per user (per client address before sign-in): a token bucket that holds
  // `rate_burst` tokens and refills at `rate_per_second`. Over it: 429 with Retry-After.
  // Defaults 20/s with bursts of 120: a page and a script never notice; a loop does.
  double rate_per_second = 20;
  double rate_burst = 120;
  // (config) How long a sign-in lasts without activity. Default 8 h: a working day.
  std::chrono::seconds session_ttl{8 * 3600};
  // (config) How long Stop() lets running jobs finish before marking them failed. Default 30 s.
  std::chrono::seconds shutdown_grace{30};
  // (config) The VSD a job uses when it uploads none (xlsx files or CSV folders). Default: none,
  // so every job must upload one.
  std::vector<std::string> default_vsd;
  // (config) Static files of the page, served at /. Default (empty): no page, only the API.
  std::string web_dir;
  // (config) The parsed-VSD cache. Default (empty): <StateHome>/cache/vsd, shared with the CLI.
  std::string vsd_cache_dir;
  // (config) Finished jobs (their folders: uploads and outputs) older than this many days are
  // deleted, at start and then every `sweep_interval`. Default 30. 0 deletes every finished job at
  // the next sweep. Running and queued jobs are never touched; the audit log keeps their sessions.
  double job_retention_days = 30;
  // How often the clean-up runs. Default 1 h.
  std::chrono::seconds sweep_interval{3600};
  // HTTP handler threads; Server-Sent Events streams hold one each. Default 16.
  std::size_t http_threads = 16;
  // The audit log every job is a session of. Default: the CLI's (<StateHome>/audit).
  audit::AuditOptions audit;
};

// Reads options.config_file: its "server" settings replace the (config) fields of `options`, and
// its users are checked (at least one, each with a name and an argon2id hash). kNotFound if the
// file does not exist, kInvalidInput naming the field for anything malformed.
Result<ServerOptions> ApplyConfigFile(ServerOptions options);

// True for names of 1-64 letters, digits, '.', '_' and '-': names appear in logs, job records and
// the audit log, so nothing that could forge a line or a path.
bool IsValidUserName(const std::string& name);

// Adds the user `name` (or replaces their password and admin flag) in the config file at `path`,
// creating the file if missing, with `password` hashed by argon2id. The file is rewritten
// atomically and keeps its other contents. kInvalidInput for an empty name or password, or a name
// with characters other than letters, digits, '.', '_' and '-'.
Status AddUser(const std::string& path, const std::string& name, const std::string& password,
               bool admin);

class Server {
 public:
  // Recovers jobs a previous run left queued or running (marked failed), opens the audit log,
  // starts the workers, binds and starts serving on a background thread. kInvalidInput for bad
  // options or config; kIoError naming the address if the port cannot be bound or the data
  // folder cannot be created.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options);

  // Stop(), then waits for it.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port it listens on (the one chosen when options.port was 0).
  int port() const;
  bool tls() const;

  // Graceful shutdown: stops accepting connections and jobs, fails the jobs still queued, lets
  // running jobs finish up to options.shutdown_grace, then marks those still running failed
  // ("the server stopped before the job finished") and leaves their threads to end with the
  // process. Returns when done; a second call returns at once.
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hm::serve
