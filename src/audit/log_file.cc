#include "audit/log_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace hm::audit {
namespace {

Status OsError(const std::string& what, const std::string& path) {
  return Status::IoError(fmt::format("{}: {}", what, std::strerror(errno))).InFile(path);
}

constexpr std::size_t kForwardChunk = 1 << 20;
constexpr std::size_t kBackwardBlock = 1 << 16;

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<FileLock> FileLock::Acquire(int fd, int operation, const std::string& path) {
  while (::flock(fd, operation) != 0) {
    if (errno != EINTR) return OsError("cannot lock", path);
  }
  return FileLock(fd);
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::flock(fd_, LOCK_UN);
}

Result<UniqueFd> OpenForReading(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("no such file").InFile(path);
    return OsError("cannot open", path);
  }
  return UniqueFd(fd);
}

Result<std::uint64_t> FileSize(int fd, const std::string& path) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return OsError("cannot stat", path);
  return static_cast<std::uint64_t>(info.st_size);
}

Result<std::string> ReadAt(int fd, std::uint64_t offset, std::size_t size,
                           const std::string& path) {
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n =
        ::pread(fd, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError("cannot read", path);
    if (n == 0) return Status::IoError("the file ended early (was it truncated?)").InFile(path);
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

Result<LineScan> ScanLines(int fd, std::uint64_t offset, const std::string& path,
                           const LineVisitor& visit) {
  std::string buffer;           // bytes of a line that straddles two reads, then the new chunk
  std::uint64_t base = offset;  // file offset of buffer[0]
  std::string chunk(kForwardChunk, '\0');
  for (;;) {
    const ssize_t n =
        ::pread(fd, chunk.data(), chunk.size(), static_cast<off_t>(base + buffer.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError("cannot read", path);
    if (n == 0) break;
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
      HM_RETURN_IF_ERROR(visit(std::string_view(buffer).substr(start, nl - start), base + start));
    }
    buffer.erase(0, start);
    base += start;
  }
  return LineScan{base, buffer.size()};
}

bool TailIsTorn(int fd, std::uint64_t size) {
  Result<FileLock> lock = FileLock::Acquire(fd, LOCK_SH, "");
  if (!lock.ok()) return false;  // cannot tell; say nothing rather than cry wolf
  Result<std::uint64_t> now = FileSize(fd, "");
  return now.ok() && *now == size;
}

Result<std::pair<std::uint64_t, std::string>> LineEndingAt(int fd, std::uint64_t end,
                                                           const std::string& path) {
  std::string line;  // built back to front in blocks
  std::uint64_t pos = end;
  while (pos > 0) {
    const std::uint64_t from = pos > kBackwardBlock ? pos - kBackwardBlock : 0;
    HM_ASSIGN_OR_RETURN(std::string block,
                        ReadAt(fd, from, static_cast<std::size_t>(pos - from), path));
    const std::size_t nl = block.rfind('\n');
    if (nl != std::string::npos) {
      line.insert(0, block, nl + 1);
      return std::pair{from + nl + 1, std::move(line)};
    }
    line.insert(0, block);
    pos = from;
  }
  return std::pair{std::uint64_t{0}, std::move(line)};
}

}  // namespace hm::audit
