#include "measure_command.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/draft.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/measure.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/value_sets.h"
#include "vsd_command.h"

namespace hm::cli {

// --measure is a shipped measure's id ("PSA") or a measure file's path.
Result<std::pair<std::string, std::string>> MeasureText(const std::string& measure) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(measure, ec)) {
    std::ifstream in(measure, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return Status::IoError("cannot read the measure file").InFile(measure);
    return std::make_pair(text.str(), measure);
  }
  HM_ASSIGN_OR_RETURN(std::string text, ShippedMeasureText(measure));
  return std::make_pair(text, fmt::format("measures/{}.yaml", measure));
}

namespace {

struct MeasureOptions {
  std::string measure;
  std::string data;
  int my = 2026;
  std::vector<std::string> vsd_paths;
  std::string layout;
  std::string prefix;
  std::string out;
  std::string format = "flags";
  std::string pdf;  // measure draft
  bool json = false;
};

Result<int> RunEvaluate(const MeasureOptions& options, Run& run) {
  const std::optional<ResultFormat> format = ParseResultFormat(options.format);
  if (!format) {
    return Status::InvalidInput(fmt::format("--format {}: unknown", options.format),
                                "use flags, ncqa or json");
  }
  VsdLoadReport report;
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd, LoadVsd(options.vsd_paths, true, run, report));
  HM_ASSIGN_OR_RETURN(auto text, MeasureText(options.measure));
  HM_ASSIGN_OR_RETURN(CompiledMeasure measure,
                      CompiledMeasure::FromText(text.first, text.second, vsd, options.my));
  Layout layout = DefaultLayout();
  if (!options.layout.empty()) {
    HM_ASSIGN_OR_RETURN(layout, LoadLayout(options.layout));
    if (run.session != nullptr) run.session->AddInput("layout", options.layout);
  }
  ReadTablesOptions read;
  read.measure_prefix = options.prefix.empty() ? measure.id() : options.prefix;
  read.measurement_year = options.my;
  log::ScopedContext context;
  context.Phase("READ_TABLES");
  run.completeness.MarkAttempted("tables");
  if (run.session != nullptr) run.session->AddInput("data", options.data);
  HM_ASSIGN_OR_RETURN(TimelineSet set, ReadTimelines(options.data, layout, read));
  run.completeness.MarkSuccess("tables", static_cast<std::int64_t>(set.members.size()));
  for (const Status& warning : set.warnings) {
    if (!run.errors.Handle(warning)) return warning;
  }
  context.Phase("EVALUATE");
  const std::vector<MemberResult> results = measure.EvaluateAll(set.members, 0, set.rows);
  log::Info("evaluated {} members for {} (MY {})", results.size(), measure.id(), options.my);
  if (options.out.empty()) {
    fmt::print("{}", FormatResults(measure, results, *format));
  } else {
    HM_RETURN_IF_ERROR(WriteResults(measure, results, *format, options.out));
    if (run.session != nullptr) run.session->AddOutput("evaluation", options.out);
    fmt::print("Wrote {} ({} members, {})\n", options.out, results.size(), options.format);
  }
  return kExitOk;
}

Result<int> RunList() {
  for (const std::string& id : ShippedMeasures()) {
    HM_ASSIGN_OR_RETURN(std::string text, ShippedMeasureText(id));
    HM_ASSIGN_OR_RETURN(MeasureSummary s, SummarizeMeasure(text, id));
    fmt::print("{:<8} {:<60} ages {}-{}, {}; numerators {}\n", s.id, s.name, s.age_min, s.age_max,
               fmt::join(s.product_lines, "/"), fmt::join(s.numerators, ", "));
  }
  return kExitOk;
}

void PrintDraft(const Draft& draft, const MeasureOptions& options) {
  if (options.json) {
    nlohmann::json out = {{"measure", draft.measure}, {"title", draft.title}, {"out", options.out},
                          {"pages", draft.pages}, {"fields", draft.fields},
                          {"value_sets", draft.value_sets},
                          {"unknown_value_sets", draft.unknown_value_sets},
                          {"exclusions", draft.exclusions}, {"numerators", draft.numerators},
                          {"review", draft.review}, {"loads", draft.load_status.ok()},
                          {"compiled_with_vsd", draft.compiled_with_vsd}};
    if (!draft.load_status.ok()) out["load_error"] = draft.load_status.ToString();
    fmt::print("{}\n", out.dump(2));
    return;
  }
  fmt::print("Wrote {} (draft of {}, {} pages): {} exclusion(s), {} numerator(s), {} value sets{}\n",
             options.out, draft.measure, draft.pages, draft.exclusions, draft.numerators,
             draft.value_sets,
             draft.compiled_with_vsd ? fmt::format(" ({} not in the VSD)", draft.unknown_value_sets)
                                     : std::string(" (not checked: no --vsd)"));
  fmt::print("{} to review:\n", draft.review.size());
  for (const std::string& item : draft.review) fmt::print("  - {}\n", item);
}

