#include "measure/measure_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <new>
#include <set>

#include "measure/criterion_file.h"
#include "measure/id_checks.h"
#include "measure/yaml_document.h"
#include "measure/yaml_fields.h"
#include "util/files.h"
#include "util/text.h"

namespace hm::measure {
namespace {

const std::vector<std::string_view> kProductLines = {"commercial", "medicaid", "medicare",
                                                     "exchange"};

// The fields a map may have: `own` followed by the criterion kinds.
std::vector<std::string_view> WithCriterionKinds(std::vector<std::string_view> own) {
  own.insert(own.end(), kCriterionKinds.begin(), kCriterionKinds.end());
  return own;
}

// Letters, digits, '_' and '-': ids, flags and measure names that other places refer to.
bool IsWord(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

// A required word-like field (id, measure): reported when missing or not a word.
std::string ReadWord(const Fields& fields, std::string_view key) {
  if (!fields.Require(key)) return {};
  const std::optional<std::string> text = fields.String(key);
  if (!text) return {};
  if (!IsWord(*text)) {
    fields.Error(key, fmt::format("'{}' is not a single word", *text),
                 "use letters, digits, '_' and '-' only");
    return {};
  }
  return *text;
}

// "exclusion 'hospice'" when the map has an id, else "exclusion 3".
std::string Named(const YAML::Node& node, std::string_view kind, int index) {
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "id" && it->second.IsScalar()) {
        return fmt::format("{} '{}'", kind, it->second.Scalar());
      }
    }
  }
  return fmt::format("{} {}", kind, index);
}

void ReadProductIds(ReadContext& ctx, const YAML::Node& node, MeasureDefinition& def) {
  const Fields fields(ctx, node, "product_ids", kProductLines);
  for (std::string_view line : kProductLines) {
    const std::optional<std::vector<std::string>> ids = fields.StringList(line);
    for (const std::string& id : ids.value_or(std::vector<std::string>{})) {
      const auto [it, added] = def.product_ids.emplace(id, std::string(line));
      if (!added) {
        fields.Error(line, fmt::format("product id {} is already in {}", id, it->second),
                     "each product id belongs to one product line");
      }
    }
  }
}

void ReadProductLines(const Fields& fields, MeasureDefinition& def) {
  for (const std::string& line : fields.StringList("product_lines").value_or(std::vector<std::string>{})) {
    if (std::find(kProductLines.begin(), kProductLines.end(), line) == kProductLines.end()) {
      fields.Error("product_lines", fmt::format("unknown product line '{}'", line),
                   "product lines are commercial, medicaid, medicare and exchange");
      continue;
    }
    const bool has_ids = std::any_of(def.product_ids.begin(), def.product_ids.end(),
                                     [&](const auto& entry) { return entry.second == line; });
    if (!def.product_ids.empty() && !has_ids) {
      fields.Error("product_lines", fmt::format("product line '{}' has no product ids", line),
                   fmt::format("list its ids under product_ids: {}: [...]", line));
    }
    def.product_lines.push_back(line);
  }
}

void ReadSex(const Fields& fields, MeasureDefinition& def) {
  const std::optional<std::string> sex = fields.String("sex");
  if (!sex || *sex == "any") return;
  if (*sex != "male" && *sex != "female") {
    fields.Error("sex", fmt::format("expected male, female or any, found '{}'", *sex));
    return;
  }
  def.sex = *sex;
}

AgeBand ReadBand(ReadContext& ctx, const YAML::Node& node, int index) {
  const Fields fields(ctx, node, fmt::format("band {}", index), {"id", "min", "max"});
  AgeBand band;
  if (!fields.is_map()) return band;
  if (fields.Require("id")) band.id = fields.Int("id", 0, 1000000).value_or(0);
  band.min = fields.Int("min", 0, 200).value_or(band.min);
  band.max = fields.Int("max", 0, 200).value_or(band.max);
  if (band.min > band.max) {
    fields.Error("max", fmt::format("max {} is below min {}", band.max, band.min));
  }
  return band;
}

