// Benchmarks of the table writers (issue 6): rows per second into the .xlsx workbook, the CSV
// folder and the SQLite database, beside the ceiling of libxlsxwriter itself.
//
// The rows are shaped like the engine's input tables, from the default layout: one MEMBER_IN
// row (70 columns, 12 filled) then three VISIT_IN rows (145 columns, 12 filled), interleaved as a
// run writes them, the sheets named PSA_MEMBER_IN and PSA_VISIT_IN. Cells are drawn from a pool
// of 1,024 distinct rows per table, built once, so generating rows costs nothing measurable and
// memory holds only what the writer holds.
//
// Benchmarks (items = rows, Finish() included: for .xlsx that is where the zip is compressed):
//   BM_XlsxWriter            OpenXlsxWriter (constant_memory libxlsxwriter, bold header,
//                            widths, atomic rename)
//   BM_LibxlsxwriterCeiling  the same rows with raw libxlsxwriter calls in constant_memory mode
//                            (no TableWriter, no formats): what the .xlsx figure can reach
//   BM_CsvWriter             OpenCsvWriter
//   BM_SqliteWriter          OpenSqliteWriter
// Counters: rows_per_s, output_mb (bytes written), peak_rss_mb (the process's, so it only grows
// from one benchmark to the next). HM_RENDER_BENCH_ROWS=N writes N rows instead of 200,000;
// outputs go to $HM_BENCH_DIR (default: the system temp folder) and are removed afterwards.
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "hedis_mockup/tables.h"
#include "render/csv_table_writer.h"
#include "render/sqlite_table_writer.h"
#include "render/xlsx_table_writer.h"

namespace {

namespace fs = std::filesystem;
using hm::render::SheetSpec;
using hm::render::TableWriter;

constexpr std::size_t kPool = 1024;

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::size_t Rows() {
  const char* n = std::getenv("HM_RENDER_BENCH_ROWS");
  return n ? static_cast<std::size_t>(std::atoll(n)) : 200'000;
}

fs::path BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return fs::path(dir ? dir : fs::temp_directory_path().string()) /
         fmt::format("hm-render-bench-{}", ::getpid());
}

// One table's header and a pool of rows with `filled` of its columns set.
struct TableRows {
  SheetSpec spec;
  std::vector<std::vector<std::string>> pool;
};

TableRows MakeTable(hm::SourceTable table, const std::string& name,
                    const std::vector<std::pair<std::string, std::string>>& filled) {
  TableRows rows;
  rows.spec.name = name;
  const hm::LayoutTable* layout = hm::DefaultLayout().Find(table);
  rows.spec.layout = layout;
  for (const hm::LayoutColumn& column : layout->columns) rows.spec.columns.push_back(column.name);
  for (std::size_t r = 0; r < kPool; ++r) {
    std::vector<std::string>& row = rows.pool.emplace_back(rows.spec.columns.size());
    for (const auto& [column, pattern] : filled) {
      for (std::size_t c = 0; c < rows.spec.columns.size(); ++c) {
        if (rows.spec.columns[c] == column) row[c] = fmt::format(fmt::runtime(pattern), r);
      }
    }
  }
  return rows;
}

// MEMBER_IN and VISIT_IN, built once.
const std::vector<TableRows>& Tables() {
  static const std::vector<TableRows> tables = {
      MakeTable(hm::SourceTable::kMember, "PSA_MEMBER_IN",
                {{"MEM_NBR", "M{:07}"}, {"MEM_LNAME", "Lastname{}"}, {"MEM_FNAME", "First"},
                 {"MEM_DOB", "03/{:02}/1960"}, {"MEM_GENDER", "F"}, {"MEM_ADDR1", "{} Main St"},
                 {"MEM_CITY", "St. Paul, MN"}, {"MEM_STATE", "MN"}, {"MEM_ZIP", "55{:03}"},
                 {"MEM_PHONE", "651-555-{:04}"}, {"MBI_NUMBER", "1EG4TE5MK{:02}"},
                 {"FILE_ID", "1000"}}),
      MakeTable(hm::SourceTable::kVisit, "PSA_VISIT_IN",
                {{"MEM_NBR", "M{:07}"}, {"SERV_DT", "02/{:02}/2026"}, {"CPT_1", "99{:03}"},
                 {"CPTMOD_1", "25"}, {"POS", "11"}, {"DIAG_I_1", "Z12.{}"},
                 {"DIAG_I_2", "E11.9"}, {"ICD_FORMAT", "10"}, {"CLAIM_DEN", "N"},
                 {"CLAIM_ID", "C{:08}"}, {"PROV_NBR", "P{}"}, {"FILE_ID", "90055"}}),
  };
  return tables;
}

