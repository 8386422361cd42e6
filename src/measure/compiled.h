// A measure compiled for one measurement year: the definition's value-set names resolved to code
// sets, its MY-relative dates to days. Birthday-relative window ends stay symbolic and are resolved
// per member (a few additions). Built by compile.cc, read by evaluate.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <array>
#include <vector>

#include "hedis_mockup/date.h"
#include "hedis_mockup/measure.h"
#include "measure/code_ids.h"
#include "measure/definition.h"

namespace hm::measure {

// A window end resolved as far as the MY allows.
struct ResolvedEnd {
  WindowEnd::Kind kind = WindowEnd::Kind::kDate;
  Date date;         // kDate
  int birthday = 0;  // kBirthday
  int offset_days = 0;
};

// A member's birthdays, each computed once (calendar conversions are the slow part of windows
// such as IMA's "birthday 9 to birthday 13").
class Birthdays {
 public:
  explicit Birthdays(Date birth) : birth_(birth) { known_.fill(false); }
  Date Nth(int n);
  Date birth() const { return birth_; }

 private:
  static constexpr int kCached = 128;
  Date birth_;
  std::array<bool, kCached> known_;
  std::array<Date, kCached> days_;
};

struct ResolvedWindow {
  ResolvedEnd from, to;
  // The days for a member born on `birth`.
  DateRange For(Date birth) const;
  DateRange For(Birthdays& birthdays) const { return fixed_ ? days_ : Resolve(birthdays); }
  // Resolves, once, a window whose ends do not depend on the member (most of them): called by
  // the compiler when the ends are final.
  void Seal();

 private:
  DateRange Resolve(Birthdays& birthdays) const;
  bool fixed_ = false;
  DateRange days_;
};

struct CompiledCriterion {
  Criterion::Kind kind = Criterion::Kind::kEvent;
  int codes = -1;       // index into Compiled::code_sets; -1: none
  int with_codes = -1;  // the companion value sets of kEvent
  ResolvedWindow window;
  int count = 1;
  int min_days_apart = 0;
  std::optional<ValueTest> value;
  int value_within_days = 0;
  bool missing_passes = false;
  std::optional<int> age_at_event_min;
  SourceRule sources;
  std::vector<CompiledCriterion> children;
  int ref = -1;            // kRef: index into Compiled::named (numerators then exclusions)
  Date age_as_of;          // kAge
  int age_min = 0, age_max = 200;
  bool monthly_lti = false;  // kMonthly: the LTI flag (else the hospice flag)
};

struct CompiledPeriod {
  ResolvedWindow window;
  int max_gaps = 1;
  int max_gap_days = 45;
  int medicaid_max_gap_months = 0;
};

struct CompiledExclusion {
  std::string id;
  bool has_criterion = false;
  CompiledCriterion criterion;
  bool enrollment_hospice_flag = false;
  bool monthly_hospice_flag = false;
  bool death = false;
  std::vector<std::string> discharge_statuses;
  ResolvedWindow window;
  bool report_date = true;
  int slot = -1;  // HOSPICE_EXCL for the id "hospice", DECEASED_EXCL for "deceased"; else -1
};

struct CompiledNumerator {
  std::string id;
  std::string name;
  std::string date_flag;
  CompiledCriterion criterion;
  int slot = -1, supplemental_slot = -1, date_slot = -1;  // in the flag values
};

// Where each fixed flag sits in the flag values (the order of FlagNames()); -1 when the measure
// has no such flag.
struct FlagSlots {
  int pl = -1, ag = -1, ce = -1, ad = -1, be = -1, ed = -1, re = -1, hospice = -1, deceased = -1;
  int sub_measure = -1, age = -1, exclusion_date = -1;
};

}  // namespace hm::measure

namespace hm {

struct CompiledMeasure::Impl {
  measure::MeasureDefinition definition;
  int my = 0;
  Date end_of_my;
  measure::CodeIds code_ids;
  std::vector<measure::CodeSet> code_sets;
  std::vector<std::string> flag_names;
  std::vector<bool> flag_is_date;  // per slot: the value is a day number (or null)
  measure::FlagSlots slots;

  // product id -> line: a handful, scanned (faster than a map's string compares at this size)
  std::vector<std::pair<std::string, ProductLine>> product_ids;
  std::vector<ProductLine> product_lines;          // eligible
  Date age_as_of;
  std::optional<Sex> sex;
  std::vector<measure::CompiledPeriod> periods;
  std::optional<measure::ResolvedWindow> anchor;  // from = to = the anchor date
  bool anchor_needs_benefits = true;
  std::vector<std::string> non_reportable_coverage;  // upper case
  BenefitSet benefits;
  std::optional<measure::CompiledCriterion> event;
  std::vector<measure::CompiledExclusion> exclusions;
  std::vector<measure::CompiledNumerator> numerators;
  std::vector<int> numerator_gates;  // slots of definition.numerators_require
};

}  // namespace hm
