#include "audit/record_json.h"

#include <fmt/format.h>

#include "audit/clock.h"

namespace hm::audit {
namespace {

ordered_json StringOrNull(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

// Embedded JSON text (event details, completeness) as a value. Text that is not a JSON object is
// kept as a string under "unparsed_details" rather than dropped: the log is evidence.
ordered_json EmbeddedObject(const std::string& text) {
  ordered_json parsed = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) return parsed;
  return ordered_json{{"unparsed_details", text}};
}

ordered_json FileToValue(const FileRecord& file) {
  return ordered_json{{"role", file.role},
                      {"path", file.path},
                      {"sha256", StringOrNull(file.sha256)},
                      {"size_bytes", file.size_bytes}};
}

ordered_json EventToValue(const Event& event) {
  return ordered_json{{"timestamp", event.timestamp},
                      {"type", event.type},
                      {"message", event.message},
                      {"details", EmbeddedObject(event.details_json)}};
}

// Field readers: a missing or null field leaves the default; a field of the wrong type is an
// error naming it, because a reader that guessed would hide an edited or foreign line.
class Reader {
 public:
  explicit Reader(const ordered_json& object) : object_(object) {}

  void String(const char* key, std::string& out) {
    const ordered_json* v = Find(key);
    if (!v) return;
    if (v->is_string())
      out = v->get_ref<const std::string&>();
    else
      Fail(key, "a string");
  }
  void Number(const char* key, double& out) {
    const ordered_json* v = Find(key);
    if (!v) return;
    if (v->is_number())
      out = v->get<double>();
    else
      Fail(key, "a number");
  }
  void OptionalNumber(const char* key, std::optional<double>& out) {
    double number = 0;
    if (!Find(key)) return;
    Number(key, number);
    out = number;
  }
  void Integer(const char* key, std::int64_t& out) {
    const ordered_json* v = Find(key);
    if (!v) return;
    if (v->is_number_integer())
      out = v->get<std::int64_t>();
    else
      Fail(key, "an integer");
  }
  void Embedded(const char* key, std::string& out) {
    const ordered_json* v = Find(key);
    if (!v) return;
    if (v->is_object())
      out = DumpJson(*v);
    else
      Fail(key, "an object");
  }
  const ordered_json* Array(const char* key) {
    const ordered_json* v = Find(key);
    if (v && !v->is_array()) Fail(key, "an array");
    return v && v->is_array() ? v : nullptr;
  }
  void Require(const char* key, const std::string& value) {
    if (value.empty() && error_.empty()) error_ = fmt::format("field '{}' is missing", key);
  }
  void Fail(const std::string& key, const char* expected) {
    if (error_.empty()) error_ = fmt::format("field '{}' is not {}", key, expected);
  }
  const std::string& error() const { return error_; }

