#include "read/xlsx_parts.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "read/cell_values.h"
#include "read/xml_stream.h"
#include "read/zip_archive.h"

namespace hm::read {
namespace {

// A shared string table declares its size; trust it only this far when reserving memory, since
// the number is written by whoever made the file.
constexpr std::size_t kMaxReserve = std::size_t{1} << 20;

int ParseInt(const char* text, int fallback) {
  if (text == nullptr) return fallback;
  int value = fallback;
  const char* end = text + std::char_traits<char>::length(text);
  const auto [ptr, error] = std::from_chars(text, end, value);
  return error == std::errc() && ptr == end ? value : fallback;
}

bool IsTrue(const char* text) {
  return text != nullptr && (std::string_view(text) == "1" || std::string_view(text) == "true");
}

class RelationshipsHandler final : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string_view part) : part_(part) {}
  std::vector<Relationship> relationships;

  void OnStart(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = FindAttribute(attributes, "Id");
    const char* type = FindAttribute(attributes, "Type");
    const char* target = FindAttribute(attributes, "Target");
    const char* mode = FindAttribute(attributes, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    std::string_view type_uri(type);
    type_uri.remove_prefix(std::min(type_uri.size(), type_uri.rfind('/') + 1));
    relationships.push_back({id, std::string(type_uri), ResolveTarget(part_, target)});
  }
  void OnEnd(std::string_view) override {}

 private:
  std::string part_;
};

class WorkbookHandler final : public XmlHandler {
 public:
  WorkbookPart workbook;

  void OnStart(std::string_view name, const char** attributes) override {
    if (name == "workbookPr") {
      workbook.date1904 = IsTrue(FindAttribute(attributes, "date1904"));
    } else if (name == "sheet") {
      const char* sheet_name = FindAttribute(attributes, "name");
      const char* id = FindAttribute(attributes, "id");
      workbook.sheets.push_back({sheet_name ? sheet_name : "", id ? id : ""});
    }
  }
  void OnEnd(std::string_view) override {}
};

// Text of <si> items: <t> directly inside <si>, or inside rich-text runs <r>; the <t> inside a
// phonetic guide <rPh> is a reading aid for East Asian text, not part of the value.
class SharedStringsHandler final : public XmlHandler {
 public:
  SharedStrings strings;

  void OnStart(std::string_view name, const char** attributes) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "t") {
      collecting_ = in_item_ && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "sst") {
      const int count = ParseInt(FindAttribute(attributes, "uniqueCount"), 0);
      strings.Reserve(std::min(static_cast<std::size_t>(std::max(count, 0)), kMaxReserve));
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "t") {
      collecting_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      DecodeOoxmlEscapes(text_);
      strings.Add(text_);
      in_item_ = false;
    }
  }
  // Text is kept exactly as stored whether or not xml:space="preserve" is set: that attribute
  // only tells editors not to trim, and trimming here would change what the user typed.
  void OnText(std::string_view text) override {
    if (collecting_) text_ += text;
  }

 private:
  bool in_item_ = false;
  bool collecting_ = false;
  int phonetic_depth_ = 0;
  std::string text_;
};

class StylesHandler final : public XmlHandler {
 public:
  std::vector<bool> date_styles;

  void OnStart(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const int id = ParseInt(FindAttribute(attributes, "numFmtId"), -1);
      const char* code = FindAttribute(attributes, "formatCode");
      if (id >= 0 && code != nullptr) custom_[id] = IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      date_styles.push_back(IsDate(ParseInt(FindAttribute(attributes, "numFmtId"), 0)));
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

 private:
  // numFmts comes before cellXfs in styles.xml (the schema's order), so custom_ is complete here.
  bool IsDate(int id) const {
    const auto custom = custom_.find(id);
    return custom != custom_.end() ? custom->second : IsBuiltinDateFormat(id);
  }

  bool in_cell_formats_ = false;
  std::unordered_map<int, bool> custom_;
};

}  // namespace

std::string RelationshipsEntryFor(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

std::string ResolveTarget(std::string_view part, std::string_view target) {
  std::string joined;
  if (target.starts_with('/')) {
    joined = target.substr(1);
  } else {
    const std::size_t slash = part.rfind('/');
    if (slash != std::string_view::npos) joined = part.substr(0, slash + 1);
    joined += target;
  }
  std::vector<std::string_view> segments;
  std::string_view rest(joined);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
  }
  std::string resolved;
  for (const auto segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

Result<std::vector<Relationship>> ReadRelationships(ZipArchive& archive, std::string_view part) {
  const std::string entry = RelationshipsEntryFor(part);
  if (!archive.Has(entry)) return std::vector<Relationship>{};
  RelationshipsHandler handler(part);
  HM_RETURN_IF_ERROR(ParseXmlEntry(archive, entry, handler));
  return std::move(handler.relationships);
}

Result<WorkbookPart> ReadWorkbookPart(ZipArchive& archive, const std::string& entry) {
  WorkbookHandler handler;
  HM_RETURN_IF_ERROR(ParseXmlEntry(archive, entry, handler));
  return std::move(handler.workbook);
}

Result<SharedStrings> ReadSharedStrings(ZipArchive& archive, const std::string& entry) {
  SharedStringsHandler handler;
  HM_RETURN_IF_ERROR(ParseXmlEntry(archive, entry, handler));
  return std::move(handler.strings);
}

Result<std::vector<bool>> ReadDateStyles(ZipArchive& archive, const std::string& entry) {
  StylesHandler handler;
  HM_RETURN_IF_ERROR(ParseXmlEntry(archive, entry, handler));
  return std::move(handler.date_styles);
}

}  // namespace hm::read
