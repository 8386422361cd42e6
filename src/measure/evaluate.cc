// Evaluating a compiled measure over one member's timeline: every component flag with the reason
// in words and the records behind it. The flag semantics follow what QA's workbooks check:
//   PL  the member's product line at the end of the CE period is one the measure reports
//   AG  the age as of the measure's date is in range (and the sex, when the measure has one)
//   CE  every CE period has at most its allowed gaps, none longer than allowed (any coverage)
//   BE  the same, counting only coverage that holds the required benefits
//   AD  enrolled, with the required benefits, on the anchor date
//   ED  the denominator event (1 when the measure has none)
//   RE  a required exclusion; HOSPICE_EXCL and DECEASED_EXCL for the ids "hospice", "deceased"
//   NE  a numerator met with all the data and also without supplemental data; SNE met with all
//       the data but not without the supplemental records
// Gap lengths are uncovered days: coverage to 10/1 and again from 11/15 is a gap of 44 days.
#include <algorithm>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>

#include "measure/compile.h"
#include "measure/compiled.h"
#include "util/text.h"

namespace hm::measure {
namespace {

// What a criterion found: whether it is met, the date it was met on, and the records.
struct Match {
  bool met = false;
  std::optional<Date> date;
  bool supplemental_only = false;
  std::vector<const CodedEvent*> evidence;
  std::string why;  // a short phrase for the reason
};

std::string Range(DateRange r) { return r.first.ToIso() + ".." + r.last.ToIso(); }

bool Passes(const ValueTest& test, double value) {
  switch (test.op) {
    case ValueTest::Op::kLess: return value < test.threshold;
    case ValueTest::Op::kLessEqual: return value <= test.threshold;
    case ValueTest::Op::kGreater: return value > test.threshold;
    case ValueTest::Op::kGreaterEqual: return value >= test.threshold;
    case ValueTest::Op::kEqual: return value == test.threshold;
  }
  return false;
}

// "PSA Lab Test: CPT 84153 on 2026-03-15 (LAB_IN row 7, supplemental)". `row` is the event's
// table row when the timeline was read from tables.
std::string Cite(const CodedEvent& e, const std::string& label, const RowRef* row) {
  std::string where = row != nullptr ? row->ToString() : std::string(SourceTableName(e.table));
  if (e.source == DataSource::kSupplemental) where += ", supplemental";
  if (e.claim_status == ClaimStatus::kDenied) where += ", denied";
  std::string value;
  if (e.value) value = fmt::format(" value {}", *e.value);
  return fmt::format("{}: {} {} on {}{} ({})", label, CodeSystemName(e.system), e.code_as_written.empty() ? e.code : e.code_as_written,
                     e.date.ToIso(), value, where);
}

// An event whose code is in some value set of the measure, with the code's id, and what the
// criteria test copied out of the event, so that their loops stay in one small array.
struct Coded {
  const CodedEvent* event;
  std::int32_t id;
  Date date;
  Date last;  // the last day of a stay (DISCH_DT), else the date
  DataSource source;
  bool denied;
  bool lab_diagnosis;  // a diagnosis on a claim billed with place of service 81
};

bool IsDiagnosis(CodeSystem system) {
  return system == CodeSystem::kIcd10Cm || system == CodeSystem::kIcd9Cm || system == CodeSystem::kSnomedCt;
}

// Whether `e` is on a claim whose place of service is 81 (independent laboratory): a POS code
// of the same table, claim and day. The POS is a code of its own in the timeline (a column of the
// claim row), so it is found beside the event rather than on it.
bool OnLabClaim(const CodedEvent& e, const std::vector<const CodedEvent*>& lab_pos) {
  for (const CodedEvent* pos : lab_pos) {
    if (pos->table == e.table && pos->date == e.date && pos->claim_id == e.claim_id) return true;
  }
  return false;
}

class Evaluator {
 public:
  Evaluator(const CompiledMeasure::Impl& m, const MemberTimeline& t, const MemberRows* rows,
            bool explain, std::vector<std::int32_t>& values)
      : m_(m), t_(t), rows_(rows), explain_(explain), birth_(t.demographics.birth_date),
        birthdays_(t.demographics.birth_date), values_(values) {
    // Each event's code, looked up once for every criterion of the measure; the criteria visit
    // only the events whose code is in some value set of the measure.
    coded_.clear();
    std::vector<const CodedEvent*>& lab_pos = lab_pos_;
    lab_pos.clear();
    for (const CodedEvent& e : t.events) {
      if (e.system == CodeSystem::kPos && e.code == "81") lab_pos.push_back(&e);
    }
    const bool by_service_date = m.definition.stays_by_service_date;
    for (const CodedEvent& e : t.events) {
      const std::int32_t id = m.code_ids.Find(e.system, e.code);
      if (id < 0) continue;
      coded_.push_back({&e, id, e.date, by_service_date ? e.date : e.end_date.value_or(e.date), e.source,
                        e.claim_status == ClaimStatus::kDenied,
                        !lab_pos.empty() && IsDiagnosis(e.system) && OnLabClaim(e, lab_pos)});
      has_supplemental_ = has_supplemental_ || e.source == DataSource::kSupplemental;
    }
  }

  // Fills values() (and, when explaining, reasons and evidence).
  void Run();
  const std::vector<std::int32_t>& values() const { return values_; }
  MemberResult Result() &&;

