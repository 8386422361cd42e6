// The workbook-level parts of an xlsx package, read with SAX handlers: relationships (which part
// is where), xl/workbook.xml (sheet names and order, the date system), the shared string table
// and the styles that make a number a date. Sheets themselves are streamed by xlsx_sheet.h.
//
// Thread-safety: functions are reentrant; each call reads its own archive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::read {

class ZipArchive;

struct Relationship {
  std::string id;      // "rId1"
  std::string type;    // last segment of the Type URI: "worksheet", "sharedStrings", "styles"
  std::string target;  // the archive entry the relationship points to, resolved
};

// The archive entry holding the relationships of `part`: "xl/workbook.xml" ->
// "xl/_rels/workbook.xml.rels"; "" (the package itself) -> "_rels/.rels".
std::string RelationshipsEntryFor(std::string_view part);

// Resolves a relationship target written in the rels of `part`: absolute targets ("/xl/a.xml")
// start from the package root, relative ones from the part's folder; "." and ".." are applied.
std::string ResolveTarget(std::string_view part, std::string_view target);

// The internal relationships of `part` (external links are left out). An absent rels entry is
// not an error: it yields no relationships.
[[nodiscard]] Result<std::vector<Relationship>> ReadRelationships(ZipArchive& archive,
                                                                  std::string_view part);

struct WorkbookPart {
  struct SheetEntry {
    std::string name;
    std::string relationship_id;
  };
  std::vector<SheetEntry> sheets;  // in workbook order (the tab order)
  bool date1904 = false;           // serials count from 1904-01-01 (old Mac workbooks)
};

[[nodiscard]] Result<WorkbookPart> ReadWorkbookPart(ZipArchive& archive, const std::string& entry);

// The shared string table: every string of the workbook stored once, cells refer to it by index.
// Held as one buffer plus offsets because a VSD has hundreds of thousands of strings.
class SharedStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  // REQUIRES: index < size().
  std::string_view at(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(pool_).substr(begin, ends_[index] - begin);
  }
  void Add(std::string_view text) {
    pool_ += text;
    ends_.push_back(pool_.size());
  }
  void Reserve(std::size_t count) { ends_.reserve(count); }

 private:
  std::string pool_;
  std::vector<std::size_t> ends_;
};

// Reads a shared string table, joining the runs of rich text and leaving out phonetic guides.
[[nodiscard]] Result<SharedStrings> ReadSharedStrings(ZipArchive& archive,
                                                      const std::string& entry);

// For each cell format (the index in a cell's s="" attribute), whether it shows a date or time.
[[nodiscard]] Result<std::vector<bool>> ReadDateStyles(ZipArchive& archive,
                                                       const std::string& entry);

}  // namespace hm::read
