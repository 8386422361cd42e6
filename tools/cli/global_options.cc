#include "global_options.h"

#include "hedis_mockup/log.h"

namespace hm::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--log-format", options.log_format, "log lines as 'text' or 'json' (JSON lines)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  app.add_option("--log-file", options.log_file,
                 "also write the log to FILE (rotated at 10 MB, 5 files kept)");
  app.add_option("--log-level", options.log_level, "trace, debug, info (default), warn, error, off");
  app.add_flag("-v,--verbose", options.verbose, "more log detail (-v debug, -vv trace)");
  app.add_flag("-q,--quiet", options.quiet, "only warnings and errors in the log");
  app.add_flag("--hash-ids", options.hash_ids,
               "write member and patient identifiers to the log as keyed hashes (PHI)");
}

Status ConfigureLogging(const GlobalOptions& options) {
  log::LogOptions log;
  HM_ASSIGN_OR_RETURN(log.format, log::ParseFormat(options.log_format));
  if (!options.log_level.empty()) {
    HM_ASSIGN_OR_RETURN(log.level, log::ParseLevel(options.log_level));
  } else if (options.quiet) {
    log.level = log::Level::kWarn;
  } else if (options.verbose > 0) {
    log.level = options.verbose > 1 ? log::Level::kTrace : log::Level::kDebug;
  }
  log.file = options.log_file;
  log.hash_identifiers = options.hash_ids;
  return log::Configure(log);
}

}  // namespace hm::cli
