// Status and Result<T>: how the core reports expected failures.
//
// Decided once for the whole project (see docs/architecture.md, "Errors"):
//  - Expected failures (a bad file, a missing sheet, a value set that does not exist, an input
//    refused by a safety limit) are values: a Status, or a Result<T> holding either a T or a Status.
//  - A Status names where the problem is (file, sheet, row, column or line) and what to do about it,
//    so a front end can print it as is: "FILE: sheet 'S', row 5, column C: what; what to do".
//  - Exceptions and asserts are for bugs only. Functions that call throwing library code convert at
//    the boundary.
//
// Thread-safety: Status and Result are values; distinct objects may be used from distinct threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hm {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidInput,   // the user's file or argument is malformed or inconsistent
  kNotFound,       // a named file, sheet, column or value set does not exist
  kLimitExceeded,  // input refused by a safety limit (zip bomb, absurd row count, ...)
  kIoError,        // the operating system failed to read or write
  kInternal,       // a bug in this program
};

// How far an error reaches. A *fatal* error stops the current unit of work (the run, or one
// patient of a cohort); a *recoverable* one is recorded (log, completeness) and work goes on.
// Errors are fatal unless the code that creates them knows the work can go on without the part
// that failed, and says so with Recoverable().
enum class Severity : std::uint8_t { kFatal, kRecoverable };

// "fatal" / "recoverable", as written in logs and completeness metadata.
const char* SeverityName(Severity severity);

// A stable name for the kind of error, for logs and completeness metadata ("InvalidInputError").
const char* ErrorTypeName(StatusCode code);

// Where in the user's input a problem lies. Zero and empty fields are unknown and not printed.
struct Location {
  std::string file;
  std::string sheet;
  std::int64_t row = 0;     // 1-based spreadsheet row
  std::int64_t column = 0;  // 1-based spreadsheet column, printed as letters (1 -> A)
  std::int64_t line = 0;    // 1-based line of a text file

  // "FILE: sheet 'S', row 5, column C" with the unknown parts left out; empty if nothing is known.
  std::string ToString() const;
};

// Converts a 1-based column number to spreadsheet letters: 1 -> "A", 27 -> "AA".
std::string ColumnLetters(std::int64_t column);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status Ok() { return Status(); }
  // `message` says what is wrong; `hint` says what the user can do about it.
  static Status InvalidInput(std::string message, std::string hint = {});
  static Status NotFound(std::string message, std::string hint = {});
  static Status LimitExceeded(std::string message, std::string hint = {});
  static Status IoError(std::string message, std::string hint = {});
  static Status Internal(std::string message);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const;
  const std::string& hint() const;
  const Location& location() const;
  Severity severity() const { return rep_ ? rep_->severity : Severity::kFatal; }
  // Further problems found in the same pass (see Diagnostics), each already formatted.
  const std::vector<std::string>& more() const;

  // Context setters return the status so that `return Status::InvalidInput(...).InFile(path);`
  // reads naturally. Each leaves fields that are already set alone: the innermost caller, which
  // knows most, wins. REQUIRES: !ok().
  Status InFile(const std::string& file) &&;
  Status InSheet(const std::string& sheet) &&;
  Status AtCell(std::int64_t row, std::int64_t column) &&;
  Status AtLine(std::int64_t line) &&;
  Status WithMore(std::vector<std::string> more) &&;
  // Marks the error recoverable (see Severity).
  Status Recoverable() &&;

  // "FILE: sheet 'S', row 5, column C: message; hint", then one line per entry of more().
  // "OK" for an OK status.
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string hint;
    Location location;
    std::vector<std::string> more;
    Severity severity = Severity::kFatal;
  };
  Status(StatusCode code, std::string message, std::string hint);

  std::unique_ptr<Rep> rep_;  // null when OK, so success costs nothing
};

// The process exit code the command line uses for a status: 0 OK, 2 bad usage or bad input
// (anything the user can fix), 3 internal error. Exit code 1 ("the job ran and found failures")
// is decided by the commands themselves, never by a Status.
int ExitCodeFor(const Status& status);

// A T or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  // REQUIRES: !status.ok().
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error; an OK status when ok().
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  Status TakeStatus() && { return ok() ? Status() : std::get<Status>(std::move(v_)); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Collects the user errors of one pass so that all of them are reported, then stops at a
// checkpoint (the mold pattern): a VSD with five unknown code systems gets five lines, not one.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t keep = 20) : keep_(keep) {}
  void Add(Status status);
  bool empty() const { return count_ == 0; }
  std::size_t count() const { return count_; }
  // OK if nothing was added; otherwise the first problem, with the others (up to `keep`) in more().
  Status Checkpoint() const;

 private:
  std::size_t keep_;
  std::size_t count_ = 0;
  std::vector<Status> kept_;
};

}  // namespace hm

// Propagate an error Status from an expression returning Status.
#define HM_RETURN_IF_ERROR(expr)               \
  do {                                         \
    ::hm::Status hm_status_ = (expr);          \
    if (!hm_status_.ok()) return hm_status_;   \
  } while (false)

#define HM_CONCAT_INNER_(a, b) a##b
#define HM_CONCAT_(a, b) HM_CONCAT_INNER_(a, b)
// `HM_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its Status.
#define HM_ASSIGN_OR_RETURN(lhs, expr) \
  HM_ASSIGN_OR_RETURN_IMPL_(HM_CONCAT_(hm_result_, __LINE__), lhs, expr)
#define HM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).TakeStatus(); \
  lhs = std::move(tmp).value()
