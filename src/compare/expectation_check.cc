#include "compare/expectation_check.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "compare/actual_value.h"
#include "util/text.h"

namespace hm::compare {
namespace {

// Keys that name the same output column. The first of a group is the canonical key the
// expected-result reader produces (or, for member ids, the engine input's name).
const std::vector<std::vector<std::string_view>>& AliasGroups() {
  static const std::vector<std::vector<std::string_view>> kGroups = {
      {"NUM", "NE"},
      {"ED", "EVENT"},
      {"RE", "REXCL"},
      {"GENDER", "MEM_GENDER", "SEX"},
      {"PRODUCT_ID", "PRODUCT", "PROD_ID", "PRODUCTID"},
      {"PLAN_ID", "PLAN"},
      {"SUB_MEASURE_ID", "SUBMEASURE_ID", "SUB_MEAS_ID"},
      {"MEM_NBR", "MEMBER_ID", "MEMID", "MEM_ID", "MEMBER_NBR"},
  };
  return kGroups;
}

bool IsAddressKey(std::string_view key) { return key == "PRODUCT_ID" || key == "PLAN_ID"; }

bool IsAddress(const Expectation& e) {
  return e.known && e.table.empty() && IsAddressKey(e.key) &&
         !std::holds_alternative<NullValue>(e.value);
}

// The rows a group of lines is about, and how they must agree.
struct Target {
  std::vector<const Expectation*> address;  // PRODUCT_ID / PLAN_ID items that pick the rows
  bool every_row = false;                   // every row must match (all or named product lines)
  std::vector<std::string> product_lines;   // named lines: only their rows, where rows say
};

// One line of the cell: the items on it.
struct Line {
  std::size_t number = 0;
  std::vector<std::size_t> items;  // indexes into ExpectedResult::items
  // Holds PRODUCT_ID / PLAN_ID items and nothing else we can check: keys we cannot check do not
  // count ("Product_id=5, Product_rollup_id=1, Will not be reported" addresses product 5).
  bool address_only = false;
};

std::vector<Line> LinesOf(const ExpectedResult& expected) {
  std::vector<Line> lines;
  std::vector<bool> has_address;
  for (std::size_t i = 0; i < expected.items.size(); ++i) {
    const Expectation& e = expected.items[i];
    if (lines.empty() || lines.back().number != e.line) {
      lines.push_back({e.line, {}, true});
      has_address.push_back(false);
    }
    lines.back().items.push_back(i);
    lines.back().address_only = lines.back().address_only && (IsAddress(e) || !e.known);
    has_address.back() = has_address.back() || IsAddress(e);
  }
  for (std::size_t l = 0; l < lines.size(); ++l) lines[l].address_only = lines[l].address_only && has_address[l];
  return lines;
}

// The lines' targets, by item index. See the header for the rule.
std::vector<Target> TargetsOf(const ExpectedResult& expected, const std::vector<Line>& lines) {
  std::vector<Target> targets(expected.items.size());
  std::vector<const Expectation*> sticky;
  for (const Line& line : lines) {
    std::vector<const Expectation*> address;
    for (std::size_t i : line.items) {
      if (IsAddress(expected.items[i])) address.push_back(&expected.items[i]);
    }
    if (line.address_only) sticky = address;
    if (address.empty()) address = sticky;
    for (std::size_t i : line.items) {
      targets[i].address = address;
      targets[i].every_row =
          address.empty() && (expected.all_product_lines || !expected.product_lines.empty());
      if (address.empty()) targets[i].product_lines = expected.product_lines;
    }
  }
  return targets;
}

// The address line the absence phrase at `absence` follows ("For Product_id=92, No member should
// populate"), or null when the absence is about the whole member.
const Line* ScopedAbsence(const ExpectedResult& expected, const std::vector<Line>& lines, std::size_t absence) {
  const Line* last = nullptr;
  std::size_t last_begin = 0;
  for (const Line& line : lines) {
    for (std::size_t i : line.items) {
      const Expectation& e = expected.items[i];
      if (e.begin < absence && (last == nullptr || e.begin >= last_begin)) {
        last = &line;
        last_begin = e.begin;
      }
    }
  }
  return last != nullptr && last->address_only ? last : nullptr;
}

// The address line of every absence phrase; a null entry: the whole member is to be absent.
std::vector<const Line*> ScopedAbsences(const ExpectedResult& expected, const std::vector<Line>& lines) {
  std::vector<const Line*> scoped;
  for (std::size_t absence : expected.absence_begins) scoped.push_back(ScopedAbsence(expected, lines, absence));
  if (expected.absent && scoped.empty()) scoped.push_back(nullptr);  // built by hand, without begins
  return scoped;
}

std::string AddressText(const std::vector<const Expectation*>& address) {
  std::vector<std::string> parts;
  for (const Expectation* e : address) parts.push_back(e->key + "=" + ExpectedText(e->value));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// The rows `address` picks. A key no row has cannot pick, so it is left out of the choice.
std::vector<const ActualRow*> Pick(std::span<const ActualRow> rows,
                                   const std::vector<const Expectation*>& address,
                                   const CheckOptions& options) {
  std::vector<const ActualRow*> picked;
  for (const ActualRow& row : rows) picked.push_back(&row);
  for (const Expectation* e : address) {
    const bool any_has = std::any_of(rows.begin(), rows.end(),
                                     [&](const ActualRow& r) { return FindValue(r, e->key); });
    if (!any_has) continue;
    std::erase_if(picked, [&](const ActualRow* r) {
      const std::string* v = FindValue(*r, e->key);
      return v == nullptr || !Matches(e->key, e->value, *v, options);
    });
  }
  return picked;
}

// Rows whose product line is one of `lines`; rows that do not say their line are kept.
std::vector<const ActualRow*> OfProductLines(std::vector<const ActualRow*> rows,
                                             const std::vector<std::string>& lines) {
  if (lines.empty()) return rows;
  std::erase_if(rows, [&](const ActualRow* r) {
    const std::string line = ProductLineOf(*r);
    return !line.empty() && std::find(lines.begin(), lines.end(), line) == lines.end();
  });
  return rows;
}

std::string RowsIds(std::span<const ActualRow> rows) {
  std::vector<std::string> ids;
  for (const ActualRow& r : rows) {
    const std::string* id = FindValue(r, "PRODUCT_ID");
    ids.push_back(id != nullptr ? *id : fmt::format("row {}", r.source_row));
  }
  return fmt::format("{}", fmt::join(ids, ", "));
}

// Compares one item on the rows its target picked.
ExpectationResult CheckOnRows(const Expectation& e, const std::vector<const ActualRow*>& rows,
                              bool every_row, const CheckOptions& options) {
  ExpectationResult r{&e, Outcome::kNotCheckable, ExpectedText(e.value), {}, {}};
  std::vector<std::string> values;
  std::set<bool> verdicts;
  for (const ActualRow* row : rows) {
    const std::string* v = FindValue(*row, e.key);
    if (v == nullptr) continue;
    values.push_back(std::string(util::Trim(*v)));
    verdicts.insert(Matches(e.key, e.value, *v, options));
  }
  r.actual = fmt::format("{}", fmt::join(values, " / "));
  if (values.empty()) {
    r.detail = fmt::format("the output has no {} column", e.key);
  } else if (verdicts.size() == 1 || every_row) {
    r.outcome = verdicts.contains(false) ? Outcome::kFail : Outcome::kPass;
  } else {
    r.detail = fmt::format("the member's {} rows differ ({}) and the expected result does not "
                           "say which product it is about",
                           values.size(), r.actual);
  }
  return r;
}

ExpectationResult NotCheckable(const Expectation& e, std::string detail) {
  return {&e, Outcome::kNotCheckable, ExpectedText(e.value), {}, std::move(detail)};
}

ExpectationResult CheckItem(const Expectation& e, const Target& target,
                            std::span<const ActualRow> rows, const CheckOptions& options) {
  if (!e.table.empty()) return NotCheckable(e, fmt::format("about the {} table", e.table));
  if (!e.known) return NotCheckable(e, "not a key we can check");
  if (rows.empty()) {
    return {&e, Outcome::kFail, ExpectedText(e.value), {}, "the member is not in the output"};
  }
  std::vector<const ActualRow*> picked = Pick(rows, target.address, options);
  if (picked.empty()) {
    return {&e, Outcome::kFail, ExpectedText(e.value), {},
            fmt::format("no output row with {} (the member's rows: {})",
                        AddressText(target.address), RowsIds(rows))};
  }
  picked = OfProductLines(std::move(picked), target.product_lines);
  if (picked.empty()) {
    return {&e, Outcome::kFail, ExpectedText(e.value), {},
            fmt::format("no output row for {}", fmt::join(target.product_lines, ", "))};
  }
  return CheckOnRows(e, picked, target.every_row, options);
}

// The result of an address line an absence is scoped to: no row may have that address.
ExpectationResult CheckScopedAbsence(const Expectation& e, std::span<const ActualRow> rows,
                                     const std::vector<const Expectation*>& address,
                                     const CheckOptions& options) {
  const bool any_has = std::any_of(rows.begin(), rows.end(),
                                   [&](const ActualRow& r) { return FindValue(r, e.key); });
  if (!rows.empty() && !any_has) {
    return NotCheckable(e, fmt::format("the output has no {} column", e.key));
  }
  const std::vector<const ActualRow*> picked = rows.empty() ? std::vector<const ActualRow*>{}
                                                            : Pick(rows, address, options);
  if (picked.empty()) return {&e, Outcome::kPass, "absent", "absent", {}};
  return {&e, Outcome::kFail, "absent", "present",
          fmt::format("a row with {} is in the output; expected none", AddressText(address))};
}

std::string FailureText(const ExpectationResult& r, const char* colon, const char* comma) {
  const std::string actual = r.actual.empty() ? "nothing" : r.actual;
  std::string text = fmt::format("{}{} expected {}{} got {}", r.expectation->key, colon,
                                 r.expected, comma, actual);
  if (!r.detail.empty()) text += fmt::format(" ({})", r.detail);
  return text;
}

// overall, summary and actual_text from the items.
void Conclude(MemberCheck& check) {
  std::vector<std::string> failures, reasons;
  for (const ExpectationResult& r : check.items) {
    if (r.outcome == Outcome::kFail) failures.push_back(FailureText(r, ":", ","));
    std::string reason = fmt::format("{}: {}", r.expectation->key, r.detail);
    if (r.outcome == Outcome::kNotCheckable &&
        std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
      reasons.push_back(std::move(reason));  // "1,9" gives two identical reasons: say it once
    }
  }
  if (check.absent_expected) {
    check.overall = check.absent_ok ? Outcome::kPass : Outcome::kFail;
    if (!check.absent_ok) {
      check.summary = fmt::format("member should not appear, but has {} output row{}",
                                  check.row_count, check.row_count == 1 ? "" : "s");
    }
  } else if (!failures.empty()) {
    check.overall = Outcome::kFail;
    check.summary = fmt::format("{}", fmt::join(failures, "; "));
  } else if (check.Count(Outcome::kPass) > 0) {
    check.overall = Outcome::kPass;
  } else {
    check.overall = Outcome::kNotCheckable;
    check.summary = reasons.empty() ? "the expected result holds nothing to check"
                                    : fmt::format("{}", fmt::join(reasons, "; "));
  }
}

// "PRODUCT_ID=2, AD=1, CE=1", one line per target, from what was compared.
std::string ActualText(const MemberCheck& check, const std::vector<Line>& lines) {
  if (check.row_count == 0) return "Not in output";
  if (check.absent_expected) return fmt::format("In output ({} rows)", check.row_count);
  std::vector<std::string> out;
  for (const Line& line : lines) {
    std::vector<std::string> parts;
    for (std::size_t i : line.items) {
      const ExpectationResult& r = check.items[i];
      if (r.expectation->known && !r.actual.empty()) {
        parts.push_back(r.expectation->key + "=" + r.actual);
      }
    }
    if (!parts.empty()) out.push_back(fmt::format("{}", fmt::join(parts, ", ")));
  }
  return fmt::format("{}", fmt::join(out, "\n"));
}

}  // namespace

std::vector<bool> AddressedItems(const ExpectedResult& expected) {
  const std::vector<Target> targets = TargetsOf(expected, LinesOf(expected));
  std::vector<bool> addressed;
  for (const Target& t : targets) addressed.push_back(!t.address.empty());
  return addressed;
}

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass: return "pass";
    case Outcome::kFail: return "fail";
    case Outcome::kNotCheckable: return "not_checkable";
  }
  return "not_checkable";
}

