// Text of progress for people, shared by the renderers in progress_render.cc (TerminalProgress,
// LogProgress and AutoProgress are declared in hedis_mockup/progress.h).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "hedis_mockup/progress.h"

namespace hm {

// 1234567 -> "1,234,567".
std::string GroupThousands(std::int64_t value);

// "98,000/s", or "2.5/s" below 10 a second where whole numbers would say too little.
std::string RateText(double per_second);

// What follows the task's name: "[#####...............] 75,000/150,000 (25%) 98,000/s" with a
// bar `bar_width` wide (none for 0); without a total, "75,000 98,000/s". A finished event adds
// " in 1.5 s".
std::string ProgressCounts(const ProgressEvent& event, int bar_width);

}  // namespace hm