 private:
  // Setting a flag stores its value; the reason and evidence are built only when explaining.
  void Set(int slot, std::int32_t value, std::string_view reason = {}) {
    if (slot < 0) return;
    values_[static_cast<std::size_t>(slot)] = value;
    if (explain_) reasons_[static_cast<std::size_t>(slot)] = reason;
  }
  void SetFlag(int slot, bool value, std::string_view why,
               const std::vector<const CodedEvent*>& records = {}, std::string_view label = {}) {
    if (slot < 0) return;
    values_[static_cast<std::size_t>(slot)] = value ? 1 : 0;
    if (explain_) ExplainFlag(slot, value, why, records, label);
  }
  void ExplainFlag(int slot, bool value, std::string_view why,
                   const std::vector<const CodedEvent*>& records, std::string_view label);
  void SetDate(int slot, std::optional<Date> date, std::string_view why);
  static bool Usable(const Coded& e, const SourceRule& rule, bool allow_supplemental);
  Match Eval(const CompiledCriterion& c, bool allow_supplemental);
  Match EvalEvent(const CompiledCriterion& c, bool allow_supplemental);
  bool ValuePasses(const CompiledCriterion& c, const CodeSet& codes, const Coded& coded,
                   bool allow_supplemental) const;
  Match EvalMostRecent(const CompiledCriterion& c, bool allow_supplemental);
  Match EvalNamed(int index, bool allow_supplemental);
  Match EvalAllOf(const CompiledCriterion& c, bool allow_supplemental);
  Match EvalAnyOf(const CompiledCriterion& c, bool allow_supplemental);
  Match EvalNot(const CompiledCriterion& c, bool allow_supplemental);
  Match EvalMonthly(const CompiledCriterion& c);
  Match EvalAge(const CompiledCriterion& c);
  void ProductLineFlag();
  void AgeFlags();
  void EnrollmentFlags();
  DateRange EnrollmentWindow();
  std::vector<std::pair<std::string, std::string>> RowKeys(bool reported_only);
  std::vector<ProductRow> ProductRows(bool& reported);
  void RowFlags(ProductRow& row, const std::string* plan);
  bool PlanFlagsMeet(const CompiledExclusion& e, const std::string& plan);
  void Exclusions();
  void Numerators();
  std::string GapsText(const std::vector<DateRange>& gaps) const;
  // `plan`: only spans of this FILE_ID (a row per plan); null: any.
  const std::vector<DateRange>& GapsWithin(DateRange period, const SpanFilter& filter,
                                           const std::string* plan = nullptr) const;
  bool PeriodsOk(const SpanFilter& filter, const std::string* plan, std::string* why);
  bool PeriodOk(const CompiledPeriod& p, const std::vector<DateRange>& gaps) const;

  // The table row of an event of t_, when known.
  const RowRef* RowOf(const CodedEvent* e) const {
    if (rows_ == nullptr || e < t_.events.data() || e >= t_.events.data() + t_.events.size()) {
      return nullptr;
    }
    const std::size_t index = static_cast<std::size_t>(e - t_.events.data());
    return index < rows_->events.size() ? &rows_->events[index] : nullptr;
  }

  // Reason text is built as `explain_ ? fmt::format(...) : std::string()`, so that bulk evaluation
  // evaluates none of the arguments (dates as text, ranges).


