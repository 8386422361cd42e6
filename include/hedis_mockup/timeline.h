// The member timeline: the one data model between reading, generating, rendering and evaluating.
//
// A MemberTimeline holds what the engine's input tables say about one member: demographics
// (MEMBER_IN), enrollment spans (ENROLLMENT_IN), dated coded events (VISIT_IN, LAB_IN, RX_IN,
// EMR_IN) and CMS monthly membership records (MONTHLY_MBR_IN). Generation fills one from a
// scenario, rendering writes it as table rows, loading reads it back, and evaluation computes a
// measure's flags from it; evaluate(generate(scenario)) must give the scenario's expected flags.
//
// The types are plain structs: data first, every field documented with its column, unit and
// default. They hold codes in their normal form (see code_system.h) next to the spelling the
// source used, so that matching is exact and reports can still quote the input.
//
// Columns of the input layout that the model does not name are kept in `extra` (column name ->
// value, as written) so that loading and rendering a table loses nothing.
//
// All dates are whole days; every range is inclusive at both ends, as enrollment spans are in the
// engine's tables (ENR_START 01/01/2026, ENR_END 01/31/2026 covers 31 days).
//
// Thread-safety: these are values with no shared state. Distinct objects may be used from
// distinct threads; const member functions may run concurrently on one object.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/date.h"

namespace hm {

// ---------------------------------------------------------------------------------------------
// Demographics

enum class Sex : std::uint8_t { kUnknown, kMale, kFemale, kOther };

// The sex for a spelling found in member tables and QA text, ignoring case, spaces and
// punctuation: "M", "Male", "(male)", "F", "female", "O", "other", "U", "unknown". std::nullopt
// for anything else, including the empty string (the caller decides whether blank means unknown).
std::optional<Sex> ParseSex(std::string_view text);
// The one-letter code of MEM_GENDER and of the result file: "M", "F", "O", "U".
std::string_view SexCode(Sex sex);

struct Demographics {
  std::string member_id;                     // MEM_NBR; unique within a run
  Date birth_date;                           // MEM_DOB
  Sex sex = Sex::kUnknown;                   // MEM_GENDER
  std::optional<Date> death_date;            // DECEASED_DT; none while alive
  std::string last_name;                     // MEM_LNAME; empty when not given (names are optional)
  std::string first_name;                    // MEM_FNAME
  std::string middle_name;                   // MEM_MNAME
  std::map<std::string, std::string> extra;  // other MEMBER_IN columns, by column name
};

// ---------------------------------------------------------------------------------------------
// Enrollment

enum class ProductLine : std::uint8_t { kUnknown, kCommercial, kMedicaid, kMedicare, kExchange };

// The product line for a name or payer code, ignoring case and punctuation: "Commercial",
// "Medicaid", "MCD", "Medicare", "MCR", "Exchange", "Marketplace", and the NCQA test-deck payer
// codes (CEP HMO POS PPO -> Commercial; MEP MMO MOS MPO -> Exchange; MCR MCS MP MC SN1 SN2 SN3 ->
// Medicare; MD MDE MLI MRB -> Medicaid). std::nullopt if unknown; "Unknown" maps to kUnknown.
std::optional<ProductLine> ParseProductLine(std::string_view text);
// "Commercial", "Medicaid", "Medicare", "Exchange", "Unknown".
std::string_view ProductLineName(ProductLine line);

// The benefits of an enrollment span, one per BEN_* column of ENROLLMENT_IN.
enum class Benefit : std::uint8_t {
  kMedical,                 // BEN_MEDICAL: the medical benefit most measures require
  kMedicalInpatient,        // BEN_MED_INP
  kMedicalIntensive,        // BEN_MED_INT: intensive outpatient / partial hospitalization
  kMedicalAmbulatory,       // BEN_MED_AMB
  kDental,                  // BEN_DENT
  kPharmacy,                // BEN_RX: drug benefit, required by measures with pharmacy data
  kMentalHealthInpatient,   // BEN_MH_INP
  kMentalHealthIntensive,   // BEN_MH_INT
  kMentalHealthAmbulatory,  // BEN_MH_AMB
  kChemDepInpatient,        // BEN_CD_INP: chemical dependency
  kChemDepIntensive,        // BEN_CD_INT
  kChemDepAmbulatory,       // BEN_CD_AMB
  kChemDepAmp,              // BEN_CD_AMP: a layout column whose meaning is engine-specific
  kHospice,                 // BEN_HOSPICE: the member is in hospice (a required exclusion)
  kEsrd,                    // BEN_ESRD: end-stage renal disease
  kOther,                   // BEN_OS: other services
};
inline constexpr int kBenefitCount = 16;

// The ENROLLMENT_IN column: "BEN_MEDICAL", "BEN_RX", ...
std::string_view BenefitColumn(Benefit benefit);
// The benefit for a column name or a name QA text uses, ignoring case and punctuation:
// "BEN_MEDICAL", "Ben-Hospice", "medical", "Rx", "pharmacy", "drug", "dental", "mental health
// inpatient", "MH inpatient", "chemical dependency ambulatory", "hospice". std::nullopt if unknown.
std::optional<Benefit> ParseBenefit(std::string_view text);

// A set of benefits (a bit set, cheap to copy).
class BenefitSet {
 public:
  constexpr BenefitSet() = default;
  constexpr BenefitSet(std::initializer_list<Benefit> benefits) {
    for (Benefit b : benefits) bits_ |= Bit(b);
  }
  static constexpr BenefitSet All() {
    BenefitSet all;
    all.bits_ = (std::uint32_t{1} << kBenefitCount) - 1;
    return all;
  }

