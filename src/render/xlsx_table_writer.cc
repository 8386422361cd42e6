#include "render/xlsx_table_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "util/files.h"

namespace hm::render {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kExcelMaxRows = 1'048'576;
constexpr std::time_t kFixedCreated = 946'684'800;  // 2000-01-01T00:00:00Z
// Column widths in Excel's character units: Excel's default is 8.43; past 50 a column of long
// free text would push the codes off the screen.
constexpr double kMinWidth = 9;
constexpr double kMaxWidth = 50;


std::string FolderOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Creates the folder and proves it writable now, so that a bad output path fails before the
// rows are rendered rather than at the commit.
Status PrepareFolder(const std::string& path) {
  std::error_code ec;
  fs::create_directories(FolderOf(path), ec);
  if (ec) {
    return Status::IoError(fmt::format("cannot create the folder {}: {}", FolderOf(path),
                                       ec.message()),
                           "choose an output path in a folder you may write")
        .InFile(path);
  }
  if (fs::is_directory(path, ec)) {
    return Status::InvalidInput("the output path is a folder", "give a file name ending .xlsx")
        .InFile(path);
  }
  const std::string probe = util::TemporaryBeside(path);
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (file == nullptr) {
    return Status::IoError(fmt::format("cannot write in the folder {}: {}", FolderOf(path),
                                       std::strerror(errno)),
                           "choose an output path in a folder you may write")
        .InFile(path);
  }
  std::fclose(file);
  fs::remove(probe, ec);
  return Status::Ok();
}

Status LxwError(lxw_error error, std::string_view doing, const std::string& file) {
  return Status::IoError(
             fmt::format("libxlsxwriter failed {}: {}", doing, lxw_strerror(error)),
             "check the free space and permissions of the output folder")
      .InFile(file);
}

// One workbook file of the output.
struct Part {
  std::string path;       // where the commit puts it
  std::string temporary;  // where libxlsxwriter writes it
};

class XlsxTableWriter final : public TableWriter {
 public:
  XlsxTableWriter(std::string path, XlsxWriterOptions options)
      : path_(std::move(path)), options_(std::move(options)) {
    if (options_.tmpdir.empty()) options_.tmpdir = FolderOf(path_);
    if (options_.created == 0) options_.created = kFixedCreated;
  }
  ~XlsxTableWriter() override;

  Status Begin(const std::vector<SheetSpec>& sheets) override;
  Status Row(std::size_t sheet, std::span<const std::string> cells,
             const RowOrigin& origin) override;
  Status Close() override;
  Status Stage(util::CommitJournal& journal) override;
  std::vector<std::string> Outputs() const override;

 private:
  Status CheckRow(std::size_t sheet, std::span<const std::string> cells) const;
  Status OpenPart();
  Status AddSheet(std::size_t sheet);
  Status ClosePart();
  void SetColumnWidths();
  void DiscardPart();
  void RemoveStaleParts(util::CommitJournal& journal) const;

  std::string path_;
  XlsxWriterOptions options_;
  std::vector<SheetSpec> sheets_;
  std::vector<Part> parts_;  // closed parts, then the open one
  bool closed_ = false;      // every part closed; only the renames are left
  bool finished_ = false;

