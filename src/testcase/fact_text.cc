// Facts back into the grammar's words (Describe), names for JSON, and MY-relative dates. The
// words chosen here are the ones scenario_grammar.cc reads, so Describe followed by
// ReadScenarioText gives the fact back; fact_text_test.cc checks that for every kind of fact.
#include <fmt/format.h>

#include "hedis_mockup/testcases.h"
#include "testcase/scenario_vocabulary.h"

namespace hm {
namespace {

std::string YN(bool yes) { return yes ? "Y" : "N"; }

std::string Capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string DescribeBenefits(const Benefits& benefits) {
  std::vector<std::string> parts;
  if (benefits.others == true) parts.push_back("with all benefit");
  if (benefits.others == false && benefits.flags.empty()) parts.push_back("without any benefit");
  bool first = true;
  for (const auto& [column, yes] : benefits.flags) {
    const bool only = first && benefits.others == false;
    parts.push_back(fmt::format("{}{}={}", only ? "only " : "", column, YN(yes)));
    first = false;
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// A value with spaces, commas or quotes is double-quoted so the grammar reads it whole.
std::string FieldValue(const std::string& value) {
  if (value.find_first_of(" ,;'=:<>()") == std::string::npos && !value.empty()) return value;
  return "\"" + value + "\"";
}

std::string DescribeFields(const std::map<std::string, std::string>& fields) {
  std::vector<std::string> parts;
  for (const auto& [column, value] : fields) parts.push_back(column + "=" + FieldValue(value));
  return fmt::format("{}", fmt::join(parts, ", "));
}

void Join(std::string& out, const std::string& part) {
  if (part.empty()) return;
  if (!out.empty()) out += ", ";
  out += part;
}

std::string DescribeSource(StatedSource source, bool denied) {
  std::string out;
  if (source == StatedSource::kPrimary) out = "Primary";
  if (source == StatedSource::kSupplemental) out = "Suppl";
  if (denied) Join(out, "Denied");
  return out;
}

struct Describer {
  int my;

  std::string operator()(const GenderFact& f) const { return fmt::format("Gender={}", f.code); }
  std::string operator()(const AgeFact& f) const {
    if (f.as_of == *Date::FromYmd(my, 12, 31)) return fmt::format("AGE_END_REP_YR={}", f.years);
    return fmt::format("{} years as of {}", f.years, FormatMyDate(f.as_of, my));
  }
  std::string operator()(const AgeRangeFact& f) const {
    if (f.max < 0) return fmt::format("Age Range ({}+)", f.min);
    return fmt::format("Age Range ({}-{})", f.min, f.max);
  }
  std::string operator()(const BirthDateFact& f) const { return "DOB: " + FormatMyDate(f.date, my); }
  std::string operator()(const ProductLineFact& f) const { return Capitalized(f.line); }
  std::string operator()(const EnrollmentFact& f) const {
    std::string out = "Enrollment";
    if (f.start && f.end) out += ": " + FormatMyDate(*f.start, my) + " to " + FormatMyDate(*f.end, my);
    std::string details;
    if (!f.plan.empty()) Join(details, "Plan " + f.plan);
    if (!f.product_ids.empty()) Join(details, fmt::format("Product_ID={}", fmt::join(f.product_ids, " & ")));
    if (!f.coverage.empty()) Join(details, "Coverage_Indicator=" + f.coverage);
    Join(details, DescribeBenefits(f.benefits));
    Join(details, DescribeFields(f.fields));
    return details.empty() ? out : out + ", " + details;
  }
  std::string operator()(const GapFact& f) const {
    if (f.count == 0) return "no gaps";
    const bool days = f.days > 0;
    const int n = days ? f.days : f.months;
    return fmt::format("{} gap{} of {} {}{}", f.count, f.count == 1 ? "" : "s", n, days ? "day" : "month",
                       n == 1 ? "" : "s");
  }
  std::string operator()(const ContinuousEnrollmentFact& f) const {
    return f.enrolled ? "continuously enrolled in the measurement year"
                      : "not continuously enrolled in the measurement year";
  }
  std::string operator()(const EnrolledOnFact& f) const {
    return fmt::format("{}enrolled on {}", f.enrolled ? "" : "not ", FormatMyDate(f.date, my));
  }
  std::string operator()(const BenefitFact& f) const { return DescribeBenefits(f.benefits); }
  std::string operator()(const EventFact& f) const {
    std::string out;
    if (f.value_set.empty() && f.fields.contains("DISCH_STATUS")) {
      out += "DISCH_STATUS=" + f.fields.at("DISCH_STATUS");
    } else if (f.value_set.empty()) {
      out = "V:";
    } else if (f.count > 1) {
      out += fmt::format("{} {} visits", f.count, f.value_set);
    } else {
      out += f.value_set + " Value Set";
    }
    std::vector<std::string> dates;
    for (Date d : f.dates) dates.push_back(FormatMyDate(d, my));
    if (!dates.empty()) out += (f.value_set.empty() ? " on " : ": ") + fmt::format("{}", fmt::join(dates, " and "));
    std::string details = DescribeSource(f.source, f.denied);
    for (const CodeRef& code : f.codes) Join(details, testcase::CodeKeyFor(code.system) + "=" + code.code);
    if (!f.value.empty()) Join(details, "LAB_VALUE=" + f.value);
    auto fields = f.fields;
    if (f.value_set.empty()) fields.erase("DISCH_STATUS");
    Join(details, DescribeFields(fields));
    if (!details.empty()) out += (out.ends_with(":") ? " " : " -- ") + details;
    // The table last: named first on a line, it would be read as the table of the line above.
    if (!f.table.empty()) out += " from " + f.table;
    return out;
  }
  std::string operator()(const DeathFact& f) const {
    std::string out = "DECEASED_DT=" + FormatMyDate(f.date, my);
    std::string details = DescribeSource(f.source, f.denied);
    Join(details, DescribeFields(f.fields));
    if (!details.empty()) out += " -- " + details;
    if (!f.table.empty()) out += " from " + f.table;
    return out;
  }
  std::string operator()(const MonthlyMembershipFact& f) const {
    std::string out = fmt::format("Hospice={} in Monthly_mbr_in file", YN(f.hospice));
    if (f.run_date) out += " with Rundate=" + FormatMyDate(*f.run_date, my);
    const std::string fields = DescribeFields(f.fields);
    return fields.empty() ? out : out + ", " + fields;
  }
  std::string operator()(const FieldFact& f) const { return f.column + "=" + FieldValue(f.value); }
  std::string operator()(const NumeratorFact& f) const {
    return f.compliant ? "Numerator compliant" : "Not compliant to any Numerator";
  }
  std::string operator()(const StatedFlagFact& f) const {
    return fmt::format("{}={}", f.key, f.set ? 1 : 0);
  }
};

struct KindNamer {
  std::string_view operator()(const GenderFact&) const { return "gender"; }
  std::string_view operator()(const AgeFact&) const { return "age"; }
  std::string_view operator()(const AgeRangeFact&) const { return "age_range"; }
  std::string_view operator()(const BirthDateFact&) const { return "birth_date"; }
  std::string_view operator()(const ProductLineFact&) const { return "product_line"; }
  std::string_view operator()(const EnrollmentFact&) const { return "enrollment"; }
  std::string_view operator()(const GapFact&) const { return "gap"; }
  std::string_view operator()(const ContinuousEnrollmentFact&) const { return "continuous_enrollment"; }
  std::string_view operator()(const EnrolledOnFact&) const { return "enrolled_on"; }
  std::string_view operator()(const BenefitFact&) const { return "benefit"; }
  std::string_view operator()(const EventFact&) const { return "event"; }
  std::string_view operator()(const DeathFact&) const { return "death"; }
  std::string_view operator()(const MonthlyMembershipFact&) const { return "monthly_membership"; }
  std::string_view operator()(const FieldFact&) const { return "field"; }
  std::string_view operator()(const NumeratorFact&) const { return "numerator"; }
  std::string_view operator()(const StatedFlagFact&) const { return "stated_flag"; }
};

}  // namespace

std::string_view FactKindName(const FactBody& body) { return std::visit(KindNamer{}, body); }

std::string Describe(const FactBody& body, int measurement_year) {
  return std::visit(Describer{measurement_year}, body);
}

std::string FormatMyDate(Date date, int measurement_year) {
  const int offset = date.year() - measurement_year;
  if (offset < -9 || offset > 9) return fmt::format("{}/{}/{}", date.month(), date.day(), date.year());
  if (offset == 0) return fmt::format("{}/{}/MY", date.month(), date.day());
  return fmt::format("{}/{}/MY{:+d}", date.month(), date.day(), offset);
}

std::string_view StatusName(ScenarioStatus status) {
  switch (status) {
    case ScenarioStatus::kUnderstood:
      return "understood";
    case ScenarioStatus::kWithAssumptions:
      return "with_assumptions";
    case ScenarioStatus::kNeedsAttention:
      return "needs_attention";
  }
  return "needs_attention";
}

}  // namespace hm
