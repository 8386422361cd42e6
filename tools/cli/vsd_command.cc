#include "vsd_command.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/value_sets.h"

namespace hm::cli {
namespace {

using nlohmann::ordered_json;

struct VsdOptions {
  std::vector<std::string> vsd_paths;
  bool json = false;
  bool no_cache = false;
  std::string code;
  std::string system;
  std::string value_set;
};

void AddCommonOptions(CLI::App& command, VsdOptions& options) {
  command.add_option("--vsd", options.vsd_paths,
                     "VSD workbook (.xlsx) or folder of CSV sheets; repeat to add the Medication "
                     "List Directory")
      ->required()
      ->check(CLI::ExistingPath);
  command.add_flag("--json", options.json, "print machine-readable JSON");
  command.add_flag("--no-cache", options.no_cache, "neither read nor write the parsed-VSD cache");
}

// Each --vsd path is an input of the session: a workbook as itself, a CSV folder as its files.
void RecordInputs(const std::vector<std::string>& paths, Run& run) {
  if (run.session == nullptr) return;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      run.session->AddInput("vsd", path);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.path().extension() == ".csv") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) run.session->AddInput("vsd", file);
  }
}

}  // namespace

Result<ValueSetDirectory> LoadVsd(const std::vector<std::string>& paths, bool use_cache, Run& run,
                                  VsdLoadReport& report) {
  RecordInputs(paths, run);
  log::ScopedContext context;
  context.Phase("LOAD_VSD");
  VsdLoadOptions load;
  load.use_cache = use_cache;
  load.progress = AutoProgress();
  load.errors = &run.errors;
  run.completeness.MarkAttempted("vsd");
  auto vsd = ValueSetDirectory::Load(paths, load, &report);
  if (!vsd.ok()) return vsd;
  run.completeness.MarkSuccess("vsd", static_cast<std::int64_t>(vsd->codes().size()));
  const std::string details = ordered_json{{"value_sets", vsd->value_sets().size()},
                                           {"codes", vsd->codes().size()},
                                           {"inputs_sha256", report.inputs_sha256},
                                           {"from_cache", report.from_cache},
                                           {"seconds", report.seconds}}
                                  .dump();
  const std::string message =
      fmt::format("Loaded {} codes in {} value sets{} in {:.3f} s", vsd->codes().size(),
                  vsd->value_sets().size(), report.from_cache ? " (from cache)" : "",
                  report.seconds);
  if (run.session) run.session->AddEvent("vsd_load", message, details);
  log::Debug("{}", message);
  return vsd;
}

