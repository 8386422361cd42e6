// The measure engine (issue 5): measures written as YAML (docs/measure-language.md), compiled once
// against a VSD and a measurement year, evaluated over member timelines into the component flags
// QA checks (PL, AG, CE, AD, BE, ED, RE, NUM/NE, SNE, HOSPICE_EXCL, DECEASED_EXCL, Sub_measure_id,
// AGE_END_REP_YR and the event dates), each with the reason in words and the evidence.
//
// No measure has C++ of its own: everything a measure needs is in its file.
//
// Thread-safety: a CompiledMeasure is immutable after Compile; Evaluate may be called from many
// threads at once.
#pragma once

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/timeline.h"

namespace hm {

class ValueSetDirectory;

// One output column for one member: its value, why, and the records behind it.
struct FlagResult {
  std::string name;    // "CE", "NUM", "SNE", "HOSPICE_EXCL", "Sub_measure_id", "EXCLUSION_DT" ...
  std::string value;   // "1", "0", "70", "2026-03-15", "NULL"
  std::string reason;  // "CE=0: 2 gaps (2026-04-01..2026-04-20, 2026-09-01..2026-09-20); 1 allowed"
  // "PSA Lab Test: CPT 84153 on 2026-03-15 (LAB_IN row 7)"
  std::vector<std::string> evidence;
};

// A member enrolled in several products (or plans) gets one output row per product and plan, as
// QA's engine writes them (WCC "Product_ID=2, CE=1, AD=0, BE=0 / Product_ID=11, CE=1, AD=1, BE=1"
// for a switch from commercial to Medicare in one plan; PSA "Plan=1 ... HOSPICE_EXCL=1 / Plan=2
// ... HOSPICE_EXCL=0"). Every flag is the member's except these, decided per row:
//   CE  the CE periods over the coverage of the row's plan (FILE_ID); the member's with one plan
//   BE  the same counting only coverage with the required benefits, and the row's product holds
//       them on the anchor date
//   AD  enrolled in the row's product (and plan) on the anchor date (with the required benefits,
//       where the measure's anchor needs them)
//   HOSPICE_EXCL, RE, EXCLUSION_DT  with several plans: an exclusion met only by a plan's own
//       flags (BEN_HOSPICE on its spans, HOSPICE in its monthly membership) is that plan's
// [verify] QA's rows do not all agree (docs/measure-language.md, "Rows per product").
struct ProductRow {
  std::string product_id;
  std::string plan_id;  // the span's FILE_ID when the member has several plans; else empty
  std::vector<FlagResult> flags;  // the flags decided per row, with reasons when explaining
};

struct MemberResult {
  std::string member_id;
  std::string product_line;  // the member's line at the end of the CE period ("medicare")
  std::string gender;        // M, F, O or U
  std::vector<FlagResult> flags;  // in CompiledMeasure::FlagNames() order
  // Empty unless the member holds two or more products or plans in its enrollment over the CE
  // periods (through the anchor date), or some of its products are not reported: then one per
  // reported product (and plan), in order of first enrollment. Filled by
  // Evaluate(), not by EvaluateValues() (the bulk path writes one row per member).
  std::vector<ProductRow> product_rows;
  // False when the engine writes no row for the member: every product's last span in the CE
  // window has a non-reportable coverage indicator (enrollment.non_reportable_coverage). Filled by
  // Evaluate(), like product_rows.
  bool reported = true;

  // The flags of one product's row: flags, with the product's own (AD, BE) in their place.
  std::vector<FlagResult> FlagsOf(const ProductRow& row) const;

  // The flag named `name` (case-insensitive), or null.
  const FlagResult* Find(std::string_view name) const;
  // Its value, or "" when there is no such flag.
  std::string Value(std::string_view name) const;
};

// An event that a criterion of the measure needs, as a generator would make it.
struct EventRequirement {
  std::vector<std::string> value_sets;       // a code of any of these (VSD names)
  std::vector<std::string> with_value_sets;  // and, on the same day, a code of any of these
  DateRange window;                          // the days the event must fall on
  int count = 1;                             // events on distinct dates
  int min_days_apart = 0;                    // between them
  std::optional<double> passing_value;       // a result value that passes the criterion's test
  std::optional<int> age_at_event_min;       // the member's age on the event's date
  bool claims = true, supplemental = true, emr = true;  // the data sources that count
};

// What CompiledMeasure::Requirements tells, for one birth date, with every date resolved.
struct Requirements {
  std::vector<ProductLine> product_lines;  // the lines the measure reports
  // product id -> line, as the measure file maps them (a generator picks the first id of a line)
  std::vector<std::pair<std::string, ProductLine>> product_ids;
  Date age_as_of;
  int age_min = 0, age_max = 200;
  std::optional<Sex> sex;
  struct Period {
    DateRange days;
    int max_gaps = 1;
    int max_gap_days = 45;
  };
  std::vector<Period> enrollment;  // continuous-enrollment periods; empty: none required
  std::optional<Date> anchor;
  BenefitSet benefits;                        // required through the periods and on the anchor
  std::vector<EventRequirement> denominator;  // every event the denominator needs (may be none)
  struct Numerator {
    std::string id;                       // "NUM", "NE1" ...
    std::vector<EventRequirement> events;  // what meets it (the first way, when there are several)
  };
  std::vector<Numerator> numerators;
  // Every event criterion of the required exclusions, each alternative included: where a generator
  // places an undated event of one of their value sets.
  std::vector<EventRequirement> exclusions;
  // The product id for `line`: the first the measure maps to it; empty if none.
  std::string ProductIdFor(ProductLine line) const;
};

class CompiledMeasure {
 public:
  // Reads the measure file at `path` and compiles it: value sets resolved to code sets (every
  // name must be in `vsd`), windows resolved to dates of `measurement_year`. Errors name the file,
  // line and field (kInvalidInput), or the value set and its closest names (kNotFound).
  static Result<CompiledMeasure> Load(const std::string& path, const ValueSetDirectory& vsd,
                                      int measurement_year);
  // The same from YAML text; `name` stands for the file in messages.
  static Result<CompiledMeasure> FromText(std::string_view yaml, const std::string& name,
                                          const ValueSetDirectory& vsd, int measurement_year);

