#include "mockup_command.h"

#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "ai_flags.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/mockup.h"
#include "measure_command.h"
#include "testcase_command.h"
#include "vsd_command.h"

namespace hm::cli {
namespace {

struct MockupOptions {
  // generate takes several (--measure PSA --testcases PSA.xlsx --measure WCC --testcases WCC.xlsx,
  // or one workbook for every measure); validate one of each.
  std::vector<std::string> measures;
  std::vector<std::string> testcases;
  std::vector<std::string> vsd_paths;
  int my = 0;
  std::uint64_t seed = 1;
  std::string layout;
  std::string formats = "xlsx";
  std::string out = ".";
  std::string database;  // --format postgresql
  std::size_t scale = 0;
  bool json = false;
  bool force = false;
  bool skip_attention = false;
  bool no_validate = false;
  bool null_as_text = false;
  std::string mockup;  // validate
  std::string prefix;  // validate
  AiFlags ai;          // generate --ai: the language-model fallback (docs/ai.md)
};

// What every measure of a run shares: the VSD and the layout.
struct Shared {
  ValueSetDirectory vsd;
  std::string vsd_sha256;  // of all the VSD's input files together
  std::optional<Layout> layout;
};

struct MeasureInputs {
  TestCaseBook book;
  CompiledMeasure measure;
};

Result<Shared> LoadShared(const MockupOptions& options, Run& run) {
  VsdLoadReport vsd_report;
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd, LoadVsd(options.vsd_paths, true, run, vsd_report));
  std::optional<Layout> layout;
  if (!options.layout.empty()) {
    HM_ASSIGN_OR_RETURN(layout, LoadLayout(options.layout));
    if (run.session != nullptr) run.session->AddInput("layout", options.layout);
  }
  return Shared{std::move(vsd), vsd_report.inputs_sha256, std::move(layout)};
}

// The workbook read with the VSD and the compiled measure, each recorded in the session.
Result<MeasureInputs> LoadMeasure(const std::string& measure_name, const std::string& testcases,
                                  int my_option, const Shared& shared, Run& run,
                                  const AiFlags* ai = nullptr) {
  const int my = MeasurementYearOf(my_option, testcases);
  log::ScopedContext context;
  context.Phase("PARSE_TESTCASES");
  if (run.session != nullptr) run.session->AddInput("testcase", testcases);
  run.completeness.MarkAttempted("testcases");
  HM_ASSIGN_OR_RETURN(TestCaseBook book, ReadTestCases(testcases, {my, &shared.vsd}));
  if (ai != nullptr) HM_RETURN_IF_ERROR(RunAiFallback(book, *ai, &shared.vsd, run).status());
  run.completeness.MarkSuccess("testcases", static_cast<std::int64_t>(book.summary.rows));
  const std::string parsed = fmt::format("{}: {}", testcases, SummaryText(book.summary, my));
  log::Info("{}", parsed);
  if (run.session != nullptr) run.session->AddEvent("parsing", parsed);
  HM_ASSIGN_OR_RETURN(auto text, MeasureText(measure_name));
  HM_ASSIGN_OR_RETURN(CompiledMeasure measure, CompiledMeasure::FromText(text.first, text.second, shared.vsd, my));
  return MeasureInputs{std::move(book), std::move(measure)};
}

Result<std::vector<MockupFormat>> Formats(const std::string& list) {
  std::vector<MockupFormat> formats;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    const std::optional<MockupFormat> f = ParseMockupFormat(name);
    if (!f) return Status::InvalidInput(fmt::format("--format {}: unknown format '{}'", list, name), "use xlsx, csv, sqlite, postgresql (comma-separated)");
    formats.push_back(*f);
  }
  if (formats.empty()) return Status::InvalidInput("--format: no format given", "use xlsx, csv, sqlite, postgresql");
  return formats;
}