  constexpr bool Has(Benefit b) const { return (bits_ & Bit(b)) != 0; }
  constexpr BenefitSet& Set(Benefit b, bool held = true) {
    bits_ = held ? (bits_ | Bit(b)) : (bits_ & ~Bit(b));
    return *this;
  }
  // True if every benefit of `required` is in this set (so an empty `required` always holds).
  constexpr bool HasAll(BenefitSet required) const {
    return (bits_ & required.bits_) == required.bits_;
  }
  constexpr bool empty() const { return bits_ == 0; }
  friend constexpr bool operator==(BenefitSet, BenefitSet) = default;

 private:
  static constexpr std::uint32_t Bit(Benefit b) {
    return std::uint32_t{1} << static_cast<unsigned>(b);
  }
  std::uint32_t bits_ = 0;
};

// What a plain health-plan enrollment holds: medical (with its inpatient, intensive and
// ambulatory parts) and pharmacy. Scenarios switch off what they test ("Ben_Medical='N'").
inline constexpr BenefitSet kDefaultBenefits = {Benefit::kMedical, Benefit::kMedicalInpatient,
                                                Benefit::kMedicalIntensive,
                                                Benefit::kMedicalAmbulatory, Benefit::kPharmacy};

// One row of ENROLLMENT_IN: the member is covered on every day of [start, end].
struct EnrollmentSpan {
  Date start;  // ENR_START, first covered day
  Date end;    // ENR_END, last covered day; open-ended coverage is written as a far date
               // (QA uses 12/31/2050). A span with end < start covers nothing.
  ProductLine product_line = ProductLine::kUnknown;
  std::string product_id;  // PRODUCT_ID: the plan's product ("11", "92"); QA scenarios
                           // compare members by it ("prod id 11")
  std::string payer;       // payer code when the source has one ("MCR", "SN1"); may be empty
  BenefitSet benefits = kDefaultBenefits;  // BEN_* columns; the hospice flag is Benefit::kHospice
  std::string coverage_indicator;  // COVERAGE_INDICATOR as written: "PR" primary, "SR" secondary,
                                   // "SN" ...; empty when not given
  bool employee = false;           // health-plan employee (QA: HP_EMPLOYEE=Y)
  std::string file_id;             // FILE_ID: which plan file carried the row ("Plan 1")
  std::map<std::string, std::string> extra;  // other ENROLLMENT_IN columns, by column name

