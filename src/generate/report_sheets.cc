#include "generate/report_sheets.h"

#include <fmt/format.h>

#include "hedis_mockup/completeness.h"
#include "synthesize/filler.h"
#include "util/files.h"
#include "util/text.h"

namespace hm::generate {
namespace {

constexpr const char* kVersion = "0.1.0";

// "PATH sha256 HEX" (the path alone when the file cannot be read, as for a CSV folder).
std::string Fingerprint(const std::string& path) {
  Result<std::string> sha = util::Sha256File(path);
  return sha.ok() ? fmt::format("{} sha256 {}", path, *sha) : path;
}

// The product id of the span covering `day`, else of the last span that starts before it.
std::string ProductIdOn(const MemberTimeline& t, Date day) {
  const EnrollmentSpan* chosen = nullptr;
  for (const EnrollmentSpan& s : t.enrollment) {
    if (s.days().Contains(day)) return s.product_id;
    if (s.start <= day && (chosen == nullptr || s.end > chosen->end)) chosen = &s;
  }
  return chosen != nullptr ? chosen->product_id : std::string();
}

}  // namespace

ReportSheets::ReportSheets(const TestCaseBook& book, const CompiledMeasure& measure,
                           const render::TimelineRenderer& renderer, const GenerateOptions& options)
    : book_(book), measure_(measure), renderer_(renderer), options_(options),
      filler_(options.layout != nullptr ? *options.layout : DefaultLayout(), options.seed) {
  sheets_ = renderer.sheets();
  render::SheetSpec expected;
  expected.name = measure.id() + "_EXPECTED_OUTPUT";
  expected.columns = {"MEM_NBR", "PRODUCT_ID", "PLAN_ID", "GENDER"};
  for (const std::string& flag : measure.FlagNames()) expected.columns.push_back(flag);
  expected_sheet_ = sheets_.size();
  sheets_.push_back(std::move(expected));
  sheets_.push_back({"Scenarios",
                     {"MEM_NBR", "SHEET", "ROW", "TEST_CASE_ID", "STATUS", "PRECHECK", "SCENARIO",
                      "EXPECTED_RESULT", "FROM_THE_MEASURE"},
                     nullptr});
  sheets_.push_back({"Run Info", {"KEY", "VALUE"}, nullptr});
}

// Dates as the tables write them; the rest as the engine gives it.
std::string ReportSheets::Value(const FlagResult& flag) const {
  if (flag.value.size() == 10 && flag.value[4] == '-') {
    if (Result<Date> d = ParseDate(flag.value, measure_.measurement_year()); d.ok()) return renderer_.FormatDate(*d);
  }
  return flag.value;
}

Status ReportSheets::WriteMember(const Member& member, const MemberTimeline& timeline,
                                 render::TableWriter& writer) {
  render::MemberExtras extras;
  extras.scenario = member.scenario;
  extras.event_value_sets = member.made.event_value_sets;
  extras.death_table = member.made.death_table;
  HM_RETURN_IF_ERROR(renderer_.Render(timeline, extras, writer));
  const render::RowOrigin origin{timeline.demographics.member_id, member.scenario, {}};
  const MemberResult& result = member.result;
  if (!result.reported) return Status::Ok();  // the engine writes no row for the member
  if (result.product_rows.empty()) {
    return WriteExpected(timeline.demographics.member_id,
                         ProductIdOn(timeline, *Date::FromYmd(measure_.measurement_year(), 12, 31)), "",
                         result.gender, result.flags, origin, writer);
  }
  for (const ProductRow& product : result.product_rows) {
    HM_RETURN_IF_ERROR(WriteExpected(timeline.demographics.member_id, product.product_id, product.plan_id,
                                     result.gender, result.FlagsOf(product), origin, writer));
  }
  return Status::Ok();
}

// One row of the expected-output sheet.
Status ReportSheets::WriteExpected(const std::string& member_id, const std::string& product_id,
                                   const std::string& plan_id, const std::string& gender,
                                   const std::vector<FlagResult>& flags, const render::RowOrigin& origin,
                                   render::TableWriter& writer) const {
  std::vector<std::string> row = {member_id, product_id, plan_id, gender};
  for (const FlagResult& f : flags) row.push_back(Value(f));
  return writer.Row(expected_sheet_, row, origin);
}

MemberTimeline ReportSheets::Clone(const Member& member, std::size_t index) const {
  MemberTimeline t = member.made.timeline;
  t.demographics.member_id = fmt::format("{}_C{:07}", t.demographics.member_id, index);
  t.demographics.first_name.clear();
  t.demographics.last_name.clear();
  t.demographics.middle_name.clear();
  for (const char* column : {"MEM_ADDR1", "MEM_CITY", "MEM_STATE", "MEM_COUNTY", "MEM_ZIP", "MEM_PHONE", "MEM_EMAIL"}) {
    t.demographics.extra.erase(column);
  }
  filler_.Fill(t.demographics, index);
  for (CodedEvent& e : t.events) {
    if (!e.claim_id.empty()) e.claim_id = fmt::format("C{}-{}", index, e.claim_id);
  }
  return t;
}

Status ReportSheets::WriteScenarios(const std::vector<Member>& members,
                                    const std::vector<ScenarioOutcome>& outcomes,
                                    render::TableWriter& writer) {
  const std::size_t sheet = expected_sheet_ + 1;
  std::size_t next = 0;
  for (const ScenarioOutcome& o : outcomes) {
    const Scenario* s = nullptr;
    for (const Scenario& candidate : book_.scenarios) {
      if (candidate.sheet == o.sheet && candidate.row == o.row) s = &candidate;
    }
    std::string precheck, defaults;
    std::size_t index = render::RowOrigin::kNoScenario;
    if (o.status == "generated" && next < members.size()) {
      const Member& m = members[next++];
      precheck = m.precheck;
      defaults = fmt::format("{}", fmt::join(m.made.defaults, "; "));
      index = m.scenario;
    }
    const std::vector<std::string> row = {
        o.status == "generated" ? o.member_id : std::string(), o.sheet, std::to_string(o.row),
        s != nullptr ? s->member_id : std::string(), o.status == "generated" ? o.status : "skipped: " + o.reason,
        precheck, s != nullptr ? s->text : std::string(), s != nullptr ? s->expected_text : std::string(),
        defaults};
    HM_RETURN_IF_ERROR(writer.Row(sheet, row, {o.member_id, index, {}}));
  }
  return Status::Ok();
}

Status ReportSheets::WriteRunInfo(const GenerateReport& report, std::size_t members,
                                  render::TableWriter& writer) {
  const std::size_t sheet = expected_sheet_ + 2;
  CompletenessTracker completeness;
  completeness.MarkAttempted("scenarios");
  std::size_t generated = 0;
  for (const ScenarioOutcome& o : report.scenarios) generated += o.status == "generated" ? 1 : 0;
  completeness.MarkSuccess("scenarios", static_cast<std::int64_t>(generated));
  if (generated < report.scenarios.size()) {
    completeness.AddWarning(fmt::format("{} scenario rows skipped (need attention, or marked REMOVED)", report.scenarios.size() - generated));
  }
  std::vector<std::pair<std::string, std::string>> rows = {
      {"product", fmt::format("hedis-mockup {}", kVersion)},
      {"measure", fmt::format("{} ({})", measure_.id(), measure_.name())},
      {"measurement_year", std::to_string(measure_.measurement_year())},
      {"seed", std::to_string(options_.seed)},
      {"testcases", Fingerprint(book_.file)},
      {"layout", (options_.layout != nullptr ? *options_.layout : DefaultLayout()).origin},
      {"members", std::to_string(members)},
      {"scenarios_generated", std::to_string(generated)},
      {"scenarios_skipped", std::to_string(report.scenarios.size() - generated)},
      {"precheck_failed", std::to_string(report.precheck_failed)},
  };
  for (const auto& kv : options_.run_info) rows.push_back(kv);
  rows.emplace_back("completeness", completeness.ToJson());
  for (const auto& [key, value] : rows) {
    const std::vector<std::string> cells = {key, value};
    HM_RETURN_IF_ERROR(writer.Row(sheet, cells, {}));
  }
  return Status::Ok();
}

}  // namespace hm::generate
