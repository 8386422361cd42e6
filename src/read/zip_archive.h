// ZipArchive: read-only access to the entries of an untrusted zip archive (an .xlsx), built on
// libzip, with the safety limits of ReadLimits enforced on every entry read. Entries are streamed
// in fixed-size chunks so that memory does not grow with entry size.
//
// Thread-safety: not thread-safe; one archive per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

struct zip;

namespace hm::read {

// Receives one chunk of an entry's uncompressed bytes; a non-OK status stops the stream.
using ChunkSink = std::function<Status(std::string_view chunk)>;

class ZipArchive {
 public:
  // Opens the archive at `path` and checks its directory: kLimitExceeded for too many entries or
  // for any entry whose recorded sizes exceed the limits (refused before anything is inflated);
  // kInvalidInput for a file that is not a zip or is damaged; kIoError. Errors name `path`.
  [[nodiscard]] static Result<ZipArchive> OpenFile(const std::string& path,
                                                   const ReadLimits& limits);
  // Opens an archive held in memory; errors name `display_name`. The archive owns `bytes`.
  [[nodiscard]] static Result<ZipArchive> OpenBytes(std::string bytes, std::string display_name,
                                                    const ReadLimits& limits);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  const std::string& display_name() const { return display_name_; }

  // Whether an entry called `name` exists (ASCII case is ignored, as Excel does).
  bool Has(const std::string& name) const;

  // Streams entry `name` to `sink` in chunks of at most 64 KiB. Refuses, with kLimitExceeded, an
  // entry whose declared or actual size exceeds the limits, whose compression ratio is
  // implausible, or that would take the bytes read from this archive past max_total_bytes;
  // kInvalidInput if the entry's data are damaged; kNotFound if there is no such entry. Errors
  // name the file and the entry; a status returned by `sink` is passed through unchanged.
  [[nodiscard]] Status Stream(const std::string& name, const ChunkSink& sink);

 private:
  struct ZipCloser {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<const std::string> bytes, std::unique_ptr<zip, ZipCloser> archive,
             std::string display_name, const ReadLimits& limits);

  Status CheckEntries() const;
  Status CheckDeclaredSize(const std::string& name, std::uint64_t size,
                           std::uint64_t compressed) const;
  Status CountBytes(const std::string& name, std::uint64_t read_so_far, std::uint64_t declared,
                    std::uint64_t compressed);

  // Declared before archive_ so that it outlives it: libzip reads from this memory in place.
  std::unique_ptr<const std::string> bytes_;  // the archive's memory when opened from bytes
  std::unique_ptr<zip, ZipCloser> archive_;
  std::string display_name_;
  ReadLimits limits_;
  // Bytes counted toward max_total_bytes, per entry: reading an entry twice counts it once, so a
  // caller may re-read a sheet without tripping the total.
  std::unordered_map<std::string, std::uint64_t> counted_;
  std::uint64_t total_counted_ = 0;
  std::vector<char> buffer_;
};

}  // namespace hm::read