// `measure draft`: the draft is written even when it does not load (it is for review); exit 1 then,
// with the engine's reason.
Result<int> RunDraft(const MeasureOptions& options, Run& run) {
  DraftOptions draft_options;
  draft_options.measure = options.measure;
  draft_options.measurement_year = options.my;
  draft_options.draft_name = options.out;
  std::optional<ValueSetDirectory> vsd;
  if (!options.vsd_paths.empty()) {
    VsdLoadReport report;
    HM_ASSIGN_OR_RETURN(vsd, LoadVsd(options.vsd_paths, true, run, report));
    draft_options.vsd = &*vsd;
  }
  if (run.session != nullptr) run.session->AddInput("pdf", options.pdf);
  HM_ASSIGN_OR_RETURN(Draft draft, DraftMeasureFromPdf(options.pdf, draft_options));
  HM_RETURN_IF_ERROR(WriteDraft(draft, options.out));
  if (run.session != nullptr) run.session->AddOutput("draft", options.out);
  log::Info("drafted {} from {} pages: {} value sets ({} not in the VSD), {} to review",
            draft.measure, draft.pages, draft.value_sets, draft.unknown_value_sets,
            draft.review.size());
  PrintDraft(draft, options);
  if (!draft.load_status.ok()) {
    fmt::print(stderr, "hedis-mockup: error: the draft does not load in the measure engine: {}\n",
               draft.load_status.ToString());
    return kExitFailures;
  }
  return kExitOk;
}

Result<int> RunShow(const std::string& id) {
  HM_ASSIGN_OR_RETURN(std::string text, ShippedMeasureText(id));
  fmt::print("{}", text);
  return kExitOk;
}

}  // namespace

void AddMeasureCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<MeasureOptions>();
  CLI::App* evaluate = app.add_subcommand(
      "evaluate", "Evaluate a measure over engine input tables: per-member flags with reasons");
  evaluate->add_option("--measure", options->measure, "a shipped measure (PSA ...) or a measure file")
      ->required();
  evaluate->add_option("--data", options->data,
                       "the tables: FILE.xlsx, a folder of CSV files, sqlite:PATH or postgresql://...")
      ->required();
  evaluate->add_option("--my", options->my, "measurement year (default 2026)")
      ->check(CLI::Range(1900, 2200));
  evaluate->add_option("--vsd", options->vsd_paths, "VSD (and MLD); repeatable")->required();
  evaluate->add_option("--layout", options->layout, "a layout file (default: the built-in one)");
  evaluate->add_option("--prefix", options->prefix,
                       "sheet/table name prefix (default: the measure id, e.g. PSA_MEMBER_IN)");
  evaluate->add_option("--out", options->out, "write to FILE instead of standard output");
  evaluate->add_option("--format", options->format, "flags (CSV), ncqa (CSV) or json");
  evaluate->callback([&chosen, options] {
    chosen = {"evaluate", options->measure, true, [options](Run& r) { return RunEvaluate(*options, r); }};
  });

  CLI::App* measure = app.add_subcommand("measure", "The measures the product ships; drafting new ones");
  measure->require_subcommand(1);
  CLI::App* list = measure->add_subcommand("list", "List the shipped measures");
  list->callback([&chosen] { chosen = {"measure list", "", false, [](Run&) { return RunList(); }}; });
  CLI::App* draft = measure->add_subcommand(
      "draft", "Draft a measure file from NCQA's specification PDF, for review");
  draft->add_option("--pdf", options->pdf, "the specification PDF")->required();
  draft->add_option("--measure", options->measure,
                    "the measure's abbreviation, e.g. PSA (default: the first in the PDF)");
  draft->add_option("--vsd", options->vsd_paths, "check value-set names and compile; repeatable");
  draft->add_option("--my", options->my, "measurement year to compile for (default 2026)")
      ->check(CLI::Range(1900, 2200));
  draft->add_option("--out", options->out, "the draft measure file to write")->required();
  draft->add_flag("--json", options->json, "print the summary as JSON");
  draft->callback([&chosen, options] {
    chosen = {"measure draft", options->measure, true,
              [options](Run& r) { return RunDraft(*options, r); }};
  });
  CLI::App* show = measure->add_subcommand("show", "Print a shipped measure's file");
  show->add_option("id", options->measure, "the measure id, e.g. PSA")->required();
  show->callback([&chosen, options] {
    chosen = {"measure show", options->measure, false, [options](Run&) { return RunShow(options->measure); }};
  });
}

}  // namespace hm::cli