  const CompiledMeasure::Impl& m_;
  const MemberTimeline& t_;
  const MemberRows* rows_;
  bool explain_;  // false: values only, no reasons or evidence (bulk evaluation)
  Date birth_;
  Birthdays birthdays_;
  // Scratch reused across members on a thread: bulk evaluation allocates nothing per member here.
  // The member's events whose code is in some value set of the measure, with the code's id.
  static thread_local std::vector<Coded> coded_;
  static thread_local std::vector<const CodedEvent*> hits_;
  static thread_local std::vector<const CodedEvent*> lab_pos_;  // POS 81 codes of the member
  static thread_local std::vector<DateRange> covered_, gaps_;
  std::vector<std::int32_t>& values_;  // per flag slot
  std::vector<std::string> reasons_;   // per flag slot, when explaining
  std::vector<std::vector<std::string>> evidence_;
  ProductLine line_ = ProductLine::kUnknown;
  bool has_supplemental_ = false;  // among coded_
  // Exclusions met only through a plan's own flags (BEN_HOSPICE on a span, HOSPICE in monthly
  // membership): in rows per plan, each plan has its own. Any other exclusion met holds for every
  // row (exclusion_by_data_).
  std::vector<const CompiledExclusion*> plan_flag_exclusions_;
  bool exclusion_by_data_ = false;
};

void Evaluator::ExplainFlag(int slot, bool value, std::string_view why,
                            const std::vector<const CodedEvent*>& records, std::string_view label) {
  const std::size_t i = static_cast<std::size_t>(slot);
  std::vector<std::string>& evidence = evidence_[i];
  evidence.clear();
  for (const CodedEvent* e : records) evidence.push_back(Cite(*e, std::string(label), RowOf(e)));
  reasons_[i] = fmt::format("{}={}: {}", m_.flag_names[i], value ? 1 : 0, why);
}

void Evaluator::SetDate(int slot, std::optional<Date> date, std::string_view why) {
  if (slot < 0) return;
  const std::string& name = m_.flag_names[static_cast<std::size_t>(slot)];
  Set(slot, date ? date->days() : CompiledMeasure::kNullFlag,
      (explain_ ? fmt::format("{}={}: {}", name, date ? date->ToIso() : "NULL", why) : std::string()));
}

bool Evaluator::Usable(const Coded& e, const SourceRule& rule, bool allow_supplemental) {
  if (e.denied && !rule.include_denied) return false;
  if (e.lab_diagnosis && !rule.lab_claim_diagnoses) return false;
  if (!rule.excluded_provider_types.empty() &&
      std::find(rule.excluded_provider_types.begin(), rule.excluded_provider_types.end(),
                e.event->provider_type) != rule.excluded_provider_types.end()) {
    return false;
  }
  switch (e.source) {
    case DataSource::kClaim: return rule.claims;
    case DataSource::kSupplemental: return rule.supplemental && allow_supplemental;
    case DataSource::kEmr: return rule.emr;
  }
  return false;
}

// Whether `coded` passes the criterion's value test: on its own value or, when it has none and the
// criterion allows it, on the value of an event of the same value sets at most value_within_days
// days away (QA's PSA engine pairs a test without a result with the result recorded up to 7 days
// before or after it: PSA_RE_PLTEVS_LAB_TEST_03 to _06).
bool Evaluator::ValuePasses(const CompiledCriterion& c, const CodeSet& codes, const Coded& coded,
                            bool allow_supplemental) const {
  if (coded.event->value) return Passes(*c.value, *coded.event->value);
  if (c.value_within_days <= 0) return false;
  return std::any_of(coded_.begin(), coded_.end(), [&](const Coded& o) {
    return o.event->value && codes.Contains(o.id) && std::abs(o.date - coded.date) <= c.value_within_days &&
           Usable(o, c.sources, allow_supplemental) && Passes(*c.value, *o.event->value);
  });
}

// Events on distinct dates, each at least min_days_apart after the one before, counted greedily
// from the earliest; the date met is the day the count was reached. Among several qualifying
// events on a day, claims are cited before supplemental data.
Match Evaluator::EvalEvent(const CompiledCriterion& c, bool allow_supplemental) {
  Match match;
  const CodeSet& codes = m_.code_sets[static_cast<std::size_t>(c.codes)];
  const DateRange window = c.window.For(birthdays_);
  std::vector<const CodedEvent*>& hits = hits_;
  hits.clear();
  // The code first: most events are in none of this criterion's value sets.
  for (const Coded& coded : coded_) {
    if (!codes.Contains(coded.id)) continue;
    // A stay counts when any of its days is in the window (admitted 12/31/MY-1, discharged
    // 1/10/MY: a hospice stay during the MY), unless the measure places stays by their service date.
    if (coded.last < window.first || coded.date > window.last) continue;
    if (!Usable(coded, c.sources, allow_supplemental)) continue;
    if (c.age_at_event_min && AgeOn(birth_, coded.date) < *c.age_at_event_min) continue;
    const CodedEvent& e = *coded.event;
    if (c.value && !ValuePasses(c, codes, coded, allow_supplemental)) continue;
    if (c.with_codes >= 0) {
      const CodeSet& with = m_.code_sets[static_cast<std::size_t>(c.with_codes)];
      const bool companion = std::any_of(coded_.begin(), coded_.end(), [&](const Coded& o) {
        return o.date == coded.date && with.Contains(o.id) && Usable(o, c.sources, allow_supplemental);
      });
      if (!companion) continue;
    }
    hits.push_back(&e);
  }
  std::sort(hits.begin(), hits.end(), [](const CodedEvent* a, const CodedEvent* b) {
    if (a->date != b->date) return a->date < b->date;
    return a->source < b->source;
  });
  int counted = 0;
  std::optional<Date> last;
  for (const CodedEvent* e : hits) {
    if (last && (e->date == *last || e->date - *last < std::max(1, c.min_days_apart))) continue;
    if (explain_) match.evidence.push_back(e);
    last = e->date;
    if (++counted == c.count) break;
  }
  match.met = counted >= c.count;
  if (match.met) {
    match.date = last;
    // The latest qualifying date is what the engine reports for a single-event criterion, taken
    // from the primary sources (claims and EMR) when there are any: QA's cases with a primary
    // event and a later supplemental one expect the primary's date.
    if (c.count == 1 && !hits.empty()) {
      const CodedEvent* best = nullptr;
      for (const CodedEvent* e : hits) {
        const bool primary = e->source != DataSource::kSupplemental;
        const bool best_primary = best != nullptr && best->source != DataSource::kSupplemental;
        const bool better = best == nullptr || primary > best_primary ||
                            (primary == best_primary &&
                             (e->date > best->date || (e->date == best->date && e->source < best->source)));
        if (better) best = e;
      }
      match.date = best->date;
      if (explain_) match.evidence = {best};
    }
  }
  if (!explain_) return match;
  match.why = fmt::format("{} in {}", codes.label, Range(window));
  if (c.count > 1) match.why = fmt::format("{} on {} dates{} ", c.count, match.why,
                                            c.min_days_apart > 0 ? fmt::format(" {}+ days apart", c.min_days_apart) : "");
  return match;
}

// The most recent event in the window; on that day the lowest value is tested.
Match Evaluator::EvalMostRecent(const CompiledCriterion& c, bool allow_supplemental) {
  Match match;
  const CodeSet& codes = m_.code_sets[static_cast<std::size_t>(c.codes)];
  const DateRange window = c.window.For(birthdays_);
  const CodedEvent* lowest = nullptr;
  std::optional<Date> latest;
  for (const Coded& coded : coded_) {
    if (!codes.Contains(coded.id) || !window.Contains(coded.date) ||
        !Usable(coded, c.sources, allow_supplemental)) {
      continue;
    }
    const CodedEvent& e = *coded.event;
    if (!latest || e.date > *latest) {
      latest = e.date;
      lowest = nullptr;
    }
    if (e.date == *latest && e.value && (lowest == nullptr || *e.value < *lowest->value)) lowest = &e;
  }
  if (explain_) match.why = fmt::format("most recent {} in {}", codes.label, Range(window));
  if (!latest || lowest == nullptr) {
    match.met = c.missing_passes;
    if (explain_) match.why += latest ? ": no value" : ": none";
    return match;
  }
  match.date = *latest;
  if (explain_) match.evidence = {lowest};
  match.met = !c.value || Passes(*c.value, *lowest->value);
  if (c.value && explain_) match.why += fmt::format(" {} {}", *lowest->value, c.value->text);
  return match;
}

Match Evaluator::EvalNamed(int index, bool allow_supplemental) {
  const std::size_t n = m_.numerators.size();
  if (static_cast<std::size_t>(index) < n) {
    return Eval(m_.numerators[static_cast<std::size_t>(index)].criterion, allow_supplemental);
  }
  const CompiledExclusion& e = m_.exclusions[static_cast<std::size_t>(index) - n];
  if (!e.has_criterion) return {};
  return Eval(e.criterion, allow_supplemental);
}

// Each kind in its own function with one named result, so that the Match is built in place
// (no moves of its string and vector on the bulk path).
Match Evaluator::Eval(const CompiledCriterion& c, bool allow_supplemental) {
  switch (c.kind) {
    case Criterion::Kind::kEvent: return EvalEvent(c, allow_supplemental);
    case Criterion::Kind::kMostRecent: return EvalMostRecent(c, allow_supplemental);
    case Criterion::Kind::kAllOf: return EvalAllOf(c, allow_supplemental);
    case Criterion::Kind::kAnyOf: return EvalAnyOf(c, allow_supplemental);
    case Criterion::Kind::kNot: return EvalNot(c, allow_supplemental);
    case Criterion::Kind::kRef: return EvalNamed(c.ref, allow_supplemental);
    case Criterion::Kind::kMonthly: return EvalMonthly(c);
    case Criterion::Kind::kAge: return EvalAge(c);
  }
  return {};
}

// Met when every child is; dated by the latest child.
Match Evaluator::EvalAllOf(const CompiledCriterion& c, bool allow_supplemental) {
  Match all;
  all.met = true;
  for (const CompiledCriterion& child : c.children) {
    const Match m = Eval(child, allow_supplemental);
    all.met = all.met && m.met;
    if (m.date && (!all.date || *m.date > *all.date)) all.date = m.date;
    if (!explain_) continue;
    all.evidence.insert(all.evidence.end(), m.evidence.begin(), m.evidence.end());
    all.why += (all.why.empty() ? "" : " and ") + m.why;
  }
  return all;
}

// Met when a child is; the child met latest gives the date and the evidence.
Match Evaluator::EvalAnyOf(const CompiledCriterion& c, bool allow_supplemental) {
  Match any;
  for (const CompiledCriterion& child : c.children) {
    Match m = Eval(child, allow_supplemental);
    if (explain_) any.why += (any.why.empty() ? "" : " or ") + m.why;
    if (m.met && (!any.met || (m.date && any.date && *m.date > *any.date))) {
      any.met = true;
      any.date = m.date;
      any.supplemental_only = m.supplemental_only;
      if (explain_) any.evidence = std::move(m.evidence);
    }
  }
  return any;
}

Match Evaluator::EvalNot(const CompiledCriterion& c, bool allow_supplemental) {
  Match m = Eval(c.children.front(), allow_supplemental);
  m.met = !m.met;
  if (explain_) m.why = "not " + m.why;
  m.date.reset();
  return m;
}

// The monthly membership flag (hospice or LTI) on a run date in the window.
Match Evaluator::EvalMonthly(const CompiledCriterion& c) {
  Match m;
  const DateRange window = c.window.For(birthdays_);
  for (const MonthlyMembership& row : t_.monthly) {
    if ((c.monthly_lti ? row.lti : row.hospice) && window.Contains(row.run_date)) {
      m.met = true;
      if (!m.date || row.run_date > *m.date) m.date = row.run_date;
    }
  }
  if (explain_) {
    m.why = fmt::format("{} flag in monthly membership in {}", c.monthly_lti ? "LTI" : "hospice",
                        Range(window));
  }
  return m;
}

Match Evaluator::EvalAge(const CompiledCriterion& c) {
  Match m;
  const int age = AgeOn(birth_, c.age_as_of);
  m.met = age >= c.age_min && age <= c.age_max;
  if (explain_) {
    m.why = fmt::format("age {} as of {} in {}..{}", age, c.age_as_of.ToIso(), c.age_min, c.age_max);
  }
  return m;
}

// The line of the span covering the end of the last CE period (or the anchor), else of the last
// span that started before it: NCQA decides dual enrollment at the end of the CE period.
void Evaluator::ProductLineFlag() {
  Date at = m_.end_of_my;
  if (m_.anchor) at = m_.anchor->For(birthdays_).first;
  else if (!m_.periods.empty()) at = m_.periods.back().window.For(birthdays_).last;
  const EnrollmentSpan* chosen = nullptr;
  for (const EnrollmentSpan& span : t_.enrollment) {
    const bool covers = span.days().Contains(at);
    const bool chosen_covers = chosen != nullptr && chosen->days().Contains(at);
    if (covers && !chosen_covers) chosen = &span;
    else if (!covers && !chosen_covers && span.start <= at && (chosen == nullptr || span.end > chosen->end)) chosen = &span;
  }
  if (chosen == nullptr) {
    SetFlag(m_.slots.pl, false, "no enrollment");
    return;
  }
  line_ = chosen->product_line;
  for (const auto& [id, line] : m_.product_ids) {
    if (id == chosen->product_id) line_ = line;
  }
  const bool eligible = std::find(m_.product_lines.begin(), m_.product_lines.end(), line_) != m_.product_lines.end();
  SetFlag(m_.slots.pl, eligible,
          (explain_ ? fmt::format("{} (product {}) on {}{}", ProductLineName(line_),
                      chosen->product_id.empty() ? "?" : chosen->product_id, at.ToIso(),
                      eligible ? "" : ": not a product line the measure reports") : std::string()));
}

void Evaluator::AgeFlags() {
  const auto& d = m_.definition;
  const int age = AgeOn(birth_, m_.age_as_of);
  const bool age_ok = age >= d.age_min && age <= d.age_max;
  const bool sex_ok = !m_.sex || t_.demographics.sex == *m_.sex;
  SetFlag(m_.slots.ag, age_ok && sex_ok,
          (explain_ ? fmt::format("{} as of {} (range {}..{}), sex {}{}", age, m_.age_as_of.ToIso(), d.age_min,
                      d.age_max, SexCode(t_.demographics.sex),
                      sex_ok ? "" : fmt::format(": the measure is for {}", d.sex)) : std::string()));
  int band = 0;
  for (const AgeBand& b : d.bands) {
    if (age_ok && sex_ok && age >= b.min && age <= b.max) band = b.id;
  }
  Set(m_.slots.sub_measure, band,
      band == 0 ? (explain_ ? fmt::format("Sub_measure_id=0: in no age band") : std::string()) : (explain_ ? fmt::format("Sub_measure_id={}: age {}", band, age) : std::string()));
  const int reported = m_.age_as_of == m_.end_of_my ? age : AgeOn(birth_, m_.end_of_my);
  Set(m_.slots.age, reported,
      (explain_ ? fmt::format("AGE_END_REP_YR={}: born {}, age on {}", reported, birth_.ToIso(), m_.end_of_my.ToIso()) : std::string()));
}

// MemberTimeline::GapsWithin, into scratch vectors (the hot path of CE and BE).
const std::vector<DateRange>& Evaluator::GapsWithin(DateRange period, const SpanFilter& filter,
                                                    const std::string* plan) const {
  covered_.clear();
  gaps_.clear();
  for (const EnrollmentSpan& span : t_.enrollment) {
    const DateRange part{std::max(span.start, period.first), std::min(span.end, period.last)};
    if (!part.empty() && filter.Matches(span) && (plan == nullptr || span.file_id == *plan)) covered_.push_back(part);
  }
  std::sort(covered_.begin(), covered_.end(),
            [](const DateRange& a, const DateRange& b) { return a.first < b.first; });
  Date next = period.first;
  for (const DateRange& c : covered_) {
    if (next < c.first) gaps_.push_back({next, c.first - 1});
    if (c.last >= period.last) return gaps_;
    if (c.last >= next) next = c.last + 1;
  }
  if (next <= period.last) gaps_.push_back({next, period.last});
  return gaps_;
}

std::string Evaluator::GapsText(const std::vector<DateRange>& gaps) const {
  if (gaps.empty()) return "no gaps";
  std::vector<std::string> parts;
  for (const DateRange& g : gaps) parts.push_back(fmt::format("{} ({} days)", Range(g), g.Days()));
  return fmt::format("{} gap{}: {}", gaps.size(), gaps.size() == 1 ? "" : "s", fmt::join(parts, ", "));
}

// One calendar month: the gap ends before the same day of the next month.
bool WithinMonths(DateRange gap, int months) {
  int year = gap.first.year(), month = gap.first.month() + months;
  while (month > 12) {
    month -= 12;
    ++year;
  }
  std::optional<Date> limit = Date::FromYmd(year, month, std::min(gap.first.day(), 28));
  return limit && gap.last < *limit;
}

bool Evaluator::PeriodOk(const CompiledPeriod& p, const std::vector<DateRange>& gaps) const {
  if (static_cast<int>(gaps.size()) > p.max_gaps) return false;
  for (const DateRange& g : gaps) {
    const bool medicaid_month = line_ == ProductLine::kMedicaid && p.medicaid_max_gap_months > 0 &&
                                WithinMonths(g, p.medicaid_max_gap_months);
    if (g.Days() > p.max_gap_days && !medicaid_month) return false;
  }
  return true;
}

// Every CE period within its allowance, counting the spans `filter` (and `plan`) pass; `why` is
// filled when explaining.
bool Evaluator::PeriodsOk(const SpanFilter& filter, const std::string* plan, std::string* why) {
  bool ok = true;
  for (const CompiledPeriod& p : m_.periods) {
    const DateRange period = p.window.For(birthdays_);
    const std::vector<DateRange>& gaps = GapsWithin(period, filter, plan);
    const bool period_ok = PeriodOk(p, gaps);
    ok = ok && period_ok;
    if (!explain_ || why == nullptr) continue;
    *why += fmt::format("{}{} in {}; {} of up to {} days allowed", why->empty() ? "" : "; ",
                        GapsText(gaps), Range(period), p.max_gaps, p.max_gap_days);
  }
  return ok;
}

void Evaluator::EnrollmentFlags() {
  const auto check = [&](const SpanFilter& filter, std::string& why) { return PeriodsOk(filter, nullptr, &why); };
  std::string ce_why, be_why;
  const bool ce = check({}, ce_why);
  SetFlag(m_.slots.ce, ce, m_.periods.empty() ? "the measure has no enrollment requirement" : ce_why);
  SpanFilter benefits;
  benefits.benefits = m_.benefits;
  const bool be = check(benefits, be_why);
  SetFlag(m_.slots.be, be, m_.periods.empty() || !explain_ ? "the measure has no enrollment requirement"
                                       : "with the required benefits: " + be_why);
  if (!m_.anchor) {
    SetFlag(m_.slots.ad, true, "the measure has no anchor date");
    return;
  }
  const Date anchor = m_.anchor->For(birthdays_).first;
  const bool ad = t_.IsEnrolledOn(anchor, m_.anchor_needs_benefits ? benefits : SpanFilter{});
  SetFlag(m_.slots.ad, ad, (explain_ ? fmt::format("{}enrolled{} on {}", ad ? "" : "not ",
                                m_.anchor_needs_benefits ? " with the required benefits" : "",
                                anchor.ToIso()) : std::string()));
}

// The days whose products get rows of their own: the CE periods through the anchor date (the MY
// when the measure has neither).
DateRange Evaluator::EnrollmentWindow() {
  DateRange window{Date::FromYmd(m_.my, 1, 1).value(), m_.end_of_my};
  for (const CompiledPeriod& p : m_.periods) {
    const DateRange period = p.window.For(birthdays_);
    window.first = std::min(window.first, period.first);
    window.last = std::max(window.last, period.last);
  }
  if (m_.anchor) window.last = std::max(window.last, m_.anchor->For(birthdays_).first);
  return window;
}

// Whether plan `plan`'s own flags meet exclusion `e`: a span of the plan with BEN_HOSPICE, or a
// monthly membership row of the plan (PLAN_ID, else FILE_ID) with HOSPICE, in the window.
bool Evaluator::PlanFlagsMeet(const CompiledExclusion& e, const std::string& plan) {
  const DateRange window = e.window.For(birthdays_);
  for (const EnrollmentSpan& span : t_.enrollment) {
    if (e.enrollment_hospice_flag && span.file_id == plan && span.benefits.Has(Benefit::kHospice) &&
        span.start <= window.last && span.end >= window.first) {
      return true;
    }
  }
  for (const MonthlyMembership& row : t_.monthly) {
    const std::string& of = row.plan_id.empty() ? row.file_id : row.plan_id;
    if (e.monthly_hospice_flag && of == plan && row.hospice && window.Contains(row.run_date)) return true;
  }
  return false;
}

// The rows' keys: (plan, product) pairs of the spans over the window, in order of first
// enrollment. `reported_only`: without the pairs whose last span there has a non-reportable
// coverage indicator.
std::vector<std::pair<std::string, std::string>> Evaluator::RowKeys(bool reported_only) {
  std::vector<const EnrollmentSpan*> spans;
  for (const EnrollmentSpan& span : t_.enrollment) spans.push_back(&span);
  std::stable_sort(spans.begin(), spans.end(), [](auto* a, auto* b) { return a->start < b->start; });
  const DateRange window = EnrollmentWindow();
  std::vector<std::pair<std::string, std::string>> keys;
  std::vector<const EnrollmentSpan*> last;  // per key, its span that ends last
  for (const EnrollmentSpan* span : spans) {
    if (span->start > window.last || span->end < window.first) continue;
    const std::pair<std::string, std::string> key{span->file_id, span->product_id};
    const auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      last.push_back(span);
    } else if (span->end >= last[static_cast<std::size_t>(at - keys.begin())]->end) {
      last[static_cast<std::size_t>(at - keys.begin())] = span;
    }
  }
  if (!reported_only || m_.non_reportable_coverage.empty()) return keys;
  std::vector<std::pair<std::string, std::string>> reported;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::vector<std::string>& hidden = m_.non_reportable_coverage;
    if (std::find(hidden.begin(), hidden.end(), util::Upper(last[i]->coverage_indicator)) == hidden.end()) {
      reported.push_back(keys[i]);
    }
  }
  return reported;
}

