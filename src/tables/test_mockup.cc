#include "tables/test_mockup.h"

#include <sqlite3.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "hedis_mockup/tables.h"

namespace hm::tables::testing {
namespace {

std::vector<std::string> LayoutHeader(SourceTable table) {
  std::vector<std::string> header;
  for (const LayoutColumn& column : DefaultLayout().Find(table)->columns) {
    header.push_back(column.name);
  }
  return header;
}

using Row = std::map<std::string, std::string>;

// Enrollment with the default layout's benefits unless `changes` says otherwise.
Row Span(const std::string& member, const std::string& start, const std::string& end,
         Row changes = {}) {
  Row row = {{"MEM_NBR", member}, {"ENR_START", start}, {"ENR_END", end},
             {"BEN_MEDICAL", "Y"}, {"BEN_RX", "Y"}, {"BEN_HOSPICE", "N"},
             {"PRODUCT_ID", "11"}, {"COVERAGE_INDICATOR", "PR"}, {"FILE_ID", "4000"}};
  for (auto& [k, v] : changes) row[k] = v;
  return row;
}

bool IsNumberColumn(const std::string& column) {
  return column == "LAB_VALUE" || column == "RX_DAYS_SUPP";
}

void Check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error(what);
}

}  // namespace

Mockup SmallMockup() {
  Mockup m;
  m.prefix = "PSA_";
  MockTable member{"MEMBER_IN", LayoutHeader(SourceTable::kMember), {}};
  member.rows = {
      {{"MEM_NBR", "M003"}, {"MEM_LNAME", "Child"}, {"MEM_FNAME", "Ann"}, {"MEM_DOB", "06/01/2018"},
       {"DECEASED_DT", "NULL"}, {"MEM_GENDER", "F"}, {"MEM_CITY", "St. Paul, MN"}},
      {{"MEM_NBR", "M001"}, {"MEM_LNAME", "Smith"}, {"MEM_FNAME", "Jane"}, {"MEM_MNAME", "Q"},
       {"MEM_DOB", "03/15/1960"}, {"MEM_GENDER", "F"}, {"MEM_ADDR1", "1 Main St"},
       {"FILE_ID", "1000"}},
      {{"MEM_NBR", "M002"}, {"MEM_LNAME", "Jones"}, {"MEM_FNAME", "Bob"}, {"MEM_DOB", "12/31/1956"},
       {"DECEASED_DT", "11/20/2026"}, {"MEM_GENDER", "M"}},
      {{"MEM_NBR", "M004"}, {"MEM_DOB", "02/29/1964"}, {"MEM_GENDER", "O"}, {"MEM_SSN", "NULL"}},
  };
  MockTable enrollment{"ENROLLMENT_IN", LayoutHeader(SourceTable::kEnrollment), {}};
  enrollment.rows = {
      Span("M001", "01/01/2025", "03/31/2026"),
      Span("M001", "05/01/2026", "12/31/2050", {{"BEN_RX", "N"}, {"PRODUCT_ID", "12"}}),
      Span("M002", "01/01/2026", "12/31/2026", {{"BEN_HOSPICE", "Y"}}),
      Span("M003", "01/01/2024", "12/31/2026", {{"BEN_DENT", "Y"}, {"FLD01", "x"}}),
      Span("M004", "07/01/2026", "12/31/2026"),
      Span("M004", "01/01/2026", "05/31/2026"),
      Span("M999", "01/01/2026", "12/31/2026"),
  };
  auto visit_header = LayoutHeader(SourceTable::kVisit);
  visit_header.push_back("MY_NOTE");
  MockTable visit{"VISIT_IN", visit_header, {}};
  visit.rows = {
      {{"MEM_NBR", "M001"}, {"SERV_DT", "02/10/2026"}, {"CPT_1", "99213"}, {"CPT_2", "3074F"},
       {"DIAG_I_1", "Z12.31"}, {"DIAG_I_2", "E11.9"}, {"POS", "11"}, {"CLAIM_DEN", "N"},
       {"CLAIM_ID", "C1"}, {"PROV_NBR", "P9"}, {"FILE_ID", "90055"}, {"MY_NOTE", "hello"},
       {"CPTMOD_1", "25"}},
      {{"MEM_NBR", "M002"}, {"SERV_DT", "03/15/2026"}, {"CPT_1", "84153"}, {"CLAIM_DEN", "Y"},
       {"ICD_FORMAT", "10"}, {"FILE_ID", "90055"}},
      {{"MEM_NBR", "M002"}, {"SERV_DT", "2026-04-01"}, {"CPTII_1", "3074F"}, {"HCPCS_1", "G0103"},
       {"REV", "0450"}, {"TOB", "0111"}, {"ICD_FORMAT", "9"}, {"DIAG_I_1", "185"},
       {"PROC_I_1", "60.5"}, {"FILE_ID", "17955"}},
      {{"MEM_NBR", "M003"}, {"SERV_DT", "01/10/2026"}, {"ADMIT_DT", "01/10/2026"},
       {"DISCH_DT", "01/14/2026"}, {"CVX", "08"}, {"REV", "0100"}, {"FILE_ID", "12345"}},
      {{"MEM_NBR", "M999"}, {"SERV_DT", "01/10/2026"}, {"CPT_1", "99213"}},
  };
  MockTable lab{"LAB_IN", LayoutHeader(SourceTable::kLab), {}};
  lab.rows = {
      {{"MEM_NBR", "M002"}, {"LAB_SCR_DT", "03/15/2026"}, {"LAB_CPT", "84153"},
       {"LAB_VALUE", "4.5"}, {"FILE_ID", "70055"}},
      {{"MEM_NBR", "M001"}, {"LAB_SCR_DT", "06/01/2026"}, {"LAB_CPT", "83036"},
       {"LOINC", "4548-4"}, {"LAB_VALUE", "7.25"}, {"FILE_ID", "17055"}},
  };
  MockTable rx{"RX_IN", LayoutHeader(SourceTable::kPharmacy), {}};
  rx.rows = {
      {{"MEM_NBR", "M001"}, {"RX_SERV_DT", "01/05/2026"}, {"RX_NDC", "0002-1433-80"},
       {"RX_DAYS_SUPP", "30"}, {"QTY_DISP", "30"}, {"CLAIM_DEN", "N"}, {"RX_CLAIM_ID", "R1"},
       {"FILE_ID", "80055"}},
      {{"MEM_NBR", "M001"}, {"RX_SERV_DT", "02/05/2026"}, {"RX_NDC", "00002143380"},
       {"RX_DAYS_SUPP", "90"}, {"FILE_ID", "17555"}},
  };
  MockTable emr{"EMR_IN", LayoutHeader(SourceTable::kEmr), {}};
  emr.rows = {
      {{"MEM_NBR", "M003"}, {"SERV_DT", "05/01/2026"}, {"SNOMED_1", "428371000124100"},
       {"CVX", "08"}, {"LOINC", "8480-6"}, {"RESULT", "120"}, {"UNIT_TYPE", "mm[Hg]"},
       {"BP_SYST", "120"}, {"FILE_ID", "18055"}},
      {{"MEM_NBR", "M003"}, {"SERV_DT", "05/02/2026"}, {"RXNORM", "1991306"},
       {"LOINC", "94500-6"}, {"RESULT", "Negative"}, {"FILE_ID", "18155"}},
      {{"MEM_NBR", "M004"}, {"SERV_DT", "08/01/2026"}, {"DECEASED_DT", "08/01/2026"}},
  };
  MockTable monthly{"MONTHLY_MBR_IN", LayoutHeader(SourceTable::kMonthlyMembership), {}};
  monthly.rows = {
      {{"MEM_NBR", "M002"}, {"RUN_DT", "07/01/2026"}, {"PAYMENT_DT", "202607"},
       {"HOSPICE", "Y"}, {"LTI", "N"}, {"ESRD", "N"}, {"OREC", "0"}, {"PLAN_ID", "H1234"},
       {"FILE_ID", "20000"}},
  };
  m.tables = {member, enrollment, visit, emr, rx, lab, monthly};
  return m;
}

