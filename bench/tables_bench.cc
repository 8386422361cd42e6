// Benchmarks of reading the engine's input tables back into member timelines (issue 5: "the time
// to read a 1,000,000-member SQLite mockup into timelines").
//
// The mockups are generated once into $HM_BENCH_DIR (default /tmp/hm-bench) and kept; delete them
// to regenerate:
//   tables-<N>.db    SQLite, N members ($HM_TABLES_BENCH_MEMBERS, default 1,000,000): MEMBER_IN,
//                    ENROLLMENT_IN (1-2 spans each) and VISIT_IN (3 visits each: CPT, two
//                    diagnoses, POS), every table with all of the default layout's columns
//   tables-10k.xlsx  the same shape for 10,000 members as a workbook (PSA_ sheets)
// Each benchmark reads the whole source once per iteration with the default layout.
#include <sqlite3.h>
#include <sys/resource.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "hedis_mockup/tables.h"

namespace {

std::string BenchDir() {
  const char* dir = std::getenv("HM_BENCH_DIR");
  return dir ? dir : "/tmp/hm-bench";
}

int SqliteMembers() {
  const char* n = std::getenv("HM_TABLES_BENCH_MEMBERS");
  return n ? std::atoi(n) : 1'000'000;
}

// One row of a generated table: (column, value) pairs; other columns stay empty.
using Cells = std::vector<std::pair<std::string, std::string>>;

std::string MemberId(int i) { return fmt::format("BM{:07}", i); }

// The rows of member i, table by table, in a fixed pseudo-random shape.
Cells MemberRow(int i) {
  return {{"MEM_NBR", MemberId(i)},
          {"MEM_LNAME", "Last"},
          {"MEM_FNAME", "First"},
          {"MEM_DOB", fmt::format("{:02}/{:02}/{}", 1 + i % 12, 1 + i % 28, 1940 + i % 80)},
          {"MEM_GENDER", i % 2 ? "M" : "F"},
          {"FILE_ID", "1000"}};
}

std::vector<Cells> SpanRows(int i) {
  const std::string id = MemberId(i);
  if (i % 4 != 0) {
    return {{{"MEM_NBR", id}, {"ENR_START", "01/01/2025"}, {"ENR_END", "12/31/2050"},
             {"BEN_MEDICAL", "Y"}, {"BEN_RX", "Y"}, {"PRODUCT_ID", "11"}, {"FILE_ID", "4000"}}};
  }
  // Every fourth member has a gap in the MY.
  return {{{"MEM_NBR", id}, {"ENR_START", "01/01/2025"}, {"ENR_END", "03/31/2026"},
           {"BEN_MEDICAL", "Y"}, {"BEN_RX", "Y"}, {"PRODUCT_ID", "11"}, {"FILE_ID", "4000"}},
          {{"MEM_NBR", id}, {"ENR_START", "05/15/2026"}, {"ENR_END", "12/31/2050"},
           {"BEN_MEDICAL", "Y"}, {"BEN_RX", "N"}, {"PRODUCT_ID", "11"}, {"FILE_ID", "4000"}}};
}

std::vector<Cells> VisitRows(int i) {
  static const char* kCpt[] = {"99213", "84153", "99214", "83036", "3074F"};
  static const char* kDiag[] = {"Z12.31", "E11.9", "I10", "Z00.00", "R97.20"};
  std::vector<Cells> rows;
  for (int v = 0; v < 3; ++v) {
    const int k = (i + v) % 5;
    rows.push_back({{"MEM_NBR", MemberId(i)},
                    {"SERV_DT", fmt::format("{:02}/{:02}/2026", 1 + (i + 4 * v) % 12, 1 + i % 28)},
                    {"CPT_1", kCpt[k]},
                    {"DIAG_I_1", kDiag[k]},
                    {"DIAG_I_2", kDiag[(k + 1) % 5]},
                    {"POS", "11"},
                    {"ICD_FORMAT", "10"},
                    {"CLAIM_DEN", v == 2 && i % 10 == 0 ? "Y" : "N"},
                    {"CLAIM_ID", fmt::format("C{}-{}", i, v)},
                    {"FILE_ID", v == 1 && i % 7 == 0 ? "17955" : "90055"}});
  }
  return rows;
}

std::vector<std::string> Columns(hm::SourceTable table) {
  std::vector<std::string> names;
  for (const hm::LayoutColumn& c : hm::DefaultLayout().Find(table)->columns) names.push_back(c.name);
  return names;
}

void Check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error(what);
}

// ---------------------------------------------------------------------------------------------
// SQLite