// One row per product (and plan) when the member holds several (see ProductRow in measure.h), or
// one per reported product when some are not reported; `reported` is false when none is.
std::vector<ProductRow> Evaluator::ProductRows(bool& reported) {
  const std::size_t all = RowKeys(/*reported_only=*/false).size();
  const std::vector<std::pair<std::string, std::string>> keys = RowKeys(/*reported_only=*/true);
  reported = all == 0 || !keys.empty();
  if (keys.size() == all && keys.size() < 2) return {};
  std::vector<std::string> plans;
  for (const auto& key : keys) {
    if (std::find(plans.begin(), plans.end(), key.first) == plans.end()) plans.push_back(key.first);
  }
  const bool per_plan = plans.size() > 1;
  std::vector<ProductRow> rows;
  for (const auto& [plan, product] : keys) {
    ProductRow& row = rows.emplace_back();
    row.product_id = product;
    if (per_plan) row.plan_id = plan;
    RowFlags(row, per_plan ? &plan : nullptr);
  }
  return rows;
}

// The flags of one row: CE and BE over its plan's coverage (the member's when one plan), AD and
// the benefits on the anchor date in its product, exclusions met by its plan's own flags.
void Evaluator::RowFlags(ProductRow& row, const std::string* plan) {
  const std::string label = plan != nullptr ? fmt::format("plan {}, product {}", *plan, row.product_id)
                                            : fmt::format("product {}", row.product_id);
  const auto add = [&](int slot, std::string value, std::string why) {
    if (slot < 0) return;
    FlagResult& f = row.flags.emplace_back();
    f.name = m_.flag_names[static_cast<std::size_t>(slot)];
    f.value = std::move(value);
    if (explain_) f.reason = fmt::format("{}={}: {}: {}", f.name, f.value, label, why);
  };
  const auto member = [&](int slot) { return slot >= 0 && values_[static_cast<std::size_t>(slot)] == 1; };
  SpanFilter in_row, with_benefits;
  in_row.product_id = with_benefits.product_id = row.product_id;
  with_benefits.benefits = m_.benefits;
  bool ce = member(m_.slots.ce), be = member(m_.slots.be);
  std::string ce_why = "the member's continuous enrollment", be_why = "the member's";
  if (plan != nullptr) {
    ce_why.clear();
    be_why.clear();
    ce = PeriodsOk({}, plan, &ce_why);
    SpanFilter benefits;
    benefits.benefits = m_.benefits;
    be = PeriodsOk(benefits, plan, &be_why);
  }
  std::optional<Date> anchor;
  if (m_.anchor) anchor = m_.anchor->For(birthdays_).first;
  const auto on_anchor = [&](const SpanFilter& filter) {
    if (!anchor) return true;
    return std::any_of(t_.enrollment.begin(), t_.enrollment.end(), [&](const EnrollmentSpan& span) {
      return span.days().Contains(*anchor) && filter.Matches(span) && (plan == nullptr || span.file_id == *plan);
    });
  };
  const bool ad = on_anchor(m_.anchor_needs_benefits ? with_benefits : in_row);
  const bool held = on_anchor(with_benefits);
  const std::string on = anchor ? anchor->ToIso() : std::string("(no anchor date)");
  add(m_.slots.ce, ce ? "1" : "0", ce_why);
  add(m_.slots.ad, ad ? "1" : "0", fmt::format("{}enrolled on {}", ad ? "" : "not ", on));
  add(m_.slots.be, be && held ? "1" : "0",
      !be ? "BE over the coverage is 0: " + be_why
          : fmt::format("{} the required benefits on {}", held ? "holds" : "does not hold", on));
  if (plan == nullptr || plan_flag_exclusions_.empty()) return;
  bool re = exclusion_by_data_;
  for (const CompiledExclusion* e : plan_flag_exclusions_) {
    const bool met = PlanFlagsMeet(*e, *plan);
    re = re || met;
    add(e->slot, met ? "1" : "0", met ? "this plan's hospice flag" : "no hospice flag in this plan");
  }
  add(m_.slots.re, re ? "1" : "0", re ? "an exclusion applies to this plan" : "no exclusion applies to this plan");
  if (!re) add(m_.slots.exclusion_date, "NULL", "no exclusion for this plan");
}