void ReadBands(const Fields& fields, MeasureDefinition& def) {
  const std::optional<std::vector<YAML::Node>> items = fields.List("bands");
  int index = 0;
  for (const YAML::Node& item : items.value_or(std::vector<YAML::Node>{})) {
    const AgeBand band = ReadBand(fields.ctx(), item, ++index);
    for (const AgeBand& other : def.bands) {
      if (other.id == band.id) {
        fields.ctx().Error(item, fmt::format("band id {} appears twice", band.id));
      } else if (band.min <= other.max && other.min <= band.max) {
        fields.ctx().Error(item, fmt::format("band {} ({}-{}) overlaps band {} ({}-{})", band.id,
                                             band.min, band.max, other.id, other.min, other.max),
                           "a member falls in one band: make the age ranges disjoint");
      }
    }
    def.bands.push_back(band);
  }
}

CePeriod ReadPeriod(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "enrollment period",
                      {"from", "to", "max_gaps", "max_gap_days", "medicaid_max_gap_months"});
  CePeriod period;
  if (!fields.is_map()) return period;
  if (std::optional<WindowSpec> window = ReadWindowEnds(fields)) period.window = *window;
  period.max_gaps = fields.Int("max_gaps", 0, 366).value_or(period.max_gaps);
  period.max_gap_days = fields.Int("max_gap_days", 0, 366).value_or(period.max_gap_days);
  period.medicaid_max_gap_months =
      fields.Int("medicaid_max_gap_months", 0, 12).value_or(period.medicaid_max_gap_months);
  return period;
}

void ReadAnchor(const Fields& fields, ContinuousEnrollment& ce) {
  const std::optional<std::string> text = fields.String("anchor");
  if (!text) return;
  Result<WindowEnd> anchor = ParseWindowEnd(*text);
  if (!anchor.ok()) {
    fields.Error("anchor", anchor.status().message(), anchor.status().hint());
  } else if (anchor->kind == WindowEnd::Kind::kEarliest) {
    fields.Error("anchor", "the anchor date cannot be 'earliest'",
                 "write a date such as 12/31/MY, or birthday N");
  } else {
    ce.anchor = std::move(anchor).value();
  }
}

ContinuousEnrollment ReadEnrollment(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "enrollment",
                      {"periods", "anchor", "anchor_needs_benefits", "benefits", "non_reportable_coverage"});
  ContinuousEnrollment ce;
  ce.where = ReadContext::At(node);
  if (!fields.is_map()) return ce;
  if (fields.Require("periods")) {
    const std::optional<std::vector<YAML::Node>> periods = fields.List("periods");
    if (periods && periods->empty()) {
      fields.Error("periods", "the list is empty",
                   "list at least one period, or leave enrollment out for no CE requirement");
    }
    for (const YAML::Node& period : periods.value_or(std::vector<YAML::Node>{})) {
      ce.periods.push_back(ReadPeriod(ctx, period));
    }
  }
  ReadAnchor(fields, ce);
  ce.anchor_needs_benefits = fields.Bool("anchor_needs_benefits").value_or(true);
  if (fields.Has("benefits")) ce.benefits = fields.StringList("benefits").value_or(std::vector<std::string>{});
  for (const std::string& value : fields.StringList("non_reportable_coverage").value_or(std::vector<std::string>{})) {
    ce.non_reportable_coverage.push_back(util::Upper(value));
  }
  return ce;
}

void ReadDeath(ReadContext& ctx, const YAML::Node& node, const std::string& owner,
               Exclusion& exclusion) {
  const Fields fields(ctx, node, fmt::format("death of {}", owner), {"discharge_statuses"});
  exclusion.death = true;
  exclusion.discharge_statuses = fields.StringList("discharge_statuses").value_or(std::vector<std::string>{});
}

