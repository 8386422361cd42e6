#include "measure/criterion_file.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <utility>

#include "hedis_mockup/date.h"
#include "util/text.h"

namespace hm::measure {
namespace {

// Dates are checked at this MY; any year works, one far from today keeps "2026" literals honest.
constexpr int kCheckYear = 2000;
constexpr int kMaxAge = 200;
constexpr std::string_view kEndHint =
    "write a date relative to the measurement year (1/1/MY-1, 12/31/MY), earliest, latest, or "
    "birthday N (optionally '- 1 day')";
constexpr std::string_view kValueHint =
    "write one of < N, <= N, > N, >= N, = N, in quotes: value: \"> 4.0\"";

// A small cursor over the text after "birthday".
struct Scanner {
  std::string_view rest;

  void SkipSpaces() { rest = util::Trim(rest); }
  std::optional<int> Number(int max) {
    SkipSpaces();
    int number = 0;
    const auto [ptr, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (error != std::errc() || number < 0 || number > max) return std::nullopt;
    rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
    return number;
  }
  bool Take(std::string_view word) {
    SkipSpaces();
    if (!rest.starts_with(word)) return false;
    rest.remove_prefix(word.size());
    return true;
  }
};

// "birthday N [(+|-) K day[s]]", `text` being what follows "birthday".
Result<WindowEnd> ParseBirthday(std::string_view whole, std::string_view text) {
  const Status bad = Status::InvalidInput(
      fmt::format("bad birthday '{}'; expected birthday N, or birthday N - K days", whole),
      std::string(kEndHint));
  Scanner scan{text};
  WindowEnd end;
  end.kind = WindowEnd::Kind::kBirthday;
  const std::optional<int> which = scan.Number(kMaxAge);
  if (!which) return bad;
  end.birthday = *which;
  scan.SkipSpaces();
  if (scan.rest.empty()) return end;
  const bool minus = scan.Take("-");
  if (!minus && !scan.Take("+")) return bad;
  const std::optional<int> days = scan.Number(366);
  if (!days || !(scan.Take("days") || scan.Take("day"))) return bad;
  scan.SkipSpaces();
  if (!scan.rest.empty()) return bad;
  end.offset_days = minus ? -*days : *days;
  return end;
}

std::string EndText(const WindowEnd& end) {
  switch (end.kind) {
    case WindowEnd::Kind::kDate:
      return end.date;
    case WindowEnd::Kind::kEarliest:
      return "earliest";
    case WindowEnd::Kind::kLatest:
      return "latest";
    case WindowEnd::Kind::kBirthday:
      break;
  }
  if (end.offset_days == 0) return fmt::format("birthday {}", end.birthday);
  return fmt::format("birthday {} {} {} days", end.birthday, end.offset_days < 0 ? '-' : '+',
                     std::abs(end.offset_days));
}

WindowSpec CalendarYear(std::string_view year, Where where) {
  WindowSpec window;
  window.from.date = fmt::format("1/1/{}", year);
  window.to.date = fmt::format("12/31/{}", year);
  window.where = where;
  return window;
}

std::optional<WindowEnd> ReadWindowEnd(const Fields& fields, std::string_view key) {
  const std::optional<std::string> text = fields.String(key);
  if (!text) return std::nullopt;
  Result<WindowEnd> end = ParseWindowEnd(*text);
  if (!end.ok()) {
    fields.Error(key, end.status().message(), end.status().hint());
    return std::nullopt;
  }
  return std::move(end).value();
}

std::optional<WindowSpec> ReadWindowMap(ReadContext& ctx, const YAML::Node& node,
                                        const std::string& what) {
  const Fields fields(ctx, node, what, {"from", "to"});
  if (!fields.is_map()) return std::nullopt;
  return ReadWindowEnds(fields);
}

std::optional<ValueTest> ReadValueTest(const Fields& fields, std::string_view key) {
  const std::optional<std::string> text = fields.String(key);
  if (!text) return std::nullopt;
  Result<ValueTest> test = ParseValueTest(*text);
  if (!test.ok()) {
    fields.Error(key, test.status().message(), test.status().hint());
    return std::nullopt;
  }
  return std::move(test).value();
}

// value_sets: a non-empty list of names.
std::vector<std::string> ReadValueSets(const Fields& fields) {
  if (!fields.Require("value_sets")) return {};
  std::optional<std::vector<std::string>> names = fields.StringList("value_sets");
  if (names && names->empty()) {
    fields.Error("value_sets", "the list is empty", "name at least one value set");
  }
  return names.value_or(std::vector<std::string>{});
}

// window: as ReadWindow, when the field is there.
std::optional<WindowSpec> ReadOptionalWindow(const Fields& fields) {
  const YAML::Node* node = fields.Find("window");
  if (node == nullptr) return std::nullopt;
  return ReadWindow(fields.ctx(), *node, fmt::format("window of {}", fields.what()));
}

SourceRule ReadSources(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "sources", {"claims", "supplemental", "emr", "denied",
                                                   "lab_claim_diagnoses", "not_provider_types"});
  SourceRule rule;
  rule.claims = fields.Bool("claims").value_or(rule.claims);
  rule.supplemental = fields.Bool("supplemental").value_or(rule.supplemental);
  rule.emr = fields.Bool("emr").value_or(rule.emr);
  rule.include_denied = fields.Bool("denied").value_or(rule.include_denied);
  rule.lab_claim_diagnoses = fields.Bool("lab_claim_diagnoses").value_or(rule.lab_claim_diagnoses);
  rule.excluded_provider_types = fields.StringList("not_provider_types").value_or(std::vector<std::string>{});
  if (!rule.claims && !rule.supplemental && !rule.emr) {
    ctx.Error(node, "sources: claims, supplemental and emr are all false, so nothing can count",
              "leave at least one source true");
  }
  return rule;
}

Criterion ReadEvent(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "event criterion",
                      {"value_sets", "window", "count", "min_days_apart", "value", "value_within_days",
                       "with", "age_at_event_min", "sources"});
  Criterion c;
  c.kind = Criterion::Kind::kEvent;
  c.where = ReadContext::At(node);
  if (!fields.is_map()) return c;
  c.value_sets = ReadValueSets(fields);
  c.window = ReadOptionalWindow(fields);
  c.count = fields.Int("count", 1, 1000).value_or(c.count);
  c.min_days_apart = fields.Int("min_days_apart", 0, 36600).value_or(c.min_days_apart);
  c.value = ReadValueTest(fields, "value");
  c.value_within_days = fields.Int("value_within_days", 0, 366).value_or(0);
  if (c.value_within_days > 0 && !c.value) {
    fields.Error("value_within_days", "there is no value test to take a nearby value for",
                 "add `value:` or remove `value_within_days`");
  }
  c.with_value_sets = fields.StringList("with").value_or(std::vector<std::string>{});
  c.age_at_event_min = fields.Int("age_at_event_min", 0, kMaxAge);
  if (const YAML::Node* sources = fields.Find("sources")) c.sources = ReadSources(ctx, *sources);
  return c;
}

Criterion ReadMostRecent(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "most_recent criterion",
                      {"value_sets", "window", "value", "missing_passes"});
  Criterion c;
  c.kind = Criterion::Kind::kMostRecent;
  c.where = ReadContext::At(node);
  if (!fields.is_map()) return c;
  c.value_sets = ReadValueSets(fields);
  c.window = ReadOptionalWindow(fields);
  if (fields.Require("value")) c.value = ReadValueTest(fields, "value");
  c.missing_passes = fields.Bool("missing_passes").value_or(false);
  return c;
}

