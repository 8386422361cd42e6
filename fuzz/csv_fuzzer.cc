// libFuzzer target for the CSV reader. CSV arrives from users as is, so any bytes must give rows
// or an error naming the file, never a crash, a hang or unbounded memory. Beyond that, parsing
// must not depend on where chunk boundaries fall: the input is parsed whole and split in two at a
// point the first byte chooses, and both parses must agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "read/csv_parser.h"
#include "read/csv_reader.h"

namespace {

// Small limits keep each run fast; they are the limits being fuzzed, not just a speed-up.
hm::read::ReadLimits FuzzLimits() {
  hm::read::ReadLimits limits;
  limits.max_csv_field_bytes = 4096;
  limits.max_columns = 64;
  return limits;
}

struct Parsed {
  hm::Status status;
  std::vector<std::int64_t> lines;
  std::vector<std::string> fields;  // all fields, each followed by a record separator marker
};

void CheckRow(const hm::read::Row& row, const hm::read::ReadLimits& limits) {
  if (row.number < 1 || row.cells.empty()) std::abort();
  if (row.cells.size() > static_cast<std::size_t>(limits.max_columns)) std::abort();
  bool blank = true;
  for (const hm::read::Cell& cell : row.cells) {
    if (cell.type != hm::read::Cell::Type::kString) std::abort();
    if (cell.text.size() > limits.max_csv_field_bytes) std::abort();
    if (cell.AsText() != cell.text) std::abort();
    blank = blank && cell.empty();
  }
  if (blank) std::abort();  // blank records are skipped
}

Parsed Parse(std::string_view text, std::size_t split, const hm::read::ReadLimits& limits) {
  Parsed parsed;
  const hm::read::RowVisitor visit = [&](const hm::read::Row& row) {
    CheckRow(row, limits);
    if (!parsed.lines.empty() && row.number <= parsed.lines.back()) std::abort();
    parsed.lines.push_back(row.number);
    for (const hm::read::Cell& cell : row.cells) parsed.fields.push_back(cell.text);
    parsed.fields.emplace_back("\x01");
    return hm::Status::Ok();
  };
  hm::read::CsvParser parser("fuzz.csv", limits, visit);
  parsed.status = parser.Feed(text.substr(0, split));
  if (parsed.status.ok()) parsed.status = parser.Feed(text.substr(split));
  if (parsed.status.ok()) parsed.status = parser.Finish();
  if (!parsed.status.ok() && (parsed.status.message().empty() ||
                              parsed.status.location().file != "fuzz.csv")) {
    std::abort();
  }
  return parsed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const hm::read::ReadLimits limits = FuzzLimits();

  const Parsed whole = Parse(text, size, limits);
  const Parsed split = Parse(text, size == 0 ? 0 : data[0] % size, limits);
  if (whole.status.code() != split.status.code() || whole.lines != split.lines ||
      whole.fields != split.fields) {
    std::abort();
  }

  // The Workbook entry point over the same bytes sees the same records.
  auto workbook = hm::read::OpenCsvBytes(std::string(text), "fuzz.csv", limits);
  if (!workbook.ok()) std::abort();
  const auto sheet = (*workbook)->LoadSheet(0);
  if (sheet.ok() != whole.status.ok()) std::abort();
  if (sheet.ok() && sheet->rows.size() != whole.lines.size()) std::abort();
  return 0;
}
