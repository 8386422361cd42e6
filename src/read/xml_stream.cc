#include "read/xml_stream.h"

#include <expat.h>

#include <climits>
#include <cstring>
#include <new>
#include <fmt/format.h>

#include "read/zip_archive.h"

namespace hm::read {

const char* FindAttribute(const char** attributes, std::string_view name) {
  for (; attributes[0] != nullptr; attributes += 2) {
    if (LocalName(attributes[0]) == name) return attributes[1];
  }
  return nullptr;
}

void XmlStream::ParserFree::operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }

XmlStream::XmlStream(XmlHandler& handler, std::string file, std::string entry)
    : handler_(handler),
      file_(std::move(file)),
      entry_(std::move(entry)),
      parser_(XML_ParserCreate(nullptr)) {
  if (!parser_) throw std::bad_alloc();  // expat only fails to create a parser when out of memory
  XML_Parser parser = parser_.get();
  XML_SetUserData(parser, this);
  XML_SetElementHandler(parser, &StartElement, &EndElement);
  XML_SetCharacterDataHandler(parser, &CharacterData);
  XML_SetStartDoctypeDeclHandler(parser, &StartDoctype);
}

XmlStream::~XmlStream() = default;

void XmlStream::StopIfFailed() {
  if (!handler_.failure().ok()) XML_StopParser(parser_.get(), XML_FALSE);
}

void XmlStream::StartElement(void* self, const char* name, const char** attributes) {
  auto* stream = static_cast<XmlStream*>(self);
  stream->handler_.OnStart(LocalName(name), attributes);
  stream->StopIfFailed();
}

void XmlStream::EndElement(void* self, const char* name) {
  auto* stream = static_cast<XmlStream*>(self);
  stream->handler_.OnEnd(LocalName(name));
  stream->StopIfFailed();
}

void XmlStream::CharacterData(void* self, const char* text, int length) {
  auto* stream = static_cast<XmlStream*>(self);
  stream->handler_.OnText(std::string_view(text, static_cast<std::size_t>(length)));
  stream->StopIfFailed();
}

void XmlStream::StartDoctype(void* self, const char*, const char*, const char*, int) {
  auto* stream = static_cast<XmlStream*>(self);
  stream->saw_doctype_ = true;
  XML_StopParser(stream->parser_.get(), XML_FALSE);
}

Status XmlStream::Parse(const char* data, int length, bool final) {
  if (XML_Parse(parser_.get(), data, length, final ? XML_TRUE : XML_FALSE) == XML_STATUS_OK) {
    return Status::Ok();
  }
  if (!handler_.failure().ok()) return handler_.failure();
  const auto line = static_cast<std::int64_t>(XML_GetCurrentLineNumber(parser_.get()));
  if (saw_doctype_) {
    return Status::InvalidInput(
               fmt::format("entry '{}' has a DOCTYPE declaration (line {}), which workbooks never "
                           "need and which can hide entity attacks; it was not read",
                           entry_, line),
               "save the workbook again from Excel")
        .InFile(file_);
  }
  return Status::InvalidInput(fmt::format("entry '{}' is not well-formed XML at line {}: {}",
                                          entry_, line,
                                          XML_ErrorString(XML_GetErrorCode(parser_.get()))),
                              "open the workbook in Excel and save it again")
      .InFile(file_);
}

Status XmlStream::Feed(std::string_view chunk) {
  while (chunk.size() > INT_MAX) {
    HM_RETURN_IF_ERROR(Parse(chunk.data(), INT_MAX, false));
    chunk.remove_prefix(INT_MAX);
  }
  return Parse(chunk.data(), static_cast<int>(chunk.size()), false);
}

Status XmlStream::Finish() { return Parse("", 0, true); }

Status ParseXmlEntry(ZipArchive& archive, const std::string& entry, XmlHandler& handler) {
  XmlStream stream(handler, archive.display_name(), entry);
  HM_RETURN_IF_ERROR(
      archive.Stream(entry, [&stream](std::string_view chunk) { return stream.Feed(chunk); }));
  return stream.Finish();
}

}  // namespace hm::read