void PrintGenerate(const GenerateReport& r) {
  std::size_t skipped = 0;
  for (const ScenarioOutcome& s : r.scenarios) skipped += s.status == "skipped" ? 1 : 0;
  fmt::print("{} MY {}: {} members from {} scenarios ({} skipped)\n", r.measure, r.measurement_year,
             r.members, r.scenarios.size() - skipped, skipped);
  for (const auto& [table, rows] : r.rows_by_table) fmt::print("  {:<28}{:>10} rows\n", table, rows);
  fmt::print("quality: {} errors, {} warnings{}\n", r.quality_errors, r.quality_warnings,
             r.exported ? "" : " — export stopped (fix the errors, or pass --force)");
  if (r.precheck_failed > 0) fmt::print("pre-check: {} members miss an expectation in memory\n", r.precheck_failed);
  if (r.validation) {
    const ValidationReport& v = *r.validation;
    fmt::print("validation: {} expectations checked, {} passed, {} failed, {} not checkable\n", v.checked,
               v.passed, v.failed, v.not_checkable);
    for (const MemberValidation& m : v.members) {
      if (m.outcome == "fail") fmt::print("  FAIL {} ({} row {}): {}\n", m.member_id, m.sheet, m.row, m.summary);
    }
  }
  for (const std::string& out : r.outputs) fmt::print("wrote {}\n", out);
}

Result<GenerateReport> GenerateOne(const MockupOptions& options, const std::string& measure_name,
                                   const std::string& testcases, const Shared& shared, Run& run) {
  HM_ASSIGN_OR_RETURN(MeasureInputs in, LoadMeasure(measure_name, testcases, options.my, shared, run, &options.ai));
  GenerateOptions g;
  g.measurement_year = in.measure.measurement_year();
  g.seed = options.seed;
  HM_ASSIGN_OR_RETURN(g.formats, Formats(options.formats));
  g.database = options.database;
  g.out_dir = options.out;
  g.null_text = options.null_as_text ? "NULL" : "";
  g.scale = options.scale;
  g.force = options.force;
  g.skip_attention = options.skip_attention;
  g.validate = !options.no_validate;
  if (shared.layout) g.layout = &*shared.layout;
  g.run_info.emplace_back("vsd", fmt::format("{} sha256 {}", fmt::join(options.vsd_paths, ", "), shared.vsd_sha256));
  if (!options.json) g.progress = TerminalProgress(stderr);
  log::ScopedContext context;
  context.Phase("GENERATE");
  run.completeness.MarkAttempted("mockup " + in.measure.id());
  HM_ASSIGN_OR_RETURN(GenerateReport report, GenerateMockup(in.book, in.measure, shared.vsd, g));
  run.completeness.MarkSuccess("mockup " + in.measure.id(), static_cast<std::int64_t>(report.members));
  if (run.session != nullptr) {
    for (const std::string& out : report.outputs) run.session->AddOutput("mockup", out);
    run.session->AddEvent("generation", fmt::format("{}: {} members, quality {} errors / {} warnings", report.measure,
                                                    report.members, report.quality_errors, report.quality_warnings));
  }
  return report;
}

// Several measures in one run: --measure and --testcases pair up in order, or one workbook serves
// every measure.
Result<int> RunGenerate(const MockupOptions& options, Run& run) {
  if (options.testcases.size() != 1 && options.testcases.size() != options.measures.size()) {
    return Status::InvalidInput(
        fmt::format("{} --measure but {} --testcases", options.measures.size(), options.testcases.size()),
        "give one --testcases per --measure, in the same order, or one workbook for all");
  }
  HM_ASSIGN_OR_RETURN(Shared shared, LoadShared(options, run));
  std::vector<GenerateReport> reports;
  for (std::size_t i = 0; i < options.measures.size(); ++i) {
    const std::string& testcases = options.testcases[options.testcases.size() == 1 ? 0 : i];
    HM_ASSIGN_OR_RETURN(GenerateReport report, GenerateOne(options, options.measures[i], testcases, shared, run));
    reports.push_back(std::move(report));
  }
  const std::string session = run.session != nullptr ? run.session->session_id() : "";
  if (options.json && reports.size() == 1) {
    std::string json = ToJson(reports.front());
    json.pop_back();  // the closing brace: the session id joins the object
    fmt::print("{},\"session_id\":\"{}\"}}\n", json, session);
  } else if (options.json) {
    std::vector<std::string> each;
    for (const GenerateReport& r : reports) each.push_back(ToJson(r));
    fmt::print("{{\"measures\":[{}],\"session_id\":\"{}\"}}\n", fmt::join(each, ","), session);
  } else {
    for (const GenerateReport& r : reports) PrintGenerate(r);
  }
  bool failed = false;
  for (const GenerateReport& r : reports) failed = failed || !r.exported || (r.validation && r.validation->failed > 0);
  return failed ? kExitFailures : kExitOk;
}