const std::string kDischargeStatus = "DISCH_STATUS";

void Evaluator::Exclusions() {
  bool any = false, reported = false;
  for (const CompiledExclusion& e : m_.exclusions) {
    const DateRange window = e.window.For(birthdays_);
    Match m = e.has_criterion ? Eval(e.criterion, /*allow_supplemental=*/true) : Match{};
    std::string why = std::move(m.why);
    const bool by_data = m.met;
    if (!m.met && e.enrollment_hospice_flag) {
      for (const EnrollmentSpan& span : t_.enrollment) {
        if (span.benefits.Has(Benefit::kHospice) && span.start <= window.last && span.end >= window.first) {
          m.met = true;
          why = (explain_ ? fmt::format("BEN_HOSPICE=Y on enrollment {}", Range(span.days())) : std::string());
        }
      }
    }
    if (!m.met && e.monthly_hospice_flag) {
      for (const MonthlyMembership& row : t_.monthly) {
        if (row.hospice && window.Contains(row.run_date)) {
          m.met = true;
          why = (explain_ ? fmt::format("HOSPICE=Y in monthly membership, run date {}", row.run_date.ToIso()) : std::string());
        }
      }
    }
    if (m.met && !by_data) plan_flag_exclusions_.push_back(&e);
    if (!m.met && e.death) {
      if (t_.demographics.death_date && window.Contains(*t_.demographics.death_date)) {
        m.met = true;
        m.date = t_.demographics.death_date;
        why = (explain_ ? fmt::format("deceased on {}", t_.demographics.death_date->ToIso()) : std::string());
      }
      for (const CodedEvent& ev : t_.events) {
        if (m.met || e.discharge_statuses.empty()) break;
        if (ev.extra.empty()) continue;
        auto status = ev.extra.find(kDischargeStatus);
        // Denied claims count here: QA's deceased cases expect a denied discharge to exclude.
        if (status == ev.extra.end()) continue;
        const Date day = ev.end_date.value_or(ev.date);
        if (window.Contains(day) && std::find(e.discharge_statuses.begin(), e.discharge_statuses.end(),
                                              status->second) != e.discharge_statuses.end()) {
          m.met = true;
          m.date = day;
          m.evidence = {&ev};
          why = (explain_ ? fmt::format("discharge status {} on {}", status->second, day.ToIso()) : std::string());
        }
      }
    }
    if (explain_ && why.empty()) why = fmt::format("{} in {}", e.id, Range(window));
    exclusion_by_data_ = exclusion_by_data_ || (m.met && (plan_flag_exclusions_.empty() || plan_flag_exclusions_.back() != &e));
    any = any || m.met;
    SetFlag(e.slot, m.met, why, m.evidence, e.id);
    if (m.met && !reported) {
      reported = true;
      SetDate(m_.slots.exclusion_date, e.report_date ? m.date : std::nullopt,
              (explain_ ? fmt::format("{} ({})", e.id, why) : std::string()));
      SetFlag(m_.slots.re, true, (explain_ ? fmt::format("{}: {}", e.id, why) : std::string()), m.evidence, e.id);
    }
  }
  if (!any) {
    SetFlag(m_.slots.re, false, "no required exclusion applies");
    SetDate(m_.slots.exclusion_date, std::nullopt, "no exclusion");
  }
}

