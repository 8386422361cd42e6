#include "audit_command.h"

#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/audit.h"

namespace hm::cli {
namespace {

using nlohmann::ordered_json;

struct AuditCliOptions {
  std::size_t limit = 20;
  std::string measure;
  std::string status;
  int stats_days = 30;
  int export_days = 0;  // 0: everything
  bool json = false;
  std::string out;
};

Result<audit::AuditLog> OpenLog() {
  audit::AuditOptions options;
  options.tool_version = kVersion;
  return audit::AuditLog::Open(options);
}

// Readers skip lines they cannot use (a torn tail, a line that is not a record) and say so.
void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) {
    fmt::print(stderr, "hedis-mockup: warning: {}\n", warning);
  }
}

std::string Dash(const std::string& text) { return text.empty() ? "-" : text; }

Result<int> RunHistory(const AuditCliOptions& options) {
  HM_ASSIGN_OR_RETURN(audit::AuditLog log, OpenLog());
  HM_ASSIGN_OR_RETURN(audit::HistoryResult history,
                      log.History({options.limit, options.measure, options.status}));
  PrintWarnings(history.warnings);
  if (options.json) {
    std::string out = "[";
    for (std::size_t i = 0; i < history.sessions.size(); ++i) {
      out += (i ? ",\n" : "\n") + audit::RecordToJson(history.sessions[i]);
    }
    fmt::print("{}\n]\n", out);
    return kExitOk;
  }
  if (history.sessions.empty()) {
    fmt::print("No sessions recorded yet in {}\n", log.log_path());
    return kExitOk;
  }
  fmt::print("{:<24}{:<22}{:<12}{:<9}{:<9}{:>10}  {}\n", "SESSION", "STARTED (UTC)", "COMMAND",
             "MEASURE", "STATUS", "SECONDS", "INPUTS");
  for (const audit::SessionRecord& s : history.sessions) {
    std::string inputs;
    for (const audit::FileRecord& f : s.inputs) {
      if (!inputs.empty()) inputs += ", ";
      inputs += fmt::format("{} ({})", f.path, f.sha256.empty() ? "unreadable" : f.sha256.substr(0, 12));
    }
    fmt::print("{:<24}{:<22}{:<12}{:<9}{:<9}{:>10.3f}  {}\n", s.session_id, s.timestamp_start,
               s.command, Dash(s.measure), s.status, s.duration_seconds, Dash(inputs));
    if (!s.error.empty()) fmt::print("{:>24}error: {}\n", "", s.error);
  }
  return kExitOk;
}

Result<int> RunStats(const AuditCliOptions& options) {
  HM_ASSIGN_OR_RETURN(audit::AuditLog log, OpenLog());
  HM_ASSIGN_OR_RETURN(audit::Statistics stats, log.Stats(options.stats_days));
  PrintWarnings(stats.warnings);
  if (options.json) {
    fmt::print("{}\n", audit::StatisticsToJson(stats));
    return kExitOk;
  }
  fmt::print("Last {} days: {} sessions, {} successful, {} failed ({:.2f}% success), average "
             "{:.3f} s, {} members generated\n",
             stats.period_days, stats.total_generations, stats.successful_generations,
             stats.failed_generations, stats.success_rate, stats.avg_duration_seconds,
             stats.total_members_generated);
  if (!stats.measures.empty()) {
    fmt::print("\n  {:<10}{:>8}{:>12}{:>8}{:>12}\n", "MEASURE", "TOTAL", "SUCCESSFUL", "FAILED",
               "AVG SECONDS");
    for (const audit::MeasureStatistics& m : stats.measures) {
      fmt::print("  {:<10}{:>8}{:>12}{:>8}{:>12.3f}\n", m.measure, m.total, m.successful,
                 m.failed, m.avg_duration_seconds);
    }
  }
  return kExitOk;
}

// Exit 1 when the chain is broken: the job ran and found a failure.
Result<int> RunVerify(const AuditCliOptions& options) {
  HM_ASSIGN_OR_RETURN(audit::AuditLog log, OpenLog());
  HM_ASSIGN_OR_RETURN(audit::VerifyReport report, log.Verify());
  if (options.json) {
    fmt::print("{}\n", audit::VerifyReportToJson(report));
    return report.intact() ? kExitOk : kExitFailures;
  }
  for (const auto& invalid : report.invalid) {
    fmt::print(stderr, "hedis-mockup: warning: {}: line {}: {} (skipped)\n", log.log_path(),
               invalid.line, invalid.reason);
  }
  for (const auto& broken : report.broken) {
    fmt::print("{}: line {}: the record does not follow line {}: a record was edited, removed "
               "or inserted\n",
               log.log_path(), broken.line, broken.previous_line);
  }
  fmt::print("{} records in {} lines: {}\n", report.records, report.lines,
             report.intact() ? "the chain is intact" : "the chain is BROKEN");
  return report.intact() ? kExitOk : kExitFailures;
}

Result<int> RunExport(const AuditCliOptions& options) {
  HM_ASSIGN_OR_RETURN(audit::AuditLog log, OpenLog());
  audit::ExportOptions export_options;
  export_options.days = options.export_days;
  HM_RETURN_IF_ERROR(log.Export(options.out, export_options));
  fmt::print("Wrote {}\n", options.out);
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<AuditCliOptions>();
  auto choose = [&chosen, options](std::string name, auto run) {
    return [&chosen, options, name, run] {
      chosen = {name, "", false, [options, run](Run&) { return run(*options); }};
    };
  };

  CLI::App* history = app.add_subcommand("history", "Recent sessions from the audit log");
  history->add_option("--limit", options->limit, "how many, newest first")->default_val(20);
  history->add_option("--measure", options->measure, "only this measure");
  history->add_option("--status", options->status, "only 'success' or 'failed'")
      ->check(CLI::IsMember({"success", "failed"}));
  history->add_flag("--json", options->json, "print machine-readable JSON");
  history->callback(choose("history", RunHistory));

  CLI::App* stats = app.add_subcommand("stats", "Statistics over the audit log");
  stats->add_option("--days", options->stats_days, "the last N days")->default_val(30)
      ->check(CLI::PositiveNumber);
  stats->add_flag("--json", options->json, "print machine-readable JSON");
  stats->callback(choose("stats", RunStats));

  CLI::App* audit = app.add_subcommand("audit", "Check or export the audit log");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "Check the hash chain: was history edited?");
  verify->add_flag("--json", options->json, "print machine-readable JSON");
  verify->callback(choose("audit verify", RunVerify));
  CLI::App* export_command =
      audit->add_subcommand("export", "Write sessions and statistics to .xlsx, .csv or .json");
  export_command->add_option("--out", options->out, "the file to write; its extension picks the format")
      ->required();
  export_command->add_option("--days", options->export_days, "only the last N days (0: everything)")
      ->default_val(0);
  export_command->callback(choose("audit export", RunExport));
}

}  // namespace hm::cli
