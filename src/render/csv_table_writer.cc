#include "render/csv_table_writer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "util/files.h"
#include "util/text.h"

namespace hm::render {
namespace {

namespace fs = std::filesystem;


Status FolderError(const std::string& folder, const std::string& what) {
  return Status::IoError(what, "choose an output folder you may write").InFile(folder);
}

// Creates the folder and proves it writable now, so that a bad output path fails before the
// rows are rendered rather than at the commit. Says whether the folder had to be created.
Result<bool> PrepareFolder(const std::string& folder) {
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec)) {
    return FolderError(folder, "the output path exists and is not a folder");
  }
  const bool created = fs::create_directories(folder, ec);
  if (ec) return FolderError(folder, fmt::format("cannot create the folder: {}", ec.message()));
  const std::string probe = util::TemporaryBeside((fs::path(folder) / "probe").string());
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (file == nullptr) {
    return FolderError(folder, fmt::format("cannot write in the folder: {}", std::strerror(errno)));
  }
  std::fclose(file);
  fs::remove(probe, ec);
  return created;
}

Status CheckSheetNames(const std::vector<SheetSpec>& sheets, const std::string& folder) {
  std::set<std::string> seen;
  for (const SheetSpec& sheet : sheets) {
    const std::string& name = sheet.name;
    const bool usable = !name.empty() && name != "." && name != ".." &&
                        name.find_first_of(std::string_view("/\\\0", 3)) == std::string::npos;
    if (!usable) {
      return Status::InvalidInput(fmt::format("the sheet name '{}' cannot name a file", name),
                                  "use letters, digits and '_' in sheet names")
          .InFile(folder);
    }
    if (!seen.insert(util::Lower(name)).second) {
      return Status::InvalidInput(fmt::format("two sheets are named '{}' ignoring case", name),
                                  "give every sheet a distinct name")
          .InFile(folder);
    }
  }
  return Status::Ok();
}