// The built-in sources of an exclusion and the window they look in.
void ReadBuiltIns(const Fields& fields, Exclusion& exclusion) {
  exclusion.enrollment_hospice_flag = fields.Bool("enrollment_hospice_flag").value_or(false);
  exclusion.monthly_hospice_flag = fields.Bool("monthly_hospice_flag").value_or(false);
  if (const YAML::Node* death = fields.Find("death")) {
    ReadDeath(fields.ctx(), *death, fields.what(), exclusion);
  }
  const bool has_built_in =
      exclusion.enrollment_hospice_flag || exclusion.monthly_hospice_flag || exclusion.death;
  if (const YAML::Node* window = fields.Find("window")) {
    if (!has_built_in) {
      fields.Error("window", "the window of an exclusion applies to its built-ins only "
                             "(enrollment_hospice_flag, monthly_hospice_flag, death)",
                   "put the window inside the event: event: {value_sets: [...], window: ...}");
    }
    exclusion.window = ReadWindow(fields.ctx(), *window, fmt::format("window of {}",
                                                                     fields.what()));
  }
  if (!has_built_in && !HasCriterion(fields) && fields.is_map()) {
    fields.ctx().Error(fields.where(), fmt::format("{} excludes nobody", fields.what()),
                       "give it a criterion (event, any_of, ...) or a built-in "
                       "(enrollment_hospice_flag, monthly_hospice_flag, death)");
  }
}

Exclusion ReadExclusion(ReadContext& ctx, const YAML::Node& node, int index) {
  const Fields fields(ctx, node, Named(node, "exclusion", index),
                      WithCriterionKinds({"id", "window", "report_date", "enrollment_hospice_flag",
                                          "monthly_hospice_flag", "death"}));
  Exclusion exclusion;
  exclusion.where = fields.where();
  if (!fields.is_map()) return exclusion;
  exclusion.id = ReadWord(fields, "id");
  if (std::optional<Criterion> criterion = ReadCriterionIn(fields, 1)) {
    exclusion.criterion = std::move(*criterion);
    exclusion.has_criterion = true;
  }
  ReadBuiltIns(fields, exclusion);
  exclusion.report_date = fields.Bool("report_date").value_or(true);
  return exclusion;
}

Numerator ReadNumerator(ReadContext& ctx, const YAML::Node& node, int index) {
  const Fields fields(ctx, node, Named(node, "numerator", index),
                      WithCriterionKinds({"id", "name", "date_flag"}));
  Numerator numerator;
  numerator.where = fields.where();
  if (!fields.is_map()) return numerator;
  numerator.id = ReadWord(fields, "id");
  numerator.name = fields.String("name").value_or("");
  if (fields.Has("date_flag")) numerator.date_flag = ReadWord(fields, "date_flag");
  if (std::optional<Criterion> criterion = ReadCriterionIn(fields, 1)) {
    numerator.criterion = std::move(*criterion);
  } else if (!HasCriterion(fields)) {
    ctx.Error(numerator.where, fmt::format("{} has no criterion", fields.what()),
              "add one of: event, most_recent, all_of, any_of, not, ref, age");
  }
  return numerator;
}

template <typename T, typename ReadOne>
std::vector<T> ReadList(const Fields& fields, std::string_view key, ReadOne read_one) {
  std::vector<T> items;
  int index = 0;
  for (const YAML::Node& node : fields.List(key).value_or(std::vector<YAML::Node>{})) {
    items.push_back(read_one(fields.ctx(), node, ++index));
  }
  return items;
}

void ReadPopulation(const Fields& fields, MeasureDefinition& def) {
  if (const YAML::Node* ids = fields.Find("product_ids")) ReadProductIds(fields.ctx(), *ids, def);
  ReadProductLines(fields, def);
  if (const YAML::Node* age = fields.Find("age")) {
    if (std::optional<AgeRange> range = ReadAgeRange(fields.ctx(), *age, "age", false)) {
      def.age_as_of = range->as_of;
      def.age_min = range->min;
      def.age_max = range->max;
    }
  }
  ReadSex(fields, def);
  ReadBands(fields, def);
  if (const YAML::Node* enrollment = fields.Find("enrollment")) {
    def.enrollment = ReadEnrollment(fields.ctx(), *enrollment);
  } else {
    def.enrollment.benefits.clear();  // no enrollment block: no benefit requirement either (BE=1)
  }
}