void Evaluator::Numerators() {
  for (const int gate : m_.numerator_gates) {
    if (gate < 0 || values_[static_cast<std::size_t>(gate)] == 1) continue;
    // Outside the population the measure computes numerators for: all 0, no dates.
    const std::string why = explain_ ? fmt::format("not computed: {}=0 (numerators_require)", m_.flag_names[static_cast<std::size_t>(gate)])
                                     : std::string();
    for (const CompiledNumerator& n : m_.numerators) {
      SetFlag(n.slot, false, why, {}, n.id);
      SetFlag(n.supplemental_slot, false, why, {}, n.id);
      SetDate(n.date_slot, std::nullopt, why);
    }
    return;
  }
  for (const CompiledNumerator& n : m_.numerators) {
    // The result is decided with all the data; NE when the data without supplemental records
    // gives it too, SNE when only the supplemental records do. (A later supplemental reading can
    // take a member out of a "most recent" numerator that claims alone would meet.)
    Match primary = Eval(n.criterion, /*allow_supplemental=*/false);
    // Without supplemental records among the measure's events, the two readings are the same.
    Match supplemented;
    if (has_supplemental_) supplemented = Eval(n.criterion, /*allow_supplemental=*/true);
    const Match& with_suppl = has_supplemental_ ? supplemented : primary;
    const bool ne = with_suppl.met && primary.met;
    const bool sne = with_suppl.met && !primary.met;
    SetFlag(n.slot, ne, explain_ ? primary.why + (ne ? "" : ": not met without supplemental data") : std::string(), primary.evidence,
            n.name.empty() ? n.id : n.name);
    SetFlag(n.supplemental_slot, sne, sne ? "met only with supplemental data" : (ne ? "met without supplemental data" : "not met"),
            sne ? with_suppl.evidence : std::vector<const CodedEvent*>{}, n.name.empty() ? n.id : n.name);
    if (n.date_slot >= 0) {
      const Match& used = ne ? primary : with_suppl;
      SetDate(n.date_slot, used.met ? used.date : std::nullopt, used.why);
    }
  }
}

