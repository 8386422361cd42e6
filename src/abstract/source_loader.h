// Loading a profile's sources for a group of patients through the query executor: one query per
// source per patient (per-patient), or one per source for the whole group with the patient ids
// bound as one list parameter (batched), the rows then split by the patient key. Both give the
// same rows per patient; only the round trips differ.
//
// Thread-safety: Load may be called from several threads at once (the executor allows it).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "abstract/source_rows.h"
#include "hedis_mockup/abstract.h"
#include "hedis_mockup/executor.h"

namespace hm::abstract {

class SourceLoader {
 public:
  // `in_list_predicate`: the backend's "patient_key is in $1" (SqlConnection::InListPredicate).
  // All references must outlive the loader.
  SourceLoader(const TimelineProfile& profile, QueryExecutor& executor, AbstractStrategy strategy,
               std::string in_list_predicate)
      : profile_(profile),
        executor_(executor),
        strategy_(strategy),
        in_list_predicate_(std::move(in_list_predicate)) {}

  // The rows of `sources` for each of `patients` (same order). A source that failed (after the
  // executor's retries) has its recoverable error in every affected patient's SourceRows; a
  // source whose rows lack a column the profile names fails the same way. Returns an error only
  // when a required source failed or the executor was stopped.
  Result<std::vector<PatientRows>> Load(std::span<const ProfileSource* const> sources,
                                        std::span<const std::string> patients) const;

 private:
  struct Planned;  // a query and whom its rows are for
  std::vector<Planned> Plan(std::span<const ProfileSource* const> sources,
                            std::span<const std::string> patients) const;
  NamedQuery MakeQuery(const Planned& p, std::span<const std::string> patients) const;
  // Puts a query's rows (or its error) into the rows of the patients it was for.
  void Distribute(const Planned& p, QueryResult& result, std::span<const std::string> patients,
                  std::vector<PatientRows>& out) const;

  const TimelineProfile& profile_;
  QueryExecutor& executor_;
  const AbstractStrategy strategy_;
  const std::string in_list_predicate_;
};

// A recoverable error when rows came back without a column the profile names for `source`
// (its patient key, event or evidence columns); OK otherwise, and for no rows (no columns known).
Status CheckColumns(const TimelineProfile& profile, const ProfileSource& source,
                    const SourceRows& rows);

}  // namespace hm::abstract
