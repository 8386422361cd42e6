#include "read/xlsx_reader.h"

#include <fmt/format.h>

#include "read/xlsx_parts.h"
#include "read/xlsx_sheet.h"
#include "read/zip_archive.h"

namespace hm::read {
namespace {

// Where every writer we know puts the workbook part; the package relationships say so formally.
const char* const kUsualWorkbookPart = "xl/workbook.xml";

class XlsxWorkbook final : public Workbook {
 public:
  XlsxWorkbook(ZipArchive archive, const ReadLimits& limits)
      : Workbook(archive.display_name()), archive_(std::move(archive)), limits_(limits) {}

  // Reads the sheet list, the date system and where the other parts are.
  Status Load();

  const std::vector<std::string>& SheetNames() const override { return names_; }
  Result<SheetSummary> ReadSheet(std::size_t index, const RowVisitor& visit) override;

 private:
  Result<std::string> FindWorkbookPart();
  // The shared strings and styles, read on the first ReadSheet so that listing sheets is cheap.
  Status LoadSharedParts();

  ZipArchive archive_;
  ReadLimits limits_;
  std::vector<std::string> names_;
  std::vector<std::string> sheet_entries_;  // by sheet index; "" where no part is named
  bool date1904_ = false;
  std::string strings_entry_;
  std::string styles_entry_;
  bool shared_parts_loaded_ = false;
  SharedStrings strings_;
  std::vector<bool> date_styles_;
};

Result<std::string> XlsxWorkbook::FindWorkbookPart() {
  HM_ASSIGN_OR_RETURN(const auto package, ReadRelationships(archive_, ""));
  for (const Relationship& relationship : package) {
    if (relationship.type == "officeDocument" && archive_.Has(relationship.target)) {
      return relationship.target;
    }
  }
  if (archive_.Has(kUsualWorkbookPart)) return std::string(kUsualWorkbookPart);
  return Status::InvalidInput(
             "is a zip archive but not an xlsx workbook: it has no xl/workbook.xml",
             "save it from Excel as .xlsx (a .docx, .pptx or plain zip will not do), or export "
             "the sheet as CSV")
      .InFile(path());
}

Status XlsxWorkbook::Load() {
  HM_ASSIGN_OR_RETURN(const std::string workbook_entry, FindWorkbookPart());
  HM_ASSIGN_OR_RETURN(const WorkbookPart workbook, ReadWorkbookPart(archive_, workbook_entry));
  HM_ASSIGN_OR_RETURN(const auto relationships, ReadRelationships(archive_, workbook_entry));
  date1904_ = workbook.date1904;
  for (const Relationship& relationship : relationships) {
    if (relationship.type == "sharedStrings") strings_entry_ = relationship.target;
    if (relationship.type == "styles") styles_entry_ = relationship.target;
  }
  for (const WorkbookPart::SheetEntry& sheet : workbook.sheets) {
    names_.push_back(sheet.name);
    std::string entry;
    for (const Relationship& relationship : relationships) {
      if (relationship.id == sheet.relationship_id) entry = relationship.target;
    }
    sheet_entries_.push_back(std::move(entry));
  }
  return Status::Ok();
}

Status XlsxWorkbook::LoadSharedParts() {
  if (shared_parts_loaded_) return Status::Ok();
  if (!strings_entry_.empty() && archive_.Has(strings_entry_)) {
    HM_ASSIGN_OR_RETURN(strings_, ReadSharedStrings(archive_, strings_entry_));
  }
  if (!styles_entry_.empty() && archive_.Has(styles_entry_)) {
    HM_ASSIGN_OR_RETURN(date_styles_, ReadDateStyles(archive_, styles_entry_));
  }
  shared_parts_loaded_ = true;
  return Status::Ok();
}

Result<SheetSummary> XlsxWorkbook::ReadSheet(std::size_t index, const RowVisitor& visit) {
  if (index >= names_.size()) {
    return Status::NotFound(
               fmt::format("there is no sheet number {}; the workbook has {} sheets", index + 1,
                           names_.size()))
        .InFile(path());
  }
  if (sheet_entries_[index].empty()) {
    return Status::InvalidInput("the workbook lists this sheet but does not say where it is",
                                "open the workbook in Excel and save it again")
        .InFile(path())
        .InSheet(names_[index]);
  }
  HM_RETURN_IF_ERROR(LoadSharedParts());
  const SheetContext context{names_[index], strings_, date_styles_, date1904_, limits_};
  return StreamSheet(archive_, sheet_entries_[index], context, visit);
}

Result<std::unique_ptr<Workbook>> Finish(Result<ZipArchive> archive, const ReadLimits& limits) {
  if (!archive.ok()) return std::move(archive).TakeStatus();
  auto workbook = std::make_unique<XlsxWorkbook>(std::move(archive).value(), limits);
  HM_RETURN_IF_ERROR(workbook->Load());
  return std::unique_ptr<Workbook>(std::move(workbook));
}

}  // namespace

Result<std::unique_ptr<Workbook>> OpenXlsxFile(const std::string& path, const ReadLimits& limits) {
  return Finish(ZipArchive::OpenFile(path, limits), limits);
}

Result<std::unique_ptr<Workbook>> OpenXlsxBytes(std::string bytes, std::string display_name,
                                                const ReadLimits& limits) {
  return Finish(ZipArchive::OpenBytes(std::move(bytes), std::move(display_name), limits), limits);
}

}  // namespace hm::read
