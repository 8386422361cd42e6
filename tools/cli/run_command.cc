#include <fmt/core.h>

#include "command.h"
#include "hedis_mockup/log.h"

namespace hm::cli {
namespace {

// Runs the body with its own run state; a front end never lets an exception escape as a crash.
Result<int> RunBody(const Command& command, Run& run) {
  try {
    return command.body(run);
  } catch (const std::exception& e) {
    return Status::Internal(fmt::format("{}: {}", command.name, e.what()));
  }
}

}  // namespace

int ReportError(const Status& status) {
  fmt::print(stderr, "hedis-mockup: error: {}\n", status.ToString());
  return ExitCodeFor(status);
}

int RunCommand(const Command& command) {
  Run run;
  if (!command.audited) {
    Result<int> outcome = RunBody(command, run);
    return outcome.ok() ? *outcome : ReportError(outcome.status());
  }
  audit::AuditOptions options;
  options.tool_version = kVersion;
  std::optional<audit::AuditLog> audit_log;
  std::optional<audit::Session> session;
  if (auto opened = audit::AuditLog::Open(options); !opened.ok()) {
    (void)run.errors.Handle(Status(opened.status()).Recoverable(), "audit_log");
  } else if (auto begun = audit::Session::Begin(*opened, command.name, command.measure);
             !begun.ok()) {
    (void)run.errors.Handle(Status(begun.status()).Recoverable(), "audit_log");
  } else {
    audit_log = std::move(opened).value();
    session = std::move(begun).value();
    run.session = &*session;
  }

  log::ScopedContext context;
  if (session) context.Session(session->session_id());
  if (!command.measure.empty()) context.Measure(command.measure);
  log::Debug("{} started", command.name);

  const Result<int> outcome = RunBody(command, run);
  if (!outcome.ok()) run.completeness.AddError(outcome.status(), log::Current().phase);
  if (session) {
    session->SetCompleteness(run.completeness.ToJson());
    if (Status finished = session->Finish(outcome.status()); !finished.ok()) {
      log::Warn("this run could not be recorded in the audit log: {}", finished.ToString());
    }
  }
  log::Debug("{} finished: {}", command.name, outcome.ok() ? "ok" : "failed");
  return outcome.ok() ? *outcome : ReportError(outcome.status());
}

}  // namespace hm::cli
