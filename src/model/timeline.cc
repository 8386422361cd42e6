#include "hedis_mockup/timeline.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "util/text.h"

namespace hm {
namespace {

// A name and the spellings that mean it, already in util::NameKey form.
template <typename E>
struct Names {
  E value;
  std::string_view name;
  std::array<std::string_view, 8> keys;
};

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<Names<E>, N>& table, std::string_view text) {
  const std::string key = util::NameKey(text);
  if (key.empty()) return std::nullopt;
  for (const Names<E>& entry : table) {
    if (util::NameKey(entry.name) == key) return entry.value;
    for (std::string_view k : entry.keys) {
      if (!k.empty() && k == key) return entry.value;
    }
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<Names<E>, N>& table, E value) {
  return table[static_cast<std::size_t>(value)].name;
}

constexpr std::array<Names<Sex>, 4> kSexes = {{
    {Sex::kUnknown, "U", {"unknown", "unk", "u"}},
    {Sex::kMale, "M", {"male", "man", "m"}},
    {Sex::kFemale, "F", {"female", "woman", "f"}},
    {Sex::kOther, "O", {"other", "o", "x", "nonbinary"}},
}};

constexpr std::array<Names<ProductLine>, 5> kProductLines = {{
    {ProductLine::kUnknown, "Unknown", {"unk"}},
    {ProductLine::kCommercial, "Commercial", {"com", "comm", "cep", "hmo", "pos", "ppo"}},
    {ProductLine::kMedicaid, "Medicaid", {"mcd", "md", "mde", "mli", "mrb"}},
    {ProductLine::kMedicare, "Medicare", {"mcr", "mcs", "mp", "mc", "sn1", "sn2", "sn3"}},
    {ProductLine::kExchange, "Exchange", {"marketplace", "mkt", "mep", "mmo", "mos", "mpo"}},
}};

// Keys are given without the "ben" prefix; ParseBenefit strips it from the text.
constexpr std::array<Names<Benefit>, kBenefitCount> kBenefits = {{
    {Benefit::kMedical, "BEN_MEDICAL", {"medical", "med"}},
    {Benefit::kMedicalInpatient, "BEN_MED_INP", {"medinp", "medicalinpatient"}},
    {Benefit::kMedicalIntensive,
     "BEN_MED_INT",
     {"medint", "medicalintensive", "medicalintensiveoutpatient"}},
    {Benefit::kMedicalAmbulatory,
     "BEN_MED_AMB",
     {"medamb", "medicalambulatory", "medicaloutpatient"}},
    {Benefit::kDental, "BEN_DENT", {"dent", "dental"}},
    {Benefit::kPharmacy, "BEN_RX", {"rx", "pharmacy", "drug", "pharm"}},
    {Benefit::kMentalHealthInpatient,
     "BEN_MH_INP",
     {"mhinp", "mhinpatient", "mentalhealthinpatient"}},
    {Benefit::kMentalHealthIntensive,
     "BEN_MH_INT",
     {"mhint", "mhintensive", "mentalhealthintensive", "mentalhealthintensiveoutpatient"}},
    {Benefit::kMentalHealthAmbulatory,
     "BEN_MH_AMB",
     {"mhamb", "mhambulatory", "mhoutpatient", "mentalhealthambulatory", "mentalhealthoutpatient"}},
    {Benefit::kChemDepInpatient,
     "BEN_CD_INP",
     {"cdinp", "cdinpatient", "chemicaldependencyinpatient"}},
    {Benefit::kChemDepIntensive,
     "BEN_CD_INT",
     {"cdint", "cdintensive", "chemicaldependencyintensive",
      "chemicaldependencyintensiveoutpatient"}},
    {Benefit::kChemDepAmbulatory,
     "BEN_CD_AMB",
     {"cdamb", "cdambulatory", "cdoutpatient", "chemicaldependencyambulatory",
      "chemicaldependencyoutpatient"}},
    {Benefit::kChemDepAmp, "BEN_CD_AMP", {"cdamp"}},
    {Benefit::kHospice, "BEN_HOSPICE", {"hospice"}},
    {Benefit::kEsrd, "BEN_ESRD", {"esrd"}},
    {Benefit::kOther, "BEN_OS", {"os", "otherservices"}},
}};

constexpr std::array<Names<DataSource>, 3> kDataSources = {{
    {DataSource::kClaim,
     "claim",
     {"primary", "primarysource", "administrative", "admin", "claims"}},
    {DataSource::kSupplemental,
     "supplemental",
     {"suppl", "supple", "supp", "supplsource", "supplesource", "supplementalsource",
      "supplementaldata"}},
    {DataSource::kEmr, "emr", {"ehr", "ecds", "emrsource"}},
}};

constexpr std::array<Names<SourceTable>, 7> kTables = {{
    {SourceTable::kMember, "MEMBER_IN", {"member", "mem", "memberin", "demographics"}},
    {SourceTable::kEnrollment,
     "ENROLLMENT_IN",
     {"enrollment", "enrollmentin", "enr", "eligibility"}},
    {SourceTable::kVisit, "VISIT_IN", {"visit", "visitin", "claim", "claims", "encounter"}},
    {SourceTable::kLab, "LAB_IN", {"lab", "labin", "labs"}},
    {SourceTable::kPharmacy, "RX_IN", {"rx", "rxin", "pharmacy", "pharm", "pharmacyin"}},
    {SourceTable::kEmr, "EMR_IN", {"emr", "emrin", "ehr"}},
    {SourceTable::kMonthlyMembership,
     "MONTHLY_MBR_IN",
     {"monthlymbrin", "monthlymemin", "monthlymembership", "monthlymbr", "monthlymem", "mmdf",
      "mmr"}},
}};

// True if a range starting at `next_start` overlaps `range` or starts the day after it ends.
// Compares day numbers so that Date::Max() + 1 never has to exist as a Date.
bool Touches(const DateRange& range, Date next_start) {
  return static_cast<std::int64_t>(next_start.days()) <=
         static_cast<std::int64_t>(range.last.days()) + 1;
}

}  // namespace

std::optional<Sex> ParseSex(std::string_view text) { return Lookup(kSexes, text); }
std::string_view SexCode(Sex sex) { return NameOf(kSexes, sex); }

std::optional<ProductLine> ParseProductLine(std::string_view text) {
  return Lookup(kProductLines, text);
}
std::string_view ProductLineName(ProductLine line) { return NameOf(kProductLines, line); }

std::string_view BenefitColumn(Benefit benefit) { return NameOf(kBenefits, benefit); }

std::optional<Benefit> ParseBenefit(std::string_view text) {
  std::string key = util::NameKey(text);
  if (key.starts_with("ben") && key.size() > 3) key.erase(0, 3);
  return Lookup(kBenefits, key);
}

std::string_view DataSourceName(DataSource source) { return NameOf(kDataSources, source); }
std::optional<DataSource> ParseDataSource(std::string_view text) {
  return Lookup(kDataSources, text);
}

std::string_view SourceTableName(SourceTable table) { return NameOf(kTables, table); }
std::optional<SourceTable> ParseSourceTable(std::string_view text) { return Lookup(kTables, text); }

bool SpanFilter::Matches(const EnrollmentSpan& span) const {
  if (!span.benefits.HasAll(benefits)) return false;
  if (product_line && span.product_line != *product_line) return false;
  return product_id.empty() || span.product_id == product_id;
}

Date MonthlyMembership::Month() const {
  const Date day = payment_date.value_or(run_date);
  return *Date::FromYmd(day.year(), day.month(), 1);
}

void MemberTimeline::SortEvents() {
  std::stable_sort(events.begin(), events.end(), [](const CodedEvent& a, const CodedEvent& b) {
    const DateRange da = a.days();
    const DateRange db = b.days();
    if (da.first != db.first) return da.first < db.first;
    if (da.last != db.last) return da.last < db.last;
    return a.table < b.table;
  });
}

void MemberTimeline::SortEnrollment() {
  std::stable_sort(enrollment.begin(), enrollment.end(),
                   [](const EnrollmentSpan& a, const EnrollmentSpan& b) {
                     return a.start != b.start ? a.start < b.start : a.end < b.end;
                   });
}

bool MemberTimeline::IsEnrolledOn(Date day, const SpanFilter& filter) const {
  return std::any_of(enrollment.begin(), enrollment.end(), [&](const EnrollmentSpan& span) {
    return span.days().Contains(day) && filter.Matches(span);
  });
}

std::vector<DateRange> MemberTimeline::CoveredWithin(DateRange period,
                                                     const SpanFilter& filter) const {
  std::vector<DateRange> clipped;
  for (const EnrollmentSpan& span : enrollment) {
    const DateRange part{std::max(span.start, period.first), std::min(span.end, period.last)};
    if (!part.empty() && filter.Matches(span)) clipped.push_back(part);
  }
  std::sort(clipped.begin(), clipped.end(),
            [](const DateRange& a, const DateRange& b) { return a.first < b.first; });
  std::vector<DateRange> merged;
  for (const DateRange& part : clipped) {
    if (!merged.empty() && Touches(merged.back(), part.first)) {
      merged.back().last = std::max(merged.back().last, part.last);
    } else {
      merged.push_back(part);
    }
  }
  return merged;
}

std::vector<DateRange> MemberTimeline::GapsWithin(DateRange period,
                                                  const SpanFilter& filter) const {
  std::vector<DateRange> gaps;
  if (period.empty()) return gaps;
  // Covered ranges lie inside `period`, so the day before or after one is a valid Date whenever
  // it is still inside `period`.
  Date next_uncovered = period.first;
  bool done = false;
  for (const DateRange& covered : CoveredWithin(period, filter)) {
    if (next_uncovered < covered.first) gaps.push_back({next_uncovered, covered.first - 1});
    if (covered.last >= period.last) {
      done = true;
      break;
    }
    next_uncovered = covered.last + 1;
  }
  if (!done) gaps.push_back({next_uncovered, period.last});
  return gaps;
}

}  // namespace hm
