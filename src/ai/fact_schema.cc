// FactFromJson: a small reader that records the first problem and hands out defaults after it, so
// that each kind's parser is a list of fields rather than a ladder of early returns.
#include "ai/fact_schema.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "hedis_mockup/date.h"
#include "util/text.h"

namespace hm::ai {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// The string of a JSON string value without surrounding whitespace (get_ref: no temporary for
// Trim's view to outlive).
std::string Trimmed(const json& v) { return std::string(util::Trim(v.get_ref<const std::string&>())); }

class ObjectReader {
 public:
  ObjectReader(const json& j, int my) : j_(j), my_(my) {}

  // The value at `key`, or null when absent or null; records the key as known to this kind.
  const json& At(const char* key) {
    known_.insert(key);
    static const json kNull;
    const auto it = j_.find(key);
    return it == j_.end() ? kNull : *it;
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  bool Required(const char* key) {
    if (!At(key).is_null()) return true;
    Fail(fmt::format("'{}' is missing", key));
    return false;
  }

  std::string Str(const char* key, bool required = false) {
    if (required && !Required(key)) return {};
    const json& v = At(key);
    if (v.is_null()) return {};
    if (!v.is_string()) Fail(fmt::format("'{}' must be a string", key));
    return v.is_string() ? Trimmed(v) : std::string();
  }
  std::optional<long long> Int(const char* key, bool required, long long min, long long max) {
    if (required && !Required(key)) return std::nullopt;
    const json& v = At(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max) {
      Fail(fmt::format("'{}' must be an integer from {} to {}", key, min, max));
      return std::nullopt;
    }
    return v.get<long long>();
  }
  std::optional<bool> Bool(const char* key, bool required = false) {
    if (required && !Required(key)) return std::nullopt;
    const json& v = At(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_boolean()) Fail(fmt::format("'{}' must be true or false", key));
    return v.is_boolean() ? std::optional<bool>(v.get<bool>()) : std::nullopt;
  }
  std::optional<Date> DateAt(const char* key, bool required) {
    const std::string text = Str(key, required);
    if (text.empty()) return std::nullopt;
    Result<Date> date = ParseDate(text, my_);
    if (!date.ok()) Fail(fmt::format("'{}': {}", key, date.status().message()));
    return date.ok() ? std::optional<Date>(*date) : std::nullopt;
  }
  std::vector<std::string> Strings(const char* key) {
    std::vector<std::string> out;
    for (const json& item : Array(key)) {
      if (!item.is_string() || Trimmed(item).empty()) {
        Fail(fmt::format("'{}' must hold non-empty strings", key));
        return {};
      }
      out.push_back(Trimmed(item));
    }
    return out;
  }
  std::vector<Date> Dates(const char* key) {
    std::vector<Date> out;
    for (const json& item : Array(key)) {
      Result<Date> date = item.is_string() ? ParseDate(item.get<std::string>(), my_)
                                           : Result<Date>(Status::InvalidInput("not a string"));
      if (!date.ok()) {
        Fail(fmt::format("'{}': {}", key, date.status().message()));
        return {};
      }
      out.push_back(*date);
    }
    return out;
  }
  const json& Array(const char* key) {
    static const json kEmpty = json::array();
    const json& v = At(key);
    if (v.is_null()) return kEmpty;
    if (!v.is_array()) Fail(fmt::format("'{}' must be an array", key));
    return v.is_array() ? v : kEmpty;
  }
  // {"COLUMN": "value"}: the grammar writes column names upper case.
  std::map<std::string, std::string> Fields(const char* key) {
    std::map<std::string, std::string> out;
    const json& v = At(key);
    if (v.is_null()) return out;
    if (!v.is_object()) Fail(fmt::format("'{}' must be an object", key));
    for (auto it = v.begin(); v.is_object() && it != v.end(); ++it) {
      const std::string column = util::Upper(util::Trim(it.key()));
      if (column.empty() || !it.value().is_string() || Trimmed(it.value()).empty()) {
        Fail(fmt::format("'{}' must map column names to non-empty strings", key));
        return {};
      }
      out[column] = Trimmed(it.value());
    }
    return out;
  }
  Benefits BenefitsAt(const char* key) {
    Benefits out;
    for (const auto& [column, yn] : Fields(key)) {
      if (yn != "Y" && yn != "N") Fail(fmt::format("'{}': benefit values are \"Y\" or \"N\"", key));
      if (column == "OTHERS") out.others = yn == "Y";
      else out.flags[column] = yn == "Y";
    }
    return out;
  }
  std::vector<CodeRef> Codes(const char* key) {
    std::vector<CodeRef> out;
    for (const json& item : Array(key)) {
      // Named, not a temporary: the reader keeps a reference to the object it reads.
      const json object = item.is_object() ? item : json::object();
      ObjectReader code(object, my_);
      if (!item.is_object()) Fail(fmt::format("'{}' must hold objects", key));
      CodeRef ref{code.Str("system", true), code.Str("code", true)};
      Status status = code.Finish();
      if (!status.ok()) Fail(fmt::format("'{}': {}", key, status.message()));
      out.push_back(std::move(ref));
    }
    return out;
  }
  StatedSource Source() {
    const std::string source = util::Lower(Str("source"));
    if (source.empty()) return StatedSource::kUnstated;
    if (source == "primary") return StatedSource::kPrimary;
    if (source == "supplemental") return StatedSource::kSupplemental;
    Fail("'source' must be \"primary\" or \"supplemental\"");
    return StatedSource::kUnstated;
  }

  // The first problem, or a non-null field this kind does not read.
  Status Finish() const {
    if (!error_.empty()) return Status::InvalidInput(error_);
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!it.value().is_null() && !known_.contains(it.key())) {
        return Status::InvalidInput(fmt::format("'{}' is not a field of this kind", it.key()));
      }
    }
    return Status::Ok();
  }

