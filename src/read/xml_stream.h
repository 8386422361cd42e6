// XmlStream: SAX parsing, with expat, of one XML part of an untrusted workbook, fed in chunks as
// the part is decompressed so that memory does not grow with the part's size.
//
// Safety: a document with a DOCTYPE is refused before its declarations are read, so neither
// entity expansion ("billion laughs") nor external entities can happen; SpreadsheetML never needs
// a DOCTYPE. No external entity handler is ever installed.
//
// Thread-safety: an XmlStream and its handler are used by one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

struct XML_ParserStruct;

namespace hm::read {

class ZipArchive;

// The callbacks of one document. Element and attribute names arrive without their namespace
// prefix ("x:row" -> "row", "r:id" -> "id") because writers use different prefixes for the same
// SpreadsheetML namespaces, and no element we read is ambiguous without it.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attributes` is expat's array: name, value, name, value, ..., nullptr, with the names as
  // written (use LocalName() or FindAttribute()).
  virtual void OnStart(std::string_view name, const char** attributes) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view text) { (void)text; }

  // Stops the parse from inside a callback; the stream then returns `status` (the first one).
  void Fail(Status status) {
    if (failure_.ok()) failure_ = std::move(status);
  }
  const Status& failure() const { return failure_; }

 private:
  Status failure_;
};

// `name` without its namespace prefix. Inline and one pass: it runs for every element and
// attribute of every sheet.
inline std::string_view LocalName(const char* name) {
  const char* local = name;
  const char* end = name;
  for (; *end != '\0'; ++end) {
    if (*end == ':') local = end + 1;
  }
  return std::string_view(local, static_cast<std::size_t>(end - local));
}

// The value of attribute `name` (unprefixed) in expat's attribute array, or nullptr.
const char* FindAttribute(const char** attributes, std::string_view name);

class XmlStream {
 public:
  // `file` and `entry` name the document in errors.
  XmlStream(XmlHandler& handler, std::string file, std::string entry);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses the next chunk. Errors: the handler's failure as is; kInvalidInput naming the file,
  // the entry and expat's line for malformed XML or a DOCTYPE.
  [[nodiscard]] Status Feed(std::string_view chunk);
  // Ends the document (an unclosed element is an error).
  [[nodiscard]] Status Finish();

 private:
  struct ParserFree {
    void operator()(XML_ParserStruct* parser) const;
  };
  static void StartElement(void* self, const char* name, const char** attributes);
  static void EndElement(void* self, const char* name);
  static void CharacterData(void* self, const char* text, int length);
  static void StartDoctype(void* self, const char* name, const char* sysid, const char* pubid,
                           int has_internal_subset);
  void StopIfFailed();
  Status Parse(const char* data, int length, bool final);

  XmlHandler& handler_;
  std::string file_;
  std::string entry_;
  bool saw_doctype_ = false;
  std::unique_ptr<XML_ParserStruct, ParserFree> parser_;
};

// Streams zip entry `entry` of `archive` through `handler`, chunk by chunk.
[[nodiscard]] Status ParseXmlEntry(ZipArchive& archive, const std::string& entry,
                                   XmlHandler& handler);

}  // namespace hm::read