// monthly: {flag: lti | hospice, window: W}: a monthly membership row (CMS's MMDF) with the flag.
Criterion ReadMonthly(ReadContext& ctx, const YAML::Node& node) {
  const Fields fields(ctx, node, "monthly criterion", {"flag", "window"});
  Criterion c;
  c.kind = Criterion::Kind::kMonthly;
  c.where = ReadContext::At(node);
  if (!fields.is_map()) return c;
  if (fields.Require("flag")) {
    if (std::optional<std::string> flag = fields.String("flag")) {
      if (*flag != "lti" && *flag != "hospice") {
        fields.Error("flag", fmt::format("monthly flag '{}' is not lti or hospice", *flag),
                     "write flag: lti or flag: hospice");
      }
      c.monthly_flag = *flag;
    }
  }
  c.window = ReadOptionalWindow(fields);
  return c;
}

Criterion ReadAgeCriterion(ReadContext& ctx, const YAML::Node& node) {
  Criterion c;
  c.kind = Criterion::Kind::kAge;
  c.where = ReadContext::At(node);
  if (std::optional<AgeRange> age = ReadAgeRange(ctx, node, "age criterion", true)) {
    c.age_as_of = age->as_of;
    c.age_min = age->min;
    c.age_max = age->max;
  }
  return c;
}

