#include "backbone/progress_render.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "backbone/log_terminal.h"
#include "hedis_mockup/log.h"

namespace hm {
namespace {

std::string Bar(std::int64_t done, std::int64_t total, int width) {
  const double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0,
                                     1.0);
  const int filled = static_cast<int>(fraction * width);
  return fmt::format("[{}{}]", std::string(filled, '#'), std::string(width - filled, '.'));
}

int Percent(std::int64_t done, std::int64_t total) {
  return static_cast<int>(std::clamp(100.0 * static_cast<double>(done) /
                                         static_cast<double>(total), 0.0, 100.0));
}

// The terminal's width in columns, or 0 when `out` is no terminal.
int TerminalWidth(std::FILE* out) {
  winsize size{};
  if (::ioctl(::fileno(out), TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

// Draws `line` over the bar's current line. On stderr this holds the mutex log lines take, so a
// log line is never written between the '\r' and the rest of the bar.
void Draw(std::FILE* out, const std::string& line, bool finished) {
  const bool on_stderr = out == stderr;
  std::unique_lock<std::mutex> lock;
  if (on_stderr) lock = std::unique_lock(log::internal::TerminalMutex());
  std::fputs(fmt::format("\r{}\033[K{}", line, finished ? "\n" : "").c_str(), out);
  std::fflush(out);
  if (on_stderr) log::internal::SetStatusLineActive(!finished);
}

}  // namespace

std::string GroupThousands(std::int64_t value) {
  // The magnitude as unsigned: -INT64_MIN does not fit in an int64_t.
  const std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value)
                                            : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string RateText(double per_second) {
  if (per_second < 10) return fmt::format("{:.1f}/s", per_second);
  return GroupThousands(std::llround(per_second)) + "/s";
}

std::string ProgressCounts(const ProgressEvent& event, int bar_width) {
  std::string text;
  if (event.total > 0) {
    if (bar_width > 0) text = Bar(event.done, event.total, bar_width) + " ";
    text += fmt::format("{}/{} ({}%)", GroupThousands(event.done), GroupThousands(event.total),
                        Percent(event.done, event.total));
  } else {
    text = GroupThousands(event.done);
  }
  text += " " + RateText(event.rate_per_second);
  if (event.finished) text += fmt::format(" in {:.1f} s", event.elapsed_seconds);
  return text;
}

ProgressCallback TerminalProgress(std::FILE* out) {
  return [out](const ProgressEvent& event) {
    std::string line = event.task + " " + ProgressCounts(event, 20);
    // A line that wraps cannot be redrawn with '\r': the terminal would fill with copies.
    const int width = TerminalWidth(out);
    if (width > 1 && line.size() >= static_cast<std::size_t>(width)) line.resize(width - 1);
    Draw(out, line, event.finished);
  };
}

ProgressCallback LogProgress(double every_seconds) {
  // When each task last logged, by its own elapsed time. One callback may serve several tasks at
  // once (each Progress calls it from its own threads), hence the mutex.
  struct Shared {
    std::mutex mutex;
    std::unordered_map<std::string, double> last_logged;
  };
  auto shared = std::make_shared<Shared>();
  return [shared, every_seconds](const ProgressEvent& event) {
    bool logged_before = false;
    {
      std::lock_guard lock(shared->mutex);
      auto [it, first] = shared->last_logged.try_emplace(event.task, 0.0);
      logged_before = !first && it->second > 0;
      if (!event.finished && event.elapsed_seconds - it->second < every_seconds) return;
      it->second = event.elapsed_seconds;
      if (event.finished) shared->last_logged.erase(it);
    }
    // A task over before its first periodic line needed no progress: its end is a detail.
    const bool short_task = event.finished && !logged_before;
    log::Write(short_task ? log::Level::kDebug : log::Level::kInfo,
               fmt::format("{}: {}", event.task, ProgressCounts(event, 0)));
  };
}

ProgressCallback AutoProgress() {
  if (!log::Enabled(log::Level::kInfo)) return nullptr;
  if (::isatty(::fileno(stderr)) && log::internal::StderrIsTextLog()) {
    return TerminalProgress(stderr);
  }
  return LogProgress();
}

}  // namespace hm
