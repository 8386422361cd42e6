// The audit log: one JSON line per session (who ran what, on which inputs with which hashes, what
// came out, how it ended, with timed events), history, statistics over N days, verification of
// the hash chain, and summary export. The line format is a contract (PRODUCT.md, "Formats that are
// contracts"; docs/audit.md): it may gain fields, never lose them.
//
// Files, under AuditOptions::dir (default <StateHome>/audit):
//   audit.jsonl         the log, the source of truth; append-only, one record per line
//   index.sqlite        a disposable index over it (delete it and it is rebuilt)
//   running/<id>.json   a marker per session in progress, so a killed process is recorded
//
// Thread-safety: AuditLog and its copies (they share one state) may be used from any number of
// threads; appends are atomic across threads and processes (flock + O_APPEND + one write), and
// queries through one AuditLog are serialized. A Session belongs to one thread at a time.
// MarkInterrupted() is async-signal-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::audit {

// A file a session read or wrote.
struct FileRecord {
  std::string role;    // "testcase", "vsd", "spec", "output", ...
  std::string path;    // as the command was given it
  std::string sha256;  // hex; empty when the file could not be read
  std::uint64_t size_bytes = 0;

  bool operator==(const FileRecord&) const = default;
};

// Something that happened during a session ("parsing", "generation", "validation", ...).
struct Event {
  std::string timestamp;  // ISO 8601 UTC to the millisecond: "2026-02-07T17:45:31.250Z"
  std::string type;
  std::string message;
  // A JSON object as text, e.g. {"total_scenarios":302,"ai_fallback_rate":4.97}. Text keeps the
  // JSON library out of this header; text that is not a JSON object is kept as
  // {"unparsed_details": "<text>"} rather than lost.
  std::string details_json = "{}";

  bool operator==(const Event&) const = default;
};

// One line of the log. Fields marked (contract) are PRODUCT.md's and keep their names forever.
// Empty strings and empty optionals are written as null.
struct SessionRecord {
  std::string session_id;       // (contract) "20260207_174530_a3b2c1": UTC start + 6 random hex
  std::string measure;          // (contract) "PSA"; empty (null) when the command has none
  std::string command;          // "generate", "vsd info", ...
  std::string timestamp_start;  // (contract) ISO 8601 UTC to the second: "2026-02-07T17:45:30Z"
  std::string timestamp_end;    // (contract) same form
  double duration_seconds = 0;  // (contract) wall time, to the millisecond
  std::string testcase_file;    // (contract) file name of the first "testcase" input
  std::string testcase_hash;    // (contract) its SHA-256
  std::string output_file;      // (contract) file name of the first output
  std::string output_hash;      // (contract) its SHA-256
  std::optional<double> output_size_mb;  // (contract) 10^6 bytes, 3 decimals; null if no output
  std::string status;         // (contract) "success" or "failed" (failed includes interrupted)
  std::string user;           // (contract) login name
  std::vector<Event> events;  // (contract)
  std::string error;          // why it failed; empty (null) on success
  std::vector<FileRecord> inputs;
  std::vector<FileRecord> outputs;
  std::int64_t members_generated = 0;  // 0 when not applicable
  std::string completeness_json;       // completeness metadata (PRODUCT.md) as JSON text, or empty
  std::string tool_version;
  std::string host;
  std::int64_t pid = 0;
  // SHA-256 hex of the previous record line's exact bytes (without its '\n'); 64 zeros for the
  // first. Set by AuditLog::Append; whatever the caller puts here is overwritten.
  std::string prev_hash;

  bool operator==(const SessionRecord&) const = default;
};

inline constexpr std::string_view kStatusSuccess = "success";
inline constexpr std::string_view kStatusFailed = "failed";

// The exact line AuditLog writes for `record` (no trailing '\n'): one JSON object, PRODUCT.md's
// fields first in its order, then the others.
std::string RecordToJson(const SessionRecord& record);

// Parses one line. kInvalidInput (saying what is wrong) unless it is a JSON object with at least
// a string session_id and status, an ISO 8601 timestamp_start and a 64-hex prev_hash, and every
// known field present has its type; fields missing from older lines take their defaults, and
// unknown fields are ignored. This is what "a valid record line" means to every reader.
Result<SessionRecord> RecordFromJson(std::string_view line);

struct HistoryQuery {
  // The most sessions returned, newest first. Default 20; 0 returns all.
  std::size_t limit = 20;
  std::string measure;  // only this measure, ignoring case; empty: all
  std::string status;   // only "success" or "failed"; empty: all
};

