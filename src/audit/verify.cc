#include "audit/verify.h"

#include "audit/log_file.h"
#include "audit/record_json.h"
#include "util/files.h"

namespace hm::audit {

Result<VerifyReport> VerifyLog(const std::string& log_path) {
  VerifyReport report;
  Result<UniqueFd> fd = OpenForReading(log_path);
  if (!fd.ok()) {
    if (fd.status().code() == StatusCode::kNotFound) return report;
    return std::move(fd).TakeStatus();
  }
  std::string expected(kZeroHash);
  std::int64_t previous_line = 0;
  auto visit = [&](std::string_view line, std::uint64_t) -> Status {
    const std::int64_t number = ++report.lines;
    Result<SessionRecord> record = RecordFromJson(line);
    if (!record.ok()) {
      report.invalid.push_back({number, record.status().message()});
      return Status::Ok();
    }
    if (record->prev_hash != expected) {
      report.broken.push_back({number, previous_line, expected, record->prev_hash});
    }
    // Chain on from this line whatever it says, so that one edit reports one broken link.
    expected = util::Sha256Hex(line);
    previous_line = number;
    ++report.records;
    return Status::Ok();
  };
  HM_ASSIGN_OR_RETURN(LineScan scan, ScanLines(fd->get(), 0, log_path, visit));
  if (scan.tail_bytes > 0 && TailIsTorn(fd->get(), scan.end + scan.tail_bytes)) {
    report.invalid.push_back({++report.lines, "torn tail (the last line has no end of line)"});
  }
  return report;
}

}  // namespace hm::audit
