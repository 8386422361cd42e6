#include "read/workbook.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "read/cell_values.h"
#include "read/csv_reader.h"
#include "read/xlsx_reader.h"
#include "util/text.h"

namespace hm::read {
namespace {

const Cell kEmptyCell;

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kEmptyZipMagic = "PK\x05\x06";
// An OLE2 compound file: an Excel 97-2003 .xls, or an encrypted (password-protected) .xlsx.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

const char* const kSaveAsHint = "save it from Excel as .xlsx, or export the sheet as CSV";

// The first bytes of `path`, fewer if the file is shorter.
Result<std::string> ReadHead(const std::string& path, std::size_t count) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    return Status::IoError("cannot open the file", "check that you may read it").InFile(path);
  }
  std::string head(count, '\0');
  head.resize(std::fread(head.data(), 1, count, file.get()));
  return head;
}

bool HasExcelExtension(const std::string& path) {
  const std::string extension = util::Lower(std::filesystem::path(path).extension().string());
  return extension == ".xlsx" || extension == ".xlsm" || extension == ".xls" ||
         extension == ".xlsb";
}

// Whole numbers print without a fraction; others with Excel's 15 significant digits, so that
// 0.1 + 0.2 stored as 0.30000000000000004 reads "0.3" as it does in Excel.
std::string NumberText(double number) {
  if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 1e15) {
    return fmt::format("{}", static_cast<std::int64_t>(number));
  }
  return fmt::format("{:.15g}", number);
}

}  // namespace

std::string Cell::AsText() const {
  switch (type) {
    case Type::kEmpty:
      return {};
    case Type::kString:
    case Type::kError:
      return text;
    case Type::kNumber:
      return NumberText(number);
    case Type::kBool:
      return number != 0 ? "TRUE" : "FALSE";
    case Type::kDate:
      return FormatUnixDays(number);
  }
  return {};
}

const Cell& Row::at(std::size_t column) const {
  return column < cells.size() ? cells[column] : kEmptyCell;
}

const Cell& Sheet::Displayed(std::int64_t row, std::int64_t column) const {
  if (row < 1 || column < 1) return kEmptyCell;
  for (const CellRange& merge : merges) {
    if (merge.Contains(row, column)) {
      row = merge.first_row;
      column = merge.first_column;
      break;
    }
  }
  // Rows are in sheet order, which is ascending in every file Excel writes; a file that is not
  // still finds its rows, only more slowly.
  auto found = std::lower_bound(
      rows.begin(), rows.end(), row,
      [](const Row& r, std::int64_t number) { return r.number < number; });
  if (found == rows.end() || found->number != row) {
    found = std::find_if(rows.begin(), rows.end(), [row](const Row& r) { return r.number == row; });
  }
  if (found == rows.end()) return kEmptyCell;
  return found->at(static_cast<std::size_t>(column - 1));
}

Result<std::unique_ptr<Workbook>> Workbook::Open(const std::string& path,
                                                 const ReadLimits& limits) {
  std::error_code error;
  const auto kind = std::filesystem::status(path, error).type();
  if (kind == std::filesystem::file_type::not_found) {
    return Status::NotFound("file not found", "check the path").InFile(path);
  }
  if (kind == std::filesystem::file_type::directory) return OpenCsvFolder(path, limits);
  if (kind == std::filesystem::file_type::regular && std::filesystem::file_size(path, error) == 0 &&
      !error) {
    return Status::InvalidInput("the file is empty", "check that it was saved completely").InFile(path);
  }
  HM_ASSIGN_OR_RETURN(const std::string head, ReadHead(path, kOleMagic.size()));
  if (head.starts_with(kZipMagic) || head.starts_with(kEmptyZipMagic)) {
    return OpenXlsxFile(path, limits);
  }
  if (head.starts_with(kOleMagic)) {
    return Status::InvalidInput(
               "is an Excel 97-2003 workbook (.xls) or a password-protected one, which cannot be "
               "read",
               "save it from Excel as .xlsx without a password, or export the sheet as CSV")
        .InFile(path);
  }
  if (HasExcelExtension(path)) {
    return Status::InvalidInput("is not an xlsx workbook (it is not a zip archive)", kSaveAsHint)
        .InFile(path);
  }
  return OpenCsvFile(path, limits);
}

Result<Sheet> Workbook::LoadSheet(std::size_t index) {
  Sheet sheet;
  if (index < SheetNames().size()) sheet.name = SheetNames()[index];
  HM_ASSIGN_OR_RETURN(SheetSummary summary, ReadSheet(index, [&sheet](const Row& row) {
                        sheet.rows.push_back(row);
                        return Status::Ok();
                      }));
  sheet.merges = std::move(summary.merges);
  return sheet;
}

std::ptrdiff_t Workbook::FindSheet(const std::string& name) const {
  const std::vector<std::string>& names = SheetNames();
  // An exact match wins over a loose one, should two sheets differ only in spelling.
  const auto exact = std::find(names.begin(), names.end(), name);
  if (exact != names.end()) return exact - names.begin();
  const std::string key = util::NameKey(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (util::NameKey(names[i]) == key) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

}  // namespace hm::read
