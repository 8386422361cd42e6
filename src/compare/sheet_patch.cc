#include "compare/sheet_patch.h"

#include <expat.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "read/cell_values.h"

namespace hm::compare {
namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel refuses longer cell text

struct CellPos {
  std::int64_t column = 0;
  std::size_t begin = 0, end = 0;  // the whole element, [begin, end)
  std::string style;               // s="" as written; empty if none
};

struct RowPos {
  std::int64_t number = 0;
  std::size_t begin = 0, tag_end = 0;  // the start tag (or the whole empty tag), [begin, tag_end)
  std::size_t close = 0;               // where </row> starts; meaningful when !empty_tag
  bool empty_tag = false;
  std::vector<CellPos> cells;
};

// Where things are in the part, as expat saw them.
struct Layout {
  std::string prefix;  // "x:" when the part prefixes SpreadsheetML elements; usually ""
  std::vector<RowPos> rows;
  std::size_t sheet_data_begin = 0, sheet_data_tag_end = 0, sheet_data_close = 0;
  bool sheet_data_found = false, sheet_data_empty = false;
  std::size_t dimension_begin = 0, dimension_end = 0;
  bool dimension_found = false;
  std::string dimension_ref;
};

const char* Attribute(const char** attributes, std::string_view name) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    std::string_view full(attributes[i]);
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name) {
      return attributes[i + 1];
    }
  }
  return nullptr;
}

// The SAX side: records offsets. Fails on the first reference it cannot read.
class Scanner {
 public:
  Scanner(Layout& layout, XML_Parser parser) : layout_(layout), parser_(parser) {}

  void Start(std::string_view name, const char** attributes) {
    const std::size_t colon = name.find(':');
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const std::size_t at = Index();
    if (local == "sheetData") {
      // A worksheet has one; a second (the fuzzer put one inside <mergeCells>) would have the
      // rows written into whichever came last.
      if (layout_.sheet_data_found) return Fail("a second <sheetData>");
      layout_.prefix = std::string(name.substr(0, colon == std::string_view::npos ? 0 : colon + 1));
      layout_.sheet_data_found = true;
      layout_.sheet_data_begin = at;
      layout_.sheet_data_tag_end = at + Count();
    } else if (local == "dimension") {
      layout_.dimension_found = true;
      layout_.dimension_begin = at;
      layout_.dimension_end = at + Count();
      if (const char* ref = Attribute(attributes, "ref")) layout_.dimension_ref = ref;
    } else if (local == "row") {
      StartRow(attributes, at);
    } else if (local == "c" && in_row_) {
      StartCell(attributes, at);
    }
  }

  void End(std::string_view name) {
    const std::size_t colon = name.find(':');
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const std::size_t at = Index();
    const bool empty = Count() == 0;  // expat's end event of an empty-element tag has no bytes
    if (local == "sheetData") {
      layout_.sheet_data_empty = empty;
      layout_.sheet_data_close = at;
    } else if (local == "row" && in_row_) {
      in_row_ = false;
      RowPos& row = layout_.rows.back();
      row.empty_tag = empty;
      row.close = at;
    } else if (local == "c" && in_row_ && !layout_.rows.back().cells.empty()) {
      in_cell_ = false;
      CellPos& cell = layout_.rows.back().cells.back();
      if (!empty) cell.end = at + Count();
    }
  }

  const std::string& error() const { return error_; }

 private:
  std::size_t Index() const { return static_cast<std::size_t>(XML_GetCurrentByteIndex(parser_)); }
  std::size_t Count() const { return static_cast<std::size_t>(XML_GetCurrentByteCount(parser_)); }

  void StartRow(const char** attributes, std::size_t at) {
    // Nested rows or cells (which SpreadsheetML never has) would leave an element without its end.
    if (in_row_) return Fail("a <row> inside another <row>");
    RowPos row;
    row.number = layout_.rows.empty() ? 1 : layout_.rows.back().number + 1;
    if (const char* r = Attribute(attributes, "r")) {
      std::optional<read::CellRef> ref = read::ParseCellRef(r);
      if (!ref || ref->row == 0 || ref->column != 0) return Fail(fmt::format("row r=\"{}\"", r));
      row.number = ref->row;
    }
    row.begin = at;
    row.tag_end = at + Count();
    layout_.rows.push_back(std::move(row));
    in_row_ = true;
  }