  const std::string& id() const;
  const std::string& name() const;
  int measurement_year() const;
  // The output columns, in order: PL, AG, CE, AD, BE, ED, RE, HOSPICE_EXCL, DECEASED_EXCL, the
  // numerators (and their SNE), Sub_measure_id, AGE_END_REP_YR, EXCLUSION_DT, the date flags.
  const std::vector<std::string>& FlagNames() const;

  // `rows`, when given (ReadTimelines' provenance for this member), lets the evidence cite the
  // table row of each record: "LAB_IN row 7". Without `explain`, only the values are filled
  // (reasons and evidence empty): bulk evaluation where nobody reads them.
  MemberResult Evaluate(const MemberTimeline& member, const MemberRows* rows = nullptr,
                        bool explain = true) const;
  // The flag values alone, as numbers in FlagNames() order: flags 0/1, Sub_measure_id and
  // AGE_END_REP_YR as numbers, dates as day numbers (Date::days()), kNullFlag for NULL. The fast
  // path for bulk evaluation: no text is built.
  static constexpr std::int32_t kNullFlag = INT32_MIN;
  void EvaluateValues(const MemberTimeline& member, std::vector<std::int32_t>& values) const;

  // Evaluates every member, on `threads` threads (0: the hardware's). Results are in input order.
  // `rows`, when not empty, is parallel to `members`.
  std::vector<MemberResult> EvaluateAll(std::span<const MemberTimeline> members,
                                        unsigned threads = 0,
                                        std::span<const MemberRows> rows = {},
                                        bool explain = true) const;

  // What a member born on `birth` needs to be in the measure's denominator and numerators: the
  // generator builds members from it where a scenario leaves something unsaid.
  Requirements RequirementsFor(Date birth) const;

  struct Impl;  // internal; see src/measure/compiled.h

 private:
  explicit CompiledMeasure(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// How evaluation results are written:
//   kFlags  CSV: MemID, ProductLine, then one column per flag (CompiledMeasure::FlagNames()).
//   kNcqa   CSV in NCQA's certification result layout:
//           MemID,Meas,Payer,CE,Event,Epop,Excl,Num,RExcl,RExclD,Age,Gender
//           one row per member and numerator (Meas is the measure id, or id-numerator when the
//           measure has several [verify NCQA's indicator codes]); Payer MCR/MCD/CEP/MEP; Epop = PL,
//           AG, CE, AD, BE and ED all 1; Excl 0 (no optional exclusions); RExclD the deceased
//           exclusion [verify]; Age AGE_END_REP_YR.
//   kJson   every flag with its reason and evidence.
enum class ResultFormat : std::uint8_t { kFlags, kNcqa, kJson };
std::optional<ResultFormat> ParseResultFormat(std::string_view name);  // "flags", "ncqa", "json"
std::string FormatResults(const CompiledMeasure& measure, std::span<const MemberResult> results,
                          ResultFormat format);
// FormatResults written to `path` through a temporary file (never half-written).
Status WriteResults(const CompiledMeasure& measure, std::span<const MemberResult> results,
                    ResultFormat format, const std::string& path);

// What a measure file says about itself, without compiling it (no VSD needed).
struct MeasureSummary {
  std::string id, name;
  std::vector<std::string> product_lines;
  int age_min = 0, age_max = 200;
  std::vector<std::string> numerators;  // ids
};
// `name` stands for the file in messages. Errors as CompiledMeasure::FromText's reading part.
Result<MeasureSummary> SummarizeMeasure(std::string_view yaml, const std::string& name);

// The measures the product ships (measures/*.yaml, built into the binary): ids in order, and the
// text of one ("PSA"; case-insensitive; kNotFound with the list otherwise).
std::vector<std::string> ShippedMeasures();
Result<std::string> ShippedMeasureText(std::string_view id);

}  // namespace hm