void WriteXlsx(const Mockup& mockup, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  Check(workbook != nullptr, "workbook_new " + path);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "mm/dd/yyyy");
  for (const MockTable& table : mockup.tables) {
    const std::string name = mockup.prefix + table.name;
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(),
                             nullptr);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < table.header.size(); ++c) {
        const auto it = table.rows[r].find(table.header[c]);
        if (it == table.rows[r].end()) continue;
        const auto col = static_cast<lxw_col_t>(c);
        const std::string& text = it->second;
        if (IsNumberColumn(it->first)) {
          worksheet_write_number(sheet, row, col, std::stod(text), nullptr);
        } else if (it->first == "MEM_DOB") {
          lxw_datetime dt{std::stoi(text.substr(6, 4)), std::stoi(text.substr(0, 2)),
                          std::stoi(text.substr(3, 2)), 0, 0, 0};
          worksheet_write_datetime(sheet, row, col, &dt, date_format);
        } else {
          worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
        }
      }
    }
  }
  Check(workbook_close(workbook) == LXW_NO_ERROR, "workbook_close " + path);
}

namespace {
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}
}  // namespace

void WriteCsvFolder(const Mockup& mockup, const std::string& folder) {
  std::filesystem::create_directories(folder);
  for (const MockTable& table : mockup.tables) {
    std::ofstream out(folder + "/" + mockup.prefix + table.name + ".csv", std::ios::binary);
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      out << (c ? "," : "") << CsvField(table.header[c]);
    }
    out << "\r\n";
    for (const auto& row : table.rows) {
      for (std::size_t c = 0; c < table.header.size(); ++c) {
        const auto it = row.find(table.header[c]);
        out << (c ? "," : "") << (it == row.end() ? "" : CsvField(it->second));
      }
      out << "\r\n";
    }
    Check(out.good(), "writing CSV into " + folder);
  }
}

