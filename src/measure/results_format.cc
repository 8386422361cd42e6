// Evaluation results as files: the flag table, NCQA's certification result layout, JSON.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/measure.h"
#include "measure/compiled.h"
#include "measure/measure_file.h"
#include "util/files.h"
#include "util/text.h"

namespace hm {
namespace {

// RFC 4180: quote a field holding a comma, quote or line break.
std::string Csv(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One line per member, or per product (and plan) where the member has rows per product
// (measure.h, ProductRow); ProductID and PlanID are empty on a member's only line.
std::string FlagsCsv(const CompiledMeasure& measure, std::span<const MemberResult> results) {
  std::string out = "MemID,ProductLine,ProductID,PlanID";
  for (const std::string& name : measure.FlagNames()) out += "," + Csv(name);
  out += "\n";
  const auto line = [&](const MemberResult& r, const ProductRow* row, const std::vector<FlagResult>& flags) {
    out += Csv(r.member_id) + "," + Csv(r.product_line) + "," + Csv(row ? row->product_id : "") + "," +
           Csv(row ? row->plan_id : "");
    for (const FlagResult& f : flags) out += "," + Csv(f.value);
    out += "\n";
  };
  for (const MemberResult& r : results) {
    if (!r.reported) continue;
    if (r.product_rows.empty()) line(r, nullptr, r.flags);
    for (const ProductRow& row : r.product_rows) line(r, &row, r.FlagsOf(row));
  }
  return out;
}

std::string Payer(const std::string& line) {
  if (line == "medicare") return "MCR";
  if (line == "medicaid") return "MCD";
  if (line == "commercial") return "CEP";
  if (line == "exchange") return "MEP";
  return "";
}

std::string NcqaCsv(const CompiledMeasure& measure, std::span<const MemberResult> results) {
  std::string out = "MemID,Meas,Payer,CE,Event,Epop,Excl,Num,RExcl,RExclD,Age,Gender\n";
  std::vector<std::string> numerators;
  for (const std::string& name : measure.FlagNames()) {
    // The numerators are the flags whose supplemental twin follows them ("NE", "SNE").
    if (std::find(measure.FlagNames().begin(), measure.FlagNames().end(), "S" + name) !=
        measure.FlagNames().end()) {
      numerators.push_back(name);
    }
  }
  for (const MemberResult& r : results) {
    if (!r.reported) continue;
    const auto flag = [&](const char* name) { return r.Value(name) == "1"; };
    const bool epop = flag("PL") && flag("AG") && flag("CE") && flag("AD") && flag("BE") && flag("ED");
    for (const std::string& num : numerators) {
      const std::string meas = numerators.size() == 1 ? measure.id() : measure.id() + "-" + num;
      const bool met = r.Value(num) == "1" || r.Value("S" + num) == "1";
      out += fmt::format("{},{},{},{},{},{},0,{},{},{},{},{}\n", Csv(r.member_id), Csv(meas),
                         Payer(r.product_line), flag("CE") ? 1 : 0, flag("ED") ? 1 : 0, epop ? 1 : 0,
                         met ? 1 : 0, flag("RE") ? 1 : 0, flag("DECEASED_EXCL") ? 1 : 0,
                         r.Value("AGE_END_REP_YR"), r.gender);
    }
  }
  return out;
}

std::string Json(const CompiledMeasure& measure, std::span<const MemberResult> results) {
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const MemberResult& r : results) {
    nlohmann::ordered_json flags = nlohmann::ordered_json::array();
    for (const FlagResult& f : r.flags) {
      flags.push_back({{"name", f.name}, {"value", f.value}, {"reason", f.reason}, {"evidence", f.evidence}});
    }
    nlohmann::ordered_json member = {{"member_id", r.member_id}, {"product_line", r.product_line}, {"flags", flags}};
    if (!r.reported) member["reported"] = false;
    if (!r.product_rows.empty()) {
      nlohmann::ordered_json rows = nlohmann::ordered_json::array();
      for (const ProductRow& row : r.product_rows) {
        nlohmann::ordered_json own = nlohmann::ordered_json::array();
        for (const FlagResult& f : row.flags) own.push_back({{"name", f.name}, {"value", f.value}, {"reason", f.reason}});
        rows.push_back({{"product_id", row.product_id}, {"plan_id", row.plan_id}, {"flags", own}});
      }
      member["product_rows"] = std::move(rows);
    }
    members.push_back(std::move(member));
  }
  nlohmann::ordered_json j = {{"measure", measure.id()},
                              {"name", measure.name()},
                              {"measurement_year", measure.measurement_year()},
                              {"flags", measure.FlagNames()},
                              {"members", members}};
  return j.dump(2) + "\n";
}

}  // namespace

std::optional<ResultFormat> ParseResultFormat(std::string_view name) {
  const std::string key = util::Lower(name);
  if (key == "flags") return ResultFormat::kFlags;
  if (key == "ncqa") return ResultFormat::kNcqa;
  if (key == "json") return ResultFormat::kJson;
  return std::nullopt;
}

std::string FormatResults(const CompiledMeasure& measure, std::span<const MemberResult> results,
                          ResultFormat format) {
  switch (format) {
    case ResultFormat::kFlags: return FlagsCsv(measure, results);
    case ResultFormat::kNcqa: return NcqaCsv(measure, results);
    case ResultFormat::kJson: return Json(measure, results);
  }
  return {};
}

Status WriteResults(const CompiledMeasure& measure, std::span<const MemberResult> results,
                    ResultFormat format, const std::string& path) {
  return util::AtomicWrite(path, FormatResults(measure, results, format));
}

Result<MeasureSummary> SummarizeMeasure(std::string_view yaml, const std::string& name) {
  HM_ASSIGN_OR_RETURN(measure::MeasureDefinition d, measure::ReadMeasureText(yaml, name));
  MeasureSummary s;
  s.id = d.id;
  s.name = d.name;
  s.product_lines = d.product_lines;
  s.age_min = d.age_min;
  s.age_max = d.age_max;
  for (const measure::Numerator& n : d.numerators) s.numerators.push_back(n.id);
  return s;
}

}  // namespace hm