Criterion ReadCombination(ReadContext& ctx, const YAML::Node& node, std::string_view kind,
                          int depth) {
  Criterion c;
  c.kind = kind == "all_of" ? Criterion::Kind::kAllOf : Criterion::Kind::kAnyOf;
  c.where = ReadContext::At(node);
  if (!ctx.Visit(node)) return c;
  if (!node.IsSequence() || node.size() == 0) {
    ctx.Error(node, fmt::format("{}: expected a list of criteria, found {}", kind,
                                node.IsSequence() ? "an empty list" : Describe(node)),
              fmt::format("write {}: [{{event: ...}}, {{ref: ID}}]", kind));
    return c;
  }
  int index = 0;
  for (const YAML::Node& item : node) {
    const std::string what = fmt::format("item {} of {}", ++index, kind);
    if (std::optional<Criterion> child = ReadCriterion(ctx, item, what, depth + 1)) {
      c.children.push_back(std::move(*child));
    }
  }
  return c;
}

Criterion ReadRef(ReadContext& ctx, const YAML::Node& node) {
  Criterion c;
  c.kind = Criterion::Kind::kRef;
  c.where = ReadContext::At(node);
  if (std::optional<std::string> id = ReadScalar(ctx, node, "ref", "the id of a numerator or "
                                                                   "exclusion")) {
    c.ref = std::string(util::Trim(*id));
  }
  return c;
}

std::optional<Criterion> ReadKind(ReadContext& ctx, std::string_view kind, const YAML::Node& node,
                                  int depth) {
  if (kind == "event") return ReadEvent(ctx, node);
  if (kind == "most_recent") return ReadMostRecent(ctx, node);
  if (kind == "all_of" || kind == "any_of") return ReadCombination(ctx, node, kind, depth);
  if (kind == "ref") return ReadRef(ctx, node);
  if (kind == "age") return ReadAgeCriterion(ctx, node);
  if (kind == "monthly") return ReadMonthly(ctx, node);
  // "not"
  Criterion c;
  c.kind = Criterion::Kind::kNot;
  c.where = ReadContext::At(node);
  std::optional<Criterion> child = ReadCriterion(ctx, node, "not", depth + 1);
  if (!child) return std::nullopt;
  c.children.push_back(std::move(*child));
  return c;
}

std::vector<std::string_view> KindsIn(const Fields& fields) {
  std::vector<std::string_view> kinds;
  for (std::string_view kind : kCriterionKinds) {
    if (fields.Has(kind)) kinds.push_back(kind);
  }
  return kinds;
}

}  // namespace

