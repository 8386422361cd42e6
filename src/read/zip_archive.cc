#include "read/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <fmt/format.h>

namespace hm::read {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::string_view kZipMagic = "PK\x03\x04";

const char* const kDamagedHint =
    "open it in Excel and save it again as .xlsx, or export the sheet as CSV";
const char* const kBombHint =
    "the file looks built to exhaust memory (a zip bomb); if it is a genuine workbook, split it "
    "or export the sheet as CSV";

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Why libzip refused to open an archive. `looks_like_zip` tells a truncated archive (which still
// starts with a zip header but has lost the directory at its end) from a file that never was one.
Status OpenError(int code, bool looks_like_zip, const std::string& file) {
  switch (code) {
    case ZIP_ER_NOZIP:
      if (looks_like_zip) {
        return Status::InvalidInput(
                   "the archive is damaged or truncated: its central directory is missing",
                   kDamagedHint)
            .InFile(file);
      }
      return Status::InvalidInput(
                 "is not an xlsx workbook (it is not a zip archive)",
                 "save it from Excel as .xlsx, or export the sheet as CSV")
          .InFile(file);
    case ZIP_ER_NOENT:
      return Status::NotFound("file not found", "check the path").InFile(file);
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_TELL:
      return Status::IoError("cannot read the file: " + ZipErrorText(code),
                             "check that it exists and that you may read it")
          .InFile(file);
    default:
      return Status::InvalidInput("the archive is damaged or truncated: " + ZipErrorText(code),
                                  kDamagedHint)
          .InFile(file);
  }
}

bool FileStartsLikeZip(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  char magic[4] = {};
  return file && std::fread(magic, 1, 4, file.get()) == 4 &&
         std::string_view(magic, 4) == kZipMagic;
}

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipArchive::ZipCloser::operator()(zip* archive) const { zip_discard(archive); }

ZipArchive::ZipArchive(std::unique_ptr<const std::string> bytes,
                       std::unique_ptr<zip, ZipCloser> archive, std::string display_name,
                       const ReadLimits& limits)
    : bytes_(std::move(bytes)),
      archive_(std::move(archive)),
      display_name_(std::move(display_name)),
      limits_(limits),
      buffer_(kChunkBytes) {}

ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::OpenFile(const std::string& path, const ReadLimits& limits) {
  int code = ZIP_ER_OK;
  std::unique_ptr<zip, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!archive) return OpenError(code, FileStartsLikeZip(path), path);
  ZipArchive opened(nullptr, std::move(archive), path, limits);
  HM_RETURN_IF_ERROR(opened.CheckEntries());
  return opened;
}

Result<ZipArchive> ZipArchive::OpenBytes(std::string bytes, std::string display_name,
                                         const ReadLimits& limits) {
  auto owned = std::make_unique<const std::string>(std::move(bytes));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(owned->data(), owned->size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Status::Internal("cannot create a libzip memory source").InFile(display_name);
  }
  std::unique_ptr<zip, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);  // on failure the source still belongs to us
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    return OpenError(code, owned->starts_with(kZipMagic), display_name);
  }
  zip_error_fini(&error);
  ZipArchive opened(std::move(owned), std::move(archive), std::move(display_name), limits);
  HM_RETURN_IF_ERROR(opened.CheckEntries());
  return opened;
}