  DateRange days() const { return {start, end}; }
};

// Which enrollment spans a coverage question counts. The default counts every span.
struct SpanFilter {
  BenefitSet benefits;                      // every one must be held; empty: no requirement
  std::optional<ProductLine> product_line;  // only spans of this line; none: any
  std::string product_id;                   // only spans of this product; empty: any

  bool Matches(const EnrollmentSpan& span) const;
};

// ---------------------------------------------------------------------------------------------
// Events

// How HEDIS classifies the data an event came from; it decides what the event may count for
// (supplemental data counts for numerators and exclusions, not for the denominator event).
enum class DataSource : std::uint8_t {
  kClaim,         // administrative data: claims and encounters, what QA calls "primary source"
  kSupplemental,  // supplemental data (QA: "suppl", "supple source")
  kEmr,           // clinical data from an EHR, reported as such (ECDS)
};
// "claim", "supplemental", "emr".
std::string_view DataSourceName(DataSource source);
// "claim", "primary", "administrative", "admin", "supplemental", "suppl", "supple", "supp",
// "emr", "ehr"; ignoring case and punctuation. std::nullopt if unknown.
std::optional<DataSource> ParseDataSource(std::string_view text);

enum class ClaimStatus : std::uint8_t {
  kPaid,    // counts (CLAIM_DEN = N or blank)
  kDenied,  // never counts (CLAIM_DEN = Y)
};

// The engine input table a row belongs to, without the measure prefix ("PSA_").
enum class SourceTable : std::uint8_t {
  kMember,             // MEMBER_IN
  kEnrollment,         // ENROLLMENT_IN
  kVisit,              // VISIT_IN: claims and encounters
  kLab,                // LAB_IN
  kPharmacy,           // RX_IN: pharmacy claims
  kEmr,                // EMR_IN
  kMonthlyMembership,  // MONTHLY_MBR_IN: CMS monthly membership (Medicare)
};
// "MEMBER_IN", "ENROLLMENT_IN", "VISIT_IN", "LAB_IN", "RX_IN", "EMR_IN", "MONTHLY_MBR_IN".
std::string_view SourceTableName(SourceTable table);
// A table name as QA text writes it, ignoring case and punctuation: "VISIT_IN", "visit_in",
// "visit", "lab", "RX_IN", "pharmacy", "EMR_in", "Monthly_mbr_in", "Monthly_mem_in", "MMDF", ...
std::optional<SourceTable> ParseSourceTable(std::string_view text);

// One coded fact on a date: a procedure, diagnosis, lab result, dispensed drug, vaccine, ...
// A claim line with several codes (CPT plus diagnoses plus POS) is several events sharing
// claim_id, so that "on the same claim" is answerable.
struct CodedEvent {
  CodeSystem system = CodeSystem::kCpt;
  std::string code;              // normal form: NormalizeCode(system, code_as_written)
  std::string code_as_written;   // the source's spelling ("Z90.13", "0002-1433-80")
  Date date;                     // service date (SERV_DT, LAB_SCR_DT, RX_SERV_DT); for a stay
                                 // without one, the admission (ADMIT_DT)
  std::optional<Date> end_date;  // last day of a stay or episode (DISCH_DT, END_DATE,
                                 // RX_END_DT), inclusive; none for a one-day event
  std::optional<Date> admit_date;  // ADMIT_DT when a stay gives one apart from its service date
  std::optional<double> value;   // numeric result (LAB_VALUE, RESULT, BMI_PERCENTILE), in `unit`
  std::string unit;              // as written ("ng/mL", "%", "mm[Hg]"); empty when not given
  std::string value_text;        // a non-numeric result (LOINC_ANSWER, "positive"); may be empty
  DataSource source = DataSource::kClaim;
  ClaimStatus claim_status = ClaimStatus::kPaid;
  std::string provider_id;    // PROV_NBR; empty when not given
  std::string provider_type;  // CLAIM_PRAC_TYPE_ID_n or taxonomy as written ("PCP", "OBGYN")
  SourceTable table = SourceTable::kVisit;
  int position = 0;                // 1-based slot in a multi-code row (DIAG_I_1 is the principal
                                   // diagnosis); 0 when the slot does not matter
  std::optional<int> days_supply;  // RX_DAYS_SUPP, days; pharmacy only
  std::optional<double> quantity;  // QTY_DISP / QUANTITY, units dispensed; pharmacy only
  std::string claim_id;            // CLAIM_ID / RX_CLAIM_ID; events of one claim share it
  std::string file_id;             // FILE_ID: which source file carried the row ("90055", "18055")
  std::string note;  // free text for reports: the scenario fragment that made the event
  std::map<std::string, std::string> extra;  // other columns of the row, by column name