std::optional<Criterion> ReadCriterionIn(const Fields& fields, int depth) {
  const std::vector<std::string_view> kinds = KindsIn(fields);
  if (kinds.empty()) return std::nullopt;
  if (kinds.size() > 1) {
    fields.Error(kinds[1],
                 fmt::format("{} has two criteria, '{}' and '{}'; it may have only one",
                             fields.what(), kinds[0], kinds[1]),
                 "combine them with all_of: [...] or any_of: [...]");
    return std::nullopt;
  }
  if (depth > kMaxCriterionDepth) {
    fields.Error(kinds[0], fmt::format("criteria are nested more than {} deep", kMaxCriterionDepth),
                 "split the criterion into numerators or exclusions joined by ref");
    return std::nullopt;
  }
  return ReadKind(fields.ctx(), kinds[0], *fields.Find(kinds[0]), depth);
}

std::optional<Criterion> ReadCriterion(ReadContext& ctx, const YAML::Node& node,
                                       const std::string& what, int depth) {
  const Fields fields(ctx, node, what, kCriterionKinds);
  if (!fields.is_map()) return std::nullopt;
  if (KindsIn(fields).empty()) {
    // A map with fields, none of them a kind, has had each reported as unknown by Fields.
    if (node.size() == 0) {
      ctx.Error(node, fmt::format("{} is empty; a criterion needs one of: event, most_recent, "
                                  "all_of, any_of, not, ref, age, monthly", what));
    }
    return std::nullopt;
  }
  return ReadCriterionIn(fields, depth);
}

std::optional<WindowSpec> ReadWindowEnds(const Fields& fields) {
  // Both asked, so that a window missing both ends reports both.
  const bool has_from = fields.Require("from");
  const bool has_to = fields.Require("to");
  const bool has_both = has_from && has_to;
  std::optional<WindowEnd> from = ReadWindowEnd(fields, "from");
  std::optional<WindowEnd> to = ReadWindowEnd(fields, "to");
  if (!has_both || !from || !to) return std::nullopt;
  WindowSpec window{std::move(*from), std::move(*to), fields.where()};
  if (Status order = CheckWindowOrder(window); !order.ok()) {
    fields.ctx().Error(window.where, fmt::format("{}: {}", fields.what(), order.message()),
                       order.hint());
    return std::nullopt;
  }
  return window;
}

bool HasCriterion(const Fields& fields) { return !KindsIn(fields).empty(); }

std::optional<AgeRange> ReadAgeRange(ReadContext& ctx, const YAML::Node& node,
                                     const std::string& what, bool need_bound) {
  const Fields fields(ctx, node, what, {"as_of", "min", "max"});
  if (!fields.is_map()) return std::nullopt;
  AgeRange age;
  if (std::optional<std::string> as_of = fields.String("as_of")) {
    if (Status date = CheckMyDate(*as_of); date.ok()) {
      age.as_of = std::string(util::Trim(*as_of));
    } else {
      fields.Error("as_of", date.message(), date.hint());
    }
  }
  age.min = fields.Int("min", 0, kMaxAge).value_or(age.min);
  age.max = fields.Int("max", 0, kMaxAge).value_or(age.max);
  if (need_bound && !fields.Has("min") && !fields.Has("max")) {
    ctx.Error(node, fmt::format("{} has neither min nor max", what), "add min: N or max: N");
  }
  if (age.min > age.max) {
    fields.Error("max", fmt::format("max {} is below min {}", age.max, age.min));
    return std::nullopt;
  }
  return age;
}

std::optional<WindowSpec> ReadWindow(ReadContext& ctx, const YAML::Node& node,
                                     const std::string& what) {
  if (node.IsMap()) return ReadWindowMap(ctx, node, what);
  if (node.IsScalar()) {
    const std::string_view text = util::Trim(node.Scalar());
    if (text == "MY") return CalendarYear("MY", ReadContext::At(node));
    if (text == "prior_year") return CalendarYear("MY-1", ReadContext::At(node));
  }
  ctx.Error(node, fmt::format("{}: expected MY, prior_year or {{from: ..., to: ...}}, found {}",
                              what, Describe(node)),
            "for other spans write {from: 1/1/MY-1, to: 12/31/MY}");
  return std::nullopt;
}