Result<int> RunValidate(const MockupOptions& options, Run& run) {
  if (options.measures.size() != 1 || options.testcases.size() != 1) {
    return Status::InvalidInput("validate takes one --measure and one --testcases",
                                "validate each measure's mockup on its own");
  }
  HM_ASSIGN_OR_RETURN(Shared shared, LoadShared(options, run));
  HM_ASSIGN_OR_RETURN(MeasureInputs in, LoadMeasure(options.measures.front(), options.testcases.front(), options.my, shared, run));
  if (run.session != nullptr) run.session->AddInput("mockup", options.mockup);
  log::ScopedContext context;
  context.Phase("VALIDATE");
  ValidateOptions v;
  v.prefix = options.prefix;
  if (shared.layout) v.layout = &*shared.layout;
  HM_ASSIGN_OR_RETURN(ValidationReport report, ValidateMockup(in.book, in.measure, options.mockup, v));
  if (!options.out.empty() && options.out != ".") {
    HM_RETURN_IF_ERROR(WriteValidationWorkbook(report, options.out));
    if (run.session != nullptr) run.session->AddOutput("validation", options.out);
  }
  if (options.json) {
    fmt::print("{}\n", ToJson(report));
  } else {
    fmt::print("{} MY {}: {} members; {} expectations checked, {} passed, {} failed, {} not checkable\n",
               report.measure, report.measurement_year, report.members.size(), report.checked,
               report.passed, report.failed, report.not_checkable);
    for (const MemberValidation& m : report.members) {
      if (m.outcome != "fail") continue;
      fmt::print("FAIL {} ({} row {}): {}\n", m.member_id, m.sheet, m.row, m.summary);
      for (const ValidationItem& i : m.items) {
        if (i.outcome == "fail" && !i.reason.empty()) fmt::print("    {}\n", i.reason);
      }
    }
  }
  return report.failed > 0 ? kExitFailures : kExitOk;
}

void AddCommon(CLI::App* command, MockupOptions& o) {
  command->add_option("--measure", o.measures, "a shipped measure (PSA ...) or a measure file")->required();
  command->add_option("--testcases", o.testcases, "the QA test-case workbook (.xlsx or .csv)")->required();
  command->add_option("--vsd", o.vsd_paths, "VSD (and MLD); repeatable")->required();
  command->add_option("--my", o.my, "measurement year (default: MYnnnn in the file name)")->check(CLI::Range(1900, 2200));
  command->add_option("--layout", o.layout, "a layout file (default: the built-in one)");
  command->add_flag("--json", o.json, "print the report as JSON");
}

}  // namespace

void AddMockupCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<MockupOptions>();
  CLI::App* generate = app.add_subcommand(
      "generate", "Generate the mockup of a QA workbook, check it, and prove it with the measure");
  AddCommon(generate, *options);
  generate->add_option("--seed", options->seed, "seed for filler (names, addresses); default 1");
  generate->add_option("--format", options->formats, "xlsx, csv, sqlite, postgresql (comma-separated; default xlsx)");
  generate->add_option("--database", options->database,
                       "for --format postgresql: the database, postgresql://USER@HOST:PORT/DB");
  generate->add_option("--out", options->out, "output folder (default: the current folder)");
  generate->add_option("--scale", options->scale, "clone the scenarios into N members (load tests)");
  generate->add_flag("--force", options->force, "export despite quality errors");
  generate->add_flag("--skip-attention", options->skip_attention,
                     "generate the understood rows and list the ones that need attention");
  generate->add_flag("--no-validate", options->no_validate, "do not read the mockup back and validate it");
  generate->add_flag("--null-text", options->null_as_text, "write absent values as NULL (default: empty cells)");
  AddAiFlags(*generate, options->ai);
  generate->callback([&chosen, options] {
    chosen = {"generate", fmt::format("{}", fmt::join(options->measures, ",")), true,
              [options](Run& r) { return RunGenerate(*options, r); }};
  });

  CLI::App* validate = app.add_subcommand(
      "validate", "Read a written mockup back, evaluate it, and check every scenario's expectations");
  AddCommon(validate, *options);
  validate->add_option("--mockup", options->mockup, "the mockup: FILE.xlsx, a CSV folder, sqlite:PATH or postgresql://...")->required();
  validate->add_option("--prefix", options->prefix, "sheet/table prefix (default: the measure id)");
  validate->add_option("--out", options->out, "also write the validation workbook (.xlsx) here");
  validate->callback([&chosen, options] {
    chosen = {"validate", fmt::format("{}", fmt::join(options->measures, ",")), true,
              [options](Run& r) { return RunValidate(*options, r); }};
  });
}

}  // namespace hm::cli