void Evaluator::Run() {
  values_.assign(m_.flag_names.size(), 0);
  if (explain_) {
    reasons_.assign(m_.flag_names.size(), {});
    evidence_.assign(m_.flag_names.size(), {});
  }
  ProductLineFlag();
  AgeFlags();
  EnrollmentFlags();
  if (m_.event) {
    Match m = Eval(*m_.event, /*allow_supplemental=*/true);
    SetFlag(m_.slots.ed, m.met, m.why, m.evidence, "event");
  } else {
    SetFlag(m_.slots.ed, true, "the measure has no denominator event");
  }
  Exclusions();
  Numerators();
}

thread_local std::vector<Coded> Evaluator::coded_;
thread_local std::vector<const CodedEvent*> Evaluator::hits_;
thread_local std::vector<const CodedEvent*> Evaluator::lab_pos_;
thread_local std::vector<DateRange> Evaluator::covered_;
thread_local std::vector<DateRange> Evaluator::gaps_;

MemberResult Evaluator::Result() && {
  MemberResult out;
  out.member_id = t_.demographics.member_id;
  out.gender = std::string(SexCode(t_.demographics.sex));
  out.product_line = line_ == ProductLine::kUnknown ? std::string() : util::Lower(ProductLineName(line_));
  out.flags.reserve(m_.flag_names.size());
  for (std::size_t i = 0; i < m_.flag_names.size(); ++i) {
    FlagResult f;
    f.name = m_.flag_names[i];
    const std::int32_t v = values_[i];
    if (m_.flag_is_date[i]) {
      const std::optional<Date> date = v == CompiledMeasure::kNullFlag ? std::nullopt : Date::FromDays(v);
      f.value = date ? date->ToIso() : "NULL";
    } else {
      f.value = std::to_string(v);
    }
    if (explain_) {
      f.reason = std::move(reasons_[i]);
      f.evidence = std::move(evidence_[i]);
    }
    out.flags.push_back(std::move(f));
  }
  out.product_rows = ProductRows(out.reported);
  return out;
}

}  // namespace
}  // namespace hm::measure

