// libFuzzer target for the worksheet patcher (compare/sheet_patch.h), which splices Actual Result
// and Status cells into the XML of a QA workbook's sheet. The workbook comes from users, so any
// bytes must give a patched part or an error with a message, never a crash, a hang or UB. Beyond
// that, what the patcher promises is checked on every input it accepts:
//  - no writes: the part comes back byte for byte;
//  - the patched part is still well-formed XML (QA goes on working in the copy it lands in);
//  - every written cell's escaped text is in the patched part.
// The XML is the fuzz input; the writes are a few fixed patches: cells replaced in place, new
// cells in existing rows (with and without a style to copy), new rows before, between and after
// the existing ones, text that needs escaping and text past Excel's 32,767-character limit.
#include <expat.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compare/sheet_patch.h"

namespace {

using hm::compare::CellWrite;

std::vector<std::vector<CellWrite>> Patches() {
  std::string long_text;
  while (long_text.size() < 32770) long_text += "\xC3\xA9";  // 'é': the cut must not split it
  std::vector<std::vector<CellWrite>> patches;
  patches.push_back({});  // no writes
  // What annotate_workbook writes: Actual Result and Status next to Expected Result.
  patches.push_back({{1, 1, "Actual Result", 0},
                     {2, 3, "1", 2},
                     {2, 4, "PASS", 2},
                     {3, 4, "FAIL: expected 1, got 0", 2},
                     {3, 3, "0", 0}});
  // New rows around the existing ones, columns past the row's spans and the dimension, escaping.
  patches.push_back({{1, 28, "a & b < c > d\t\r\n\x01\x1F end", 1},
                     {5, 2, "", 1},
                     {7, 16384, "XFD", 0},
                     {1048576, 1, "last row", 0},
                     {5, 2, "last write of a cell wins", 7}});
  patches.push_back({{4, 2, std::move(long_text), 1}, {3, 1, "a new row before row 4", 0}});
  return patches;
}

// Whether `xml` is well-formed (expat, no namespace processing, as the patcher reads it).
bool WellFormed(std::string_view xml) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                       &XML_ParserFree);
  if (!parser) std::abort();
  return XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) ==
         XML_STATUS_OK;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::vector<CellWrite>> patches = Patches();
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  for (const std::vector<CellWrite>& writes : patches) {
    const hm::Result<std::string> patched =
        hm::compare::PatchSheetXml(xml, writes, "fuzz.xlsx", "xl/worksheets/sheet1.xml");
    if (!patched.ok()) {
      const std::string& message = patched.status().message();
      if (message.empty() || message.find("fuzz.xlsx") == std::string::npos) std::abort();
      continue;  // the part is refused whatever is written into it
    }
    if (writes.empty()) {
      if (*patched != xml) std::abort();
      continue;
    }
    if (!WellFormed(*patched)) std::abort();
    for (const CellWrite& w : writes) {
      if (w.text.size() > 32767) continue;
      if (patched->find(hm::compare::EscapeCellText(w.text)) == std::string::npos) std::abort();
    }
  }
  return 0;
}