std::size_t MemberCheck::Count(Outcome outcome) const {
  return static_cast<std::size_t>(std::count_if(
      items.begin(), items.end(), [&](const ExpectationResult& r) { return r.outcome == outcome; }));
}

const std::string* FindValue(const ActualRow& row, std::string_view key) {
  if (auto it = row.values.find(std::string(key)); it != row.values.end()) return &it->second;
  for (const auto& group : AliasGroups()) {
    if (std::find(group.begin(), group.end(), key) == group.end()) continue;
    for (std::string_view alias : group) {
      if (auto it = row.values.find(std::string(alias)); it != row.values.end()) return &it->second;
    }
  }
  return nullptr;
}

MemberCheck CheckMember(const ExpectedResult& expected, std::span<const ActualRow> rows,
                        const CheckOptions& options) {
  MemberCheck check;
  check.row_count = rows.size();
  const std::vector<Line> lines = LinesOf(expected);
  const std::vector<Target> targets = TargetsOf(expected, lines);
  const std::vector<const Line*> scoped = ScopedAbsences(expected, lines);
  check.absent_expected = std::find(scoped.begin(), scoped.end(), nullptr) != scoped.end();
  check.absent_ok = rows.empty();
  for (std::size_t i = 0; i < expected.items.size(); ++i) {
    const Expectation& e = expected.items[i];
    const bool in_scoped = std::any_of(scoped.begin(), scoped.end(), [&](const Line* line) {
      return line != nullptr && std::find(line->items.begin(), line->items.end(), i) != line->items.end();
    });
    if (in_scoped) {
      check.items.push_back(CheckScopedAbsence(e, rows, targets[i].address, options));
    } else if (check.absent_expected) {
      check.items.push_back(NotCheckable(e, "the member should not appear"));
    } else {
      check.items.push_back(CheckItem(e, targets[i], rows, options));
    }
  }
  Conclude(check);
  check.actual_text = ActualText(check, lines);
  return check;
}

std::string StatusText(const MemberCheck& check) {
  if (check.overall == Outcome::kPass) return "Pass";
  if (!check.absent_expected && check.row_count == 0 && check.overall == Outcome::kFail) {
    return "Not in output";
  }
  if (check.overall == Outcome::kNotCheckable) return "Not checkable: " + check.summary;
  if (check.absent_expected) return "Fail: " + check.summary;
  std::vector<std::string> failures;
  for (const ExpectationResult& r : check.items) {
    if (r.outcome == Outcome::kFail) failures.push_back(FailureText(r, "", ""));
  }
  return fmt::format("Fail: {}", fmt::join(failures, "; "));
}

}  // namespace hm::compare