bool NeedsQuotes(std::string_view field) {
  for (const char c : field) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

// Writes `field` at `out`, quoted if it must be; returns the end. REQUIRES: room for
// 2 * field.size() + 2 bytes.
char* PutField(char* out, std::string_view field) {
  if (!NeedsQuotes(field)) {
    std::memcpy(out, field.data(), field.size());
    return out + field.size();
  }
  *out++ = '"';
  for (const char c : field) {
    if (c == '"') *out++ = '"';
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

// One output file and its buffer.
struct CsvFile {
  std::string path;       // where the commit puts it
  std::string temporary;  // where it is written
  std::FILE* file = nullptr;
  std::vector<char> buffer;
  std::size_t used = 0;

  Status Flush() {
    if (used > 0 && std::fwrite(buffer.data(), 1, used, file) != used) {
      return Status::IoError(fmt::format("write failed: {}", std::strerror(errno)),
                             "check the free space of the output folder")
          .InFile(path);
    }
    used = 0;
    return Status::Ok();
  }

  // Appends one record. Rows are mostly empty fields, so the cost is a size pass to reserve the
  // worst case and then plain stores, with no per-field capacity checks.
  Status Put(std::span<const std::string> cells) {
    std::size_t worst = cells.size() + 1;
    for (const std::string& cell : cells) worst += 2 * cell.size() + 2;
    if (used + worst > buffer.size()) {
      HM_RETURN_IF_ERROR(Flush());
      if (worst > buffer.size()) buffer.resize(worst);
    }
    char* const start = buffer.data() + used;
    char* out = start;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) *out++ = ',';
      out = PutField(out, cells[i]);
    }
    *out++ = '\n';
    used += static_cast<std::size_t>(out - start);
    return Status::Ok();
  }

  Status Close() {
    Status flushed = Flush();
    const int closed = std::fclose(std::exchange(file, nullptr));
    HM_RETURN_IF_ERROR(std::move(flushed));
    if (closed != 0) {
      return Status::IoError(fmt::format("write failed: {}", std::strerror(errno))).InFile(path);
    }
    return Status::Ok();
  }
};

class CsvTableWriter final : public TableWriter {
 public:
  CsvTableWriter(std::string folder, CsvWriterOptions options, bool created_folder)
      : folder_(std::move(folder)), options_(options), created_folder_(created_folder) {}
  ~CsvTableWriter() override;

  Status Begin(const std::vector<SheetSpec>& sheets) override;
  Status Row(std::size_t sheet, std::span<const std::string> cells,
             const RowOrigin& origin) override;
  Status Close() override;
  Status Stage(util::CommitJournal& journal) override;
  std::vector<std::string> Outputs() const override;

 private:
  Status OpenFile(const SheetSpec& sheet);

  std::string folder_;
  CsvWriterOptions options_;
  bool created_folder_;
  std::vector<std::size_t> columns_;  // per sheet
  std::vector<CsvFile> files_;        // per sheet
  bool began_ = false;
  bool closed_ = false;
  bool finished_ = false;
};

CsvTableWriter::~CsvTableWriter() {
  for (CsvFile& file : files_) {
    if (file.file != nullptr) std::fclose(file.file);
  }
  if (finished_) return;
  std::error_code ec;
  for (const CsvFile& file : files_) fs::remove(file.temporary, ec);
  // Only when empty: remove() fails on a folder that holds anything.
  if (created_folder_) fs::remove(folder_, ec);
}

Status CsvTableWriter::Begin(const std::vector<SheetSpec>& sheets) {
  if (began_) return Status::Internal("CsvWriter::Begin called twice");
  began_ = true;
  HM_RETURN_IF_ERROR(CheckSheetNames(sheets, folder_));
  for (const SheetSpec& sheet : sheets) {
    HM_RETURN_IF_ERROR(OpenFile(sheet));
    columns_.push_back(sheet.columns.size());
    HM_RETURN_IF_ERROR(files_.back().Put(sheet.columns));
  }
  return Status::Ok();
}

Status CsvTableWriter::OpenFile(const SheetSpec& sheet) {
  const std::string name = sheet.name + ".csv";
  CsvFile& file = files_.emplace_back();
  file.path = (fs::path(folder_) / name).string();
  file.temporary = util::TemporaryBeside((fs::path(folder_) / name).string());
  file.file = std::fopen(file.temporary.c_str(), "wb");
  if (file.file == nullptr) {
    return Status::IoError(fmt::format("cannot create the file: {}", std::strerror(errno)),
                           "check the permissions of the output folder")
        .InFile(file.path);
  }
  // Our buffer is the only one: stdio's would copy every byte once more.
  std::setvbuf(file.file, nullptr, _IONBF, 0);
  file.buffer.resize(std::max<std::size_t>(options_.buffer_bytes, 4096));
  return Status::Ok();
}

Status CsvTableWriter::Row(std::size_t sheet, std::span<const std::string> cells,
                           const RowOrigin&) {
  if (!began_ || closed_ || sheet >= files_.size()) {
    return Status::Internal(fmt::format("CsvWriter::Row(#{}) outside Begin..Close", sheet));
  }
  if (cells.size() != columns_[sheet]) {
    return Status::Internal(fmt::format("a row of {} has {} cells for {} columns",
                                        files_[sheet].path, cells.size(), columns_[sheet]));
  }
  return files_[sheet].Put(cells);
}

Status CsvTableWriter::Close() {
  if (!began_ || finished_) return Status::Internal("CsvWriter::Close without Begin, or after Stage");
  if (closed_) return Status::Ok();
  for (CsvFile& file : files_) HM_RETURN_IF_ERROR(file.Close());
  closed_ = true;
  return Status::Ok();
}

Status CsvTableWriter::Stage(util::CommitJournal& journal) {
  if (!began_ || finished_) return Status::Internal("CsvWriter::Stage without Begin, or twice");
  HM_RETURN_IF_ERROR(Close());
  for (const CsvFile& file : files_) journal.AddMove(file.temporary, file.path);
  finished_ = true;
  return Status::Ok();
}

std::vector<std::string> CsvTableWriter::Outputs() const {
  std::vector<std::string> outputs;
  if (!finished_) return outputs;
  for (const CsvFile& file : files_) outputs.push_back(file.path);
  return outputs;
}

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& folder,
                                                   const CsvWriterOptions& options) {
  HM_ASSIGN_OR_RETURN(const bool created, PrepareFolder(folder));
  return std::unique_ptr<TableWriter>(std::make_unique<CsvTableWriter>(folder, options, created));
}

}  // namespace hm::render