  void StartCell(const char** attributes, std::size_t at) {
    if (in_cell_) return Fail("a <c> inside another <c>");
    RowPos& row = layout_.rows.back();
    CellPos cell;
    cell.column = row.cells.empty() ? 1 : row.cells.back().column + 1;
    if (const char* r = Attribute(attributes, "r")) {
      std::optional<read::CellRef> ref = read::ParseCellRef(r);
      if (!ref || ref->column == 0) return Fail(fmt::format("cell r=\"{}\"", r));
      cell.column = ref->column;
    }
    if (const char* s = Attribute(attributes, "s")) cell.style = s;
    cell.begin = at;
    cell.end = at + Count();  // an empty-element tag; a cell with content ends at its </c>
    row.cells.push_back(std::move(cell));
    in_cell_ = true;
  }

  void Fail(std::string what) {
    if (error_.empty()) error_ = "cannot read " + what;
    XML_StopParser(parser_, XML_FALSE);
  }

  Layout& layout_;
  XML_Parser parser_;
  bool in_row_ = false;
  bool in_cell_ = false;
  std::string error_;
};

Result<Layout> Scan(std::string_view xml, const std::string& where) {
  Layout layout;
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                       &XML_ParserFree);
  if (!parser) return Status::Internal("expat: out of memory");
  Scanner scanner(layout, parser.get());
  struct Context {
    Scanner* scanner;
    XML_Parser parser;
    bool doctype = false;
  } context{&scanner, parser.get()};
  XML_SetUserData(parser.get(), &context);
  XML_SetElementHandler(
      parser.get(),
      [](void* c, const char* name, const char** attributes) {
        static_cast<Context*>(c)->scanner->Start(name, attributes);
      },
      [](void* c, const char* name) { static_cast<Context*>(c)->scanner->End(name); });
  // A DOCTYPE is refused before its declarations are read: no entity expansion, ever.
  XML_SetStartDoctypeDeclHandler(parser.get(),
                                 [](void* c, const char*, const char*, const char*, int) {
                                   static_cast<Context*>(c)->doctype = true;
                                   XML_StopParser(static_cast<Context*>(c)->parser, XML_FALSE);
                                 });
  const XML_Status status =
      XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (context.doctype) return Status::InvalidInput(where + ": has a DOCTYPE, which is refused");
  if (!scanner.error().empty()) return Status::InvalidInput(where + ": " + scanner.error());
  if (status != XML_STATUS_OK) {
    return Status::InvalidInput(fmt::format("{}: malformed XML at line {}: {}", where,
                                            XML_GetCurrentLineNumber(parser.get()),
                                            XML_ErrorString(XML_GetErrorCode(parser.get()))));
  }
  if (!layout.sheet_data_found) return Status::InvalidInput(where + ": no <sheetData>");
  return layout;
}

// An edit of the original bytes: [begin, end) becomes `text`. Insertions have begin == end and are
// ordered among themselves by `order`.
struct Edit {
  std::size_t begin = 0, end = 0;
  std::int64_t order = 0;
  std::string text;
};

std::string CutToExcelLimit(std::string_view text) {
  if (text.size() <= kMaxCellChars) return std::string(text);
  std::size_t cut = kMaxCellChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return std::string(text.substr(0, cut));
}

std::string CellXml(const std::string& p, const CellWrite& w, const std::string& style) {
  const std::string ref = ColumnLetters(w.column) + std::to_string(w.row);
  const std::string s = style.empty() ? "" : fmt::format(" s=\"{}\"", style);
  return fmt::format("<{0}c r=\"{1}\"{2} t=\"inlineStr\"><{0}is><{0}t xml:space=\"preserve\">{3}"
                     "</{0}t></{0}is></{0}c>",
                     p, ref, s, EscapeCellText(CutToExcelLimit(w.text)));
}

// `tag` with attribute `name`'s value set to `value` (the attribute must exist).
std::string WithAttribute(std::string tag, std::string_view name, const std::string& value) {
  for (std::size_t at = tag.find(name); at != std::string::npos; at = tag.find(name, at + 1)) {
    const std::size_t eq = at + name.size();
    const bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n');
    if (!starts || eq + 1 >= tag.size() || tag[eq] != '=') continue;
    const char quote = tag[eq + 1];
    const std::size_t close = tag.find(quote, eq + 2);
    if (close == std::string::npos) break;
    return tag.replace(eq + 2, close - eq - 2, value);
  }
  return tag;
}