Result<WindowEnd> ParseWindowEnd(std::string_view text) {
  const std::string_view trimmed = util::Trim(text);
  const std::string lower = util::Lower(trimmed);
  WindowEnd end;
  if (lower == "earliest" || lower == "latest") {
    end.kind = lower == "earliest" ? WindowEnd::Kind::kEarliest : WindowEnd::Kind::kLatest;
    return end;
  }
  if (lower.starts_with("birthday")) {
    return ParseBirthday(trimmed, std::string_view(lower).substr(8));
  }
  HM_RETURN_IF_ERROR(CheckMyDate(trimmed));
  end.date = std::string(trimmed);
  return end;
}

Status CheckMyDate(std::string_view text) {
  const Result<Date> date = ParseDate(text, kCheckYear);
  if (!date.ok()) {
    return Status::InvalidInput(fmt::format("bad date '{}': {}", text, date.status().message()),
                                std::string(kEndHint));
  }
  const Result<Date> next_year = ParseDate(text, kCheckYear + 1);
  if (next_year.ok() && *next_year == *date) {
    return Status::InvalidInput(
        fmt::format("date '{}' does not depend on the measurement year", text),
        "write it relative to MY, as 12/31/MY or 1/1/MY-1, so the measure works for every year");
  }
  return Status::Ok();
}

Result<ValueTest> ParseValueTest(std::string_view text) {
  static constexpr std::pair<std::string_view, ValueTest::Op> kOps[] = {
      {"<=", ValueTest::Op::kLessEqual}, {">=", ValueTest::Op::kGreaterEqual},
      {"<", ValueTest::Op::kLess},       {">", ValueTest::Op::kGreater},
      {"=", ValueTest::Op::kEqual}};
  const std::string_view trimmed = util::Trim(text);
  const Status bad = Status::InvalidInput(fmt::format("bad value test '{}'", trimmed),
                                          std::string(kValueHint));
  ValueTest test;
  test.text = std::string(trimmed);
  std::string_view number;
  for (const auto& [symbol, op] : kOps) {
    if (!trimmed.starts_with(symbol)) continue;
    test.op = op;
    number = util::Trim(trimmed.substr(symbol.size()));
    break;
  }
  if (number.empty()) return bad;
  const auto [ptr, error] =
      std::from_chars(number.data(), number.data() + number.size(), test.threshold);
  if (error != std::errc() || ptr != number.data() + number.size() ||
      !std::isfinite(test.threshold)) {
    return bad;
  }
  return test;
}

Status CheckWindowOrder(const WindowSpec& window) {
  const WindowEnd& from = window.from;
  const WindowEnd& to = window.to;
  if (from.kind == WindowEnd::Kind::kLatest || to.kind == WindowEnd::Kind::kEarliest) {
    return Status::InvalidInput(
        fmt::format("a window cannot run from {} to {}", EndText(from), EndText(to)),
        "earliest may only start a window and latest may only end one");
  }
  bool backwards = false;
  if (from.kind == WindowEnd::Kind::kDate && to.kind == WindowEnd::Kind::kDate) {
    const Result<Date> start = ParseDate(from.date, kCheckYear);
    const Result<Date> end = ParseDate(to.date, kCheckYear);
    backwards = start.ok() && end.ok() && (*end + to.offset_days) < (*start + from.offset_days);
  } else if (from.kind == WindowEnd::Kind::kBirthday && to.kind == WindowEnd::Kind::kBirthday) {
    backwards = std::pair(to.birthday, to.offset_days) < std::pair(from.birthday, from.offset_days);
  }
  if (!backwards) return Status::Ok();
  return Status::InvalidInput(
      fmt::format("the window ends ({}) before it starts ({})", EndText(to), EndText(from)),
      "swap from and to, or check the years");
}

}  // namespace hm::measure