void WriteSqlite(const Mockup& mockup, const std::string& path) {
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "sqlite3_open " + path);
  auto exec = [&](const std::string& sql) {
    Check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK,
          sql + ": " + sqlite3_errmsg(db));
  };
  exec("BEGIN");
  for (const MockTable& table : mockup.tables) {
    const std::string name = "\"" + mockup.prefix + table.name + "\"";
    std::string create = "CREATE TABLE " + name + " (", insert = "INSERT INTO " + name + " VALUES (";
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      const std::string type = table.header[c] == "LAB_VALUE"      ? "REAL"
                               : table.header[c] == "RX_DAYS_SUPP" ? "INTEGER"
                                                                   : "TEXT";
      create += (c ? ", \"" : "\"") + table.header[c] + "\" " + type;
      insert += c ? ", ?" : "?";
    }
    exec(create + ")");
    sqlite3_stmt* statement = nullptr;
    Check(sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &statement, nullptr) == SQLITE_OK,
          "prepare insert");
    for (const auto& row : table.rows) {
      for (std::size_t c = 0; c < table.header.size(); ++c) {
        const auto it = row.find(table.header[c]);
        const int index = static_cast<int>(c) + 1;
        if (it == row.end()) {
          sqlite3_bind_null(statement, index);
        } else if (IsNumberColumn(it->first)) {
          sqlite3_bind_double(statement, index, std::stod(it->second));
        } else {
          sqlite3_bind_text(statement, index, it->second.c_str(), -1, SQLITE_TRANSIENT);
        }
      }
      Check(sqlite3_step(statement) == SQLITE_DONE, "insert");
      sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
  }
  exec("COMMIT");
  sqlite3_close(db);
}

}  // namespace hm::tables::testing