// The start tag of `row` with its spans="" widened to `last_column` when it has one.
std::string RowStartTag(std::string_view xml, const RowPos& row, std::int64_t last_column) {
  std::string tag(xml.substr(row.begin, row.tag_end - row.begin));
  if (row.empty_tag) {
    const std::size_t slash = tag.rfind('/');
    tag = tag.substr(0, slash) + ">";
  }
  const std::size_t at = tag.find("spans=");
  if (at == std::string::npos) return tag;
  const char quote = tag[at + 6];
  const std::size_t close = tag.find(quote, at + 7);
  const std::string spans = tag.substr(at + 7, close - at - 7);
  const std::size_t colon = spans.find(':');
  if (colon == std::string::npos) return tag;
  const std::int64_t last = std::atoll(spans.c_str() + colon + 1);
  if (last >= last_column) return tag;
  return WithAttribute(tag, "spans", spans.substr(0, colon + 1) + std::to_string(last_column));
}

std::string StyleOf(const RowPos& row, std::int64_t column) {
  for (const CellPos& c : row.cells) {
    if (c.column == column) return c.style;
  }
  return {};
}

// The edits that put `writes` (all on one row, sorted by column) into an existing row.
void EditRow(std::string_view xml, const Layout& layout, const RowPos& row,
             std::span<const CellWrite> writes, std::vector<Edit>& edits) {
  const std::int64_t last_column = writes.back().column;
  if (row.empty_tag) {
    // Closed with the row's own name: its prefix need not be <sheetData>'s (x:sheetData, row).
    const std::string_view start = xml.substr(row.begin, row.tag_end - row.begin);
    const std::string_view name = start.substr(1, start.find_first_of(" \t\r\n/>", 1) - 1);
    std::string text = RowStartTag(xml, row, last_column);
    for (const CellWrite& w : writes) text += CellXml(layout.prefix, w, {});
    edits.push_back({row.begin, row.tag_end, 0, text + "</" + std::string(name) + ">"});
    return;
  }
  const std::string tag = RowStartTag(xml, row, last_column);
  if (tag != xml.substr(row.begin, row.tag_end - row.begin)) {
    edits.push_back({row.begin, row.tag_end, 0, tag});
  }
  for (const CellWrite& w : writes) {
    auto same = std::find_if(row.cells.begin(), row.cells.end(),
                             [&](const CellPos& c) { return c.column == w.column; });
    if (same != row.cells.end()) {
      edits.push_back({same->begin, same->end, 0, CellXml(layout.prefix, w, same->style)});
      continue;
    }
    auto after = std::find_if(row.cells.begin(), row.cells.end(),
                              [&](const CellPos& c) { return c.column > w.column; });
    const std::size_t at = after != row.cells.end() ? after->begin : row.close;
    const std::string style = StyleOf(row, w.style_from_column);
    edits.push_back({at, at, w.column, CellXml(layout.prefix, w, style)});
  }
}

// The edit that adds a row the part does not have, in row order.
void AddRow(const Layout& layout, std::span<const CellWrite> writes, std::vector<Edit>& edits) {
  const std::int64_t number = writes.front().row;
  std::string text = fmt::format("<{}row r=\"{}\">", layout.prefix, number);
  for (const CellWrite& w : writes) text += CellXml(layout.prefix, w, {});
  text += "</" + layout.prefix + "row>";
  auto after = std::find_if(layout.rows.begin(), layout.rows.end(),
                            [&](const RowPos& r) { return r.number > number; });
  if (after != layout.rows.end()) {
    edits.push_back({after->begin, after->begin, number, text});
  } else if (layout.sheet_data_empty) {
    // <sheetData/> becomes <sheetData>, the new rows in order, </sheetData>: the tag is rewritten
    // once however many rows are added (two edits of one range would copy the part twice).
    const std::size_t at = layout.sheet_data_tag_end;
    const bool opened = std::any_of(edits.begin(), edits.end(), [&](const Edit& e) {
      return e.begin == layout.sheet_data_begin && e.end == at;
    });
    if (!opened) {
      edits.push_back({layout.sheet_data_begin, at, 0, "<" + layout.prefix + "sheetData>"});
      edits.push_back({at, at, std::numeric_limits<std::int64_t>::max(),
                       "</" + layout.prefix + "sheetData>"});
    }
    edits.push_back({at, at, number, text});
  } else {
    edits.push_back({layout.sheet_data_close, layout.sheet_data_close, number, text});
  }
}

