// Sharing stderr between log lines and a progress bar. While a bar is drawn on stderr (between
// its first draw and the newline that ends it), each log line first clears the bar's line, under
// one mutex with the bar's redraw, so that a terminal never shows a log line glued to a half bar.
// The next progress event redraws the bar below the log line.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <mutex>

namespace hm::log::internal {

// Held while writing to stderr when a bar may be on screen.
std::mutex& TerminalMutex();

// Whether a bar is on screen now; set by the terminal renderer.
void SetStatusLineActive(bool active);
bool StatusLineActive();

// Whether lines go to stderr as text: the only case where a bar may share the terminal.
bool StderrIsTextLog();

}  // namespace hm::log::internal