namespace hm {

std::vector<FlagResult> MemberResult::FlagsOf(const ProductRow& row) const {
  std::vector<FlagResult> out = flags;
  for (FlagResult& f : out) {
    for (const FlagResult& own : row.flags) {
      if (own.name == f.name) f = own;
    }
  }
  return out;
}

const FlagResult* MemberResult::Find(std::string_view name) const {
  const std::string key = util::Lower(name);
  for (const FlagResult& f : flags) {
    if (util::Lower(f.name) == key) return &f;
  }
  return nullptr;
}

std::string MemberResult::Value(std::string_view name) const {
  const FlagResult* f = Find(name);
  return f == nullptr ? std::string() : f->value;
}

const std::string& CompiledMeasure::id() const { return impl_->definition.id; }
const std::string& CompiledMeasure::name() const { return impl_->definition.name; }
int CompiledMeasure::measurement_year() const { return impl_->my; }
const std::vector<std::string>& CompiledMeasure::FlagNames() const { return impl_->flag_names; }

MemberResult CompiledMeasure::Evaluate(const MemberTimeline& member, const MemberRows* rows,
                                       bool explain) const {
  std::vector<std::int32_t> values;
  measure::Evaluator evaluator(*impl_, member, rows, explain, values);
  evaluator.Run();
  return std::move(evaluator).Result();
}

void CompiledMeasure::EvaluateValues(const MemberTimeline& member,
                                     std::vector<std::int32_t>& values) const {
  measure::Evaluator evaluator(*impl_, member, nullptr, /*explain=*/false, values);
  evaluator.Run();
}

std::vector<MemberResult> CompiledMeasure::EvaluateAll(std::span<const MemberTimeline> members,
                                                       unsigned threads,
                                                       std::span<const MemberRows> rows,
                                                       bool explain) const {
  const auto rows_of = [&](std::size_t i) { return i < rows.size() ? &rows[i] : nullptr; };
  std::vector<MemberResult> results(members.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, members.size() / 64)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < members.size(); ++i) results[i] = Evaluate(members[i], rows_of(i), explain);
    return results;
  }
  // Contiguous chunks: results land in input order without locking.
  std::vector<std::thread> pool;
  const std::size_t chunk = (members.size() + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t first = t * chunk, last = std::min(members.size(), first + chunk);
    if (first >= last) break;
    pool.emplace_back([&, first, last] {
      for (std::size_t i = first; i < last; ++i) results[i] = Evaluate(members[i], rows_of(i), explain);
    });
  }
  for (std::thread& thread : pool) thread.join();
  return results;
}

}  // namespace hm
