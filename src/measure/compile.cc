// Compiling a measure definition for one measurement year: value-set names to code sets (each
// name must be in the VSD: a typo is an error naming the file and line, with the closest names),
// MY-relative dates to days, product ids to lines.
#include "measure/compile.h"

#include <fmt/format.h>

#include "hedis_mockup/value_sets.h"
#include "util/text.h"

namespace hm::measure {

Date Birthdays::Nth(int n) {
  if (n < 0 || n >= kCached) return NthBirthday(birth_, n);
  const std::size_t i = static_cast<std::size_t>(n);
  if (!known_[i]) {
    days_[i] = NthBirthday(birth_, n);
    known_[i] = true;
  }
  return days_[i];
}

void ResolvedWindow::Seal() {
  fixed_ = false;
  const auto member_free = [](const ResolvedEnd& end) { return end.kind != WindowEnd::Kind::kBirthday; };
  if (!member_free(from) || !member_free(to)) return;
  Birthdays none(Date::Min());
  days_ = Resolve(none);
  fixed_ = true;
}

DateRange ResolvedWindow::Resolve(Birthdays& birthdays) const {
  const auto resolve = [&](const ResolvedEnd& end, bool is_start) {
    switch (end.kind) {
      case WindowEnd::Kind::kDate:
        return end.date;
      case WindowEnd::Kind::kBirthday:
        return birthdays.Nth(end.birthday) + end.offset_days;
      case WindowEnd::Kind::kEarliest:
        return Date::Min();
      case WindowEnd::Kind::kLatest:
        break;
    }
    return is_start ? Date::Min() : Date::Max();
  };
  return {resolve(from, true), resolve(to, false)};
}

DateRange ResolvedWindow::For(Date birth) const {
  Birthdays birthdays(birth);
  return For(birthdays);
}

namespace {

class Compiler {
 public:
  Compiler(const MeasureDefinition& definition, const ValueSetDirectory& vsd, int my,
           CompiledMeasure::Impl& out)
      : def_(definition), vsd_(vsd), my_(my), out_(out) {}

  Status Run();

 private:
  Status At(const Where& where, std::string message, std::string hint = {}) const {
    return Status::InvalidInput(
        fmt::format("{}:{}:{}: {}", def_.file, where.line, where.column, std::move(message)),
        std::move(hint));
  }
  Result<Date> DateOf(const std::string& text, const Where& where) const;
  Result<ResolvedEnd> End(const WindowEnd& end, const Where& where) const;
  Result<ResolvedWindow> Window(const std::optional<WindowSpec>& spec, const Where& where) const;
  Result<int> Codes(const std::vector<std::string>& names, const Where& where);
  Result<CompiledCriterion> Criterion(const measure::Criterion& c);
  Status Enrollment();
  Status ProductLines();

