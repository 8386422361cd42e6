// Low-level access to audit.jsonl: file descriptors and flock() locks as RAII values, and line
// scanning forwards (readers) and backwards (the appender, for the previous record).
//
// Readers never take a lock: a writer appends one line with one write(), and the file's size only
// covers bytes already copied in, so every byte before the last '\n' belongs to a finished line.
// Only an unterminated tail is ambiguous (torn by a crash, or a write in progress); see
// TailIsTorn().
//
// Thread-safety: all functions are thread-safe; a UniqueFd or FileLock belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "hedis_mockup/status.h"

namespace hm::audit {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

// Holds flock(`operation`) on `fd` until destroyed. flock locks belong to the open file
// description, so two opens of the log in one process exclude each other just as two processes
// do: threads need no extra mutex.
class FileLock {
 public:
  // `operation` is LOCK_EX or LOCK_SH; waits for the lock (retrying after signals).
  static Result<FileLock> Acquire(int fd, int operation, const std::string& path);
  FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Opens `path` read-only. kNotFound if it does not exist, kIoError for anything else.
Result<UniqueFd> OpenForReading(const std::string& path);

// The size of the open file.
Result<std::uint64_t> FileSize(int fd, const std::string& path);

// Exactly `size` bytes at `offset`; kIoError if the file is shorter or unreadable.
Result<std::string> ReadAt(int fd, std::uint64_t offset, std::size_t size, const std::string& path);

// Called with each complete line (without its '\n') and the offset where it starts.
using LineVisitor = std::function<Status(std::string_view line, std::uint64_t offset)>;

struct LineScan {
  std::uint64_t end = 0;         // just past the last '\n' seen: where the next scan starts
  std::uint64_t tail_bytes = 0;  // bytes after it without a '\n' (torn, or being written)
};

// Streams the complete lines of `fd` from byte `offset` (which must start a line) to the end of
// the file in 1 MiB reads. Stops early with the visitor's error if it returns one.
Result<LineScan> ScanLines(int fd, std::uint64_t offset, const std::string& path,
                           const LineVisitor& visit);

// Whether an unterminated tail seen by a reader is torn rather than a write in progress: waits
// for any writer (a shared lock) and checks that the file still has `size` bytes.
bool TailIsTorn(int fd, std::uint64_t size);

// The line that ends at byte `end` (exclusive, not counting a '\n' there): its first byte's offset
// and its bytes. Reads backwards in 64 KiB blocks, so the cost is the line's, not the file's.
Result<std::pair<std::uint64_t, std::string>> LineEndingAt(int fd, std::uint64_t end,
                                                           const std::string& path);

}  // namespace hm::audit
