// Enrollment: the stated spans or the measure's default one, then the stated gaps, the broken
// continuous enrollment and the anchor date cut out of them.
#include <algorithm>

#include <fmt/format.h>

#include "synthesize/member_builder.h"
#include "util/text.h"

namespace hm::synthesize {

ProductLine MemberBuilder::Line() const {
  for (const ProductLineFact* f : FactsOf<ProductLineFact>(s_)) {
    if (std::optional<ProductLine> line = ParseProductLine(f->line)) return *line;
  }
  return req_.product_lines.empty() ? ProductLine::kCommercial : req_.product_lines.front();
}

// The last continuous-enrollment period, else the measurement year: where gaps are cut.
DateRange MemberBuilder::LastPeriod() const {
  if (!req_.enrollment.empty()) return req_.enrollment.back().days;
  return {*Date::FromYmd(in_.measurement_year, 1, 1), *Date::FromYmd(in_.measurement_year, 12, 31)};
}

// One span over every CE period, the anchor date and the measurement year, in the member's product
// line, with the benefits the measure requires besides the usual ones.
EnrollmentSpan MemberBuilder::DefaultSpan() const {
  EnrollmentSpan span;
  span.start = *Date::FromYmd(in_.measurement_year, 1, 1);
  span.end = *Date::FromYmd(in_.measurement_year, 12, 31);
  for (const Requirements::Period& p : req_.enrollment) {
    span.start = std::min(span.start, p.days.first);
    span.end = std::max(span.end, p.days.last);
  }
  if (req_.anchor) span.end = std::max(span.end, *req_.anchor);
  span.product_line = Line();
  span.product_id = req_.ProductIdFor(span.product_line);
  span.benefits = kDefaultBenefits;
  for (int b = 0; b < kBenefitCount; ++b) {
    if (req_.benefits.Has(static_cast<Benefit>(b))) span.benefits.Set(static_cast<Benefit>(b));
  }
  span.coverage_indicator = "PR";
  return span;
}

// "with only Medical Benefit": the flags stated, the others as `others` says (unchanged if unsaid).
void MemberBuilder::ApplyBenefits(const Benefits& benefits, BenefitSet& set) const {
  if (benefits.others) set = *benefits.others ? BenefitSet::All().Set(Benefit::kHospice, false) : BenefitSet{};
  for (const auto& [column, held] : benefits.flags) {
    if (std::optional<Benefit> b = ParseBenefit(column)) set.Set(*b, held);
  }
}

// Removes `gap` from every span: a span across it becomes two.
void MemberBuilder::CutGap(DateRange gap) {
  std::vector<EnrollmentSpan> cut;
  for (EnrollmentSpan& span : out_.timeline.enrollment) {
    if (span.end < gap.first || span.start > gap.last) {
      cut.push_back(span);
      continue;
    }
    if (span.start < gap.first) {
      EnrollmentSpan before = span;
      before.end = gap.first - 1;
      cut.push_back(before);
    }
    if (span.end > gap.last) {
      EnrollmentSpan after = span;
      after.start = gap.last + 1;
      cut.push_back(after);
    }
  }
  out_.timeline.enrollment = std::move(cut);
}

Status MemberBuilder::Enrollment() {
  const EnrollmentSpan base = DefaultSpan();
  for (const EnrollmentFact* f : FactsOf<EnrollmentFact>(s_)) {
    EnrollmentSpan span = base;
    span.start = f->start.value_or(base.start);
    span.end = f->end.value_or(base.end);
    if (span.end < span.start) {
      return Error(fmt::format("an enrollment ends ({}) before it starts ({})", span.end.ToUs(),
                               span.start.ToUs()));
    }
    if (!f->plan.empty()) span.file_id = f->plan;
    if (!f->coverage.empty()) span.coverage_indicator = f->coverage;
    ApplyBenefits(f->benefits, span.benefits);
    for (const auto& [column, value] : f->fields) {
      if (util::Upper(column) == "HP_EMPLOYEE") span.employee = util::Upper(value) == "Y";
      else span.extra[util::Upper(column)] = value;
    }
    std::vector<std::string> ids = f->product_ids;
    if (ids.empty()) ids.push_back(span.product_id);
    for (const std::string& id : ids) {
      span.product_id = id;
      out_.timeline.enrollment.push_back(span);
    }
  }
  if (out_.timeline.enrollment.empty()) {
    out_.timeline.enrollment.push_back(base);
    out_.defaults.push_back(fmt::format("enrollment {} to {}, product {}: the measure's CE period",
                                        base.start.ToUs(), base.end.ToUs(), base.product_id));
  }
  for (const BenefitFact* f : FactsOf<BenefitFact>(s_)) {
    for (EnrollmentSpan& span : out_.timeline.enrollment) ApplyBenefits(f->benefits, span.benefits);
  }
  // Gaps in the last CE period: the first from Apr 1, the next from Sep 1, then a month apart.
  const DateRange period = LastPeriod();
  int cut = 0;
  // When the scenario expects AD=0, the last gap ends the period instead (it covers the anchor).
  const bool gap_at_anchor = Expects("AD", false);
  int total_gaps = 0;
  for (const GapFact* g : FactsOf<GapFact>(s_)) total_gaps += g->count;
  const auto cut_from = [&](int index, int days, int months) {
    if (gap_at_anchor && index + 1 == std::max(total_gaps, 1)) {
      const Date start = months > 0 ? AddMonths(period.last + 1, -months) : period.last - (days - 1);
      CutGap({std::max(start, period.first), period.last});
      return;
    }
    const int year = period.last.year();
    const int month = index == 0 ? 4 : (index == 1 ? 9 : std::min(12, 9 + index));
    const Date start = std::max(period.first, *Date::FromYmd(year, month, 1));
    const Date end = months > 0 ? AddMonths(start, months) - 1 : start + (days - 1);
    CutGap({start, std::min(end, period.last)});
  };
  // Stated spans may already leave the gaps the scenario describes ("1 gap of 45 days: 1/1/MY-1 to
  // 10/1/MY, 11/16/MY to 12/31/MY"): only the missing ones are cut.
  const int existing = static_cast<int>(out_.timeline.GapsWithin(period).size());
  int wanted = 0;
  for (const GapFact* g : FactsOf<GapFact>(s_)) {
    for (int i = 0; i < g->count; ++i) {
      if (++wanted > existing) cut_from(cut++, g->days, g->months);
    }
  }
  bool not_continuous = false;
  for (const ContinuousEnrollmentFact* f : FactsOf<ContinuousEnrollmentFact>(s_)) not_continuous |= !f->enrolled;
  if (not_continuous && cut == 0 && existing == 0) {
    const int allowed = req_.enrollment.empty() ? 45 : req_.enrollment.back().max_gap_days;
    cut_from(cut++, allowed + 1, 0);
  }
  bool anchor_cut = false;
  for (const EnrolledOnFact* f : FactsOf<EnrolledOnFact>(s_)) {
    if (!f->enrolled) CutGap({f->date, f->date});
    anchor_cut = anchor_cut || !f->enrolled;
  }
  // AD=0 expected and nothing stated that ends coverage: the anchor day is cut.
  if (gap_at_anchor && cut == 0 && !anchor_cut && req_.anchor && out_.timeline.IsEnrolledOn(*req_.anchor)) {
    CutGap({*req_.anchor, *req_.anchor});
    out_.defaults.push_back(fmt::format("not enrolled on {}: the scenario expects AD=0", req_.anchor->ToUs()));
  }
  return Status::Ok();
}

}  // namespace hm::synthesize
