// The order of a synthesis, the member's demographics, and the measure's defaults.
#include <algorithm>

#include <fmt/format.h>

#include "compare/expectation_check.h"
#include "synthesize/member_builder.h"
#include "util/text.h"

namespace hm::synthesize {
namespace {

// The key names a numerator answers to in QA's expectations.
bool NamesNumerator(const std::string& key, const std::string& id, bool only_numerator) {
  if (key == util::Upper(id)) return true;
  return only_numerator && (key == "NUM" || key == "NE" || key == "NUMERATOR");
}

}  // namespace

std::string WhereIs(const Scenario& s) {
  if (s.sheet.empty()) return fmt::format("row {}", s.row);
  return fmt::format("sheet '{}' row {}", s.sheet, s.row);
}

Status MemberBuilder::Error(const std::string& what, std::string hint) const {
  return Status::InvalidInput(fmt::format("{} (member {}): {}", WhereIs(s_), s_.member_id, what),
                              std::move(hint));
}

// Whether the scenario expects `key` to be `set` (an expectation or a restated flag). Where the
// expectations name rows of two or more products ("Product_ID=2, AD=0 / Product_ID=11, AD=1"),
// items about one product's row steer nothing: the products differ, and the stated enrollment
// decides each. Rows of one product only are the member's.
bool MemberBuilder::Expects(const std::string& key, bool set) const {
  std::vector<bool> addressed = compare::AddressedItems(s_.expected);
  std::vector<std::string> products;
  for (const Expectation& e : s_.expected.items) {
    const std::string id = e.key == "PRODUCT_ID" ? ToString(e) : std::string();
    if (!id.empty() && std::find(products.begin(), products.end(), id) == products.end()) products.push_back(id);
  }
  if (products.size() < 2) addressed.assign(addressed.size(), false);
  for (std::size_t i = 0; i < s_.expected.items.size(); ++i) {
    const Expectation& e = s_.expected.items[i];
    if (e.key != key || addressed[i]) continue;
    if (const Flag* f = std::get_if<Flag>(&e.value)) return f->set == set;
    if (const std::int64_t* n = std::get_if<std::int64_t>(&e.value)) return (*n != 0) == set;
  }
  for (const StatedFlagFact* f : FactsOf<StatedFlagFact>(s_)) {
    if (util::Upper(f->key) == key && f->set == set) return true;
  }
  return false;
}

// Whether the scenario expects some numerator of the measure (NE1, SNE1 ...) and every one it
// expects is 0.
bool MemberBuilder::ExpectsNoNumerator(const Requirements& measure) const {
  bool any = false;
  for (const Requirements::Numerator& n : measure.numerators) {
    for (const std::string& key : {n.id, "S" + n.id}) {
      if (Expects(key, true)) return false;
      any = any || Expects(key, false);
    }
  }
  return any;
}

Result<Date> MemberBuilder::BirthDate() const {
  std::optional<Date> birth;
  for (const BirthDateFact* b : FactsOf<BirthDateFact>(s_)) birth = b->date;
  for (const AgeFact* a : FactsOf<AgeFact>(s_)) {
    if (birth) {
      const int age = AgeOn(*birth, a->as_of);
      if (age != a->years) {
        return Error(fmt::format("the age {} as of {} contradicts the birth date {} (age {} then)",
                                 a->years, a->as_of.ToUs(), birth->ToUs(), age),
                     "state the age or the birth date, or make them agree");
      }
      continue;
    }
    Result<Date> from_age = BirthDateForAge(a->years, a->as_of);
    if (!from_age.ok()) return Error(from_age.status().message());
    birth = *from_age;
  }
  if (birth) return *birth;
  // The age the analyst expects reported (AGE_END_REP_YR=77) says the age as of Dec 31 of the MY.
  for (const Expectation& e : s_.expected.items) {
    const std::int64_t* years = std::get_if<std::int64_t>(&e.value);
    if (e.key != "AGE_END_REP_YR" || years == nullptr) continue;
    Result<Date> from_age = BirthDateForAge(static_cast<int>(*years), *Date::FromYmd(in_.measurement_year, 12, 31));
    if (from_age.ok()) return *from_age;
  }
  // No age stated: the middle of the stated range, else of the measure's ages (capped at 20
  // years above the minimum for open ranges such as "66 and older").
  const Requirements measure = in_.measure->RequirementsFor(Date::FromYmd(in_.measurement_year - 40, 7, 1).value());
  int low = measure.age_min, high = std::min(measure.age_max, measure.age_min + 20);
  for (const AgeRangeFact* r : FactsOf<AgeRangeFact>(s_)) {
    low = r->min;
    high = r->max < 0 ? r->min : r->max;
    // An open range ("Age Range (17+)") leaves the age free above its minimum: the first age there
    // outside the measure's (18 for WCC's 3-17) when AG=0 is expected, or when AG is unsaid and
    // every numerator expected is 0 (QA's WCC_NE3_08: "Age Range (17+)" with a counseling in the
    // MY and NE3=0, as its four siblings that say AG=0).
    const bool outside = Expects("AG", false) || (!Expects("AG", true) && ExpectsNoNumerator(measure));
    if (r->max < 0 && outside && measure.age_max < 120 && measure.age_max + 1 >= r->min) {
      low = high = measure.age_max + 1;
    }
  }
  // AG=0 expected and no age stated: just outside the measure's ages.
  if (Expects("AG", false) && FactsOf<AgeRangeFact>(s_).empty()) {
    low = high = measure.age_max < 120 ? measure.age_max + 1 : std::max(0, measure.age_min - 1);
  }
  Result<Date> birth_for_range = BirthDateForAge(low + (high - low) / 2, measure.age_as_of);
  if (!birth_for_range.ok()) return Error(birth_for_range.status().message());
  return *birth_for_range;
}

Status MemberBuilder::Demographics() {
  hm::Demographics& d = out_.timeline.demographics;
  HM_ASSIGN_OR_RETURN(d.birth_date, BirthDate());
  req_ = in_.measure->RequirementsFor(d.birth_date);
  d.sex = req_.sex.value_or(Sex::kFemale);
  for (const GenderFact* g : FactsOf<GenderFact>(s_)) {
    d.sex = ParseSex(std::string(1, g->code)).value_or(Sex::kUnknown);
  }
  return Status::Ok();
}

Status MemberBuilder::Deaths() {
  for (const DeathFact* death : FactsOf<DeathFact>(s_)) {
    out_.timeline.demographics.death_date = death->date;
    const std::optional<SourceTable> table =
        death->table.empty() ? std::nullopt : ParseSourceTable(death->table);
    if (table == SourceTable::kEmr) out_.death_table = SourceTable::kEmr;
  }
  return Status::Ok();
}

// A column of the member's rows: MEMBER_IN's when it has one, else every span's, else every
// monthly row's; else noted and left out.
Status MemberBuilder::Fields() {
  const auto has = [&](SourceTable t, const std::string& column) {
    const LayoutTable* table = in_.layout->Find(t);
    return table != nullptr && table->Find(column) != nullptr;
  };
  for (const FieldFact* f : FactsOf<FieldFact>(s_)) {
    if (has(SourceTable::kMember, f->column)) {
      out_.timeline.demographics.extra[f->column] = f->value;
    } else if (has(SourceTable::kEnrollment, f->column)) {
      for (EnrollmentSpan& span : out_.timeline.enrollment) span.extra[f->column] = f->value;
    } else if (has(SourceTable::kMonthlyMembership, f->column)) {
      for (MonthlyMembership& m : out_.timeline.monthly) m.extra[f->column] = f->value;
    } else {
      // The reader kept it as an assumption already; it has nowhere to go in these tables.
      out_.defaults.push_back(fmt::format("{}={} not written: no table of the layout has the column",
                                          f->column, f->value));
    }
  }
  return Status::Ok();
}

Status MemberBuilder::Monthly() {
  for (const MonthlyMembershipFact* f : FactsOf<MonthlyMembershipFact>(s_)) {
    if (!f->run_date) return Error("a monthly membership row needs its run date", "add 'Rundate=M/D/MY'");
    MonthlyMembership m;
    m.run_date = *f->run_date;
    m.payment_date = Date::FromYmd(f->run_date->year(), f->run_date->month(), 1);
    m.hospice = f->hospice;
    for (const auto& [column, value] : f->fields) {
      const std::string key = util::Upper(column);
      if (key == "PLAN" || key == "PLAN_ID") m.plan_id = value;
      else if (key == "FILE_ID") m.file_id = value;
      else if (key == "LTI") m.lti = util::Upper(value) == "Y";
      else m.extra[key] = value;
    }
    out_.timeline.monthly.push_back(std::move(m));
  }
  return Status::Ok();
}

// What the measure needs that the scenario did not state: the denominator's events unless the
// scenario expects ED=0, and each numerator's events when the scenario expects it met.
Status MemberBuilder::DefaultEvents() {
  if (!Expects("ED", false)) {
    for (const EventRequirement& r : req_.denominator) {
      if (StatedAny(r.value_sets)) continue;
      HM_RETURN_IF_ERROR(AddRequired(r, "the measure's denominator event", false));
    }
  }
  bool compliant = false, not_compliant = false;
  for (const NumeratorFact* n : FactsOf<NumeratorFact>(s_)) (n->compliant ? compliant : not_compliant) = true;
  const bool only = req_.numerators.size() == 1;
  for (const Requirements::Numerator& n : req_.numerators) {
    bool met = compliant, supplemental = false;
    for (const Expectation& e : s_.expected.items) {
      const Flag* flag = std::get_if<Flag>(&e.value);
      if (flag == nullptr || !flag->set) continue;
      if (NamesNumerator(e.key, n.id, only)) met = true;
      if (NamesNumerator(e.key, "S" + n.id, false) || (only && e.key == "SNE")) met = supplemental = true;
    }
    if (!met || not_compliant) continue;
    for (const EventRequirement& r : n.events) {
      if (StatedAny(r.value_sets)) continue;
      HM_RETURN_IF_ERROR(AddRequired(r, fmt::format("numerator {}", n.id), supplemental));
    }
  }
  return Status::Ok();
}

Result<SynthesizedMember> MemberBuilder::Build(const std::string& member_id) {
  out_.timeline.demographics.member_id = member_id;
  HM_RETURN_IF_ERROR(Demographics());
  HM_RETURN_IF_ERROR(Enrollment());
  HM_RETURN_IF_ERROR(Monthly());
  HM_RETURN_IF_ERROR(Fields());
  HM_RETURN_IF_ERROR(Deaths());
  HM_RETURN_IF_ERROR(Events());
  HM_RETURN_IF_ERROR(DefaultEvents());
  // Keep the value-set tags with their events through the sort.
  std::vector<std::size_t> order(out_.timeline.events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out_.timeline.events[a].date < out_.timeline.events[b].date;
  });
  std::vector<CodedEvent> events;
  std::vector<std::string> tags;
  for (std::size_t i : order) {
    events.push_back(std::move(out_.timeline.events[i]));
    tags.push_back(std::move(out_.event_value_sets[i]));
  }
  out_.timeline.events = std::move(events);
  out_.event_value_sets = std::move(tags);
  out_.timeline.SortEnrollment();
  return std::move(out_);
}

Result<SynthesizedMember> Synthesize(const Scenario& scenario, const std::string& member_id,
                                     std::uint64_t claim_base, const SynthesisInputs& inputs) {
  MemberBuilder builder(scenario, inputs, claim_base);
  return builder.Build(member_id);
}

}  // namespace hm::synthesize