class SqliteWriter {
 public:
  explicit SqliteWriter(const std::string& path) {
    Check(sqlite3_open(path.c_str(), &db_) == SQLITE_OK, "open " + path);
    Exec("PRAGMA journal_mode=OFF");
    Exec("PRAGMA synchronous=OFF");
    Exec("BEGIN");
  }
  ~SqliteWriter() {
    for (auto& [sql, s] : statements_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  void Exec(const std::string& sql) {
    Check(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK,
          sql + ": " + sqlite3_errmsg(db_));
  }
  void Create(const std::string& table, const std::vector<std::string>& columns) {
    Exec(fmt::format("CREATE TABLE {} ({} TEXT)", table, fmt::join(columns, " TEXT, ")));
  }
  void Insert(const std::string& table, const Cells& cells) {
    std::vector<std::string> names;
    for (const auto& [name, value] : cells) names.push_back(name);
    const std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", table,
                                        fmt::join(names, ", "),
                                        fmt::join(std::vector<std::string>(cells.size(), "?"), ", "));
    sqlite3_stmt*& s = statements_[sql];
    if (s == nullptr) Check(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sql);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      sqlite3_bind_text(s, static_cast<int>(c) + 1, cells[c].second.c_str(), -1, SQLITE_TRANSIENT);
    }
    Check(sqlite3_step(s) == SQLITE_DONE, "insert");
    sqlite3_reset(s);
  }
  void Commit() { Exec("COMMIT"); }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
};

std::string SqliteMockup() {
  const int n = SqliteMembers();
  const std::string path = fmt::format("{}/tables-{}.db", BenchDir(), n);
  if (std::filesystem::exists(path)) return path;
  std::filesystem::create_directories(BenchDir());
  const std::string partial = path + ".partial";
  std::filesystem::remove(partial);
  const auto start = std::chrono::steady_clock::now();
  {
    SqliteWriter db(partial);
    db.Create("MEMBER_IN", Columns(hm::SourceTable::kMember));
    db.Create("ENROLLMENT_IN", Columns(hm::SourceTable::kEnrollment));
    db.Create("VISIT_IN", Columns(hm::SourceTable::kVisit));
    for (int i = 0; i < n; ++i) {
      db.Insert("MEMBER_IN", MemberRow(i));
      for (const Cells& row : SpanRows(i)) db.Insert("ENROLLMENT_IN", row);
      for (const Cells& row : VisitRows(i)) db.Insert("VISIT_IN", row);
    }
    db.Commit();
  }
  std::filesystem::rename(partial, path);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "generated {} ({} members) in {:.1f} s, {:.0f} MB\n", path, n, seconds,
             std::filesystem::file_size(path) / 1e6);
  return path;
}

// ---------------------------------------------------------------------------------------------
// xlsx

void WriteSheet(lxw_workbook* workbook, const std::string& name,
                const std::vector<std::string>& columns, const std::vector<Cells>& rows) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  std::map<std::string, lxw_col_t> index;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    index[columns[c]] = static_cast<lxw_col_t>(c);
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), nullptr);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (const auto& [column, value] : rows[r]) {
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), index.at(column),
                             value.c_str(), nullptr);
    }
  }
}

std::string XlsxMockup() {
  constexpr int kMembers = 10'000;
  const std::string path = BenchDir() + "/tables-10k.xlsx";
  if (std::filesystem::exists(path)) return path;
  std::filesystem::create_directories(BenchDir());
  std::vector<Cells> members, spans, visits;
  for (int i = 0; i < kMembers; ++i) {
    members.push_back(MemberRow(i));
    for (Cells& row : SpanRows(i)) spans.push_back(std::move(row));
    for (Cells& row : VisitRows(i)) visits.push_back(std::move(row));
  }
  const std::string partial = BenchDir() + "/tables-10k.partial.xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(partial.c_str(), &options);
  Check(workbook != nullptr, "workbook_new " + partial);
  WriteSheet(workbook, "PSA_MEMBER_IN", Columns(hm::SourceTable::kMember), members);
  WriteSheet(workbook, "PSA_ENROLLMENT_IN", Columns(hm::SourceTable::kEnrollment), spans);
  WriteSheet(workbook, "PSA_VISIT_IN", Columns(hm::SourceTable::kVisit), visits);
  Check(workbook_close(workbook) == LXW_NO_ERROR, "workbook_close " + partial);
  std::filesystem::rename(partial, path);
  return path;
}

// ---------------------------------------------------------------------------------------------

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void ReadBenchmark(benchmark::State& state, const std::string& source, const std::string& prefix) {
  hm::ReadTablesOptions options;
  options.measure_prefix = prefix;
  std::size_t members = 0, events = 0, spans = 0;
  for (auto _ : state) {
    hm::Result<hm::TimelineSet> set = hm::ReadTimelines(source, hm::DefaultLayout(), options);
    if (!set.ok()) {
      state.SkipWithError(set.status().ToString().c_str());
      return;
    }
    members = set->members.size();
    events = spans = 0;
    for (const hm::MemberTimeline& m : set->members) {
      events += m.events.size();
      spans += m.enrollment.size();
    }
    benchmark::DoNotOptimize(set);
  }
  state.counters["members"] = static_cast<double>(members);
  state.counters["spans"] = static_cast<double>(spans);
  state.counters["events"] = static_cast<double>(events);
  state.counters["members_per_s"] =
      benchmark::Counter(static_cast<double>(members), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_ReadTimelinesSqlite(benchmark::State& state) {
  ReadBenchmark(state, "sqlite:" + SqliteMockup(), "");
}
BENCHMARK(BM_ReadTimelinesSqlite)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_ReadTimelinesXlsx10k(benchmark::State& state) { ReadBenchmark(state, XlsxMockup(), "PSA"); }
BENCHMARK(BM_ReadTimelinesXlsx10k)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
