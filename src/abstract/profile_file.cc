// ReadTimelineProfile: the top level of a profile, its sources and their event rules.
#include "abstract/profile_file.h"

#include <fmt/format.h>

#include <new>

#include "measure/yaml_document.h"

namespace hm::abstract {
namespace {

using measure::Fields;
using measure::ReadContext;

// A column field: absent is fine (empty), present must be a column name.
std::string Column(const Fields& fields, std::string_view key) {
  std::optional<std::string> text = fields.String(key);
  if (!text) return {};
  if (!IsSqlName(*text)) {
    fields.Error(key, fmt::format("'{}' is not a column name", *text),
                 "write the column's name: letters, digits and '_'");
  }
  return *text;
}

EventRule ReadEvent(ReadContext& ctx, const YAML::Node& node, const std::string& source) {
  const Fields f(ctx, node, fmt::format("an event of source '{}'", source),
                 {"type", "type_column", "date", "code", "description", "value"});
  EventRule rule;
  rule.type = f.String("type").value_or("");
  rule.type_column = Column(f, "type_column");
  if (Require(f, "date")) rule.date_column = Column(f, "date");
  rule.code_column = Column(f, "code");
  rule.description_column = Column(f, "description");
  rule.value_column = Column(f, "value");
  if (f.is_map() && rule.type.empty() && rule.type_column.empty()) {
    ctx.Error(f.where(), fmt::format("{} has neither 'type' nor 'type_column'", f.what()),
              "name the event type ('type: surgery') or the column that holds it");
  }
  return rule;
}

// The query part: exactly one of `view` and `sql`.
void ReadQuery(const Fields& f, ProfileSource& source) {
  source.view = f.String("view").value_or("");
  source.sql = f.String("sql").value_or("");
  if (!f.is_map()) return;
  if (source.view.empty() == source.sql.empty()) {
    f.ctx().Error(f.where(), fmt::format("{} needs exactly one of 'view' and 'sql'", f.what()),
                  "name a view ('view: v_imaging') or give SQL that selects one patient's rows "
                  "with $1");
  } else if (!source.view.empty() && !IsSqlName(source.view)) {
    f.Error("view", fmt::format("'{}' is not a view name", source.view),
            "write the name alone; put a query under 'sql:' instead");
  } else if (!source.sql.empty() && source.sql.find("$1") == std::string::npos) {
    f.Error("sql", "the SQL does not use $1, the patient id",
            "select one patient's rows: ... WHERE patient_fhir_id = $1");
  }
}

ProfileSource ReadSource(ReadContext& ctx, const YAML::Node& node, std::size_t index) {
  const Fields f(ctx, node, fmt::format("source {}", index + 1),
                 {"name", "view", "sql", "required", "events"});
  ProfileSource source;
  if (Require(f, "name")) source.name = f.String("name").value_or("");
  ReadQuery(f, source);
  source.required = f.Bool("required").value_or(false);
  for (const YAML::Node& event : f.List("events").value_or(std::vector<YAML::Node>{})) {
    source.events.push_back(ReadEvent(ctx, event, source.name));
  }
  return source;
}

TimelineProfile ReadTop(ReadContext& ctx, const YAML::Node& root) {
  const Fields f(ctx, root, "the profile",
                 {"profile", "description", "patient_key", "sources", "anchor"});
  TimelineProfile profile;
  if (Require(f, "profile")) profile.name = f.String("profile").value_or("");
  profile.description = f.String("description").value_or("");
  if (Require(f, "patient_key")) {
    profile.patient_key = f.String("patient_key").value_or("");
    if (!profile.patient_key.empty() && !IsSqlName(profile.patient_key)) {
      f.Error("patient_key", fmt::format("'{}' is not a column name", profile.patient_key),
              kProfileHint);
    }
  }
  if (Require(f, "sources")) {
    const std::vector<YAML::Node> sources = f.List("sources").value_or(std::vector<YAML::Node>{});
    for (std::size_t i = 0; i < sources.size(); ++i) {
      profile.sources.push_back(ReadSource(ctx, sources[i], i));
    }
  }
  if (Require(f, "anchor") && f.Find("anchor") != nullptr) {
    profile.anchor = ReadAnchor(ctx, *f.Find("anchor"));
  }
  return profile;
}

Result<TimelineProfile> ReadText(std::string_view text, const std::string& file_name) {
  HM_ASSIGN_OR_RETURN(const YAML::Node root, measure::LoadYamlDocument(text, file_name));
  ReadContext ctx;
  ctx.file = file_name;
  TimelineProfile profile = ReadTop(ctx, root);
  if (ctx.diagnostics.empty()) CheckProfile(profile, ctx, root);
  HM_RETURN_IF_ERROR(ctx.diagnostics.Checkpoint());
  return profile;
}

}  // namespace

bool IsSqlName(std::string_view text) {
  bool start = true;
  for (char c : text) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.' && !start) {
      start = true;
      continue;
    }
    if (!letter && !(digit && !start)) return false;
    start = false;
  }
  return !text.empty() && !start;
}

}  // namespace hm::abstract

namespace hm {

Result<TimelineProfile> ReadTimelineProfile(std::string_view text, const std::string& file_name) {
  // yaml-cpp throws; nothing may cross the API (as in the measure reader).
  try {
    return abstract::ReadText(text, file_name);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("out of memory while reading the profile").InFile(file_name);
  } catch (const std::exception& error) {
    return Status::Internal(fmt::format("reading the profile failed: {}", error.what()))
        .InFile(file_name);
  }
}

}  // namespace hm