  const MeasureDefinition& def_;
  const ValueSetDirectory& vsd_;
  int my_;
  CompiledMeasure::Impl& out_;
  std::vector<std::string> named_;  // numerator ids, then exclusion ids (kRef indices)
};

Result<Date> Compiler::DateOf(const std::string& text, const Where& where) const {
  Result<Date> date = ParseDate(text, my_);
  if (!date.ok()) return At(where, fmt::format("'{}': {}", text, date.status().message()));
  return date;
}

Result<ResolvedEnd> Compiler::End(const WindowEnd& end, const Where& where) const {
  ResolvedEnd out;
  out.kind = end.kind;
  out.birthday = end.birthday;
  out.offset_days = end.offset_days;
  if (end.kind == WindowEnd::Kind::kDate) {
    HM_ASSIGN_OR_RETURN(Date date, DateOf(end.date, where));
    out.date = date + end.offset_days;
    out.offset_days = 0;
  }
  return out;
}

// No window: the measurement year.
Result<ResolvedWindow> Compiler::Window(const std::optional<WindowSpec>& spec,
                                        const Where& where) const {
  ResolvedWindow window;
  if (!spec) {
    window.from.date = *Date::FromYmd(my_, 1, 1);
    window.to.date = out_.end_of_my;
    window.Seal();
    return window;
  }
  HM_ASSIGN_OR_RETURN(window.from, End(spec->from, spec->where.line ? spec->where : where));
  HM_ASSIGN_OR_RETURN(window.to, End(spec->to, spec->where.line ? spec->where : where));
  const bool both_dates = window.from.kind == WindowEnd::Kind::kDate &&
                          window.to.kind == WindowEnd::Kind::kDate;
  if (both_dates && window.to.date < window.from.date) {
    return At(spec->where.line ? spec->where : where,
              fmt::format("the window ends ({}) before it starts ({})", window.to.date.ToIso(),
                          window.from.date.ToIso()),
              "swap 'from' and 'to'");
  }
  window.Seal();
  return window;
}

// The union of the named sets' codes, as one CodeSet; the same list compiles once.
Result<int> Compiler::Codes(const std::vector<std::string>& names, const Where& where) {
  if (names.empty()) return -1;
  measure::CodeSet set;
  for (const std::string& name : names) {
    Result<const ValueSet*> found = vsd_.Require(name);
    if (!found.ok()) {
      return Status::NotFound(fmt::format("{}:{}:{}: {}", def_.file, where.line, where.column,
                                          found.status().message()),
                              found.status().hint());
    }
    for (const ValueSetCode& code : vsd_.CodesOf(**found)) {
      set.Add(out_.code_ids.Intern(code.system, code.normalized));
    }
    if (!set.label.empty()) set.label += ", ";
    set.label += (*found)->name;
  }
  for (std::size_t i = 0; i < out_.code_sets.size(); ++i) {
    if (out_.code_sets[i].label == set.label) return static_cast<int>(i);
  }
  out_.code_sets.push_back(std::move(set));
  return static_cast<int>(out_.code_sets.size() - 1);
}

Result<CompiledCriterion> Compiler::Criterion(const measure::Criterion& c) {
  CompiledCriterion out;
  out.kind = c.kind;
  out.count = c.count;
  out.min_days_apart = c.min_days_apart;
  out.value = c.value;
  out.value_within_days = c.value_within_days;
  out.missing_passes = c.missing_passes;
  out.age_at_event_min = c.age_at_event_min;
  out.sources = c.sources;
  out.age_min = c.age_min;
  out.age_max = c.age_max;
  switch (c.kind) {
    case Criterion::Kind::kEvent:
    case Criterion::Kind::kMostRecent: {
      HM_ASSIGN_OR_RETURN(out.codes, Codes(c.value_sets, c.where));
      if (out.codes < 0) return At(c.where, "the criterion names no value set", "add value_sets");
      HM_ASSIGN_OR_RETURN(out.with_codes, Codes(c.with_value_sets, c.where));
      HM_ASSIGN_OR_RETURN(out.window, Window(c.window, c.where));
      break;
    }
    case Criterion::Kind::kAllOf:
    case Criterion::Kind::kAnyOf:
    case Criterion::Kind::kNot:
      for (const measure::Criterion& child : c.children) {
        HM_ASSIGN_OR_RETURN(CompiledCriterion compiled, Criterion(child));
        out.children.push_back(std::move(compiled));
      }
      break;
    case Criterion::Kind::kRef: {
      const auto it = std::find(named_.begin(), named_.end(), c.ref);
      if (it == named_.end()) {
        return At(c.where, fmt::format("'ref: {}' names no numerator or exclusion", c.ref));
      }
      out.ref = static_cast<int>(it - named_.begin());
      break;
    }
    case Criterion::Kind::kAge: {
      HM_ASSIGN_OR_RETURN(out.age_as_of,
                          DateOf(c.age_as_of.empty() ? "12/31/MY" : c.age_as_of, c.where));
      break;
    }
    case Criterion::Kind::kMonthly:
      out.monthly_lti = c.monthly_flag == "lti";
      HM_ASSIGN_OR_RETURN(out.window, Window(c.window, c.where));
      break;
  }
  return out;
}

Status Compiler::ProductLines() {
  for (const auto& [id, line] : def_.product_ids) {
    std::optional<ProductLine> parsed = ParseProductLine(line);
    if (!parsed) return At({}, fmt::format("product id {}: '{}' is not a product line", id, line));
    out_.product_ids.emplace_back(id, *parsed);
  }
  for (const std::string& line : def_.product_lines) {
    std::optional<ProductLine> parsed = ParseProductLine(line);
    if (!parsed) return At({}, fmt::format("'{}' is not a product line", line));
    out_.product_lines.push_back(*parsed);
  }
  return Status::Ok();
}

Status Compiler::Enrollment() {
  for (const CePeriod& period : def_.enrollment.periods) {
    CompiledPeriod compiled;
    HM_ASSIGN_OR_RETURN(compiled.window, Window(period.window, def_.enrollment.where));
    compiled.max_gaps = period.max_gaps;
    compiled.max_gap_days = period.max_gap_days;
    compiled.medicaid_max_gap_months = period.medicaid_max_gap_months;
    out_.periods.push_back(compiled);
  }
  if (def_.enrollment.anchor) {
    HM_ASSIGN_OR_RETURN(ResolvedEnd anchor, End(*def_.enrollment.anchor, def_.enrollment.where));
    ResolvedWindow day;
    day.from = day.to = anchor;
    day.Seal();
    out_.anchor = day;
    out_.anchor_needs_benefits = def_.enrollment.anchor_needs_benefits;
  }
  out_.non_reportable_coverage = def_.enrollment.non_reportable_coverage;
  for (const std::string& name : def_.enrollment.benefits) {
    std::optional<Benefit> benefit = ParseBenefit(name);
    if (!benefit) return At(def_.enrollment.where, fmt::format("'{}' is not a benefit", name));
    out_.benefits.Set(*benefit);
  }
  return Status::Ok();
}

Status Compiler::Run() {
  out_.definition = def_;
  out_.my = my_;
  out_.end_of_my = *Date::FromYmd(my_, 12, 31);
  HM_RETURN_IF_ERROR(ProductLines());
  HM_ASSIGN_OR_RETURN(out_.age_as_of, DateOf(def_.age_as_of, {}));
  if (!def_.sex.empty() && def_.sex != "any") {
    out_.sex = ParseSex(def_.sex);
    if (!out_.sex) return At({}, fmt::format("sex '{}': write male, female or any", def_.sex));
  }
  HM_RETURN_IF_ERROR(Enrollment());
  for (const Numerator& n : def_.numerators) named_.push_back(n.id);
  for (const Exclusion& e : def_.exclusions) named_.push_back(e.id);
  if (def_.event) {
    HM_ASSIGN_OR_RETURN(CompiledCriterion event, Criterion(*def_.event));
    out_.event = std::move(event);
  }
  for (const Exclusion& e : def_.exclusions) {
    CompiledExclusion compiled;
    compiled.id = e.id;
    compiled.has_criterion = e.has_criterion;
    if (e.has_criterion) {
      HM_ASSIGN_OR_RETURN(compiled.criterion, Criterion(e.criterion));
    }
    compiled.enrollment_hospice_flag = e.enrollment_hospice_flag;
    compiled.monthly_hospice_flag = e.monthly_hospice_flag;
    compiled.death = e.death;
    compiled.discharge_statuses = e.discharge_statuses;
    HM_ASSIGN_OR_RETURN(compiled.window, Window(e.window, e.where));
    compiled.report_date = e.report_date;
    out_.exclusions.push_back(std::move(compiled));
  }
  for (const Numerator& n : def_.numerators) {
    CompiledNumerator compiled;
    compiled.id = n.id;
    compiled.name = n.name;
    compiled.date_flag = n.date_flag;
    HM_ASSIGN_OR_RETURN(compiled.criterion, Criterion(n.criterion));
    out_.numerators.push_back(std::move(compiled));
  }
  out_.flag_names = FlagNamesOf(out_);
  AssignSlots(out_);
  return Status::Ok();
}

}  // namespace

std::vector<std::string> FlagNamesOf(const CompiledMeasure::Impl& impl) {
  std::vector<std::string> names = {"PL", "AG", "CE", "AD", "BE", "ED", "RE"};
  bool hospice = false, deceased = false;
  for (const CompiledExclusion& e : impl.exclusions) {
    hospice = hospice || e.id == "hospice";
    deceased = deceased || e.id == "deceased";
  }
  if (hospice) names.push_back("HOSPICE_EXCL");
  if (deceased) names.push_back("DECEASED_EXCL");
  for (const CompiledNumerator& n : impl.numerators) {
    names.push_back(n.id);
    names.push_back("S" + n.id);  // met by supplemental data only: SNE1, SNUM
  }
  names.insert(names.end(), {"Sub_measure_id", "AGE_END_REP_YR", "EXCLUSION_DT"});
  for (const CompiledNumerator& n : impl.numerators) {
    if (!n.date_flag.empty()) names.push_back(n.date_flag);
  }
  return names;
}

void AssignSlots(CompiledMeasure::Impl& impl) {
  const auto slot = [&](std::string_view name) {
    const auto it = std::find(impl.flag_names.begin(), impl.flag_names.end(), name);
    return it == impl.flag_names.end() ? -1 : static_cast<int>(it - impl.flag_names.begin());
  };
  FlagSlots& s = impl.slots;
  s.pl = slot("PL");
  s.ag = slot("AG");
  s.ce = slot("CE");
  s.ad = slot("AD");
  s.be = slot("BE");
  s.ed = slot("ED");
  s.re = slot("RE");
  s.hospice = slot("HOSPICE_EXCL");
  s.deceased = slot("DECEASED_EXCL");
  s.sub_measure = slot("Sub_measure_id");
  s.age = slot("AGE_END_REP_YR");
  s.exclusion_date = slot("EXCLUSION_DT");
  impl.flag_is_date.assign(impl.flag_names.size(), false);
  impl.flag_is_date[static_cast<std::size_t>(s.exclusion_date)] = true;
  for (CompiledExclusion& e : impl.exclusions) {
    if (e.id == "hospice") e.slot = s.hospice;
    if (e.id == "deceased") e.slot = s.deceased;
  }
  for (const std::string& flag : impl.definition.numerators_require) impl.numerator_gates.push_back(slot(flag));
  for (CompiledNumerator& n : impl.numerators) {
    n.slot = slot(n.id);
    n.supplemental_slot = slot("S" + n.id);
    if (!n.date_flag.empty()) {
      n.date_slot = slot(n.date_flag);
      impl.flag_is_date[static_cast<std::size_t>(n.date_slot)] = true;
    }
  }
}

Status Compile(const MeasureDefinition& definition, const ValueSetDirectory& vsd, int my,
               CompiledMeasure::Impl& out) {
  if (my < 1900 || my > 2200) {
    return Status::InvalidInput(fmt::format("measurement year {} is out of range", my),
                                "pass --my with a year such as 2026");
  }
  return Compiler(definition, vsd, my, out).Run();
}

}  // namespace hm::measure
