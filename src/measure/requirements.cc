// What a member needs to be in a measure's denominator and numerators, read off the compiled
// measure for one birth date. The generator uses it for everything a scenario leaves unsaid, so
// that no measure needs C++ of its own there either.
//
// The criteria are walked in the definition (which keeps the value-set names) and the compiled
// form (which has the resolved windows) side by side: the compiler builds the same tree.
#include "hedis_mockup/measure.h"
#include "measure/compiled.h"

namespace hm {
namespace {

// A result value that passes `test`: one unit inside the threshold (HbA1c "< 8" → 7, PSA "> 4.0"
// → 5), the threshold itself where it is included.
double PassingValue(const measure::ValueTest& test) {
  switch (test.op) {
    case measure::ValueTest::Op::kLess: return test.threshold - 1;
    case measure::ValueTest::Op::kGreater: return test.threshold + 1;
    case measure::ValueTest::Op::kLessEqual:
    case measure::ValueTest::Op::kGreaterEqual:
    case measure::ValueTest::Op::kEqual: return test.threshold;
  }
  return test.threshold;
}

class Walker {
 public:
  // `every_alternative`: collect every child of an any_of, not only the first.
  Walker(const CompiledMeasure::Impl& m, Date birth, bool every_alternative = false)
      : m_(m), birth_(birth), every_alternative_(every_alternative) {}

  // Appends what meets `c` (the first way, for alternatives). Negations, ages and monthly flags
  // are not events: nothing to add for them.
  void Collect(const measure::Criterion& c, const measure::CompiledCriterion& compiled,
               std::vector<EventRequirement>& out, int depth = 0) const {
    if (depth > 16) return;  // refs cannot cycle (the compiler checks), but stay safe
    switch (c.kind) {
      case measure::Criterion::Kind::kEvent:
      case measure::Criterion::Kind::kMostRecent: {
        EventRequirement e;
        e.value_sets = c.value_sets;
        e.with_value_sets = c.with_value_sets;
        e.window = compiled.window.For(birth_);
        e.count = c.count;
        e.min_days_apart = c.min_days_apart;
        if (c.value) e.passing_value = PassingValue(*c.value);
        e.age_at_event_min = c.age_at_event_min;
        e.claims = c.sources.claims;
        e.supplemental = c.sources.supplemental;
        e.emr = c.sources.emr;
        out.push_back(std::move(e));
        return;
      }
      case measure::Criterion::Kind::kAllOf:
        for (std::size_t i = 0; i < c.children.size(); ++i) {
          Collect(c.children[i], compiled.children[i], out, depth + 1);
        }
        return;
      case measure::Criterion::Kind::kAnyOf:
        for (std::size_t i = 0; i < c.children.size(); ++i) {
          Collect(c.children[i], compiled.children[i], out, depth + 1);
          if (!every_alternative_) break;
        }
        return;
      case measure::Criterion::Kind::kRef: {
        const std::size_t n = m_.numerators.size();
        const std::size_t index = static_cast<std::size_t>(compiled.ref);
        if (index < n) {
          Collect(m_.definition.numerators[index].criterion, m_.numerators[index].criterion, out,
                  depth + 1);
        } else if (index - n < m_.exclusions.size() && m_.exclusions[index - n].has_criterion) {
          Collect(m_.definition.exclusions[index - n].criterion,
                  m_.exclusions[index - n].criterion, out, depth + 1);
        }
        return;
      }
      case measure::Criterion::Kind::kNot:
      case measure::Criterion::Kind::kAge:
      case measure::Criterion::Kind::kMonthly:
        return;
    }
  }

 private:
  const CompiledMeasure::Impl& m_;
  Date birth_;
  bool every_alternative_;
};

}  // namespace

std::string Requirements::ProductIdFor(ProductLine line) const {
  for (const auto& [id, mapped] : product_ids) {
    if (mapped == line) return id;
  }
  return {};
}

Requirements CompiledMeasure::RequirementsFor(Date birth) const {
  const Impl& m = *impl_;
  Requirements out;
  out.product_lines = m.product_lines;
  out.product_ids = m.product_ids;
  out.age_as_of = m.age_as_of;
  out.age_min = m.definition.age_min;
  out.age_max = m.definition.age_max;
  out.sex = m.sex;
  for (const measure::CompiledPeriod& p : m.periods) {
    out.enrollment.push_back({p.window.For(birth), p.max_gaps, p.max_gap_days});
  }
  if (m.anchor) out.anchor = m.anchor->For(birth).first;
  out.benefits = m.benefits;
  const Walker walker(m, birth);
  if (m.event && m.definition.event) walker.Collect(*m.definition.event, *m.event, out.denominator);
  for (std::size_t i = 0; i < m.numerators.size(); ++i) {
    Requirements::Numerator n;
    n.id = m.numerators[i].id;
    walker.Collect(m.definition.numerators[i].criterion, m.numerators[i].criterion, n.events);
    out.numerators.push_back(std::move(n));
  }
  const Walker every(m, birth, /*every_alternative=*/true);
  for (std::size_t i = 0; i < m.exclusions.size(); ++i) {
    if (m.exclusions[i].has_criterion) {
      every.Collect(m.definition.exclusions[i].criterion, m.exclusions[i].criterion, out.exclusions);
    }
  }
  return out;
}

}  // namespace hm
