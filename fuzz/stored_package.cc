#include "stored_package.h"

#include <cstdlib>

#include <zip.h>

namespace hm::fuzz {

std::string StoredPackage(std::span<const std::string_view[2]> parts, std::string_view sheet_name,
                          std::string_view sheet_xml) {
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, nullptr);
  if (memory == nullptr) return {};
  zip_source_keep(memory);  // survives zip_close so that the archive's bytes can be read back
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, nullptr);
  const auto add = [archive](std::string_view name, std::string_view content) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index =
        source ? zip_file_add(archive, std::string(name).c_str(), source, 0) : -1;
    if (index < 0) std::abort();
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  };
  std::string bytes;
  if (archive != nullptr) {
    for (const auto& part : parts) add(part[0], part[1]);
    add(sheet_name, sheet_xml);
    if (zip_close(archive) != 0) zip_discard(archive);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_open(memory) == 0) {
      if (zip_source_stat(memory, &stat) == 0) {
        bytes.resize(stat.size);
        const zip_int64_t read = zip_source_read(memory, bytes.data(), stat.size);
        if (read != static_cast<zip_int64_t>(stat.size)) bytes.clear();
      }
      zip_source_close(memory);
    }
  }
  zip_source_free(memory);
  return bytes;
}

}  // namespace hm::fuzz
