#include "audit/appender.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "audit/log_file.h"
#include "audit/record_json.h"
#include "util/files.h"

namespace hm::audit {
namespace {

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Status::IoError(fmt::format("cannot append: {}", std::strerror(errno)),
                             "check free disk space and permissions on the audit folder")
          .InFile(path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Result<UniqueFd> OpenForAppend(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IoError(fmt::format("cannot open for appending: {}", std::strerror(errno)),
                           "check permissions on the audit folder")
        .InFile(path);
  }
  return UniqueFd(fd);
}

Result<bool> EndsWithNewline(int fd, std::uint64_t size, const std::string& path) {
  if (size == 0) return true;
  HM_ASSIGN_OR_RETURN(std::string last, ReadAt(fd, size - 1, 1, path));
  return last[0] == '\n';
}

}  // namespace

Result<std::string> LastRecordHash(int fd, std::uint64_t end, const std::string& path) {
  while (end > 0) {
    HM_ASSIGN_OR_RETURN(auto found, LineEndingAt(fd, end, path));
    auto& [start, line] = found;
    if (RecordFromJson(line).ok()) return util::Sha256Hex(line);
    if (start == 0) break;
    end = start - 1;  // step over the '\n' that ends the line before
  }
  return std::string(kZeroHash);
}

Status AppendRecord(const std::string& log_path, SessionRecord& record, bool sync) {
  HM_ASSIGN_OR_RETURN(UniqueFd fd, OpenForAppend(log_path));
  HM_ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(fd.get(), LOCK_EX, log_path));
  HM_ASSIGN_OR_RETURN(std::uint64_t size, FileSize(fd.get(), log_path));
  HM_ASSIGN_OR_RETURN(bool whole, EndsWithNewline(fd.get(), size, log_path));
  // A torn tail becomes a line of its own once closed, so it is part of what we chain over
  // (LastRecordHash then steps over it, being invalid, unless the crash cut only the '\n').
  const std::uint64_t last_line_end = whole && size > 0 ? size - 1 : size;
  HM_ASSIGN_OR_RETURN(record.prev_hash, LastRecordHash(fd.get(), last_line_end, log_path));

  std::string line = whole ? "" : "\n";
  line += RecordToJson(record);
  line += '\n';
  if (Status written = WriteAll(fd.get(), line, log_path); !written.ok()) {
    // We hold the lock, so nobody appended after us: cutting back restores the log exactly. If
    // even that fails, the torn line stays and every reader skips it with a warning.
    [[maybe_unused]] const int cut = ::ftruncate(fd.get(), static_cast<off_t>(size));
    return written;
  }
  if (sync && ::fdatasync(fd.get()) != 0) {
    return Status::IoError(fmt::format("cannot sync: {}", std::strerror(errno))).InFile(log_path);
  }
  return Status::Ok();
}

}  // namespace hm::audit
