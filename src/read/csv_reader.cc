#include "read/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <optional>

#include "read/csv_parser.h"
#include "util/text.h"

namespace hm::read {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

Result<FilePtr> OpenForReading(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file) return file;
  if (errno == ENOENT) return Status::NotFound("file not found", "check the path").InFile(path);
  return Status::IoError(fmt::format("cannot open the file: {}", std::strerror(errno)),
                         "check that you may read it")
      .InFile(path);
}

Status StreamFile(const std::string& path, CsvParser& parser) {
  HM_ASSIGN_OR_RETURN(FilePtr file, OpenForReading(path));
  std::vector<char> buffer(kChunkBytes);
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n > 0) HM_RETURN_IF_ERROR(parser.Feed(std::string_view(buffer.data(), n)));
    if (n < buffer.size()) break;
  }
  if (std::ferror(file.get())) {
    return Status::IoError("reading the file failed", "check the disk and try again").InFile(path);
  }
  return parser.Finish();
}

// Fed in the same chunks as a file so that in-memory input takes the code path files take.
Status StreamBytes(std::string_view bytes, CsvParser& parser) {
  for (std::size_t at = 0; at < bytes.size(); at += kChunkBytes) {
    HM_RETURN_IF_ERROR(parser.Feed(bytes.substr(at, kChunkBytes)));
  }
  return parser.Finish();
}

std::string SheetNameFor(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

class CsvWorkbook final : public Workbook {
 public:
  // One sheet per entry of `files`; with `bytes`, a single sheet read from memory.
  CsvWorkbook(std::string path, std::vector<std::string> files, std::optional<std::string> bytes,
              const ReadLimits& limits)
      : Workbook(std::move(path)), files_(std::move(files)), bytes_(std::move(bytes)),
        limits_(limits) {
    for (const std::string& file : files_) names_.push_back(SheetNameFor(file));
  }

  const std::vector<std::string>& SheetNames() const override { return names_; }
  std::string SheetPath(std::size_t index) const override { return files_.at(index); }

  Result<SheetSummary> ReadSheet(std::size_t index, const RowVisitor& visit) override {
    if (index >= names_.size()) {
      return Status::NotFound(fmt::format("there is no sheet number {}; there are {} sheets",
                                          index + 1, names_.size()))
          .InFile(path());
    }
    CsvParser parser(files_[index], limits_, visit);
    HM_RETURN_IF_ERROR(bytes_ ? StreamBytes(*bytes_, parser) : StreamFile(files_[index], parser));
    SheetSummary summary;
    summary.rows_read = parser.rows_read();
    return summary;
  }

 private:
  std::vector<std::string> files_;
  std::optional<std::string> bytes_;
  ReadLimits limits_;
  std::vector<std::string> names_;
};

bool IsCsvName(const std::filesystem::path& file) {
  return util::Lower(file.extension().string()) == ".csv";
}

}  // namespace

Result<std::unique_ptr<Workbook>> OpenCsvFile(const std::string& path, const ReadLimits& limits) {
  HM_ASSIGN_OR_RETURN(FilePtr probe, OpenForReading(path));  // fail at open, not at first read
  return std::unique_ptr<Workbook>(
      std::make_unique<CsvWorkbook>(path, std::vector<std::string>{path}, std::nullopt, limits));
}

Result<std::unique_ptr<Workbook>> OpenCsvFolder(const std::string& path, const ReadLimits& limits) {
  std::error_code error;
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error) && IsCsvName(it->path())) files.push_back(it->path().string());
  }
  if (error) {
    return Status::IoError(fmt::format("cannot list the folder: {}", error.message()),
                           "check that it exists and that you may read it")
        .InFile(path);
  }
  if (files.empty()) {
    return Status::InvalidInput("the folder holds no .csv file",
                                "put one .csv file per sheet in it, or give a file instead")
        .InFile(path);
  }
  std::sort(files.begin(), files.end());
  return std::unique_ptr<Workbook>(
      std::make_unique<CsvWorkbook>(path, std::move(files), std::nullopt, limits));
}

Result<std::unique_ptr<Workbook>> OpenCsvBytes(std::string bytes, std::string display_name,
                                               const ReadLimits& limits) {
  std::vector<std::string> files{display_name};
  return std::unique_ptr<Workbook>(std::make_unique<CsvWorkbook>(
      std::move(display_name), std::move(files), std::move(bytes), limits));
}

}  // namespace hm::read