// The <dimension ref=""> widened to hold every write.
void WidenDimension(std::string_view xml, const Layout& layout, std::span<const CellWrite> writes,
                    std::vector<Edit>& edits) {
  if (!layout.dimension_found) return;
  std::optional<read::CellRange> range = read::ParseRangeRef(layout.dimension_ref);
  if (!range) return;
  read::CellRange wide = *range;
  for (const CellWrite& w : writes) {
    wide.last_row = std::max(wide.last_row, w.row);
    wide.last_column = std::max(wide.last_column, w.column);
  }
  if (wide.last_row == range->last_row && wide.last_column == range->last_column) return;
  const std::string ref = fmt::format("{}{}:{}{}", ColumnLetters(wide.first_column),
                                      wide.first_row, ColumnLetters(wide.last_column),
                                      wide.last_row);
  std::string tag(xml.substr(layout.dimension_begin, layout.dimension_end - layout.dimension_begin));
  edits.push_back({layout.dimension_begin, layout.dimension_end, 0, WithAttribute(tag, "ref", ref)});
}

// Whether `xml` parses as XML (expat), without looking at what it says.
bool WellFormedXml(std::string_view xml) {
  XML_Parser parser = XML_ParserCreate(nullptr);
  if (parser == nullptr) return false;
  const bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return ok;
}

Result<std::string> Apply(std::string_view xml, std::vector<Edit> edits, const std::string& where) {
  // At one offset, insertions go before the edit that replaces what starts there (a new cell
  // before a rewritten cell, a new row before a row whose tag is rewritten).
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    const bool a_inserts = a.begin == a.end, b_inserts = b.begin == b.end;
    if (a_inserts != b_inserts) return a_inserts;
    return a.order < b.order;
  });
  std::string out;
  out.reserve(xml.size() + 256 * edits.size());
  std::size_t at = 0;
  for (const Edit& e : edits) {
    // Edits overlap only where elements nest as SpreadsheetML never does (a <dimension> inside a
    // cell): refused, as the overlap would be written twice.
    if (e.begin < at) {
      return Status::InvalidInput(where + ": elements nest in a way SpreadsheetML does not allow");
    }
    out.append(xml.substr(at, e.begin - at));
    out += e.text;
    at = e.end;
  }
  out.append(xml.substr(at));
  // The last guard: a patch of a sheet laid out as no spreadsheet program writes it (the fuzzer
  // finds such layouts) is refused rather than written as a part Excel cannot open.
  if (!WellFormedXml(out)) {
    return Status::InvalidInput(where + ": the sheet's XML is laid out in a way it cannot be patched safely",
                                "open and save the workbook in Excel or LibreOffice, then compare again");
  }
  return out;
}

}  // namespace

std::string EscapeCellText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += fmt::format("_x{:04X}_", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

Result<std::string> PatchSheetXml(std::string_view xml, std::span<const CellWrite> writes,
                                  const std::string& file, const std::string& entry) {
  const std::string where = fmt::format("{}: {}", file, entry);
  HM_ASSIGN_OR_RETURN(Layout layout, Scan(xml, where));
  // One write per cell (the last wins), grouped by row, in column order.
  std::map<std::int64_t, std::map<std::int64_t, CellWrite>> by_row;
  for (const CellWrite& w : writes) by_row[w.row][w.column] = w;
  std::vector<Edit> edits;
  std::vector<CellWrite> all;
  for (const auto& [number, cells] : by_row) {
    std::vector<CellWrite> row_writes;
    for (const auto& [column, w] : cells) row_writes.push_back(w);
    all.insert(all.end(), row_writes.begin(), row_writes.end());
    auto row = std::find_if(layout.rows.begin(), layout.rows.end(),
                            [n = number](const RowPos& r) { return r.number == n; });
    if (row != layout.rows.end()) EditRow(xml, layout, *row, row_writes, edits);
    else AddRow(layout, row_writes, edits);
  }
  WidenDimension(xml, layout, all, edits);
  return Apply(xml, std::move(edits), where);
}

}  // namespace hm::compare