struct HistoryResult {
  std::vector<SessionRecord> sessions;  // newest start first (ties: later line first)
  // Lines skipped (torn by a crash, written by another tool, edited), one message each, so the
  // caller can show them; nothing is printed by the library.
  std::vector<std::string> warnings;
};

struct MeasureStatistics {
  std::string measure;  // upper case: "psa" and "PSA" count together
  std::int64_t total = 0;
  std::int64_t successful = 0;
  std::int64_t failed = 0;
  double avg_duration_seconds = 0;
};

// PRODUCT.md's statistics. Window: sessions that started at or after now - period_days * 24 h
// (a start after `now`, from a skewed clock, is counted rather than lost).
struct Statistics {
  std::int64_t total_generations = 0;        // sessions in the window, every command
  std::int64_t successful_generations = 0;   // status "success"
  std::int64_t failed_generations = 0;       // any other status
  double success_rate = 0;                   // percent, 2 decimals (96.5 means 96.5 %); 0 if none
  double avg_duration_seconds = 0;           // mean over all sessions in the window, 3 decimals
  std::vector<MeasureStatistics> measures;   // sorted by measure; sessions without one left out
  std::int64_t total_members_generated = 0;  // summed over successful sessions only
  int period_days = 0;                       // 0 in an export of the whole history
  std::vector<std::string> warnings;         // as in HistoryResult
};

// {"total_generations":...,"measures":{"PSA":{"total":...}},...,"period_days":30}; warnings are
// not part of it.
std::string StatisticsToJson(const Statistics& stats);

// What `audit verify` found. Line numbers are 1-based lines of audit.jsonl.
struct VerifyReport {
  // A broken link at `line` means the record line `previous_line` was edited, or lines between
  // the two were removed or inserted.
  struct BrokenLink {
    std::int64_t line = 0;           // the record whose prev_hash does not match
    std::int64_t previous_line = 0;  // the record line before it; 0 when it is the first record
    std::string expected_prev;  // SHA-256 of line previous_line (64 zeros for the first record)
    std::string found_prev;     // what the record says
  };
  struct InvalidLine {
    std::int64_t line = 0;
    std::string reason;  // "torn tail (no end of line)", "not JSON: ...", ...
  };
  std::int64_t records = 0;          // valid record lines
  std::int64_t lines = 0;            // all lines, valid or not, including a torn tail
  std::vector<BrokenLink> broken;    // tampering: a record edited, removed or inserted
  std::vector<InvalidLine> invalid;  // warnings, not tampering: skipped by every reader
  // True when no link is broken. Invalid lines do not count against it.
  bool intact() const { return broken.empty(); }
};

// {"intact":true,"records":...,"lines":...,"broken_links":[...],"invalid_lines":[...]}.
std::string VerifyReportToJson(const VerifyReport& report);

struct ExportOptions {
  // Sessions (and statistics) of the last `days` days; 0 exports the whole history.
  int days = 0;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

struct AuditOptions {
  // The audit folder. Default (empty): <StateHome>/audit, see util::StateHome().
  std::string dir;
  // fdatasync after each append. Default on: a record that Append reported written survives a
  // power cut; costs about a millisecond per session, which is nothing next to a session.
  bool sync = true;
  // Recorded in every session. Default (empty): this build's version.
  std::string tool_version;
  // Whether Open() records the sessions of processes that died without finishing (see
  // AuditLog::RecoverInterrupted). Default on; tests and read-only tools may turn it off.
  bool recover_interrupted = true;
};

class AuditLog {
 public:
  // Opens (creating the folder if needed) the audit log in options.dir, then, unless turned off,
  // records interrupted sessions (RecoverInterrupted; best effort: its failure does not fail Open,
  // and the markers stay for the next Open). kIoError naming the folder if it cannot be created.
  // Copies share one state.
  static Result<AuditLog> Open(AuditOptions options = {});

  const std::string& dir() const;
  std::string log_path() const;  // dir()/audit.jsonl

  // Appends `record` as one line, filling prev_hash; atomic across threads and processes: the
  // line is whole or absent, never torn by this process, and never interleaved with another.
  // A torn tail left by someone else is first closed with '\n' so that the record starts its own
  // line. kIoError if the log cannot be written (a partial write is cut back).
  Status Append(SessionRecord record) const;

