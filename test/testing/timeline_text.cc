#include "testing/timeline_text.h"

#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "util/text.h"

namespace hm::testing {
namespace {

std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string w; in >> w;) {
    if (!w.empty() && w.back() == ',') w.pop_back();
    if (!w.empty()) words.push_back(w);
  }
  return words;
}

class LineReader {
 public:
  LineReader(std::string_view line, int my) : words_(Words(line)), my_(my) {}

  bool Done() const { return at_ >= words_.size(); }
  const std::string& Peek() const { return words_[at_]; }
  std::string Next() { return Done() ? std::string() : words_[at_++]; }
  bool Accept(std::string_view word) {
    if (Done() || util::Lower(Peek()) != word) return false;
    ++at_;
    return true;
  }
  Result<Date> NextDate() {
    const std::string text = Next();
    return ParseDate(text, my_);
  }

 private:
  std::vector<std::string> words_;
  std::size_t at_ = 0;
  int my_;
};

Status Member(LineReader& r, MemberTimeline& t) {
  if (!r.Accept("born")) return Status::InvalidInput("member: expected 'born DATE'");
  HM_ASSIGN_OR_RETURN(t.demographics.birth_date, r.NextDate());
  if (!r.Done()) {
    std::optional<Sex> sex = ParseSex(r.Next());
    if (!sex) return Status::InvalidInput("member: unknown sex");
    t.demographics.sex = *sex;
  }
  return Status::Ok();
}

Status Enroll(LineReader& r, MemberTimeline& t) {
  EnrollmentSpan span;
  HM_ASSIGN_OR_RETURN(span.start, r.NextDate());
  r.Accept("-");
  HM_ASSIGN_OR_RETURN(span.end, r.NextDate());
  while (!r.Done()) {
    if (r.Accept("product")) {
      span.product_id = r.Next();
    } else if (r.Accept("plan")) {
      span.file_id = r.Next();
    } else if (r.Accept("coverage")) {
      span.coverage_indicator = r.Next();
    } else if (r.Accept("no")) {
      std::optional<Benefit> b = ParseBenefit(r.Next());
      if (!b) return Status::InvalidInput("enroll: unknown benefit after 'no'");
      span.benefits.Set(*b, false);
    } else if (r.Accept("hospice")) {
      span.benefits.Set(Benefit::kHospice);
    } else if (r.Accept("line")) {
      std::optional<ProductLine> line = ParseProductLine(r.Next());
      if (!line) return Status::InvalidInput("enroll: unknown product line");
      span.product_line = *line;
    } else {
      return Status::InvalidInput(fmt::format("enroll: unexpected '{}'", r.Peek()));
    }
  }
  t.enrollment.push_back(std::move(span));
  return Status::Ok();
}

Status Event(LineReader& r, MemberTimeline& t) {
  CodedEvent e;
  std::vector<CodedEvent> pos_events;
  std::optional<CodeSystem> system = ParseCodeSystem(r.Next());
  if (!system) return Status::InvalidInput("event: unknown code system");
  e.system = *system;
  e.code_as_written = r.Next();
  e.code = NormalizeCode(e.system, e.code_as_written);
  if (!r.Accept("on")) return Status::InvalidInput("event: expected 'on DATE'");
  HM_ASSIGN_OR_RETURN(e.date, r.NextDate());
  while (!r.Done()) {
    if (r.Accept("to")) {
      HM_ASSIGN_OR_RETURN(Date end, r.NextDate());
      e.end_date = end;
    } else if (r.Accept("value")) {
      e.value = std::stod(r.Next());
    } else if (r.Accept("supplemental")) {
      e.source = DataSource::kSupplemental;
    } else if (r.Accept("emr")) {
      e.source = DataSource::kEmr;
    } else if (r.Accept("denied")) {
      e.claim_status = ClaimStatus::kDenied;
    } else if (r.Accept("table")) {
      std::optional<SourceTable> table = ParseSourceTable(r.Next());
      if (!table) return Status::InvalidInput("event: unknown table");
      e.table = *table;
    } else if (r.Accept("disch")) {
      e.extra["DISCH_STATUS"] = r.Next();
    } else if (r.Accept("provider")) {
      e.provider_type = r.Next();
    } else if (r.Accept("pos")) {
      // The place of service is a code of the same claim row: an event of its own.
      CodedEvent pos;
      pos.system = CodeSystem::kPos;
      pos.code_as_written = r.Next();
      pos.code = NormalizeCode(CodeSystem::kPos, pos.code_as_written);
      e.claim_id = fmt::format("C{}", t.events.size() + 1);
      pos.claim_id = e.claim_id;
      pos_events.push_back(std::move(pos));
    } else {
      return Status::InvalidInput(fmt::format("event: unexpected '{}'", r.Peek()));
    }
  }
  for (CodedEvent& pos : pos_events) {
    pos.date = e.date;
    pos.table = e.table;
    pos.source = e.source;
    t.events.push_back(std::move(pos));
  }
  t.events.push_back(std::move(e));
  return Status::Ok();
}

Status Monthly(LineReader& r, MemberTimeline& t) {
  MonthlyMembership row;
  HM_ASSIGN_OR_RETURN(row.run_date, r.NextDate());
  while (!r.Done()) {
    if (r.Accept("hospice")) row.hospice = true;
    else if (r.Accept("lti")) row.lti = true;
    else if (r.Accept("plan")) row.plan_id = r.Next();
    else return Status::InvalidInput(fmt::format("monthly: unexpected '{}'", r.Peek()));
  }
  t.monthly.push_back(row);
  return Status::Ok();
}

}  // namespace

Result<MemberTimeline> ParseTimelineText(std::string_view text, const std::string& id, int my) {
  MemberTimeline t;
  t.demographics.member_id = id;
  std::size_t number = 0;
  for (std::size_t begin = 0; begin <= text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = util::Trim(text.substr(begin, end - begin));
    begin = end + 1;
    ++number;
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidInput(fmt::format("timeline line {}: expected 'kind: ...'", number));
    }
    const std::string kind = util::Lower(util::Trim(line.substr(0, colon)));
    LineReader r(line.substr(colon + 1), my);
    Status status;
    if (kind == "member") status = Member(r, t);
    else if (kind == "enroll") status = Enroll(r, t);
    else if (kind == "event") status = Event(r, t);
    else if (kind == "monthly") status = Monthly(r, t);
    else if (kind == "died") {
      Result<Date> date = r.NextDate();
      if (date.ok()) t.demographics.death_date = *date;
      status = date.status();
    } else {
      status = Status::InvalidInput(fmt::format("unknown kind '{}'", kind));
    }
    if (!status.ok()) {
      return Status::InvalidInput(fmt::format("timeline line {} ('{}'): {}", number, line, status.message()));
    }
  }
  return t;
}

}  // namespace hm::testing
