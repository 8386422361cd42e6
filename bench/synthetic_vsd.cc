#include "synthetic_vsd.h"

#include <array>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace hm::bench {

bool WriteSyntheticVsd(const std::string& path, int codes) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return false;
  lxw_worksheet* links = workbook_add_worksheet(wb, "Measures to Value Sets");
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "Value Sets to Codes");
  const std::array<const char*, 8> headers = {"Value Set Name", "Value Set OID",
                                              "Value Set Version", "Code", "Definition",
                                              "Code System", "Code System OID",
                                              "Code System Version"};
  for (lxw_col_t c = 0; c < headers.size(); ++c) worksheet_write_string(sheet, 0, c, headers[c], nullptr);
  const std::array<const char*, 6> systems = {"CPT", "ICD10CM", "LOINC", "HCPCS", "SNOMED CT US Edition", "ICD10PCS"};
  worksheet_write_string(links, 0, 0, "Measure ID", nullptr);
  worksheet_write_string(links, 0, 1, "Measure Name", nullptr);
  worksheet_write_string(links, 0, 2, "Value Set Name", nullptr);
  worksheet_write_string(links, 0, 3, "Value Set OID", nullptr);
  const int sets = (codes + 99) / 100;
  for (int s = 0; s < sets; ++s) {
    const std::string name = fmt::format("Synthetic Value Set {:05d}", s);
    const std::string oid = fmt::format("2.999.1004.{}", s);
    const auto row = static_cast<lxw_row_t>(s + 1);
    worksheet_write_string(links, row, 0, fmt::format("M{:02d}", s % 50).c_str(), nullptr);
    worksheet_write_string(links, row, 1, fmt::format("Synthetic measure {}", s % 50).c_str(), nullptr);
    worksheet_write_string(links, row, 2, name.c_str(), nullptr);
    worksheet_write_string(links, row, 3, oid.c_str(), nullptr);
  }
  for (int i = 0; i < codes; ++i) {
    const int s = i / 100;
    const auto row = static_cast<lxw_row_t>(i + 1);
    const char* system = systems[static_cast<std::size_t>(i % 6)];
    worksheet_write_string(sheet, row, 0, fmt::format("Synthetic Value Set {:05d}", s).c_str(), nullptr);
    worksheet_write_string(sheet, row, 1, fmt::format("2.999.1004.{}", s).c_str(), nullptr);
    worksheet_write_string(sheet, row, 2, "2026-SYNTHETIC", nullptr);
    worksheet_write_string(sheet, row, 3, fmt::format("X{:07d}", i * 7 % 9999991).c_str(), nullptr);
    worksheet_write_string(sheet, row, 4, fmt::format("Synthetic definition number {} for benchmarking", i).c_str(), nullptr);
    worksheet_write_string(sheet, row, 5, system, nullptr);
    worksheet_write_string(sheet, row, 6, "2.999.6", nullptr);
    worksheet_write_string(sheet, row, 7, "2026", nullptr);
  }
  return workbook_close(wb) == LXW_NO_ERROR;
}

}  // namespace hm::bench
