// GenerateMockup (mockup.h): scenarios → members → rows → quality check → outputs → validation.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "check/quality_checker.h"
#include "compare/expectation_check.h"
#include "generate/report_sheets.h"
#include "hedis_mockup/completeness.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/sql.h"
#include "render/csv_table_writer.h"
#include "render/pipelined_writer.h"
#include "render/postgres_table_writer.h"
#include "render/sqlite_table_writer.h"
#include "render/timeline_rows.h"
#include "render/xlsx_table_writer.h"
#include "synthesize/code_picker.h"
#include "synthesize/filler.h"
#include "synthesize/synthesize.h"
#include "util/commit_journal.h"
#include "util/files.h"
#include "validate/result_row.h"

namespace hm {
namespace {

using generate::Member;

// Counts rows per sheet, for the report.
class RowCounter final : public render::TableWriter {
 public:
  Status Begin(const std::vector<render::SheetSpec>& sheets) override {
    for (const render::SheetSpec& s : sheets) names_.push_back(s.name);
    counts_.assign(sheets.size(), 0);
    return Status::Ok();
  }
  Status Row(std::size_t sheet, std::span<const std::string>, const render::RowOrigin&) override {
    ++counts_[sheet];
    return Status::Ok();
  }
  Status Stage(util::CommitJournal&) override { return Status::Ok(); }
  std::vector<std::string> Outputs() const override { return {}; }
  std::int64_t count(std::size_t sheet) const { return counts_[sheet]; }
  const std::string& name(std::size_t sheet) const { return names_[sheet]; }