void ReadOutcomes(const Fields& fields, MeasureDefinition& def) {
  if (const YAML::Node* event = fields.Find("event")) {
    def.event = ReadCriterion(fields.ctx(), *event, "event (the denominator event)", 1);
  }
  def.exclusions = ReadList<Exclusion>(fields, "exclusions", ReadExclusion);
  if (fields.Require("numerators")) {
    def.numerators = ReadList<Numerator>(fields, "numerators", ReadNumerator);
    if (def.numerators.empty() && fields.List("numerators")) {
      fields.Error("numerators", "the list is empty", "a measure needs at least one numerator");
    }
  }
}

MeasureDefinition ReadMeasure(ReadContext& ctx, const YAML::Node& root) {
  const Fields fields(ctx, root, "the measure",
                      {"measure", "name", "inverse", "stays", "product_ids", "product_lines", "age", "sex",
                       "bands", "enrollment", "event", "exclusions", "numerators",
                       "numerators_require", "review"});
  MeasureDefinition def;
  def.file = ctx.file;
  if (!fields.is_map()) return def;
  def.id = ReadWord(fields, "measure");
  def.name = fields.String("name").value_or("");
  def.inverse = fields.Bool("inverse").value_or(false);
  if (std::optional<std::string> stays = fields.String("stays")) {
    if (*stays == "service_date") def.stays_by_service_date = true;
    else if (*stays != "any_day") {
      fields.Error("stays", fmt::format("expected any_day or service_date, found '{}'", *stays));
    }
  }
  ReadPopulation(fields, def);
  for (const std::string& flag : fields.StringList("numerators_require").value_or(std::vector<std::string>{})) {
    static constexpr std::string_view kPopulation[] = {"PL", "AG", "CE", "AD", "BE", "ED"};
    if (std::find(std::begin(kPopulation), std::end(kPopulation), flag) == std::end(kPopulation)) {
      fields.Error("numerators_require", fmt::format("'{}' is not a population flag", flag),
                   "list some of PL, AG, CE, AD, BE, ED");
    } else {
      def.numerators_require.push_back(flag);
    }
  }
  ReadOutcomes(fields, def);
  // `review:` holds a draft's notes for a person (docs/measure-drafting.md); the engine ignores
  // them, but they must be a list of strings so that a typo in the file is still reported.
  (void)fields.StringList("review");
  CheckIds(ctx, def);
  return def;
}

Result<MeasureDefinition> ReadText(std::string_view yaml, const std::string& name) {
  if (yaml.size() > kMaxMeasureFileBytes) {
    return Status::LimitExceeded(
               fmt::format("the measure file has {} bytes; the limit is {}", yaml.size(),
                           kMaxMeasureFileBytes),
               "a measure file is a few kilobytes; is this the right file?")
        .InFile(name);
  }
  HM_ASSIGN_OR_RETURN(const YAML::Node root, LoadYamlDocument(yaml, name));
  ReadContext ctx;
  ctx.file = name;
  MeasureDefinition def = ReadMeasure(ctx, root);
  HM_RETURN_IF_ERROR(ctx.diagnostics.Checkpoint());
  return def;
}

}  // namespace

Result<MeasureDefinition> ReadMeasureText(std::string_view yaml,
                                          const std::string& name_for_messages) {
  // yaml-cpp throws; nothing may cross the API. Its parse errors are handled in LoadYamlDocument, so
  // what reaches here is a bug (ours or yaml-cpp's) or memory running out.
  try {
    return ReadText(yaml, name_for_messages);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("out of memory while reading the measure file")
        .InFile(name_for_messages);
  } catch (const std::exception& error) {
    return Status::Internal(fmt::format("reading the measure file failed: {}", error.what()))
        .InFile(name_for_messages);
  }
}

Result<MeasureDefinition> ReadMeasureFile(const std::string& path) {
  // Refuse a huge file before reading it into memory; ReadFile reports a missing one.
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxMeasureFileBytes) {
    return Status::LimitExceeded(
               fmt::format("the measure file has {} bytes; the limit is {}", size,
                           kMaxMeasureFileBytes),
               "a measure file is a few kilobytes; is this the right file?")
        .InFile(path);
  }
  HM_ASSIGN_OR_RETURN(const std::string text, util::ReadFile(path));
  return ReadMeasureText(text, path);
}

}  // namespace hm::measure