  // The days the event covers: [date, end_date or date].
  DateRange days() const { return {date, end_date.value_or(date)}; }
};

// ---------------------------------------------------------------------------------------------
// Monthly membership (CMS Monthly Membership Detail Data File, Medicare)

struct MonthlyMembership {
  Date run_date;                     // RUN_DT: QA writes "Rundate=7/1/MY"
  std::optional<Date> payment_date;  // PAYMENT_DT: the month paid for; none when not given
  bool hospice = false;              // HOSPICE: a required exclusion when set in the MY
  bool lti = false;                  // LTI: long-term institutional; the only source NCQA allows
                                     // for the LTI exclusion
  bool esrd = false;                 // ESRD
  std::string orec;                  // OREC: original reason for entitlement code, as written
  std::string plan_id;               // PLAN_ID
  std::string contract;              // CONTRACT_NBR
  std::string pbp;                   // PBP_NBR: plan benefit package
  std::string medicaid_dual;         // MEDICAID_FULL_PARTIAL_NONDUAL as written
  std::string file_id;               // FILE_ID
  std::map<std::string, std::string> extra;  // other MONTHLY_MBR_IN columns, by column name

  // The first day of the month the record is for: the payment month, else the run month.
  Date Month() const;
};

// ---------------------------------------------------------------------------------------------
// The timeline

struct MemberTimeline {
  Demographics demographics;
  std::vector<EnrollmentSpan> enrollment;  // any order; SortEnrollment() orders them
  std::vector<CodedEvent> events;          // any order; SortEvents() orders them
  std::vector<MonthlyMembership> monthly;

  // Orders events by date, then end date, then table, keeping the order of equal events so that
  // rendering is deterministic.
  void SortEvents();
  // Orders spans by start, then end, keeping the order of equal spans.
  void SortEnrollment();

  // True if a span accepted by `filter` covers `day`.
  bool IsEnrolledOn(Date day, const SpanFilter& filter = {}) const;

  // The days of `period` covered by spans accepted by `filter`, as maximal ranges in date order.
  // Overlapping spans merge, and so do adjacent ones (one ending Jan 31, the next starting
  // Feb 1): there is no gap between them. Empty when `period` is empty.
  std::vector<DateRange> CoveredWithin(DateRange period, const SpanFilter& filter = {}) const;

  // The days of `period` not covered, as maximal ranges in date order: the gaps continuous
  // enrollment counts. A gap's length is DateRange::Days() (both ends counted: covered to Sep 30
  // and again from Nov 16 leaves Oct 1..Nov 15, 46 days). The whole period if nothing covers it.
  std::vector<DateRange> GapsWithin(DateRange period, const SpanFilter& filter = {}) const;
};

}  // namespace hm
