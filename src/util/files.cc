#include "util/files.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

namespace hm::util {
namespace {

std::string Hex(const unsigned char* bytes, unsigned int size) {
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", bytes[i]);
  return out;
}

struct DigestDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

Digest NewSha256() {
  Digest ctx(EVP_MD_CTX_new());
  if (ctx) EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  return ctx;
}

std::string Finish(EVP_MD_CTX* ctx) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx, digest.data(), &size);
  return Hex(digest.data(), size);
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(fmt::format("cannot open: {}", std::strerror(errno)),
                           "check the path and that you may read the file")
        .InFile(path);
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) return Status::IoError("read failed").InFile(path);
  return bytes;
}

Result<std::string> Sha256File(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    return Status::IoError(fmt::format("cannot open: {}", std::strerror(errno))).InFile(path);
  }
  Digest ctx = NewSha256();
  if (!ctx) return Status::Internal("OpenSSL could not create a SHA-256 context");
  std::array<char, 1 << 16> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    EVP_DigestUpdate(ctx.get(), buffer.data(), n);
  }
  if (std::ferror(file.get())) return Status::IoError("read failed").InFile(path);
  return Finish(ctx.get());
}

std::string Sha256Hex(std::string_view bytes) {
  Digest ctx = NewSha256();
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return Finish(ctx.get());
}

namespace {

Status CreateParent(const std::filesystem::path& target) {
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot create folder: {}", ec.message())).InFile(target.string());
  }
  return Status::Ok();
}

Status RenameInto(const std::string& temporary, const std::string& path) {
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Status::IoError(fmt::format("cannot rename into place: {}", ec.message())).InFile(path);
  return Status::Ok();
}

}  // namespace

std::string TemporaryBeside(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path target(path);
  return (target.parent_path() / fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(),
                                             counter.fetch_add(1)))
      .string();
}

Status WriteViaTemporary(const std::string& path,
                         const std::function<Status(const std::string& temporary)>& write) {
  HM_RETURN_IF_ERROR(CreateParent(path));
  const std::string temporary = TemporaryBeside(path);
  Status written = write(temporary);
  if (written.ok()) written = RenameInto(temporary, path);
  if (!written.ok()) {
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
  }
  return written;
}

Status AtomicWrite(const std::string& path, std::string_view bytes) {
  return WriteViaTemporary(path, [&](const std::string& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::IoError("write failed (disk full or no permission?)").InFile(path);
    return Status::Ok();
  });
}

std::string StateHome() {
  if (const char* home = std::getenv("HEDIS_MOCKUP_HOME"); home && *home) return home;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/hedis-mockup";
  }
  if (const char* user_home = std::getenv("HOME"); user_home && *user_home) {
    return std::string(user_home) + "/.local/share/hedis-mockup";
  }
  return ".hedis-mockup";
}

}  // namespace hm::util