// Refuses an archive from its directory alone, before anything is inflated: too many entries,
// or any entry (read later or not) whose recorded sizes say it is a bomb.
Status ZipArchive::CheckEntries() const {
  const auto entries = static_cast<std::uint64_t>(zip_get_num_entries(archive_.get(), 0));
  if (entries > limits_.max_entries) {
    return Status::LimitExceeded(
               fmt::format("the archive has {} entries, more than the {} allowed", entries,
                           limits_.max_entries),
               kBombHint)
        .InFile(display_name_);
  }
  for (zip_uint64_t index = 0; index < entries; ++index) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_.get(), index, 0, &stat) != 0) continue;  // Stream() will say
    if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE) &&
        (stat.valid & ZIP_STAT_NAME)) {
      HM_RETURN_IF_ERROR(CheckDeclaredSize(stat.name, stat.size, stat.comp_size));
    }
  }
  return Status::Ok();
}

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Status ZipArchive::CheckDeclaredSize(const std::string& name, std::uint64_t size,
                                     std::uint64_t compressed) const {
  if (size > limits_.max_entry_bytes) {
    return Status::LimitExceeded(
               fmt::format("entry '{}' declares {} bytes uncompressed, more than the {} allowed",
                           name, size, limits_.max_entry_bytes),
               kBombHint)
        .InFile(display_name_);
  }
  if (size > limits_.ratio_applies_above &&
      static_cast<double>(size) > limits_.max_compression_ratio * static_cast<double>(compressed)) {
    return Status::LimitExceeded(
               fmt::format("entry '{}' would expand from {} to {} bytes, a compression ratio "
                           "above the {} allowed",
                           name, compressed, size, limits_.max_compression_ratio),
               kBombHint)
        .InFile(display_name_);
  }
  return Status::Ok();
}

// Checks the bytes actually produced so far, because the sizes in a zip header are written by
// whoever made the file and may lie.
Status ZipArchive::CountBytes(const std::string& name, std::uint64_t read_so_far,
                              std::uint64_t declared, std::uint64_t compressed) {
  if (read_so_far > declared) {
    return Status::InvalidInput(
               fmt::format("the archive is damaged or truncated: entry '{}' holds more than the "
                           "{} bytes its header declares",
                           name, declared),
               kDamagedHint)
        .InFile(display_name_);
  }
  // Defends the limits even if libzip could not tell the declared sizes.
  HM_RETURN_IF_ERROR(CheckDeclaredSize(name, read_so_far, compressed));
  std::uint64_t& counted = counted_[name];
  if (read_so_far > counted) {
    total_counted_ += read_so_far - counted;
    counted = read_so_far;
  }
  if (total_counted_ > limits_.max_total_bytes) {
    return Status::LimitExceeded(
               fmt::format("reading entry '{}' takes the archive past {} bytes uncompressed, "
                           "the most allowed",
                           name, limits_.max_total_bytes),
               kBombHint)
        .InFile(display_name_);
  }
  return Status::Ok();
}

Status ZipArchive::Stream(const std::string& name, const ChunkSink& sink) {
  const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    return Status::NotFound(fmt::format("the archive has no entry '{}'", name), kDamagedHint)
        .InFile(display_name_);
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    return Status::InvalidInput(
               fmt::format("the archive is damaged or truncated: cannot read the header of "
                           "entry '{}': {}",
                           name, zip_strerror(archive_.get())),
               kDamagedHint)
        .InFile(display_name_);
  }
  const std::uint64_t declared = (stat.valid & ZIP_STAT_SIZE) ? stat.size : limits_.max_entry_bytes;
  const std::uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
  HM_RETURN_IF_ERROR(CheckDeclaredSize(name, declared, compressed));

  std::unique_ptr<zip_file_t, ZipFileCloser> file(
      zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    return Status::InvalidInput(fmt::format("cannot open entry '{}': {}", name,
                                            zip_strerror(archive_.get())),
                                "if the workbook is password-protected, save an unprotected copy; "
                                "otherwise open it in Excel and save it again")
        .InFile(display_name_);
  }
  std::uint64_t read_so_far = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer_.data(), buffer_.size());
    if (n < 0) {
      return Status::InvalidInput(
                 fmt::format("the archive is damaged or truncated: entry '{}': {}", name,
                             zip_file_strerror(file.get())),
                 kDamagedHint)
          .InFile(display_name_);
    }
    if (n == 0) return Status::Ok();
    read_so_far += static_cast<std::uint64_t>(n);
    HM_RETURN_IF_ERROR(CountBytes(name, read_so_far, declared, compressed));
    HM_RETURN_IF_ERROR(sink(std::string_view(buffer_.data(), static_cast<std::size_t>(n))));
  }
}

}  // namespace hm::read