  // Sessions, newest first, filtered and limited by `query`. Catches the index up first.
  // kInvalidInput for a status other than "success"/"failed"; kIoError if the log is unreadable.
  // An absent log is an empty history.
  Result<HistoryResult> History(const HistoryQuery& query = {}) const;

  // Statistics of the sessions started in the `days` days before `now`; only those whose `user`
  // is `user` unless it is empty (a server showing each signed-in user their own counts).
  // REQUIRES: days >= 1 (kInvalidInput otherwise).
  Result<Statistics> Stats(
      int days, std::chrono::system_clock::time_point now = std::chrono::system_clock::now(),
      const std::string& user = {}) const;

  // Reads the whole log (not the index) and checks each record's prev_hash against the previous
  // record line. An edited, removed or inserted line breaks the link of the next record; removing
  // lines from the end cannot be seen from the log alone (docs/audit.md).
  Result<VerifyReport> Verify() const;

  // Writes a summary to `out_path`, chosen by its extension: .json (statistics, verify result and
  // the sessions), .csv (one row per session), .xlsx (sheets Sessions, Statistics, Run Info). The
  // file appears whole or not at all (temporary name, then rename). kInvalidInput naming the
  // supported extensions for any other; kIoError if it cannot be written.
  Status Export(const std::string& out_path, const ExportOptions& options = {}) const;

  // Appends a failed record ("interrupted: the process ended before finishing") for every marker
  // in running/ left by a process of this host that no longer runs, then removes the marker.
  // Safe when several processes recover at once: each marker is claimed by one of them.
  Status RecoverInterrupted() const;

  struct Impl;

 private:
  explicit AuditLog(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
  friend class Session;
};

// For the CLI's SIGINT/SIGTERM handler: records that the process was asked to stop, so that
// Session::Finish writes "interrupted by signal N" and long work can poll InterruptRequested().
// Async-signal-safe (one lock-free atomic store).
void MarkInterrupted(int signal_number) noexcept;
// The signal given to MarkInterrupted, or 0.
int InterruptRequested() noexcept;
// Forgets a MarkInterrupted (for tests, and for a server that keeps running).
void ClearInterrupted() noexcept;

// One command's session, RAII: Begin writes a marker, Finish appends the record and removes the
// marker. The methods other than the destructor and assignment REQUIRE a Session not moved from. A
// Session destroyed without Finish (an exception, an early return) is finished as failed ("ended
// without finishing"); a process killed outright leaves its marker, which the next AuditLog::Open
// records as interrupted.
class Session {
 public:
  // Starts a session: a new session_id, start time, user, host and pid, and the marker
  // running/<session_id>.json. `measure` may be empty. kIoError if the marker cannot be written.
  static Result<Session> Begin(const AuditLog& log, std::string command, std::string measure);

  Session(Session&& other) noexcept;
  // Finishes this session as failed if it is still open (as the destructor does), then takes
  // `other`'s.
  Session& operator=(Session&& other) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  const std::string& session_id() const;

  // Records a file read (input) or written (output) with its SHA-256 and size; a file that cannot
  // be read is recorded with an empty hash and size 0, not an error. The first input of role
  // "testcase" fills testcase_file/hash; the first output fills output_file/hash/size_mb.
  // These, AddEvent and SetMeasure rewrite the marker (so a killed run's record keeps what it
  // had done): keep them to files and phases, not rows.
  void AddInput(const std::string& role, const std::string& path);
  void AddOutput(const std::string& role, const std::string& path);
  // Records an event now. `details_json` is a JSON object as text (see Event).
  void AddEvent(const std::string& type, const std::string& message,
                const std::string& details_json = "{}");
  void SetMembersGenerated(std::int64_t members);
  // Completeness metadata (PRODUCT.md's format) as JSON text.
  void SetCompleteness(const std::string& completeness_json);
  // Changes the measure, for commands that learn it from the input.
  void SetMeasure(const std::string& measure);
  // Changes the user, for a server that runs a job for a signed-in user (the session starts with
  // the process's account).
  void SetUser(const std::string& user);

  // Ends the session: status "success" if `outcome` is OK and no interrupt was marked, else
  // "failed" with the error (outcome's ToString(), or "interrupted by signal N"). Appends the
  // record and removes the marker. Returns the append's status; the marker stays if that fails,
  // so the session is recovered later. A second call does nothing and returns OK.
  Status Finish(const Status& outcome);

  // The record as it stands (after Finish: as appended).
  const SessionRecord& record() const;

  struct State;

 private:
  explicit Session(std::unique_ptr<State> state);
  void FinishAbandoned() noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace hm::audit