namespace {

Result<ValueSetDirectory> LoadVsd(const VsdOptions& options, Run& run, VsdLoadReport& report) {
  return LoadVsd(options.vsd_paths, !options.no_cache, run, report);
}

using SystemCounts = std::array<std::size_t, kCodeSystemCount>;

SystemCounts CountBySystem(std::span<const ValueSetCode> codes) {
  SystemCounts counts{};
  for (const ValueSetCode& code : codes) ++counts[static_cast<std::size_t>(code.system)];
  return counts;
}

ordered_json CountsJson(const SystemCounts& counts) {
  ordered_json out = ordered_json::object();
  for (int s = 0; s < kCodeSystemCount; ++s) {
    if (counts[s] > 0) out[std::string(CodeSystemName(static_cast<CodeSystem>(s)))] = counts[s];
  }
  return out;
}

std::string CountsText(const SystemCounts& counts) {
  std::vector<std::string> parts;
  for (int s = 0; s < kCodeSystemCount; ++s) {
    if (counts[s] > 0) parts.push_back(fmt::format("{} {}", CodeSystemName(static_cast<CodeSystem>(s)), counts[s]));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// The measures that use each value set, for lookups.
std::map<std::uint32_t, std::vector<std::string>> MeasuresBySet(const ValueSetDirectory& vsd) {
  std::map<std::uint32_t, std::vector<std::string>> out;
  for (const MeasureValueSets& measure : vsd.measures()) {
    for (std::uint32_t set : measure.value_sets) out[set].push_back(measure.id);
  }
  return out;
}

ordered_json LoadJson(const std::vector<std::string>& paths, const VsdLoadReport& report) {
  return {{"inputs", paths},
          {"inputs_sha256", report.inputs_sha256},
          {"from_cache", report.from_cache},
          {"seconds", report.seconds}};
}

Result<int> RunInfo(const VsdOptions& options, Run& run) {
  VsdLoadReport report;
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd_value, LoadVsd(options, run, report));
  const ValueSetDirectory* vsd = &vsd_value;
  const SystemCounts totals = CountBySystem(vsd->codes());
  if (options.json) {
    ordered_json out = {{"load", LoadJson(options.vsd_paths, report)},
                        {"completeness", ordered_json::parse(run.completeness.ToJson())},
                        {"value_set_count", vsd->value_sets().size()},
                        {"code_count", vsd->codes().size()},
                        {"codes_by_system", CountsJson(totals)}};
    out["measures"] = ordered_json::array();
    for (const MeasureValueSets& measure : vsd->measures()) {
      std::vector<std::string> names;
      for (std::uint32_t set : measure.value_sets) names.push_back(vsd->value_sets()[set].name);
      out["measures"].push_back({{"id", measure.id}, {"name", measure.name}, {"value_sets", names}});
    }
    out["value_sets"] = ordered_json::array();
    for (const ValueSet& set : vsd->value_sets()) {
      out["value_sets"].push_back({{"name", set.name},
                                   {"oid", set.oid},
                                   {"version", set.version},
                                   {"medication_list", set.medication_list},
                                   {"code_count", set.code_count},
                                   {"codes_by_system", CountsJson(CountBySystem(vsd->CodesOf(set)))}});
    }
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("Value Set Directory: {}\n", fmt::join(options.vsd_paths, ", "));
  fmt::print("  sha256 {}, loaded in {:.3f} s{}\n", report.inputs_sha256, report.seconds,
             report.from_cache ? " from cache" : "");
  fmt::print("  {} value sets, {} codes, {} measures\n\n", vsd->value_sets().size(),
             vsd->codes().size(), vsd->measures().size());
  fmt::print("Codes per code system\n");
  for (int s = 0; s < kCodeSystemCount; ++s) {
    if (totals[s] > 0) fmt::print("  {:<22}{:>8}\n", CodeSystemName(static_cast<CodeSystem>(s)), totals[s]);
  }
  fmt::print("\nMeasures\n");
  for (const MeasureValueSets& measure : vsd->measures()) {
    fmt::print("  {:<8}{} ({} value sets)\n", measure.id, measure.name, measure.value_sets.size());
  }
  std::size_t name_width = 10, oid_width = 4;
  for (const ValueSet& set : vsd->value_sets()) {
    name_width = std::max(name_width, set.name.size() + 2);
    oid_width = std::max(oid_width, set.oid.size() + 2);
  }
  fmt::print("\n  {:<{}}{:<{}}{:>6}  {}\n", "Value set", name_width, "OID", oid_width, "codes",
             "per code system");
  for (const ValueSet& set : vsd->value_sets()) {
    fmt::print("  {:<{}}{:<{}}{:>6}  {}\n", set.name, name_width, set.oid, oid_width,
               set.code_count, CountsText(CountBySystem(vsd->CodesOf(set))));
  }
  return kExitOk;
}

Result<int> RunLookup(const VsdOptions& options, Run& run) {
  std::optional<CodeSystem> system;
  if (!options.system.empty()) {
    system = ParseCodeSystem(options.system);
    if (!system) {
      return Status::InvalidInput(fmt::format("--system: unknown code system '{}'", options.system),
                                  fmt::format("use one of {}", KnownCodeSystemNames()));
    }
  }
  VsdLoadReport report;
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd_value, LoadVsd(options, run, report));
  const ValueSetDirectory* vsd = &vsd_value;
  const auto rows = system ? vsd->Lookup(*system, options.code) : vsd->Lookup(options.code);
  const auto measures = MeasuresBySet(*vsd);
  auto measures_of = [&](std::uint32_t set) {
    auto it = measures.find(set);
    return it == measures.end() ? std::vector<std::string>{} : it->second;
  };
  if (options.json) {
    ordered_json out = {{"code", options.code}, {"matches", ordered_json::array()}};
    for (const ValueSetCode* row : rows) {
      const ValueSet& set = vsd->value_sets()[row->value_set];
      out["matches"].push_back({{"value_set", set.name},
                                {"oid", set.oid},
                                {"medication_list", set.medication_list},
                                {"code_system", CodeSystemName(row->system)},
                                {"code", row->code},
                                {"definition", row->definition},
                                {"measures", measures_of(row->value_set)}});
    }
    fmt::print("{}\n", out.dump(2));
  } else if (rows.empty()) {
    fmt::print("{} is in no value set{}\n", options.code,
               system ? fmt::format(" as {}", CodeSystemName(*system)) : "");
  } else {
    fmt::print("{} is in {} value set{}:\n", options.code, rows.size(), rows.size() > 1 ? "s" : "");
    for (const ValueSetCode* row : rows) {
      const ValueSet& set = vsd->value_sets()[row->value_set];
      fmt::print("  {} ({}), {} {}: {}; measures: {}\n", set.name, set.oid,
                 CodeSystemName(row->system), row->code, row->definition,
                 fmt::join(measures_of(row->value_set), ", "));
    }
  }
  return rows.empty() ? kExitFailures : kExitOk;
}

Result<int> RunCodes(const VsdOptions& options, Run& run) {
  VsdLoadReport report;
  HM_ASSIGN_OR_RETURN(ValueSetDirectory vsd_value, LoadVsd(options, run, report));
  const ValueSetDirectory* vsd = &vsd_value;
  auto set = vsd->Require(options.value_set);
  if (!set.ok()) return set.status();
  const auto codes = vsd->CodesOf(**set);
  if (options.json) {
    ordered_json out = {{"value_set", (*set)->name},
                        {"oid", (*set)->oid},
                        {"version", (*set)->version},
                        {"medication_list", (*set)->medication_list},
                        {"codes", ordered_json::array()}};
    for (const ValueSetCode& code : codes) {
      out["codes"].push_back({{"code_system", CodeSystemName(code.system)},
                              {"code", code.code},
                              {"definition", code.definition},
                              {"code_system_version", code.code_system_version}});
    }
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("{} (OID {}, version {}): {} codes\n", (*set)->name, (*set)->oid, (*set)->version,
             codes.size());
  for (const ValueSetCode& code : codes) {
    fmt::print("  {:<22}{:<14}{}\n", CodeSystemName(code.system), code.code, code.definition);
  }
  return kExitOk;
}

}  // namespace

void AddVsdCommands(CLI::App& app, Command& chosen) {
  CLI::App* vsd = app.add_subcommand("vsd", "Inspect a Value Set Directory (NCQA VSD and MLD)");
  vsd->require_subcommand(1);
  auto options = std::make_shared<VsdOptions>();
  // Each subcommand's callback only records the choice; main() runs it after parsing.
  auto choose = [&chosen, options](std::string name, auto run) {
    return [&chosen, options, name, run] {
      chosen = {name, "", true, [options, run](Run& r) { return run(*options, r); }};
    };
  };

  CLI::App* info = vsd->add_subcommand("info", "Value sets, measures and codes per code system");
  AddCommonOptions(*info, *options);
  info->callback(choose("vsd info", RunInfo));

  CLI::App* lookup = vsd->add_subcommand("lookup", "Which value sets contain a code");
  AddCommonOptions(*lookup, *options);
  lookup->add_option("--code", options->code, "the code, e.g. 84153 or Z90.13 (dot optional)")
      ->required();
  lookup->add_option("--system", options->system, "limit to one code system, e.g. CPT, ICD10CM");
  lookup->callback(choose("vsd lookup", RunLookup));

  CLI::App* codes = vsd->add_subcommand("codes", "The codes of one value set");
  AddCommonOptions(*codes, *options);
  codes->add_option("--value-set", options->value_set,
                    "value-set name; case, spaces and punctuation are ignored")
      ->required();
  codes->callback(choose("vsd codes", RunCodes));
}

}  // namespace hm::cli
