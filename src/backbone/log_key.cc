#include "backbone/log_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "util/files.h"

namespace hm::log {
namespace {

Status OsError(const std::string& path, std::string_view what) {
  return Status::IoError(fmt::format("{}: {}", what, std::strerror(errno)),
                         "check that you may write to the folder, or set another key file")
      .InFile(path);
}

// Writes `bytes` to a new file beside `path` with mode 0600 from the start (never readable by
// others, not even briefly), then links it into place. link() fails with EEXIST if another process
// created the key meanwhile; that key wins, and the caller reads it.
Status WritePrivateFileOnce(const std::string& path, std::string_view bytes) {
  const std::string temp = fmt::format("{}.tmp.{}", path, ::getpid());
  ::unlink(temp.c_str());  // a leftover of a crashed run could have another mode; O_EXCL below
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return OsError(path, "cannot create the identifier key");
  const ssize_t size = static_cast<ssize_t>(bytes.size());
  const bool written = ::write(fd, bytes.data(), bytes.size()) == size && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    Status status = OsError(path, "cannot write the identifier key");
    ::unlink(temp.c_str());
    return status;
  }
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    return OsError(path, "cannot put the identifier key in place");
  }
  return Status::Ok();
}

Result<std::string> CreateIdKey(const std::string& path) {
  std::array<unsigned char, kIdKeyBytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return Status::Internal("OpenSSL could not produce random bytes for the identifier key");
  }
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot create the folder: {}", ec.message())).InFile(path);
  }
  const std::string_view bytes(reinterpret_cast<const char*>(key.data()), key.size());
  HM_RETURN_IF_ERROR(WritePrivateFileOnce(path, bytes));
  return util::ReadFile(path);  // ours, or the one another process linked first
}

}  // namespace

Result<std::string> LoadOrCreateIdKey(const std::string& path) {
  std::error_code ec;
  Result<std::string> key = std::filesystem::exists(path, ec) ? util::ReadFile(path)
                                                              : CreateIdKey(path);
  if (!key.ok()) return key;
  if (key->size() != kIdKeyBytes) {
    return Status::InvalidInput(
               fmt::format("the identifier key must be {} bytes, found {}", kIdKeyBytes,
                           key->size()),
               "delete it to create a new key (tokens in earlier logs will no longer match)")
        .InFile(path);
  }
  return key;
}

std::string IdToken(std::string_view key, std::string_view identifier) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(identifier.data()), identifier.size(),
       digest.data(), &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token = "id:";
  for (unsigned int i = 0; i < 8 && i < size; ++i) {
    token += kHex[digest[i] >> 4];
    token += kHex[digest[i] & 0xf];
  }
  return token;
}

}  // namespace hm::log
