// The spdlog side of logging: sinks (stderr, rotating file), the line pattern (UTC timestamp,
// level) and the logger that joins them. Only log.cc uses it; spdlog stays out of public headers.
//
// Thread-safety: the returned logger is thread-safe (spdlog's _mt sinks).
#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "hedis_mockup/log.h"
#include "hedis_mockup/status.h"

namespace hm::log {

spdlog::level::level_enum ToSpdlog(Level level);

// A logger with the sinks and format `options` ask for, flushing every line. Errors (the file
// cannot be opened) are kIoError naming options.file; spdlog's exceptions do not escape.
Result<std::shared_ptr<spdlog::logger>> MakeLogger(const LogOptions& options);

}  // namespace hm::log