 private:
  const ordered_json* Find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  const ordered_json& object_;
  std::string error_;
};

void ReadFiles(Reader& reader, const char* key, std::vector<FileRecord>& out) {
  const ordered_json* files = reader.Array(key);
  if (!files) return;
  for (const ordered_json& item : *files) {
    if (!item.is_object()) return reader.Fail(key, "an array of objects");
    Reader file(item);
    FileRecord record;
    file.String("role", record.role);
    file.String("path", record.path);
    file.String("sha256", record.sha256);
    std::int64_t size = 0;
    file.Integer("size_bytes", size);
    if (!file.error().empty() || size < 0) return reader.Fail(key, "an array of file records");
    record.size_bytes = static_cast<std::uint64_t>(size);
    out.push_back(std::move(record));
  }
}

void ReadEvents(Reader& reader, std::vector<Event>& out) {
  const ordered_json* events = reader.Array("events");
  if (!events) return;
  for (const ordered_json& item : *events) {
    if (!item.is_object()) return reader.Fail("events", "an array of objects");
    Reader field(item);
    Event event;
    field.String("timestamp", event.timestamp);
    field.String("type", event.type);
    field.String("message", event.message);
    field.Embedded("details", event.details_json);
    if (!field.error().empty()) return reader.Fail("events", "an array of events");
    out.push_back(std::move(event));
  }
}

void ReadScalars(Reader& r, SessionRecord& s) {
  r.String("session_id", s.session_id);
  r.String("measure", s.measure);
  r.String("command", s.command);
  r.String("timestamp_start", s.timestamp_start);
  r.String("timestamp_end", s.timestamp_end);
  r.Number("duration_seconds", s.duration_seconds);
  r.String("testcase_file", s.testcase_file);
  r.String("testcase_hash", s.testcase_hash);
  r.String("output_file", s.output_file);
  r.String("output_hash", s.output_hash);
  r.OptionalNumber("output_size_mb", s.output_size_mb);
  r.String("status", s.status);
  r.String("user", s.user);
  r.String("error", s.error);
  r.Integer("members_generated", s.members_generated);
  r.Embedded("completeness", s.completeness_json);
  r.String("tool_version", s.tool_version);
  r.String("host", s.host);
  r.Integer("pid", s.pid);
  r.String("prev_hash", s.prev_hash);
}

}  // namespace

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

ordered_json RecordToValue(const SessionRecord& s) {
  ordered_json out = ordered_json::object();
  // PRODUCT.md's contract fields, in its order.
  out["session_id"] = s.session_id;
  out["measure"] = StringOrNull(s.measure);
  out["timestamp_start"] = s.timestamp_start;
  out["timestamp_end"] = StringOrNull(s.timestamp_end);
  out["duration_seconds"] = s.duration_seconds;
  out["testcase_file"] = StringOrNull(s.testcase_file);
  out["testcase_hash"] = StringOrNull(s.testcase_hash);
  out["output_file"] = StringOrNull(s.output_file);
  out["output_hash"] = StringOrNull(s.output_hash);
  out["output_size_mb"] = s.output_size_mb ? ordered_json(*s.output_size_mb) : nullptr;
  out["status"] = s.status;
  out["user"] = StringOrNull(s.user);
  out["events"] = ordered_json::array();
  for (const Event& event : s.events) out["events"].push_back(EventToValue(event));
  // Our additions.
  out["command"] = StringOrNull(s.command);
  out["error"] = StringOrNull(s.error);
  out["inputs"] = ordered_json::array();
  for (const FileRecord& file : s.inputs) out["inputs"].push_back(FileToValue(file));
  out["outputs"] = ordered_json::array();
  for (const FileRecord& file : s.outputs) out["outputs"].push_back(FileToValue(file));
  out["members_generated"] = s.members_generated;
  out["completeness"] =
      s.completeness_json.empty() ? ordered_json(nullptr) : EmbeddedObject(s.completeness_json);
  out["tool_version"] = StringOrNull(s.tool_version);
  out["host"] = StringOrNull(s.host);
  out["pid"] = s.pid;
  out["prev_hash"] = s.prev_hash;
  return out;
}

Result<SessionRecord> RecordFromValue(const ordered_json& value, bool require_prev_hash) {
  if (!value.is_object()) return Status::InvalidInput("not a JSON object");
  SessionRecord record;
  Reader reader(value);
  ReadScalars(reader, record);
  ReadEvents(reader, record.events);
  ReadFiles(reader, "inputs", record.inputs);
  ReadFiles(reader, "outputs", record.outputs);
  reader.Require("session_id", record.session_id);
  reader.Require("timestamp_start", record.timestamp_start);
  reader.Require("status", record.status);
  if (!reader.error().empty()) return Status::InvalidInput(reader.error());
  if (!ParseUtcSeconds(record.timestamp_start)) {
    return Status::InvalidInput("field 'timestamp_start' is not an ISO 8601 time");
  }
  if (require_prev_hash && !IsSha256Hex(record.prev_hash)) {
    return Status::InvalidInput("field 'prev_hash' is not 64 hex digits");
  }
  return record;
}

std::string DumpJson(const ordered_json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, ordered_json::error_handler_t::replace);
}

std::string RecordToJson(const SessionRecord& record) { return DumpJson(RecordToValue(record)); }

Result<SessionRecord> RecordFromJson(std::string_view line) {
  ordered_json value = ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Status::InvalidInput("not valid JSON");
  return RecordFromValue(value, /*require_prev_hash=*/true);
}

ordered_json StatisticsToValue(const Statistics& stats) {
  ordered_json measures = ordered_json::object();
  for (const MeasureStatistics& m : stats.measures) {
    measures[m.measure] = ordered_json{{"total", m.total},
                                       {"successful", m.successful},
                                       {"failed", m.failed},
                                       {"avg_duration_seconds", m.avg_duration_seconds}};
  }
  return ordered_json{{"total_generations", stats.total_generations},
                      {"successful_generations", stats.successful_generations},
                      {"failed_generations", stats.failed_generations},
                      {"success_rate", stats.success_rate},
                      {"avg_duration_seconds", stats.avg_duration_seconds},
                      {"measures", std::move(measures)},
                      {"total_members_generated", stats.total_members_generated},
                      {"period_days", stats.period_days}};
}

std::string StatisticsToJson(const Statistics& stats) { return DumpJson(StatisticsToValue(stats)); }

ordered_json VerifyReportToValue(const VerifyReport& report) {
  ordered_json broken = ordered_json::array();
  for (const auto& link : report.broken) {
    broken.push_back(ordered_json{{"line", link.line},
                                  {"previous_line", link.previous_line},
                                  {"expected_prev_hash", link.expected_prev},
                                  {"found_prev_hash", link.found_prev}});
  }
  ordered_json invalid = ordered_json::array();
  for (const auto& line : report.invalid) {
    invalid.push_back(ordered_json{{"line", line.line}, {"reason", line.reason}});
  }
  return ordered_json{{"intact", report.intact()},
                      {"records", report.records},
                      {"lines", report.lines},
                      {"broken_links", std::move(broken)},
                      {"invalid_lines", std::move(invalid)}};
}

std::string VerifyReportToJson(const VerifyReport& report) {
  return DumpJson(VerifyReportToValue(report));
}

}  // namespace hm::audit
