#include "abstract/source_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

namespace hm::abstract {

// One query of a Load, and the patients its rows belong to: one (its rows are all theirs) or the
// whole group (rows split by the patient key).
struct SourceLoader::Planned {
  const ProfileSource* source = nullptr;
  std::size_t patient = 0;  // with !split: the index of the one patient
  bool split = false;
};

namespace {

// Hands a query's rows out to the patients they belong to; rows of other ids are not ours.
void Split(const TimelineProfile& profile, QueryResult& result,
           const std::map<std::string, std::size_t>& index_of, std::vector<PatientRows>& out,
           const std::string& source) {
  SourceRows all{Status::Ok(), std::move(result.columns), {}};
  const int key = all.Column(profile.patient_key);
  for (PatientRows& patient : out) patient[source].columns = all.columns;
  for (std::vector<SqlValue>& row : result.rows) {
    const auto found = index_of.find(CellText(row, key));
    if (found != index_of.end()) out[found->second][source].rows.push_back(std::move(row));
  }
}

std::vector<std::string> NamedColumns(const TimelineProfile& profile, const ProfileSource& source) {
  std::vector<std::string> names;
  if (!source.view.empty()) names.push_back(profile.patient_key);
  for (const EventRule& r : source.events) {
    names.insert(names.end(), {r.type_column, r.date_column, r.code_column,
                               r.description_column, r.value_column});
  }
  for (const EvidenceRule& r : profile.anchor.evidence) {
    if (r.source != source.name) continue;
    names.insert(names.end(), {r.where_column, r.date_column, r.code_column, r.name_column});
  }
  return names;
}

}  // namespace

Status CheckColumns(const TimelineProfile& profile, const ProfileSource& source,
                    const SourceRows& rows) {
  // Only with rows: then both strategies judge a patient alike (a batched query knows the
  // columns even for patients without rows).
  if (rows.rows.empty()) return Status::Ok();
  for (const std::string& name : NamedColumns(profile, source)) {
    if (name.empty() || rows.Column(name) >= 0) continue;
    return Status::InvalidInput(
               fmt::format("source '{}' has no column '{}'", source.name, name),
               fmt::format("correct the profile, or the view; it has: {}",
                           fmt::join(rows.columns, ", ")))
        .Recoverable();
  }
  return Status::Ok();
}

std::vector<SourceLoader::Planned> SourceLoader::Plan(
    std::span<const ProfileSource* const> sources, std::span<const std::string> patients) const {
  std::vector<Planned> plan;
  for (const ProfileSource* source : sources) {
    // SQL sources select one patient with $1; a list does not fit them, so they go one by one.
    if (strategy_ == AbstractStrategy::kBatched && !source->view.empty()) {
      plan.push_back({source, 0, true});
      continue;
    }
    for (std::size_t p = 0; p < patients.size(); ++p) plan.push_back({source, p, false});
  }
  return plan;
}

NamedQuery SourceLoader::MakeQuery(const Planned& p,
                                   std::span<const std::string> patients) const {
  const ProfileSource& s = *p.source;
  const bool one = p.split || patients.size() == 1;
  NamedQuery q{one ? s.name : fmt::format("{}#{}", s.name, p.patient + 1), s.sql, {}, s.required};
  if (p.split) {
    q.sql = fmt::format("SELECT * FROM {} WHERE {}", s.view, in_list_predicate_);
    q.params.emplace_back(SqlTextList{{patients.begin(), patients.end()}});
    return q;
  }
  if (!s.view.empty()) {
    q.sql = fmt::format("SELECT * FROM {} WHERE {} = $1", s.view, profile_.patient_key);
  }
  q.params.emplace_back(patients[p.patient]);
  return q;
}

void SourceLoader::Distribute(const Planned& p, QueryResult& r,
                              std::span<const std::string> patients,
                              std::vector<PatientRows>& out) const {
  const std::string& name = p.source->name;
  if (!r.status.ok()) {
    for (std::size_t k = 0; k < patients.size(); ++k) {
      if (p.split || k == p.patient) out[k][name].status = r.status;
    }
  } else if (p.split) {
    std::map<std::string, std::size_t> index_of;
    for (std::size_t k = 0; k < patients.size(); ++k) index_of.emplace(patients[k], k);
    Split(profile_, r, index_of, out, name);
  } else {
    out[p.patient][name] = {Status::Ok(), std::move(r.columns), std::move(r.rows)};
  }
}

Result<std::vector<PatientRows>> SourceLoader::Load(std::span<const ProfileSource* const> sources,
                                                    std::span<const std::string> patients) const {
  const std::vector<Planned> plan = Plan(sources, patients);
  std::vector<NamedQuery> queries;
  for (const Planned& p : plan) queries.push_back(MakeQuery(p, patients));
  // Completeness is recorded per patient by the caller, not per query here.
  HM_ASSIGN_OR_RETURN(std::vector<QueryResult> results, executor_.Run(queries, nullptr));
  std::vector<PatientRows> out(patients.size());
  for (std::size_t i = 0; i < plan.size(); ++i) Distribute(plan[i], results[i], patients, out);
  for (PatientRows& patient : out) {
    for (const ProfileSource* s : sources) {
      SourceRows& rows = patient[s->name];
      if (!rows.status.ok()) continue;
      if (Status bad = CheckColumns(profile_, *s, rows); !bad.ok()) rows = {std::move(bad), {}, {}};
    }
  }
  return out;
}

}  // namespace hm::abstract
