// A measure definition as read from its YAML file (docs/measure-language.md), before compiling:
// names and MY-relative expressions are kept as written, with the file line each came from, so a
// compile error can point at it. measure_file.cc reads it; compile.cc resolves it against a VSD
// and a measurement year.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hm::measure {

// Where in the measure file a construct was written (1-based; 0 when built in code).
struct Where {
  int line = 0;
  int column = 0;
};

// One end of a window: a date expression relative to the MY ("1/1/MY-1", "10/1/MY-2",
// "12/31/MY"), a birthday of the member ("birthday 13": the 13th), the start of time
// ("earliest"), or the measure's CE period end.
struct WindowEnd {
  enum class Kind : std::uint8_t { kDate, kBirthday, kEarliest, kLatest };
  Kind kind = Kind::kDate;
  std::string date;  // kDate: as written
  int birthday = 0;  // kBirthday: which one (0 = the birth date)
  int offset_days = 0;  // added after resolving ("birthday 13" - 1 day: "day before the 13th")
};

// [from, to], both ends included.
struct WindowSpec {
  WindowEnd from, to;
  Where where;
};

// A numeric test on a value: "< 140", ">= 4.0", "> 9".
struct ValueTest {
  enum class Op : std::uint8_t { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual };
  Op op = Op::kLess;
  double threshold = 0;
  std::string text;  // as written, for explanations
};

// Which records count for a criterion. Denied claims never count unless `include_denied`.
struct SourceRule {
  bool claims = true;        // administrative data (primary source)
  bool supplemental = true;  // supplemental data
  bool emr = true;           // clinical/EMR data
  bool include_denied = false;
  // Whether diagnoses (ICD-10-CM, ICD-9-CM, SNOMED CT codes) on a claim billed from an independent
  // laboratory (place of service 81) count. QA's PSA and WCC cases expect a prostate-cancer,
  // pregnancy or BMI-percentile diagnosis on a POS 81 claim not to, while a procedure on one (a
  // PSA test's CPT, nutrition counseling's CPT) and an abnormal-PSA finding still do [verify].
  bool lab_claim_diagnoses = true;
  // Provider types (CLAIM_PRAC_TYPE_ID_1 as written) whose records do not count: a plan's codes
  // for, say, dentists on a visit that must be with a PCP or OB/GYN.
  std::vector<std::string> excluded_provider_types;
};

// A criterion over the member's coded events: "an event from these value sets in this window",
// with counts, spacing, values and companions. Combinators make trees of them.
struct Criterion {
  enum class Kind : std::uint8_t {
    kEvent,       // events from value_sets in window (count, min_days_apart, value test)
    kMostRecent,  // the most recent event in window passes `value` (lowest of its day)
    kAllOf,       // every child
    kAnyOf,       // at least one child
    kNot,         // the child fails
    kRef,         // another numerator or exclusion of this measure, by id
    kAge,         // the member's age as of `age_as_of` is within [age_min, age_max]
    kMonthly,     // a monthly membership row in window with `monthly_flag` set (LTI, hospice)
  };
  Kind kind = Kind::kEvent;
  Where where;

  // kEvent / kMostRecent
  std::vector<std::string> value_sets;  // names in the VSD or MLD
  std::optional<WindowSpec> window;     // none: the measurement year
  int count = 1;                        // events on distinct dates
  int min_days_apart = 0;               // between the counted events
  std::optional<ValueTest> value;       // kEvent: some counted event passes; kMostRecent: the test
  // kEvent: an event without a value is tested on the value of an event of the same value sets at
  // most this many days before or after it (in the window or not); 0: never.
  int value_within_days = 0;
  bool missing_passes = false;          // kMostRecent: no event (or no value) counts as passing
  // kEvent: each counted event must have an event from these value sets on the same day (a visit
  // "with a hypertension diagnosis"); empty: none needed.
  std::vector<std::string> with_value_sets;
  std::optional<int> age_at_event_min;  // the member is at least this old on the event's date
  SourceRule sources;

  // kAllOf / kAnyOf / kNot
  std::vector<Criterion> children;
  // kRef
  std::string ref;
  // kAge
  std::string age_as_of;  // a date expression; default "12/31/MY"
  int age_min = 0, age_max = 200;
  // kMonthly: "lti" (long-term institutional) or "hospice"; the run date must be in `window`
  std::string monthly_flag;
};

