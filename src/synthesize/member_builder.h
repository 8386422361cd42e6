// The state of one synthesis (synthesize.h): the scenario, the measure's requirements for the
// member's birth date, and the member as it grows. Split by concern over synthesize.cc
// (demographics, defaults, the order of the steps), enrollment.cc and events.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "synthesize/code_picker.h"
#include "synthesize/synthesize.h"

namespace hm::synthesize {

// The scenario's facts of one kind, in order.
template <typename T>
std::vector<const T*> FactsOf(const Scenario& s) {
  std::vector<const T*> out;
  for (const Fact& f : s.facts) {
    if (const T* body = std::get_if<T>(&f.body)) out.push_back(body);
  }
  return out;
}

class MemberBuilder {
 public:
  MemberBuilder(const Scenario& scenario, const SynthesisInputs& inputs, std::uint64_t claim_base)
      : s_(scenario), in_(inputs), claim_base_(claim_base) {
    if (inputs.picker == nullptr) own_picker_.emplace(*inputs.vsd, *inputs.layout);
  }

  Result<SynthesizedMember> Build(const std::string& member_id);

 private:
  // synthesize.cc
  Status Demographics();
  Result<Date> BirthDate() const;
  Status Deaths();
  Status Fields();
  Status Monthly();
  Status DefaultEvents();
  bool Expects(const std::string& key, bool set) const;
  bool ExpectsNoNumerator(const Requirements& measure) const;
  Status Error(const std::string& what, std::string hint = {}) const;

  // enrollment.cc
  Status Enrollment();
  EnrollmentSpan DefaultSpan() const;
  void ApplyBenefits(const Benefits& benefits, BenefitSet& set) const;
  void CutGap(DateRange gap);
  DateRange LastPeriod() const;

  // events.cc
  Status Events();
  Date UndatedDay(const std::string& value_set) const;
  Status AddEvent(const EventFact& fact, Date date, std::size_t occurrence);
  Status AddRequired(const EventRequirement& r, const std::string& why, bool supplemental);
  Status AddCompanion(CodedEvent e, const std::string& value_set);
  std::optional<double> PassingValueFor(const std::string& value_set) const;
  bool SupplementalByExpectation(const std::string& value_set, Date date) const;
  const std::vector<std::string>& MeasureValueSets();
  std::optional<SourceTable> TableOfFileId(const std::string& file_id) const;
  // Whether a stated event is of one of `value_sets` (the VSD's names, loosely).
  bool StatedAny(const std::vector<std::string>& value_sets) const;
  std::string NextClaimId();
  ProductLine Line() const;

  const Scenario& s_;
  const SynthesisInputs& in_;
  std::optional<CodePicker> own_picker_;
  const CodePicker& picker() const { return in_.picker != nullptr ? *in_.picker : *own_picker_; }
  std::uint64_t claim_base_;
  int claims_ = 0;
  Requirements req_;
  std::vector<std::string> measure_value_sets_;  // MeasureValueSets(), filled on first use
  SynthesizedMember out_;
};

}  // namespace hm::synthesize
