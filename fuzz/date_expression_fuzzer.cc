// libFuzzer target for the measurement-year date grammar (ParseDate, ParseYear, ParseDatePrefix).
// The parser reads free text from QA workbooks, so it must return a value or an error for any
// bytes; a successful parse must be a date inside the supported range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hedis_mockup/date.h"
#include "model/date_expression.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr int kMeasurementYear = 2026;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte, when present, picks the options so that every mode gets fuzzed.
  hm::DateParseOptions options;
  if (size > 0) {
    options.allow_serial = (data[0] & 1) != 0;
    options.date1904 = (data[0] & 2) != 0;
    options.allow_day_first = (data[0] & 4) != 0;
  }
  const hm::Result<hm::Date> date = hm::ParseDate(text, kMeasurementYear, options);
  if (date.ok() && (*date < hm::Date::Min() || *date > hm::Date::Max())) std::abort();
  if (!date.ok() && date.status().message().empty()) std::abort();

  const hm::Result<int> year = hm::ParseYear(text, kMeasurementYear);
  if (year.ok() && (*year < 1 || *year > 9999)) std::abort();

  const hm::Result<hm::DateMatch> match = hm::ParseDatePrefix(text, kMeasurementYear, options);
  if (match.ok() && match->length > size) std::abort();
  // A whole-text parse that succeeds is also a prefix parse of the same date.
  if (date.ok() && (!match.ok() || match->date != *date)) std::abort();
  return 0;
}
