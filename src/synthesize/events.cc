// Events: each stated value-set event on each of its dates, and the measure's required events.
#include <algorithm>

#include <fmt/format.h>

#include "synthesize/member_builder.h"
#include "tables/values.h"
#include "util/text.h"

namespace hm::synthesize {
namespace {

// The VSD's name for a stated event: the matched one, else as written.
constexpr const char* kInpatientStay = "Inpatient Stay";

std::string ValueSetOf(const EventFact& f) { return f.matched.empty() ? f.value_set : f.matched; }

std::string Loose(std::string_view name) { return util::NameKey(name); }

// Whether a criterion's event is of `value_set` (the VSD's names, loosely).
bool Names(const EventRequirement& r, std::string_view value_set) {
  const std::string key = Loose(value_set);
  return std::any_of(r.value_sets.begin(), r.value_sets.end(),
                     [&](const std::string& name) { return Loose(name) == key; });
}

// The data source of an event stated as primary or supplemental in `table`.
DataSource SourceOf(StatedSource stated, SourceTable table) {
  if (stated == StatedSource::kSupplemental) return DataSource::kSupplemental;
  return table == SourceTable::kEmr ? DataSource::kEmr : DataSource::kClaim;
}

}  // namespace

// The one table whose rows carry `file_id` in the layout ("18055, Claim_id: ABC" is an EMR_IN row),
// or none (unknown, or shared by several tables).
std::optional<SourceTable> MemberBuilder::TableOfFileId(const std::string& file_id) const {
  for (const FileIdSource& f : in_.layout->file_ids) {
    if (f.file_id == file_id && f.tables.size() == 1) return f.tables.front();
  }
  return std::nullopt;
}

std::string MemberBuilder::NextClaimId() {
  return fmt::format("{}{:03}", claim_base_, ++claims_);
}

bool MemberBuilder::StatedAny(const std::vector<std::string>& value_sets) const {
  for (const Fact& fact : s_.facts) {
    const EventFact* f = std::get_if<EventFact>(&fact.body);
    if (f == nullptr) continue;
    for (const std::string& name : value_sets) {
      if (Loose(name) == Loose(ValueSetOf(*f))) return true;
    }
  }
  return false;
}

// One occurrence of a stated event: a claim with its code (pinned or picked), the companion code
// the measure wants on the same day, and the stated columns.
Status MemberBuilder::AddEvent(const EventFact& f, Date date, std::size_t occurrence) {
  std::optional<SourceTable> table;
  if (!f.table.empty()) {
    table = ParseSourceTable(f.table);
    if (!table) return Error(fmt::format("'{}' is not a table of the layout", f.table));
  } else if (auto file_id = f.fields.find("FILE_ID"); file_id != f.fields.end()) {
    table = TableOfFileId(file_id->second);
  }
  CodedEvent e;
  std::string value_set = ValueSetOf(f);
  // A value the scenario leaves unsaid comes from the measure (an explicit NULL stays empty). A
  // value lives on a result row (LAB_IN, EMR_IN), which has no place of service: a stated POS keeps
  // the event on its claim, without one.
  std::string value = f.value;
  if (value.empty() && !f.fields.contains("POS")) {
    if (std::optional<double> passing = PassingValueFor(value_set)) {
      value = fmt::format("{}", *passing);
      out_.defaults.push_back(fmt::format("{} given the value {}, which the measure's test on it needs",
                                          value_set, value));
    }
  }
  const bool has_value = !value.empty() && util::Upper(value) != "NULL";
  const CodeRef* pinned = nullptr;
  for (const CodeRef& code : f.codes) {
    if (util::Upper(code.code) != "NULL" && ParseCodeSystem(code.system)) pinned = &code;
  }
  if (pinned != nullptr) {
    e.system = *ParseCodeSystem(pinned->system);
    e.code_as_written = pinned->code;
    // A pinned code outside the named set is the analyst's choice (or another VSD version): kept,
    // noted, and not claimed for the set, so the quality check does not stop the export over it.
    const ValueSet* set = value_set.empty() ? nullptr : in_.vsd->Find(value_set);
    if (set == nullptr || !in_.vsd->Contains(*set, e.system, e.code_as_written)) {
      if (!value_set.empty()) {
        out_.defaults.push_back(fmt::format("pinned {} code {} is not in the VSD's '{}'", pinned->system,
                                            pinned->code, value_set));
      }
      value_set.clear();
    }
    if (!table) table = picker().TableFor(e.system, has_value);
    if (!table || !picker().Takes(*table, e.system)) {
      return Error(fmt::format("no table of the layout takes the {} code {}", pinned->system, pinned->code));
    }
  } else {
    // A discharge stated alone ("DISCH_STATUS: 20 on 1/1/MY") is an inpatient stay: the row needs
    // a code to be read back at all, and NCQA's stay value set is where such codes live.
    if (value_set.empty() && f.fields.contains("DISCH_STATUS")) value_set = kInpatientStay;
    if (value_set.empty()) return Error("an event names neither a value set nor a code");
    Result<PickedCode> picked = picker().Pick(value_set, table, has_value, MeasureValueSets());
    if (!picked.ok()) return Error(picked.status().message(), picked.status().hint());
    e.system = picked->system;
    e.code_as_written = picked->code;
    table = picked->table;
    value_set = picked->value_set;
  }
  e.code = NormalizeCode(e.system, e.code_as_written);
  e.date = date;
  e.table = *table;
  StatedSource stated = f.source;
  if (stated == StatedSource::kUnstated && !f.denied && !f.fields.contains("FILE_ID") &&
      SupplementalByExpectation(value_set, date)) {
    stated = StatedSource::kSupplemental;
    out_.defaults.push_back(fmt::format("{} on {} from supplemental data, as the expected numerator flags need",
                                        value_set, date.ToIso()));
  }
  e.source = SourceOf(stated, *table);
  e.file_id = in_.layout->FileIdFor(*table, e.source);
  e.claim_status = f.denied ? ClaimStatus::kDenied : ClaimStatus::kPaid;
  e.claim_id = NextClaimId();
  e.note = fmt::format("{} #{}", value_set, occurrence + 1);
  if (has_value) {
    if (std::optional<double> number = tables::ParseDecimal(value)) e.value = *number;
    else e.value_text = value;
  }
  std::vector<CodedEvent> companions;
  for (const auto& [column, raw] : f.fields) {
    const std::string key = util::Upper(column);
    if (key == "POS") {
      CodedEvent pos = e;
      pos.system = CodeSystem::kPos;
      pos.code_as_written = raw;
      pos.code = NormalizeCode(CodeSystem::kPos, raw);
      companions.push_back(std::move(pos));
    } else if (key == "PROV_NBR" || key == "PROVIDER_ID") {
      e.provider_id = raw;
    } else if (key.starts_with("CLAIM_PRAC_TYPE") || key == "PRAC_TYPE" || key == "PROVIDER_TYPE") {
      e.provider_type = raw;
    } else if (key == "FILE_ID") {
      e.file_id = raw;
      if (const LayoutTable* t = in_.layout->Find(*table)) e.source = in_.layout->SourceFor(*t, raw);
    } else if (key == "ADMIT_DT" || key == "DISCH_DT" || key == "END_DATE" || key == "RX_END_DT") {
      Result<Date> d = ParseDate(raw, in_.measurement_year);
      if (!d.ok()) return Error(fmt::format("{}: {}", key, d.status().message()));
      if (key != "ADMIT_DT") e.end_date = *d;
      else if (*d != e.date) e.admit_date = *d;
    } else if (key == "DAYS_SUPPLY" || key == "RX_DAYS_SUPP") {
      if (std::optional<std::int64_t> n = tables::ParseInteger(raw)) e.days_supply = static_cast<int>(*n);
    } else {
      e.extra[key] = raw;
    }
  }
  out_.timeline.events.push_back(e);
  out_.event_value_sets.push_back(value_set);
  for (CodedEvent& c : companions) {
    out_.timeline.events.push_back(std::move(c));
    out_.event_value_sets.push_back({});
  }
  // The companion the measure wants on the same day (a visit "with a hypertension diagnosis").
  for (const EventRequirement& r : req_.denominator) {
    if (!Names(r, value_set) || r.with_value_sets.empty() || StatedAny(r.with_value_sets)) continue;
    HM_RETURN_IF_ERROR(AddCompanion(e, r.with_value_sets.front()));
  }
  return Status::Ok();
}

// Whether an event of `value_set` on `date` whose source the scenario leaves unsaid must come from
// supplemental data for the expected numerator flags to hold: "S<id>=1" (met only with
// supplemental data) over a numerator that takes it, or "<id>=0" over one that never counts it
// (QA's PSA_SNE_01: a PSA test in the MY, NE=0 expected). Only events inside the numerator's window
// matter; the others stay primary.
bool MemberBuilder::SupplementalByExpectation(const std::string& value_set, Date date) const {
  for (const Requirements::Numerator& n : req_.numerators) {
    for (const EventRequirement& r : n.events) {
      if (!r.window.Contains(date) || !Names(r, value_set)) continue;
      if (r.supplemental && Expects("S" + n.id, true)) return true;
      if (!r.supplemental && Expects(n.id, false)) return true;
    }
  }
  return false;
}

// The value that passes the measure's test on events of `value_set` (PSA "> 4.0" → 5), when a
// criterion tests one: "PSA Lab Test Exclusion Value Set: 1/1/MY-1" is written expecting the
// exclusion. None when no criterion tests the set's value.
std::optional<double> MemberBuilder::PassingValueFor(const std::string& value_set) const {
  if (value_set.empty()) return std::nullopt;
  auto find = [&](const std::vector<EventRequirement>& list) -> std::optional<double> {
    for (const EventRequirement& r : list) {
      if (r.passing_value && Names(r, value_set)) return r.passing_value;
    }
    return std::nullopt;
  };
  if (std::optional<double> v = find(req_.denominator)) return v;
  for (const Requirements::Numerator& n : req_.numerators) {
    if (std::optional<double> v = find(n.events)) return v;
  }
  return find(req_.exclusions);
}

// A code of `value_set` on the claim of `e` (same day, table, source, claim id).
Status MemberBuilder::AddCompanion(CodedEvent e, const std::string& value_set) {
  Result<PickedCode> with = picker().Pick(value_set, e.table, false);
  if (!with.ok()) return Error(with.status().message(), with.status().hint());
  e.system = with->system;
  e.code_as_written = with->code;
  e.code = NormalizeCode(with->system, with->code);
  e.value.reset();
  e.value_text.clear();
  out_.timeline.events.push_back(std::move(e));
  out_.event_value_sets.push_back(with->value_set);
  return Status::Ok();
}

// Where an undated event goes: Jan 1 of the MY (QA's usual date), or, when a criterion of the
// measure on its value set has a window without that day, the window's first day (1/1/MY-1 for a
// prior-year window), as QA writes such dates.
Date MemberBuilder::UndatedDay(const std::string& value_set) const {
  const Date jan1 = *Date::FromYmd(in_.measurement_year, 1, 1);
  for (const auto* list : {&req_.denominator, &req_.exclusions}) {
    for (const EventRequirement& r : *list) {
      if (!Names(r, value_set) || r.window.Contains(jan1)) continue;
      return r.window.first != Date::Min() ? r.window.first : r.window.last;
    }
  }
  for (const Requirements::Numerator& num : req_.numerators) {
    for (const EventRequirement& r : num.events) {
      if (Names(r, value_set) && !r.window.Contains(jan1)) return r.window.first;
    }
  }
  return jan1;
}

// Every value set the measure's criteria name: a picked code should be in none but its own.
const std::vector<std::string>& MemberBuilder::MeasureValueSets() {
  if (!measure_value_sets_.empty()) return measure_value_sets_;
  auto add = [&](const std::vector<EventRequirement>& list) {
    for (const EventRequirement& r : list) {
      for (const auto* names : {&r.value_sets, &r.with_value_sets}) {
        measure_value_sets_.insert(measure_value_sets_.end(), names->begin(), names->end());
      }
    }
  };
  add(req_.denominator);
  for (const Requirements::Numerator& n : req_.numerators) add(n.events);
  add(req_.exclusions);
  return measure_value_sets_;
}

Status MemberBuilder::Events() {
  for (const Fact& fact : s_.facts) {
    const EventFact* f = std::get_if<EventFact>(&fact.body);
    if (f == nullptr) continue;
    std::vector<Date> dates = f->dates;
    if (dates.empty()) {
      dates.push_back(UndatedDay(ValueSetOf(*f)));
    }
    // "2 Outpatient visits" on one stated date: the others a month apart after it.
    while (static_cast<int>(dates.size()) < f->count) dates.push_back(dates.back() + 30);
    for (std::size_t i = 0; i < dates.size(); ++i) HM_RETURN_IF_ERROR(AddEvent(*f, dates[i], i));
  }
  return Status::Ok();
}

// The events a criterion needs: `count` of them from mid-window (inside the MY where the window
// allows), spaced as required, with a passing value when the criterion tests one.
Status MemberBuilder::AddRequired(const EventRequirement& r, const std::string& why, bool supplemental) {
  if (r.value_sets.empty()) return Status::Ok();
  const Date my_start = *Date::FromYmd(in_.measurement_year, 1, 1);
  const Date my_end = *Date::FromYmd(in_.measurement_year, 12, 31);
  DateRange window = r.window;
  if (r.age_at_event_min) {
    window.first = std::max(window.first, NthBirthday(out_.timeline.demographics.birth_date, *r.age_at_event_min));
  }
  const DateRange in_my{std::max(window.first, my_start), std::min(window.last, my_end)};
  const DateRange use = in_my.empty() ? window : in_my;
  if (use.empty()) return Status::Ok();  // nothing can meet it for this member
  const int step = std::max(r.min_days_apart, 1);
  Date day = use.first + std::max(0, (use.Days() - 1 - step * (r.count - 1)) / 2);
  EventFact fact;
  fact.value_set = r.value_sets.front();
  fact.source = (supplemental || !r.claims) ? StatedSource::kSupplemental : StatedSource::kPrimary;
  if (r.passing_value) fact.value = fmt::format("{}", *r.passing_value);
  for (int i = 0; i < r.count; ++i, day += step) {
    const std::size_t before = out_.timeline.events.size();
    HM_RETURN_IF_ERROR(AddEvent(fact, day, static_cast<std::size_t>(i)));
    for (std::size_t k = before; k < out_.timeline.events.size(); ++k) out_.timeline.events[k].note = why;
    // A companion the criterion needs on the same day.
    if (!r.with_value_sets.empty() && !StatedAny(r.with_value_sets)) {
      // (AddEvent already adds the denominator's.)
      const bool denominator = std::any_of(req_.denominator.begin(), req_.denominator.end(),
                                           [&](const EventRequirement& d) { return &d == &r; });
      if (!denominator) HM_RETURN_IF_ERROR(AddCompanion(out_.timeline.events[before], r.with_value_sets.front()));
    }
  }
  out_.defaults.push_back(fmt::format("{}: {} × {} from {}", why, r.count, fact.value_set, use.first.ToUs()));
  return Status::Ok();
}

}  // namespace hm::synthesize
