#include "audit/export.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "audit/audit_log_impl.h"
#include "util/files.h"
#include "audit/clock.h"
#include "audit/record_json.h"
#include "audit/verify.h"

namespace hm::audit {
namespace {

namespace fs = std::filesystem;

using Writer = Status (*)(const ExportData&, const std::string&);

struct Format {
  const char* extension;
  Writer write;
};
constexpr Format kFormats[] = {
    {".json", WriteJsonExport}, {".csv", WriteCsvExport}, {".xlsx", WriteXlsxExport}};

ExportCell Text(const std::string& text) { return text.empty() ? ExportCell() : ExportCell(text); }

// A text cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so that
// a crafted file name in the log cannot execute when the CSV is opened.
std::string CsvField(const ExportCell& cell) {
  if (std::holds_alternative<double>(cell)) return fmt::format("{}", std::get<double>(cell));
  if (!std::holds_alternative<std::string>(cell)) return "";
  std::string text = std::get<std::string>(cell);
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    text = "'" + text;
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvLine(const std::vector<ExportCell>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(cells[i]);
  }
  return line + "\r\n";  // RFC 4180
}

// An output file written in pieces; errors are sticky and reported once, by Close().
class TextFile {
 public:
  explicit TextFile(const std::string& path)
      : path_(path), out_(path, std::ios::binary | std::ios::trunc) {}
  void Write(const std::string& bytes) {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  Status Close() {
    out_.flush();
    if (!out_) return Status::IoError("write failed (disk full or no permission?)").InFile(path_);
    return Status::Ok();
  }

 private:
  std::string path_;
  std::ofstream out_;
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The export's own completeness: the audit log is its one source; lines it had to skip and a
// broken hash chain are warnings that travel with the file.
CompletenessSnapshot ExportCompleteness(const ExportData& data) {
  CompletenessTracker tracker;
  tracker.MarkSuccess("audit_log", static_cast<std::int64_t>(data.session_count));
  for (const VerifyReport::InvalidLine& line : data.verify.invalid) {
    tracker.AddWarning(fmt::format("{}: line {}: {} (skipped)", data.source, line.line, line.reason));
  }
  for (const VerifyReport::BrokenLink& link : data.verify.broken) {
    tracker.AddWarning(fmt::format("{}: line {}: the hash chain is broken (a record was edited, "
                                   "removed or inserted)",
                                   data.source, link.line));
  }
  return tracker.Snapshot();
}

Result<ExportData> Gather(AuditLog::Impl& impl, const ExportOptions& options) {
  ExportData data;
  data.source = impl.log_path;
  data.exported_at = FormatUtcSeconds(options.now);
  const std::int64_t since =
      options.days > 0 ? EpochSeconds(options.now) - std::int64_t{options.days} * 86400 : kAllTime;
  std::vector<IndexedLine> lines;
  {
    std::lock_guard lock(impl.mutex);
    std::vector<std::string> warnings;  // the caller learns of skipped lines from other commands
    HM_ASSIGN_OR_RETURN(Index * index, impl.CaughtUpIndex(warnings));
    HistoryQuery all;
    all.limit = 0;
    HM_ASSIGN_OR_RETURN(lines, index->Find(all, since));
    HM_ASSIGN_OR_RETURN(data.statistics, index->Aggregate(since));
  }
  std::reverse(lines.begin(), lines.end());  // oldest first
  data.session_count = lines.size();
  // `impl` outlives the export: AuditLog::Export holds it.
  data.for_each_session = [&impl, lines = std::move(lines)](const SessionVisitor& visit) {
    HM_ASSIGN_OR_RETURN(bool current, VisitIndexedLines(impl.log_path, lines, visit));
    if (current) return Status::Ok();
    // An edit the catch-up could not see: forget the index so that the next export rebuilds it.
    std::lock_guard lock(impl.mutex);
    if (impl.index) (void)impl.index->Reset();
    return Status::IoError("the audit log changed under its index while it was exported",
                           "export again")
        .InFile(impl.log_path);
  };
  data.statistics.period_days = std::max(options.days, 0);
  HM_ASSIGN_OR_RETURN(data.verify, VerifyLog(impl.log_path));
  data.completeness = ExportCompleteness(data);
  return data;
}

}  // namespace

const std::vector<std::string>& SessionColumns() {
  static const std::vector<std::string> columns = {"session_id",
                                                   "measure",
                                                   "command",
                                                   "status",
                                                   "user",
                                                   "host",
                                                   "pid",
                                                   "timestamp_start",
                                                   "timestamp_end",
                                                   "duration_seconds",
                                                   "testcase_file",
                                                   "testcase_hash",
                                                   "output_file",
                                                   "output_hash",
                                                   "output_size_mb",
                                                   "members_generated",
                                                   "error",
                                                   "events",
                                                   "inputs",
                                                   "outputs",
                                                   "tool_version"};
  return columns;
}

std::vector<ExportCell> SessionRow(const SessionRecord& r) {
  auto number = [](auto value) { return ExportCell(static_cast<double>(value)); };
  return {Text(r.session_id),
          Text(r.measure),
          Text(r.command),
          Text(r.status),
          Text(r.user),
          Text(r.host),
          number(r.pid),
          Text(r.timestamp_start),
          Text(r.timestamp_end),
          number(r.duration_seconds),
          Text(r.testcase_file),
          Text(r.testcase_hash),
          Text(r.output_file),
          Text(r.output_hash),
          r.output_size_mb ? number(*r.output_size_mb) : ExportCell(),
          number(r.members_generated),
          Text(r.error),
          number(r.events.size()),
          number(r.inputs.size()),
          number(r.outputs.size()),
          Text(r.tool_version)};
}

Status WriteJsonExport(const ExportData& data, const std::string& path) {
  const ordered_json head{{"exported_at", data.exported_at},
                          {"source", data.source},
                          {"statistics", StatisticsToValue(data.statistics)},
                          {"verify", VerifyReportToValue(data.verify)},
                          {"completeness", ordered_json::parse(data.completeness.ToJson())}};
  std::string text = DumpJson(head);
  text.pop_back();  // the closing '}': the sessions follow, streamed
  TextFile out(path);
  out.Write(text + ",\"sessions\":[");
  bool first = true;
  HM_RETURN_IF_ERROR(data.for_each_session([&](const SessionRecord& record) {
    out.Write((first ? "\n" : ",\n") + RecordToJson(record));
    first = false;
    return Status::Ok();
  }));
  out.Write("\n]}\n");
  return out.Close();
}

Status WriteCsvExport(const ExportData& data, const std::string& path) {
  TextFile out(path);
  out.Write(CsvLine(std::vector<ExportCell>(SessionColumns().begin(), SessionColumns().end())));
  HM_RETURN_IF_ERROR(data.for_each_session([&](const SessionRecord& record) {
    out.Write(CsvLine(SessionRow(record)));
    return Status::Ok();
  }));
  return out.Close();
}

Status AuditLog::Export(const std::string& out_path, const ExportOptions& options) const {
  const std::string extension = Lower(fs::path(out_path).extension().string());
  const Format* format = std::find_if(std::begin(kFormats), std::end(kFormats),
                                      [&](const Format& f) { return extension == f.extension; });
  if (format == std::end(kFormats)) {
    return Status::InvalidInput(fmt::format("cannot export to '{}': unknown file type", extension),
                                "name the output .json, .csv or .xlsx")
        .InFile(out_path);
  }
  if (options.days < 0) {
    return Status::InvalidInput("the period cannot be negative", "give --days 0 (all) or more");
  }
  HM_ASSIGN_OR_RETURN(ExportData data, Gather(*impl_, options));
  HM_RETURN_IF_ERROR(util::WriteViaTemporary(
      out_path, [&](const std::string& temporary) { return format->write(data, temporary); }));
  // Every artifact carries its completeness beside it, whatever its format.
  return data.completeness.WriteSidecar(out_path);
}

}  // namespace hm::audit