 private:
  std::vector<std::string> names_;
  std::vector<std::int64_t> counts_;
};

// Synthesizes every scenario to generate; scenarios that need attention are errors unless skipped.
Result<std::vector<Member>> Synthesize(const TestCaseBook& book, const CompiledMeasure& measure,
                                       const ValueSetDirectory& vsd, const Layout& layout,
                                       const GenerateOptions& options, GenerateReport& report) {
  const std::vector<std::string> ids = MockupMemberIds(book, measure.id());
  const synthesize::CodePicker picker(vsd, layout);
  const synthesize::SynthesisInputs inputs{&measure, &vsd, &layout, options.measurement_year, &picker};
  const synthesize::Filler filler(layout, options.seed);
  Diagnostics problems;
  std::vector<Member> members;
  for (std::size_t i = 0; i < book.scenarios.size(); ++i) {
    const Scenario& s = book.scenarios[i];
    ScenarioOutcome outcome{s.sheet, s.row, ids[i], "generated", {}};
    if (s.removed) {
      outcome.status = "skipped";
      outcome.reason = fmt::format("marked {} in the ADD/Update column: not part of the deck", s.add_update);
      report.scenarios.push_back(std::move(outcome));
      continue;
    }
    if (s.status == ScenarioStatus::kNeedsAttention) {
      std::vector<std::string> why = s.attention;
      for (const Fragment& f : s.unparsed) why.push_back(fmt::format("not understood: '{}'", f.text));
      outcome.status = "skipped";
      outcome.reason = fmt::format("{}", fmt::join(why, "; "));
      if (!options.skip_attention) {
        problems.Add(Status::InvalidInput(
            fmt::format("{} (member {}) needs attention: {}", synthesize::WhereIs(s), s.member_id, outcome.reason),
            "fix the row (see 'hedis-mockup parse --attention'), or pass --skip-attention"));
      }
      report.scenarios.push_back(std::move(outcome));
      continue;
    }
    Result<synthesize::SynthesizedMember> made =
        synthesize::Synthesize(s, ids[i], 1000 + members.size(), inputs);
    if (!made.ok()) {
      problems.Add(made.status());
      continue;
    }
    filler.Fill(made->timeline.demographics, members.size());
    members.push_back({i, std::move(*made), {}, {}});
    report.scenarios.push_back(std::move(outcome));
  }
  HM_RETURN_IF_ERROR(problems.Checkpoint());
  if (members.empty()) {
    return Status::InvalidInput(fmt::format("{}: no scenario to generate", book.file),
                                "check the workbook with 'hedis-mockup parse'");
  }
  return members;
}

// The measure on each member in memory, checked against its scenario: a first proof before any
// file is written (the real one reads the files back).
void Precheck(const TestCaseBook& book, const CompiledMeasure& measure, std::vector<Member>& members,
              GenerateReport& report) {
  for (Member& m : members) {
    m.result = measure.Evaluate(m.made.timeline);
    const std::vector<compare::ActualRow> rows = validate::ResultRows(m.result);
    const compare::MemberCheck check = compare::CheckMember(book.scenarios[m.scenario].expected, rows);
    m.precheck = compare::StatusText(check);
    if (check.overall == compare::Outcome::kFail) ++report.precheck_failed;
  }
}

struct Outputs {
  std::vector<std::unique_ptr<render::TableWriter>> writers;
  std::vector<MockupFormat> formats;
  std::string first_readable;  // what validation reads back
};

Result<Outputs> OpenOutputs(const GenerateOptions& options, const std::string& stem) {
  Outputs out;
  const std::filesystem::path dir(options.out_dir);
  for (MockupFormat f : options.formats) {
    if (std::find(out.formats.begin(), out.formats.end(), f) != out.formats.end()) continue;
    Result<std::unique_ptr<render::TableWriter>> w = Status::Internal("no format");
    std::string readable;
    switch (f) {
      case MockupFormat::kXlsx:
        readable = (dir / (stem + "_Mockup.xlsx")).string();
        w = render::OpenXlsxWriter(readable);
        break;
      case MockupFormat::kCsv:
        readable = (dir / (stem + "_Mockup")).string();
        w = render::OpenCsvWriter(readable);
        break;
      case MockupFormat::kSqlite:
        readable = (dir / (stem + "_Mockup.db")).string();
        w = render::OpenSqliteWriter(readable);
        readable = "sqlite:" + readable;
        break;
      case MockupFormat::kPostgres:
        if (options.database.empty()) {
          return Status::InvalidInput("the postgresql format needs the database to write to",
                                      "pass --database postgresql://USER@HOST:PORT/DATABASE");
        }
        readable = options.database;
        // The sheets without a measure prefix ("Scenarios") get one: measures share a database.
        w = render::OpenPostgresWriter(readable, {stem.substr(0, stem.rfind("_MY") + 1), 10'000});
        break;
    }
    HM_RETURN_IF_ERROR(w.status());
    // Each format writes on a thread of its own while the rows are made and checked.
    out.writers.push_back(render::Pipelined(std::move(*w)));
    out.formats.push_back(f);
    if (out.first_readable.empty()) out.first_readable = readable;
  }
  return out;
}

// Reads the written mockup back, validates it, and writes the validation report beside it.
Status Validate(const TestCaseBook& book, const CompiledMeasure& measure, const Layout& layout,
                const std::string& mockup, const std::filesystem::path& dir, const std::string& stem,
                GenerateReport& report) {
  HM_ASSIGN_OR_RETURN(ValidationReport validation, ValidateMockup(book, measure, mockup, {measure.id(), &layout}));
  // Named as it lies beside the report, so that the same inputs give the same bytes wherever
  // --out points.
  const bool sqlite = mockup.starts_with("sqlite:");
  validation.mockup = mockup.find("://") != std::string::npos
                          ? MaskConnectionString(mockup)
                          : (sqlite ? "sqlite:" : "") +
                                std::filesystem::path(mockup.substr(sqlite ? 7 : 0)).filename().string();
  const std::string validation_xlsx = (dir / (stem + "_Validation.xlsx")).string();
  HM_RETURN_IF_ERROR(WriteValidationWorkbook(validation, validation_xlsx));
  const std::string validation_json = (dir / (stem + "_Validation.json")).string();
  HM_RETURN_IF_ERROR(util::AtomicWrite(validation_json, ToJson(validation)));
  report.outputs.push_back(validation_xlsx);
  report.outputs.push_back(validation_json);
  report.validation = std::move(validation);
  return Status::Ok();
}

// Moves the run's outputs into place together, through one commit journal (see
// util/commit_journal.h): every file is complete under its temporary name first (the writers
// closed, the quality report written), then the moves run back to back, the quality report last
// (a report beside a mockup means the mockup is complete). Not exported: only the quality report,
// and the writers' destructors remove their temporaries.
Status Commit(const check::QualityReport& quality, Outputs& outputs, const GenerateOptions& options,
              const std::string& stem, GenerateReport& report) {
  const std::filesystem::path dir(options.out_dir);
  util::CommitJournal journal(util::JournalPath(options.out_dir, stem));
  if (report.exported) {
    for (auto& w : outputs.writers) HM_RETURN_IF_ERROR(w->Close());
    for (auto& w : outputs.writers) HM_RETURN_IF_ERROR(w->Stage(journal));
  }
  const std::string quality_xlsx = (dir / (stem + "_Quality.xlsx")).string();
  const std::string quality_json = (dir / (stem + "_Quality.json")).string();
  HM_RETURN_IF_ERROR(check::WriteQualityWorkbook(quality, journal.Stage(quality_xlsx)));
  HM_RETURN_IF_ERROR(util::AtomicWrite(journal.Stage(quality_json), report.quality_json));
  HM_RETURN_IF_ERROR(journal.Commit());
  for (auto& w : outputs.writers) {
    for (std::string& path : w->Outputs()) report.outputs.push_back(std::move(path));
  }
  report.outputs.push_back(quality_xlsx);
  report.outputs.push_back(quality_json);
  return Status::Ok();
}

}  // namespace

Result<GenerateReport> GenerateMockup(const TestCaseBook& book, const CompiledMeasure& measure,
                                      const ValueSetDirectory& vsd, const GenerateOptions& options) {
  const Layout& layout = options.layout != nullptr ? *options.layout : DefaultLayout();
  // A run killed while committing into this folder left a journal: finish its moves first, or
  // they would later land on top of this run's outputs.
  HM_RETURN_IF_ERROR(util::RollForwardCommits(options.out_dir).status());
  GenerateReport report;
  report.measure = measure.id();
  report.measurement_year = options.measurement_year;
  report.parse = book.summary;
  HM_ASSIGN_OR_RETURN(std::vector<Member> members,
                      Synthesize(book, measure, vsd, layout, options, report));
  Precheck(book, measure, members, report);

  const std::string stem = fmt::format("{}_MY{}", measure.id(), options.measurement_year);
  HM_ASSIGN_OR_RETURN(render::TimelineRenderer renderer,
                      render::TimelineRenderer::Create(layout, {measure.id() + "_", options.null_text}));
  generate::ReportSheets sheets(book, measure, renderer, options);
  check::QualityOptions quality_options{&layout, &vsd, book.scenarios, options.measurement_year};
  // Overlapping spans in a mockup are what a scenario stated (dual enrollment, two plans): warned.
  quality_options.allow_overlapping_spans = true;
  check::QualityChecker checker(quality_options);
  RowCounter counter;
  HM_ASSIGN_OR_RETURN(Outputs outputs, OpenOutputs(options, stem));
  std::vector<render::TableWriter*> all = {&checker, &counter};
  for (auto& w : outputs.writers) all.push_back(w.get());
  std::unique_ptr<render::TableWriter> fan = render::FanOut(all);
  HM_RETURN_IF_ERROR(fan->Begin(sheets.Sheets()));

  const std::size_t total = options.scale > 0 ? options.scale : members.size();
  Progress progress("Generating members", static_cast<std::int64_t>(total), options.progress);
  for (std::size_t i = 0; i < total; ++i) {
    // Stopping here leaves nothing behind: the writers' outputs are still temporaries.
    if (options.cancelled && options.cancelled()) return Status::LimitExceeded("cancelled");
    const Member& base = members[i % members.size()];
    if (options.scale == 0) {
      HM_RETURN_IF_ERROR(sheets.WriteMember(base, base.made.timeline, *fan));
    } else {
      HM_RETURN_IF_ERROR(sheets.WriteMember(base, sheets.Clone(base, i), *fan));
    }
    progress.Advance();
  }
  progress.Finish();
  report.members = total;
  HM_RETURN_IF_ERROR(sheets.WriteScenarios(members, report.scenarios, *fan));
  HM_RETURN_IF_ERROR(sheets.WriteRunInfo(report, total, *fan));

  // The quality check decides whether the outputs are moved into place.
  HM_RETURN_IF_ERROR(checker.Close());
  const check::QualityReport& quality = checker.report();
  report.quality_errors = quality.errors();
  report.quality_warnings = quality.warnings();
  report.quality_json = check::QualityReportJson(quality);
  for (std::size_t s = 0; s < sheets.Sheets().size(); ++s) {
    report.rows_by_table.emplace_back(counter.name(s), counter.count(s));
  }
  report.exported = quality.errors() == 0 || options.force;
  HM_RETURN_IF_ERROR(Commit(quality, outputs, options, stem, report));
  if (!report.exported) return report;

  if (options.validate && options.scale == 0) {
    HM_RETURN_IF_ERROR(Validate(book, measure, layout, outputs.first_readable, std::filesystem::path(options.out_dir), stem, report));
  }
  return report;
}

std::string ToJson(const GenerateReport& r) {
  nlohmann::ordered_json j;
  j["measure"] = r.measure;
  j["my"] = r.measurement_year;
  j["members"] = r.members;
  nlohmann::ordered_json rows = nlohmann::ordered_json::object();
  for (const auto& [sheet, count] : r.rows_by_table) rows[sheet] = count;
  j["rows_by_table"] = std::move(rows);
  j["parse"] = {{"rows", r.parse.rows},
                {"understood", r.parse.understood},
                {"with_assumptions", r.parse.with_assumptions},
                {"needs_attention", r.parse.needs_attention},
                {"removed", r.parse.removed}};
  std::size_t skipped = 0;
  for (const ScenarioOutcome& s : r.scenarios) skipped += s.status == "skipped" ? 1 : 0;
  j["scenarios"] = {{"generated", r.scenarios.size() - skipped}, {"skipped", skipped},
                    {"precheck_failed", r.precheck_failed}};
  j["quality"] = {{"errors", r.quality_errors}, {"warnings", r.quality_warnings}};
  j["exported"] = r.exported;
  if (r.validation) {
    j["validation"] = {{"checked", r.validation->checked},
                       {"passed", r.validation->passed},
                       {"failed", r.validation->failed},
                       {"not_checkable", r.validation->not_checkable}};
  } else {
    j["validation"] = nullptr;
  }
  j["outputs"] = r.outputs;
  return j.dump();
}

}  // namespace hm
