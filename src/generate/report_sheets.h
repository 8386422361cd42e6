// The sheets of a mockup besides the engine's tables: the expected member-level output (like QA's
// SMD_QE_TC_PR_EOUT), "Scenarios" (each member's source sheet, row and text), and "Run Info"
// (measure, MY, seed, inputs and their hashes, completeness). And the member's rows themselves:
// its tables through the renderer, then its expected-output row.
//
// Thread-safety: used by one run on one thread.
#pragma once

#include <string>
#include <vector>

#include "compare/expectation_check.h"
#include "hedis_mockup/mockup.h"
#include "render/timeline_rows.h"
#include "synthesize/filler.h"
#include "synthesize/synthesize.h"

namespace hm::generate {

// A synthesized member with its scenario and the measure's in-memory result.
struct Member {
  std::size_t scenario = 0;  // index into the book's scenarios
  synthesize::SynthesizedMember made;
  MemberResult result;
  std::string precheck;  // compare::StatusText of the in-memory check
};

class ReportSheets {
 public:
  ReportSheets(const TestCaseBook& book, const CompiledMeasure& measure,
               const render::TimelineRenderer& renderer, const GenerateOptions& options);

  // The layout's tables, then PREFIX_EXPECTED_OUTPUT, Scenarios, Run Info.
  const std::vector<render::SheetSpec>& Sheets() const { return sheets_; }

  // The member's table rows and its expected-output row (`timeline` is the member's, or a clone's).
  Status WriteMember(const Member& member, const MemberTimeline& timeline, render::TableWriter& writer);
  // Clone number `index` of `member` for --scale: a fresh MEM_NBR (ID_C0000123), filler and claim
  // ids; the same facts.
  MemberTimeline Clone(const Member& member, std::size_t index) const;
  Status WriteScenarios(const std::vector<Member>& members, const std::vector<ScenarioOutcome>& outcomes,
                        render::TableWriter& writer);
  Status WriteRunInfo(const GenerateReport& report, std::size_t members, render::TableWriter& writer);

 private:
  std::string Value(const FlagResult& flag) const;
  // One row of the expected-output sheet; plan_id empty unless the member has rows per plan.
  Status WriteExpected(const std::string& member_id, const std::string& product_id, const std::string& plan_id,
                       const std::string& gender, const std::vector<FlagResult>& flags,
                       const render::RowOrigin& origin, render::TableWriter& writer) const;

  const TestCaseBook& book_;
  const CompiledMeasure& measure_;
  const render::TimelineRenderer& renderer_;
  const GenerateOptions& options_;
  synthesize::Filler filler_;
  std::vector<render::SheetSpec> sheets_;
  std::size_t expected_sheet_ = 0;
};

}  // namespace hm::generate
