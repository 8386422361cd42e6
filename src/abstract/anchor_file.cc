// ReadAnchor: the `anchor:` map of a profile (Phase 0's rule, docs/profiles.md).
#include <fmt/format.h>

#include "abstract/profile_file.h"

namespace hm::abstract {
namespace {

using measure::Fields;
using measure::ReadContext;

std::string Column(const Fields& f, std::string_view key) {
  std::string text = f.String(key).value_or("");
  if (!text.empty() && !IsSqlName(text)) {
    f.Error(key, fmt::format("'{}' is not a column name", text), kProfileHint);
  }
  return text;
}

void ReadMatch(const Fields& f, EvidenceRule& rule) {
  const std::string match = f.String("match").value_or("diagnosis");
  if (match == "any") {
    rule.match_any = true;
  } else if (match != "diagnosis") {
    f.Error("match", fmt::format("'{}' is neither 'diagnosis' nor 'any'", match),
            "'diagnosis': rows with a recognised code or name; 'any': every row");
  }
  if (f.is_map() && !rule.match_any && rule.code_column.empty() && rule.name_column.empty()) {
    f.ctx().Error(f.where(), fmt::format("{} matches diagnoses but names no 'code' or 'name' "
                                         "column",
                                         f.what()),
                  "name the column holding the diagnosis code or name, or write 'match: any'");
  }
}

EvidenceRule ReadEvidence(ReadContext& ctx, const YAML::Node& node, std::size_t index) {
  const Fields f(ctx, node, fmt::format("evidence {}", index + 1),
                 {"kind", "source", "where_column", "where_values", "date", "code", "name",
                  "match"});
  EvidenceRule rule;
  if (Require(f, "kind")) rule.kind = f.String("kind").value_or("");
  if (Require(f, "source")) rule.source = f.String("source").value_or("");
  rule.where_column = Column(f, "where_column");
  rule.where_values = f.StringList("where_values").value_or(std::vector<std::string>{});
  if (rule.where_column.empty() != rule.where_values.empty() && f.is_map()) {
    ctx.Error(f.where(), fmt::format("{}: 'where_column' and 'where_values' go together",
                                     f.what()),
              "give both (rows whose column holds one of the values), or neither");
  }
  if (Require(f, "date")) rule.date_column = Column(f, "date");
  rule.code_column = Column(f, "code");
  rule.name_column = Column(f, "name");
  ReadMatch(f, rule);
  return rule;
}

}  // namespace

AnchorRule ReadAnchor(ReadContext& ctx, const YAML::Node& node) {
  const Fields f(ctx, node, "anchor", {"evidence", "code_prefixes", "name_keywords", "preference"});
  AnchorRule anchor;
  anchor.code_prefixes = f.StringList("code_prefixes").value_or(std::vector<std::string>{});
  anchor.name_keywords = f.StringList("name_keywords").value_or(std::vector<std::string>{});
  if (Require(f, "preference")) {
    anchor.preference = f.StringList("preference").value_or(std::vector<std::string>{});
  }
  if (Require(f, "evidence")) {
    const std::vector<YAML::Node> items = f.List("evidence").value_or(std::vector<YAML::Node>{});
    for (std::size_t i = 0; i < items.size(); ++i) {
      anchor.evidence.push_back(ReadEvidence(ctx, items[i], i));
    }
  }
  return anchor;
}

}  // namespace hm::abstract