// Calls `row(sheet, cells)` for `count` rows: one member row, then three visit rows.
void ForEachRow(std::size_t count,
                const std::function<bool(std::size_t, const std::vector<std::string>&)>& row) {
  const std::vector<TableRows>& tables = Tables();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t sheet = i % 4 == 0 ? 0 : 1;
    if (!row(sheet, tables[sheet].pool[(i / 4) % kPool])) return;
  }
}

std::uintmax_t BytesUnder(const fs::path& path) {
  std::uintmax_t bytes = 0;
  if (fs::is_regular_file(path)) return fs::file_size(path);
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

void Report(benchmark::State& state, std::size_t rows, const fs::path& output) {
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["output_mb"] = static_cast<double>(BytesUnder(output)) / (1024.0 * 1024.0);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

using Opener = std::function<hm::Result<std::unique_ptr<TableWriter>>(const std::string&)>;

void WriterBenchmark(benchmark::State& state, const std::string& name, const Opener& open) {
  const fs::path dir = BenchDir();
  const fs::path output = dir / name;
  const std::size_t rows = Rows();
  std::vector<SheetSpec> sheets;
  for (const TableRows& table : Tables()) sheets.push_back(table.spec);
  for (auto _ : state) {
    fs::remove_all(dir);
    auto writer = open(output.string());
    hm::Status status = writer.ok() ? (*writer)->Begin(sheets) : writer.status();
    ForEachRow(rows, [&](std::size_t sheet, const std::vector<std::string>& cells) {
      if (status.ok()) status = (*writer)->Row(sheet, cells, hm::render::RowOrigin{});
      return status.ok();
    });
    if (status.ok()) status = (*writer)->Finish();
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
  }
  Report(state, rows, output);
  fs::remove_all(dir);
}

void BM_XlsxWriter(benchmark::State& state) {
  WriterBenchmark(state, "mockup.xlsx", [](const std::string& path) {
    return hm::render::OpenXlsxWriter(path, {});
  });
}
BENCHMARK(BM_XlsxWriter)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// libxlsxwriter alone: the same sheets and rows, strings only, constant_memory, tmpdir beside
// the output as ours.
void BM_LibxlsxwriterCeiling(benchmark::State& state) {
  const fs::path dir = BenchDir();
  const fs::path output = dir / "ceiling.xlsx";
  const std::size_t rows = Rows();
  std::string tmpdir = dir.string();
  for (auto _ : state) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* workbook = workbook_new_opt(output.c_str(), &options);
    std::vector<lxw_worksheet*> worksheets;
    std::vector<lxw_row_t> next;
    for (const TableRows& table : Tables()) {
      lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.spec.name.c_str());
      for (std::size_t c = 0; c < table.spec.columns.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.spec.columns[c].c_str(),
                               nullptr);
      }
      worksheets.push_back(sheet);
      next.push_back(1);
    }
    ForEachRow(rows, [&](std::size_t sheet, const std::vector<std::string>& cells) {
      const lxw_row_t row = next[sheet]++;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].empty()) continue;
        worksheet_write_string(worksheets[sheet], row, static_cast<lxw_col_t>(c),
                               cells[c].c_str(), nullptr);
      }
      return true;
    });
    if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
      state.SkipWithError(lxw_strerror(error));
      return;
    }
  }
  Report(state, rows, output);
  fs::remove_all(dir);
}
BENCHMARK(BM_LibxlsxwriterCeiling)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_CsvWriter(benchmark::State& state) {
  WriterBenchmark(state, "csv", [](const std::string& path) {
    return hm::render::OpenCsvWriter(path, {});
  });
}
BENCHMARK(BM_CsvWriter)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_SqliteWriter(benchmark::State& state) {
  WriterBenchmark(state, "mockup.db", [](const std::string& path) {
    return hm::render::OpenSqliteWriter(path, {});
  });
}
BENCHMARK(BM_SqliteWriter)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
