// Writing a few cells into a worksheet's XML while leaving every other byte as it was. Used by
// annotate_workbook.h to fill Actual Result and Status in a copy of a QA workbook: QA keeps
// working in that copy, so its styles, merged cells, widths, comments and formulas must survive,
// which a read-and-rewrite through a spreadsheet library does not guarantee.
//
// How: expat parses the part only to learn where each <row> and <c> element starts and ends (byte
// offsets); the new cells are then spliced into the original bytes. Written cells are inline
// strings (t="inlineStr"), so the shared string table need not change. A replaced cell keeps its
// style (s=""); a new cell takes the style of a named cell of its row. A row's spans="" and the
// sheet's <dimension> are widened when a cell falls outside them. The part is held in memory: a
// QA workbook's sheets are a few MB at most.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::compare {

struct CellWrite {
  std::int64_t row = 0;     // 1-based
  std::int64_t column = 0;  // 1-based
  std::string text;         // written as is (line breaks kept); cut at Excel's 32,767 characters
  // A new cell copies the style of this 1-based column's cell in the same row; 0: no style.
  std::int64_t style_from_column = 0;
};

// The worksheet XML `xml` with `writes` applied. Errors (kInvalidInput) name `file` and `entry`:
// malformed XML, a DOCTYPE (refused, as every reader of the project does), a row or cell
// reference that cannot be read.
Result<std::string> PatchSheetXml(std::string_view xml, std::span<const CellWrite> writes,
                                  const std::string& file, const std::string& entry);

// `text` escaped for an XML text node: &, <, > as entities; control characters other than tab,
// line feed and carriage return as OOXML's _xHHHH_ escapes (XML 1.0 cannot hold them).
std::string EscapeCellText(std::string_view text);

}  // namespace hm::compare
