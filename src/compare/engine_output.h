// Reading an engine's member-level output (.csv or .xlsx) back for comparison: the rows of each
// member, keyed the way expectations are (upper case, no leading '*').
//
// What is read:
//  - The sheet: the one named by EngineOutputOptions::sheet, else the only sheet whose header (in
//    its first 30 non-blank rows) has a member id column and at least one output flag column (PL,
//    AG, CE, BE, AD, ED, RE, NE, SNE, NUM, EVENT, EPOP, EXCL, REXCL). So a mockup workbook whose
//    input sheets (MEMBER_IN ...) also have MEM_NBR is read from its output sheet. Several such
//    sheets: an error that names them.
//  - The member id column: MEM_NBR, MEMBER_ID, MemID, MEM_ID, MEMBER_NBR, ignoring case and a
//    leading '*' (QA output sheets star their key columns: *MEM_NBR, *PRODUCT_ID).
//  - Keys: each header cell trimmed, without its leading '*', upper-cased. Blank headers are
//    skipped; of two columns with one key, the first is kept.
//  - NCQA certification result files (MemID,Meas,Payer,CE,Event,Epop,Excl,Num,RExcl,RExclD,Age,
//    Gender) are recognised by their MemID column, and the columns whose meaning is the QA
//    workbook's are renamed to its keys:
//        MemID -> MEM_NBR    Event -> ED    Num -> NUM    RExcl -> RE    CE -> CE
//        Gender -> GENDER
//    The others keep their own names (MEAS, PAYER, EPOP, EXCL, REXCLD, AGE): Epop and Excl (the
//    optional exclusion) have no QA flag, RExclD is a distinct exclusion, Age is taken at the
//    measure's own date (not always AGE_END_REP_YR's end of the year), and a Payer code does not
//    always name one product line.
//  - Rows: every row below the header with a member id (trimmed); the header repeated lower down
//    is skipped. Values are the cells as a user reads them (dates as YYYY-MM-DD), trimmed.
//
// Thread-safety: reentrant; the result is a plain value.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compare/expectation_check.h"
#include "hedis_mockup/status.h"

namespace hm::compare {

struct EngineOutputOptions {
  // The sheet to read; empty (default): found as described above. Ignored for CSV.
  std::string sheet;
};

struct EngineOutput {
  std::string file;
  std::string sheet;
  std::int64_t header_row = 0;       // 1-based
  std::vector<std::string> columns;  // the keys, in sheet order
  bool ncqa_result_file = false;     // the columns were NCQA's and were renamed
  std::size_t row_count = 0;
  std::map<std::string, std::vector<ActualRow>> members;  // by trimmed member id, rows in order

  // The member's rows, empty when the member is not in the output.
  std::span<const ActualRow> RowsOf(const std::string& member_id) const;
};

// Reads the output at `path` (.xlsx or CSV, told apart by content). Errors name the file and,
// where it applies, the sheet and row: unreadable files, no sheet with a member id header, several
// candidate sheets, a named sheet that does not exist.
Result<EngineOutput> ReadEngineOutput(const std::string& path,
                                      const EngineOutputOptions& options = {});

}  // namespace hm::compare
