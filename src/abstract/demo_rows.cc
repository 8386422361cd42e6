// The demo patients: one CNS tumor each, a surgery, pathology and problem-list diagnoses around
// it, chemotherapy and radiation courses, imaging and visits. Some patients are anchored only by
// the problem list or only by imaging; every tenth from the seventh has no diagnostic evidence.
#include <fmt/format.h>

#include "abstract/demo_data.h"
#include "hedis_mockup/date.h"
#include "util/hash.h"

namespace hm::abstract {
namespace {

struct Diagnosis {
  const char* icd;
  const char* name;
  const char* imaging;  // the pre-operative MRI's conclusion
  std::int64_t dose_cgy;
};

constexpr Diagnosis kDiagnoses[] = {
    {"C71.6", "Medulloblastoma, SHH-activated", "Posterior fossa mass, likely medulloblastoma",
     5400},
    {"C71.7", "Diffuse midline glioma, H3 K27-altered", "Expansile pontine lesion, DIPG", 5400},
    {"C71.0", "Pilocytic astrocytoma", "Cystic cerebellar mass suggesting astrocytoma", 0},
    {"C71.9", "Ependymoma, posterior fossa group A", "Fourth ventricular mass, ependymoma", 5940},
    {"D33.0", "Low-grade glioma, MAPK-altered", "Non-enhancing temporal lesion, low-grade glioma",
     0},
    {"D43.0", "Craniopharyngioma, adamantinomatous", "Suprasellar cystic mass, craniopharyngioma", 5400},
};

// SplitMix64: small, fast, and the same numbers on every platform (std distributions are not).
struct Random {
  std::uint64_t state;
  std::uint64_t Next() {
    const std::uint64_t z = util::SplitMix64(state);  // SplitMix64 adds the step itself
    state += 0x9e3779b97f4a7c15ULL;
    return z;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
};

struct Patient {
  int number;
  std::string id;
  const Diagnosis* diagnosis;
  Date birth, surgery;
  bool no_evidence, imaging_only, problem_list_only;
};

SqlValue Text(std::string text) { return SqlValue(std::move(text)); }
SqlValue Int(std::int64_t n) { return SqlValue(n); }
SqlValue Day(Date d) { return SqlValue(d.ToIso()); }
SqlValue Time(Date d, const char* clock) { return SqlValue(d.ToIso() + " " + clock); }
const SqlValue kNull;

Patient MakePatient(int number, std::uint64_t seed) {
  Random random{seed * 1'000'003ULL + static_cast<std::uint64_t>(number)};
  Patient p{number, DemoPatientId(number), &kDiagnoses[random.Below(std::size(kDiagnoses))],
            {}, *Date::FromYmd(2016, 1, 1) + random.Below(2500), false, false, false};
  p.birth = p.surgery - (730 + random.Below(5000));
  p.no_evidence = DemoPatientWithoutEvidence(number);
  p.imaging_only = !p.no_evidence && number % 6 == 5;
  p.problem_list_only = !p.no_evidence && !p.imaging_only && number % 4 == 2;
  return p;
}

std::vector<SqlValue> PathologyRow(const Patient& p, const char* source, int n, Date date,
                                   const char* name, const char* code, const char* system) {
  const bool pathology = std::string_view(source) != "problem_list";
  return {Text(p.id), Text(source), Text(fmt::format("{}-dx-{}", p.id, n)), Time(date, "09:30:00"),
          Day(date), Text(name), Text(code), Text(system), Text(pathology ? "LOINC" : "ICD-10-CM"),
          pathology ? Text("Final diagnosis") : kNull, pathology ? Text(name) : kNull,
          Text(pathology ? "Pathology" : "Problem List"),
          pathology ? Text("Tissue") : kNull, pathology ? Text("Brain") : kNull,
          pathology ? Time(p.surgery, "10:15:00") : kNull, Text("CHOP Pathology"),
          Text("final"), Text("Dr. Demo"), Int(pathology ? 3 : 1),
          Text(fmt::format("{}-proc-1", p.id)), Text("Craniotomy for tumor resection"),
          Time(p.surgery, "08:00:00"), Int(date - p.surgery), Text(fmt::format("{}-enc-1", p.id))};
}

void AddPathology(const Patient& p, std::vector<std::vector<SqlValue>>& rows) {
  const Diagnosis& d = *p.diagnosis;
  if (p.no_evidence) {  // a problem-list entry that is no CNS tumor: rows, but no evidence
    rows.push_back(PathologyRow(p, "problem_list", 1, p.surgery - 60, "Headache", "R51.9",
                                "http://hl7.org/fhir/sid/icd-10-cm"));
    return;
  }
  if (p.imaging_only) return;
  rows.push_back(PathologyRow(p, "problem_list", 1, p.surgery - 12, d.name, d.icd,
                              "http://hl7.org/fhir/sid/icd-10-cm"));
  if (p.problem_list_only) return;
  rows.push_back(PathologyRow(p, "surgical_pathology", 2, p.surgery + 3, d.name, "34574-4",
                              "http://loinc.org"));
  if (p.number % 3 == 0) {  // a molecular result that names no diagnosis: not evidence
    rows.push_back(PathologyRow(p, "molecular_pathology", 3, p.surgery + 21,
                                "Targeted sequencing panel, variants reported", "81445",
                                "http://www.ama-assn.org/go/cpt"));
  }
}

void AddProcedures(const Patient& p, std::vector<std::vector<SqlValue>>& rows) {
  if (p.imaging_only) return;
  auto row = [&](int n, Date date, const char* text, const char* type, const char* extent,
                 bool tumor, const char* cpt) {
    rows.push_back({Text(p.id), Text(fmt::format("{}-proc-{}", p.id, n)), Time(date, "08:00:00"),
                    Text(text), Text(type), extent ? Text(extent) : kNull, Int(tumor), Int(1),
                    Text(cpt), Text("Brain"), Text(fmt::format("Encounter/{}-enc-{}", p.id, n))});
  };
  if (p.no_evidence) {
    row(1, p.surgery - 55, "Lumbar puncture, diagnostic", "other", nullptr, false, "62270");
    return;
  }
  row(1, p.surgery, "Craniotomy for tumor resection", "resection", "gross total", true, "61510");
  if (p.number % 5 == 0) {
    row(2, p.surgery + 120, "Second-look craniotomy", "debulking", "subtotal", true, "61518");
  }
}

void AddChemo(const Patient& p, std::vector<std::vector<SqlValue>>& rows) {
  if (p.no_evidence || p.number % 2 == 0) return;
  const Date start = p.surgery + 30;
  const bool open = p.number % 4 == 3;  // still running: no end date
  rows.push_back({Text(p.id), Text(fmt::format("{}-chemo-1", p.id)), Time(start, "11:00:00"),
                  open ? kNull : Time(start + 168, "11:00:00"), open ? kNull : Int(168), Int(12),
                  Int(3), Text("vincristine; cisplatin; lomustine"), Text("alkylating; vinca"),
                  Text("vincristine"), Text("chemotherapy"), Text("intravenous"),
                  Text(open ? "active" : "completed"), Text("per protocol ACNS0331")});
}

void AddRadiation(const Patient& p, std::vector<std::vector<SqlValue>>& rows) {
  if (p.no_evidence || p.diagnosis->dose_cgy == 0 || p.number % 3 == 0) return;
  const Date start = p.surgery + 35;
  rows.push_back({Text(p.id), Text(fmt::format("{}-rt-1", p.id)), Day(start), Day(start + 42),
                  Int(p.diagnosis->dose_cgy), Int(2), Text("posterior fossa boost; CSI"),
                  SqlValue(0.75)});
}

void AddImaging(const Patient& p, Random& random, std::vector<std::vector<SqlValue>>& rows) {
  const int studies = 2 + random.Below(3);
  for (int n = 1; n <= studies; ++n) {
    const Date date = n == 1 ? p.surgery - 7 : p.surgery + 90 * (n - 1);
    const char* conclusion = n > 1 ? "Stable postoperative changes, no new enhancing lesion"
                             : p.no_evidence ? "No acute intracranial abnormality"
                                             : p.diagnosis->imaging;
    rows.push_back({Text(p.id), Text(fmt::format("{}-img-{}", p.id, n)), Day(date), Text("MR"),
                    Text("MRI brain with and without contrast"), Text(conclusion),
                    Int(date - p.birth)});
  }
}

void AddVisits(const Patient& p, Random& random, std::vector<std::vector<SqlValue>>& rows) {
  static constexpr const char* kTypes[] = {"completed_scheduled", "completed_no_encounter",
                                           "no_show", "walk_in_unscheduled", "future_scheduled"};
  const int visits = 3 + random.Below(5);
  for (int n = 1; n <= visits; ++n) {
    const Date date = p.surgery - 20 + 45 * n;
    const std::string type = kTypes[(n + p.number) % std::size(kTypes)];
    const bool seen = type.starts_with("completed") || type == "walk_in_unscheduled";
    const bool appointment = type != "walk_in_unscheduled";
    rows.push_back({Text(p.id), Text(fmt::format("{}-visit-{}", p.id, n)),
                    appointment ? Text(fmt::format("{}-appt-{}", p.id, n)) : kNull,
                    seen ? Text(fmt::format("{}-enc-v{}", p.id, n)) : kNull, Text(type),
                    appointment ? Text(seen ? "fulfilled" : "booked") : kNull,
                    seen ? Text("finished") : kNull,
                    appointment ? Time(date, "09:00:00") : kNull,
                    appointment ? Time(date, "09:30:00") : kNull,
                    seen ? Time(date, "09:05:00") : kNull, seen ? Time(date, "09:40:00") : kNull,
                    Int(date - p.birth), Day(date)});
  }
}

}  // namespace

std::string DemoPatientId(int number) { return fmt::format("demo-patient-{:03}", number); }

bool DemoPatientWithoutEvidence(int number) { return number % 10 == 7; }

std::vector<DemoTable> DemoTables(const DemoWarehouseOptions& options) {
  std::vector<DemoTable> tables = EmptyDemoTables();  // the profile's order, see demo_tables.cc
  for (int number = 1; number <= options.patients; ++number) {
    const Patient p = MakePatient(number, options.seed);
    Random random{options.seed ^ (0x5eed0000ULL + static_cast<std::uint64_t>(number))};
    AddPathology(p, tables[0].rows);
    AddProcedures(p, tables[1].rows);
    AddChemo(p, tables[2].rows);
    AddRadiation(p, tables[3].rows);
    AddImaging(p, random, tables[4].rows);
    AddVisits(p, random, tables[5].rows);
  }
  return tables;
}

}  // namespace hm::abstract