 private:
  const json& j_;
  int my_;
  std::set<std::string> known_;
  std::string error_;
};

int AsInt(std::optional<long long> v, int fallback) { return v ? static_cast<int>(*v) : fallback; }

FactBody ReadGender(ObjectReader& r) {
  const std::string code = util::Upper(r.Str("gender", true));
  if (code.size() != 1 || std::string_view("MFOU").find(code[0]) == std::string_view::npos) {
    r.Fail("'gender' must be \"M\", \"F\", \"O\" or \"U\"");
    return GenderFact{};
  }
  return GenderFact{code[0]};
}

FactBody ReadAge(ObjectReader& r) {
  AgeFact f;
  f.years = AsInt(r.Int("years", true, 0, 150), 0);
  f.as_of = r.DateAt("as_of", true).value_or(Date());
  return f;
}

FactBody ReadAgeRange(ObjectReader& r) {
  AgeRangeFact f;
  f.min = AsInt(r.Int("min", true, 0, 150), 0);
  f.max = AsInt(r.Int("max", false, 0, 150), -1);
  if (f.max >= 0 && f.max < f.min) r.Fail("'max' is below 'min'");
  return f;
}

FactBody ReadProductLine(ObjectReader& r) {
  static const std::set<std::string> kLines = {"commercial", "medicaid", "medicare", "exchange"};
  const std::string line = util::Lower(r.Str("product_line", true));
  if (!kLines.contains(line)) r.Fail("'product_line' must be commercial, medicaid, medicare or exchange");
  return ProductLineFact{line};
}

FactBody ReadEnrollment(ObjectReader& r) {
  EnrollmentFact f;
  f.start = r.DateAt("start", false);
  f.end = r.DateAt("end", false);
  f.product_ids = r.Strings("product_ids");
  f.plan = r.Str("plan");
  f.coverage = util::Upper(r.Str("coverage"));
  if (!f.coverage.empty() && f.coverage != "PR" && f.coverage != "SR" && f.coverage != "SN") {
    r.Fail("'coverage' must be PR, SR or SN");
  }
  f.benefits = r.BenefitsAt("benefits");
  f.fields = r.Fields("fields");
  return f;
}

FactBody ReadGap(ObjectReader& r) {
  GapFact f;
  f.count = AsInt(r.Int("count", true, 0, 12), 0);
  f.days = AsInt(r.Int("days", false, 1, 366), 0);
  f.months = AsInt(r.Int("months", false, 1, 12), 0);
  if (f.count > 0 && (f.days > 0) == (f.months > 0)) r.Fail("a gap needs exactly one of 'days' and 'months'");
  if (f.count == 0 && (f.days > 0 || f.months > 0)) r.Fail("'count' 0 (no gaps) takes no length");
  return f;
}

FactBody ReadEvent(ObjectReader& r) {
  EventFact f;
  f.value_set = r.Str("value_set");
  f.dates = r.Dates("dates");
  f.count = AsInt(r.Int("count", false, 1, 100), 1);
  f.source = r.Source();
  f.denied = r.Bool("denied").value_or(false);
  f.codes = r.Codes("codes");
  f.value = r.Str("value");
  f.table = util::Upper(r.Str("table"));
  f.fields = r.Fields("fields");
  if (f.value_set.empty() && f.codes.empty()) r.Fail("an event needs 'value_set' or 'codes'");
  return f;
}

FactBody ReadDeath(ObjectReader& r) {
  DeathFact f;
  f.date = r.DateAt("date", true).value_or(Date());
  f.table = util::Upper(r.Str("table"));
  f.source = r.Source();
  f.denied = r.Bool("denied").value_or(false);
  f.fields = r.Fields("fields");
  return f;
}

FactBody ReadMonthly(ObjectReader& r) {
  MonthlyMembershipFact f;
  f.run_date = r.DateAt("run_date", false);
  f.hospice = r.Bool("hospice", true).value_or(false);
  f.fields = r.Fields("fields");
  return f;
}

FactBody ReadField(ObjectReader& r) {
  FieldFact f{util::Upper(r.Str("column", true)), r.Str("value", true)};
  return f;
}

