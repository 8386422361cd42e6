#include "testing/xlsx_fixture.h"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "testing/temp_dir.h"

namespace hm::testing {
namespace {

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

void Check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("xlsx fixture: " + what);
}

std::string Relationship(int id, std::string_view type, std::string_view target) {
  std::ostringstream out;
  out << "<Relationship Id=\"rId" << id << "\" Type=\"" << kRelNs << "/" << type
      << "\" Target=\"" << target << "\"/>";
  return out.str();
}

std::uint32_t Read32(const std::string& bytes, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3])) << 24;
}

std::uint16_t Read16(const std::string& bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    static_cast<unsigned char>(bytes[at + 1]) << 8);
}

void Write32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

}  // namespace

std::string ZipBytes(const std::vector<ZipEntry>& entries) {
  TempDir dir;
  const std::string path = dir.File("fixture.zip");
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  Check(archive != nullptr, "cannot create " + path);
  for (const ZipEntry& entry : entries) {
    zip_source_t* source =
        zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    Check(source != nullptr, "cannot make a source for " + entry.name);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    Check(index >= 0, "cannot add " + entry.name);
    if (entry.stored) {
      Check(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE,
                                     0) == 0,
            "cannot store " + entry.name);
    }
  }
  Check(zip_close(archive) == 0, "cannot write " + path);
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<ZipEntry> XlsxEntries(const XlsxParts& parts) {
  std::ostringstream types, workbook, relationships;
  types << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        << "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
  workbook << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           << "<workbook xmlns=\"" << kMainNs << "\" xmlns:r=\"" << kRelNs << "\">"
           << (parts.date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") << "<sheets>";
  relationships << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                << "<Relationships xmlns=\"" << kPackageRelNs << "\">";
  std::vector<ZipEntry> entries;
  int id = 1;
  for (const auto& [name, xml] : parts.sheets) {
    const std::string part = "worksheets/sheet" + std::to_string(id) + ".xml";
    workbook << "<sheet name=\"" << name << "\" sheetId=\"" << id << "\" r:id=\"rId" << id
             << "\"/>";
    relationships << Relationship(id, "worksheet", part);
    entries.push_back({"xl/" + part, xml, parts.stored});
    ++id;
  }
  workbook << "</sheets></workbook>";
  if (!parts.shared_strings.empty()) {
    relationships << Relationship(id++, "sharedStrings", "sharedStrings.xml");
    entries.push_back({"xl/sharedStrings.xml", parts.shared_strings, parts.stored});
  }
  if (!parts.styles.empty()) {
    relationships << Relationship(id++, "styles", "styles.xml");
    entries.push_back({"xl/styles.xml", parts.styles, parts.stored});
  }
  relationships << "</Relationships>";
  const std::string package_rels =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"") +
      std::string(kPackageRelNs) + "\">" + Relationship(1, "officeDocument", "xl/workbook.xml") +
      "</Relationships>";
  entries.insert(entries.begin(), {{"[Content_Types].xml", types.str(), parts.stored},
                                   {"_rels/.rels", package_rels, parts.stored},
                                   {"xl/workbook.xml", workbook.str(), parts.stored},
                                   {"xl/_rels/workbook.xml.rels", relationships.str(),
                                    parts.stored}});
  return entries;
}

std::string WorksheetXml(std::string_view rows, std::string_view after) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<worksheet xmlns=\"" << kMainNs << "\" xmlns:r=\"" << kRelNs << "\"><sheetData>"
      << rows << "</sheetData>" << after << "</worksheet>";
  return out.str();
}

std::string StylesXml(const std::vector<int>& cell_format_ids,
                      const std::vector<std::pair<int, std::string>>& custom_formats) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"" << kMainNs << "\">";
  if (!custom_formats.empty()) {
    out << "<numFmts count=\"" << custom_formats.size() << "\">";
    for (const auto& [id, code] : custom_formats) {
      out << "<numFmt numFmtId=\"" << id << "\" formatCode=\"" << code << "\"/>";
    }
    out << "</numFmts>";
  }
  // A cellStyleXfs <xf> with a date format comes first: it must not be taken for a cell format.
  out << "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>";
  out << "<cellXfs count=\"" << cell_format_ids.size() << "\">";
  for (const int id : cell_format_ids) out << "<xf numFmtId=\"" << id << "\" xfId=\"0\"/>";
  out << "</cellXfs></styleSheet>";
  return out.str();
}

void SetDeclaredSize(std::string& zip, std::string_view name, std::uint32_t size) {
  int patched = 0;
  for (std::size_t at = 0; at + 46 <= zip.size(); ++at) {
    const std::uint32_t signature = Read32(zip, at);
    if (signature == 0x04034b50 && zip.compare(at + 30, name.size(), name) == 0 &&
        Read16(zip, at + 26) == name.size()) {
      Write32(zip, at + 22, size);
      ++patched;
    } else if (signature == 0x02014b50 && zip.compare(at + 46, name.size(), name) == 0 &&
               Read16(zip, at + 28) == name.size()) {
      Write32(zip, at + 24, size);
      ++patched;
    }
  }
  Check(patched == 2, "entry " + std::string(name) + " not found in both headers");
}

}  // namespace hm::testing