  // The open part: null between a failed close and the destructor.
  lxw_workbook* workbook_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::vector<lxw_worksheet*> worksheets_;
  std::vector<std::int64_t> rows_;                 // rows written per sheet, header included
  std::vector<std::vector<std::size_t>> longest_;  // longest text per sheet and column
};

XlsxTableWriter::~XlsxTableWriter() {
  if (workbook_ != nullptr) DiscardPart();
  if (finished_) return;
  std::error_code ec;
  for (const Part& part : parts_) fs::remove(part.temporary, ec);
}

Status XlsxTableWriter::Begin(const std::vector<SheetSpec>& sheets) {
  if (!sheets_.empty() || !parts_.empty()) return Status::Internal("XlsxWriter::Begin called twice");
  if (sheets.empty()) return Status::Internal("XlsxWriter::Begin with no sheets");
  sheets_ = sheets;
  return OpenPart();
}

Status XlsxTableWriter::CheckRow(std::size_t sheet, std::span<const std::string> cells) const {
  if (workbook_ == nullptr || finished_) {
    return Status::Internal("XlsxWriter::Row outside Begin..Stage or after an error");
  }
  if (sheet >= sheets_.size()) return Status::Internal(fmt::format("no sheet #{}", sheet));
  if (cells.size() != sheets_[sheet].columns.size()) {
    return Status::Internal(fmt::format("a row of {} has {} cells for {} columns",
                                        sheets_[sheet].name, cells.size(),
                                        sheets_[sheet].columns.size()));
  }
  return Status::Ok();
}

Status XlsxTableWriter::Row(std::size_t sheet, std::span<const std::string> cells,
                            const RowOrigin&) {
  HM_RETURN_IF_ERROR(CheckRow(sheet, cells));
  if (rows_[sheet] >= options_.max_rows_per_sheet) {
    HM_RETURN_IF_ERROR(ClosePart());
    HM_RETURN_IF_ERROR(OpenPart());
  }
  lxw_worksheet* worksheet = worksheets_[sheet];
  const auto row = static_cast<lxw_row_t>(rows_[sheet]);
  std::vector<std::size_t>& longest = longest_[sheet];
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string& text = cells[c];
    if (text.empty()) continue;
    const lxw_error error = worksheet_write_string(worksheet, row, static_cast<lxw_col_t>(c),
                                                   text.c_str(), nullptr);
    if (error != LXW_NO_ERROR) {
      return Status::InvalidInput(fmt::format("cannot write the cell: {}", lxw_strerror(error)),
                                  "Excel cells hold at most 32,767 characters")
          .InFile(parts_.back().path)
          .InSheet(sheets_[sheet].name)
          .AtCell(rows_[sheet] + 1, static_cast<std::int64_t>(c) + 1);
    }
    longest[c] = std::max(longest[c], text.size());
  }
  ++rows_[sheet];
  return Status::Ok();
}

Status XlsxTableWriter::Close() {
  if (closed_) return Status::Ok();
  if (workbook_ == nullptr || finished_) {
    return Status::Internal("XlsxWriter::Close without Begin, after Stage or after an error");
  }
  HM_RETURN_IF_ERROR(ClosePart());
  closed_ = true;
  return Status::Ok();
}

Status XlsxTableWriter::Stage(util::CommitJournal& journal) {
  if (finished_) return Status::Internal("XlsxWriter::Stage twice");
  HM_RETURN_IF_ERROR(Close());
  for (const Part& part : parts_) journal.AddMove(part.temporary, part.path);
  finished_ = true;
  RemoveStaleParts(journal);
  return Status::Ok();
}

std::vector<std::string> XlsxTableWriter::Outputs() const {
  std::vector<std::string> outputs;
  if (!finished_) return outputs;
  for (const Part& part : parts_) outputs.push_back(part.path);
  return outputs;
}

Status XlsxTableWriter::OpenPart() {
  const std::string path = XlsxPartPath(path_, static_cast<int>(parts_.size()) + 1);
  parts_.push_back(Part{path, util::TemporaryBeside(path)});
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = LXW_TRUE;
  lxw_options.tmpdir = options_.tmpdir.data();
  workbook_ = workbook_new_opt(parts_.back().temporary.c_str(), &lxw_options);
  if (workbook_ == nullptr) {
    return Status::IoError("libxlsxwriter could not create a workbook (out of memory?)")
        .InFile(path);
  }
  lxw_doc_properties properties{};
  properties.created = options_.created;
  if (const lxw_error error = workbook_set_properties(workbook_, &properties); error) {
    return LxwError(error, "setting the document properties", path);
  }
  bold_ = workbook_add_format(workbook_);
  format_set_bold(bold_);
  worksheets_.clear();
  rows_.assign(sheets_.size(), 0);
  longest_.assign(sheets_.size(), {});
  for (std::size_t s = 0; s < sheets_.size(); ++s) HM_RETURN_IF_ERROR(AddSheet(s));
  return Status::Ok();
}