// A continuous-enrollment period: [from, to] with its gap allowance.
struct CePeriod {
  WindowSpec window;
  int max_gaps = 1;
  int max_gap_days = 45;
  // Medicaid members may instead have one gap of up to one calendar month (a parameter: NCQA's
  // general guideline wording is [verify]); 0 turns the rule off.
  int medicaid_max_gap_months = 0;
};

struct ContinuousEnrollment {
  std::vector<CePeriod> periods;   // empty: the measure has no CE requirement (CE=1)
  std::optional<WindowEnd> anchor;  // none: no anchor-date requirement (AD=1)
  // AD also needs the required benefits on the anchor date (true), or any coverage (false).
  bool anchor_needs_benefits = true;
  std::vector<std::string> benefits = {"medical"};  // required benefits (BE, and AD's benefit)
  // COVERAGE_INDICATOR values (upper case) whose coverage is not reported: a product whose last
  // span in the CE window has one gets no output row (QA's "SN": secondary, not reportable).
  std::vector<std::string> non_reportable_coverage;
  Where where;
};

// An age band: a stratum reported as Sub_measure_id.
struct AgeBand {
  int id = 0;
  int min = 0, max = 200;
};

// A required exclusion. `kind` names the built-in sources that need more than events: the
// enrollment hospice flag and the monthly membership hospice flag, and death (member table date or
// a discharge status). Everything else is a criterion.
struct Exclusion {
  std::string id;  // "hospice", "deceased", "prostate_cancer" ...; HOSPICE_EXCL and DECEASED_EXCL
                   // are the flags of the ids "hospice" and "deceased"
  Criterion criterion;  // events (and combinations) that exclude; may be empty for built-ins
  bool has_criterion = false;
  bool enrollment_hospice_flag = false;  // BEN_HOSPICE=Y on a span overlapping the window
  bool monthly_hospice_flag = false;     // HOSPICE=Y on a monthly row whose run date is in window
  bool death = false;                    // DECEASED_DT in window, or a discharge status in
  std::vector<std::string> discharge_statuses;  // these (20, 40, 41, 42) on a claim in window
  std::optional<WindowSpec> window;      // for the built-ins; none: the measurement year
  bool report_date = true;  // EXCLUSION_DT is this exclusion's date (false: NULL, as for hospice)
  Where where;
};

struct Numerator {
  std::string id;  // "NUM", or "NE1", "NE2" ... for measures with several
  std::string name;
  std::string date_flag;  // the output column that carries the date met ("BMI_PERCENTILE")
  Criterion criterion;
  Where where;
};

struct MeasureDefinition {
  std::string file;  // the path it was read from (for messages)
  std::string id;    // "PSA"
  std::string name;
  bool inverse = false;  // lower is better: reported, not used by the flags
  // Which days of a stay (SERV_DT/ADMIT_DT to DISCH_DT) fall in a window: any of them (NCQA's
  // dQM: the stay "overlaps" the period), or its service date only (what QA's PSA and WCC
  // workbooks expect of a hospice stay served on 12/31/MY-1 and discharged in the MY). A discharge
  // status of "expired" is dated by the discharge either way.
  bool stays_by_service_date = false;
  // product id -> product line, as this plan's data writes product ids ("11" -> medicare).
  std::map<std::string, std::string> product_ids;
  std::vector<std::string> product_lines;  // eligible lines, lower case
  // Age criterion (AG) and the age reported (AGE_END_REP_YR is always as of Dec 31 of the MY).
  std::string age_as_of = "12/31/MY";
  int age_min = 0, age_max = 200;  // IMA's "turns 13 in the MY" is min 13, max 13 as of 12/31/MY
  std::vector<AgeBand> bands;
  std::string sex;  // "male", "female" or empty (any)
  ContinuousEnrollment enrollment;
  std::optional<Criterion> event;  // the denominator event (ED); none: ED=1
  std::vector<Exclusion> exclusions;
  std::vector<Numerator> numerators;
  // Population flags (PL, AG, CE, AD, BE, ED) that must be 1 for the numerators to be computed;
  // otherwise every numerator flag is 0 and its date NULL. Empty: numerators are computed for
  // every member.
  std::vector<std::string> numerators_require;
};

}  // namespace hm::measure