FactBody ReadKind(const std::string& kind, ObjectReader& r) {
  if (kind == "gender") return ReadGender(r);
  if (kind == "age") return ReadAge(r);
  if (kind == "age_range") return ReadAgeRange(r);
  if (kind == "birth_date") return BirthDateFact{r.DateAt("date", true).value_or(Date())};
  if (kind == "product_line") return ReadProductLine(r);
  if (kind == "enrollment") return ReadEnrollment(r);
  if (kind == "gap") return ReadGap(r);
  if (kind == "continuous_enrollment") return ContinuousEnrollmentFact{r.Bool("enrolled", true).value_or(true)};
  if (kind == "enrolled_on") {
    EnrolledOnFact f{r.DateAt("date", true).value_or(Date()), r.Bool("enrolled").value_or(true)};
    return f;
  }
  if (kind == "benefit") return BenefitFact{r.BenefitsAt("benefits")};
  if (kind == "event") return ReadEvent(r);
  if (kind == "death") return ReadDeath(r);
  if (kind == "monthly_membership") return ReadMonthly(r);
  if (kind == "field") return ReadField(r);
  if (kind == "numerator") return NumeratorFact{r.Bool("compliant", true).value_or(true)};
  if (kind == "stated_flag") return StatedFlagFact{util::Upper(r.Str("key", true)), r.Bool("set", true).value_or(false)};
  r.Fail(fmt::format("unknown kind '{}'", kind));
  return GenderFact{};
}


// The union of the kinds' fields. Types are those FactFromJson accepts; "null" where a field is
// optional, so that a decoder that fills every property may write null for the absent ones.
ordered_json BuildSchema() {
  const ordered_json str = {{"type", {"string", "null"}}};
  const ordered_json integer = {{"type", {"integer", "null"}}};
  const ordered_json boolean = {{"type", {"boolean", "null"}}};
  const ordered_json strings = {{"type", {"array", "null"}}, {"items", {{"type", "string"}}}};
  const ordered_json map = {{"type", {"object", "null"}}, {"additionalProperties", {{"type", "string"}}}};
  const ordered_json codes = {
      {"type", {"array", "null"}},
      {"items", {{"type", "object"},
                 {"properties", {{"system", {{"type", "string"}}}, {"code", {{"type", "string"}}}}},
                 {"required", {"system", "code"}}}}};
  ordered_json kinds = ordered_json::array();
  for (const char* k : {"gender", "age", "age_range", "birth_date", "product_line", "enrollment", "gap",
                        "continuous_enrollment", "enrolled_on", "benefit", "event", "death",
                        "monthly_membership", "field", "numerator", "stated_flag"}) {
    kinds.push_back(k);
  }
  ordered_json props = {
      {"fragment", {{"type", "integer"}, {"minimum", 1}}},
      {"kind", {{"type", "string"}, {"enum", kinds}}},
      {"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
      {"gender", str}, {"years", integer}, {"as_of", str}, {"min", integer}, {"max", integer},
      {"date", str}, {"product_line", str}, {"start", str}, {"end", str}, {"product_ids", strings},
      {"plan", str}, {"coverage", str}, {"benefits", map}, {"fields", map}, {"count", integer},
      {"days", integer}, {"months", integer}, {"enrolled", boolean}, {"value_set", str},
      {"dates", strings}, {"source", str}, {"denied", boolean}, {"codes", codes}, {"value", str},
      {"table", str}, {"run_date", str}, {"hospice", boolean}, {"column", str},
      {"compliant", boolean}, {"key", str}, {"set", boolean}};
  ordered_json fact = {{"type", "object"},
                       {"properties", props},
                       {"required", {"fragment", "kind", "confidence"}},
                       {"additionalProperties", false}};
  return {{"type", "object"},
          {"properties", {{"facts", {{"type", "array"}, {"items", fact}, {"maxItems", kMaxFactsPerAnswer}}}}},
          {"required", {"facts"}},
          {"additionalProperties", false}};
}

}  // namespace

const ordered_json& AnswerSchema() {
  static const ordered_json kSchema = BuildSchema();
  return kSchema;
}

Result<AnswerFact> FactFromJson(const json& j, int measurement_year) {
  if (!j.is_object()) return Status::InvalidInput("a fact must be a JSON object");
  ObjectReader r(j, measurement_year);
  AnswerFact fact;
  fact.fragment = static_cast<std::size_t>(r.Int("fragment", true, 1, 1000).value_or(0));
  const json& confidence = r.At("confidence");
  if (!confidence.is_number() || !std::isfinite(confidence.get<double>()) ||
      confidence.get<double>() < 0 || confidence.get<double>() > 1) {
    r.Fail("'confidence' must be a number from 0 to 1");
  } else {
    fact.confidence = confidence.get<double>();
  }
  const std::string kind = r.Str("kind", true);
  if (!kind.empty()) fact.body = ReadKind(kind, r);
  HM_RETURN_IF_ERROR(r.Finish());
  return fact;
}

}  // namespace hm::ai
