#include "backbone/log_sinks.h"

#include <string_view>
#include <vector>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace hm::log {
namespace {

// The level as our lines spell it: "INFO " (padded, so text columns line up) or "info" for JSON,
// and "warn" where spdlog would write "warning", so that lines match --log-level's names.
class LevelFlag final : public spdlog::custom_flag_formatter {
 public:
  explicit LevelFlag(Format format) : format_(format) {}

  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string_view name = Name(msg.level);
    dest.append(name.data(), name.data() + name.size());
  }

  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<LevelFlag>(format_);
  }

 private:
  std::string_view Name(spdlog::level::level_enum level) const {
    const bool text = format_ == Format::kText;
    switch (level) {
      case spdlog::level::trace: return text ? "TRACE" : "trace";
      case spdlog::level::debug: return text ? "DEBUG" : "debug";
      case spdlog::level::info: return text ? "INFO " : "info";
      case spdlog::level::warn: return text ? "WARN " : "warn";
      default: return text ? "ERROR" : "error";
    }
  }

  Format format_;
};

// %v is the body log.cc builds (log_line.h). The timestamp is UTC with milliseconds, so lines from
// machines in different time zones sort together. %^...%$ colours the level on a colour terminal
// only; files and pipes get plain text.
std::unique_ptr<spdlog::formatter> MakeFormatter(Format format) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<LevelFlag>('*', format);
  formatter->set_pattern(format == Format::kJson
                             ? R"({"timestamp":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%*",%v})"
                             : "%Y-%m-%dT%H:%M:%S.%eZ %^%*%$ %v");
  return formatter;
}

}  // namespace

spdlog::level::level_enum ToSpdlog(Level level) {
  switch (level) {
    case Level::kTrace: return spdlog::level::trace;
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
    case Level::kOff: return spdlog::level::off;
  }
  return spdlog::level::off;
}

Result<std::shared_ptr<spdlog::logger>> MakeLogger(const LogOptions& options) {
  std::vector<spdlog::sink_ptr> sinks;
  if (options.to_stderr) {
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  }
  if (!options.file.empty()) {
    try {
      // spdlog counts rotated files beside the current one; LogOptions counts them all.
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          options.file, options.max_file_bytes, options.max_files - 1));
    } catch (const spdlog::spdlog_ex& e) {
      return Status::IoError(fmt::format("cannot open the log file: {}", e.what()),
                             "check the path given to --log-file and that you may write there")
          .InFile(options.file);
    }
  }
  auto logger = std::make_shared<spdlog::logger>("hedis-mockup", sinks.begin(), sinks.end());
  logger->set_formatter(MakeFormatter(options.format));
  logger->set_level(ToSpdlog(options.level));
  // Every line reaches the file when Write returns: a crash loses nothing, and the cost (a write
  // call per line) is measured in bench/log_bench.cc.
  logger->flush_on(spdlog::level::trace);
  return logger;
}

}  // namespace hm::log