// Adds sheet `sheet` to the open part with its bold, frozen header.
Status XlsxTableWriter::AddSheet(std::size_t sheet) {
  const SheetSpec& spec = sheets_[sheet];
  const std::string& path = parts_.back().path;
  if (const lxw_error error = workbook_validate_sheet_name(workbook_, spec.name.c_str()); error) {
    return Status::InvalidInput(
               fmt::format("cannot name a sheet '{}': {}", spec.name, lxw_strerror(error)),
               "Excel sheet names have 1 to 31 characters, none of : \\ / ? * [ ], and differ "
               "ignoring case")
        .InFile(path);
  }
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook_, spec.name.c_str());
  if (worksheet == nullptr) {
    // In constant_memory mode a sheet needs a temporary file in tmpdir.
    return Status::IoError(fmt::format("cannot add the sheet '{}' (is the temporary folder {} "
                                       "writable?)",
                                       spec.name, options_.tmpdir))
        .InFile(path);
  }
  worksheets_.push_back(worksheet);
  longest_[sheet].assign(spec.columns.size(), 0);
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    const std::string& name = spec.columns[c];
    longest_[sheet][c] = name.size();
    if (name.empty()) continue;
    if (const lxw_error error = worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c),
                                                       name.c_str(), bold_);
        error) {
      return LxwError(error, fmt::format("writing the header of sheet '{}'", spec.name), path);
    }
  }
  worksheet_freeze_panes(worksheet, 1, 0);
  rows_[sheet] = 1;
  return Status::Ok();
}

// Column settings are kept in memory and written when the workbook closes, so the widths can
// follow every row of the part.
void XlsxTableWriter::SetColumnWidths() {
  for (std::size_t s = 0; s < worksheets_.size(); ++s) {
    for (std::size_t c = 0; c < longest_[s].size(); ++c) {
      const double width = std::clamp(static_cast<double>(longest_[s][c]) + 2, kMinWidth,
                                      kMaxWidth);
      const auto column = static_cast<lxw_col_t>(c);
      worksheet_set_column(worksheets_[s], column, column, width, nullptr);
    }
  }
}

Status XlsxTableWriter::ClosePart() {
  SetColumnWidths();
  worksheets_.clear();
  // workbook_close frees the workbook whether or not it succeeds.
  const lxw_error error = workbook_close(std::exchange(workbook_, nullptr));
  if (error != LXW_NO_ERROR) return LxwError(error, "writing the workbook", parts_.back().path);
  return Status::Ok();
}

// Frees the open part without writing it. lxw_workbook_free does not close the constant_memory
// temporary files of the sheets (they are already unlinked, so only the descriptors would leak).
void XlsxTableWriter::DiscardPart() {
  for (lxw_worksheet* worksheet : worksheets_) {
    if (worksheet->optimize_tmpfile != nullptr) {
      std::fclose(worksheet->optimize_tmpfile);
      worksheet->optimize_tmpfile = nullptr;
    }
  }
  worksheets_.clear();
  lxw_workbook_free(std::exchange(workbook_, nullptr));
}

// Parts of an earlier, longer run would otherwise sit beside the new output and be read as
// part of it.
void XlsxTableWriter::RemoveStaleParts(util::CommitJournal& journal) const {
  std::error_code ec;
  for (int part = static_cast<int>(parts_.size()) + 1;; ++part) {
    const std::string stale = XlsxPartPath(path_, part);
    if (!fs::exists(stale, ec)) return;
    journal.AddRemoval(stale);
  }
}

}  // namespace

std::string XlsxPartPath(const std::string& path, int part) {
  if (part <= 1) return path;
  const fs::path p(path);
  return (p.parent_path() /
          fmt::format("{}_part{}{}", p.stem().string(), part, p.extension().string()))
      .string();
}

Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path,
                                                    const XlsxWriterOptions& options) {
  if (options.max_rows_per_sheet < 2 || options.max_rows_per_sheet > kExcelMaxRows) {
    return Status::InvalidInput(fmt::format("max_rows_per_sheet {} is out of range",
                                            options.max_rows_per_sheet),
                                "use 2 to 1,048,576 rows (the header counts)")
        .InFile(path);
  }
  HM_RETURN_IF_ERROR(PrepareFolder(path));
  return std::unique_ptr<TableWriter>(std::make_unique<XlsxTableWriter>(path, options));
}

}  // namespace hm::render
