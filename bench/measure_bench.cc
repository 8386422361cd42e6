// Benchmarks of the measure engine (issue 5): evaluating every shipped measure (measures/*.yaml,
// as built into the binary) over 1,000,000 synthetic member timelines held in memory, compiled
// against the sample VSD (examples/vsd) for MY 2026.
//
// The timelines are generated once per process, deterministically (a fixed seed per member):
//   - born 1940-2020, 49% women, 49% men, 2% unknown; 0.5% died in the MY
//   - 1-3 enrollment spans from 2015-2025 through 2026-2050, with gaps of 1-90 days between
//     spans 30% of the time, a product switch 10% of the time, the hospice flag on 1% of spans;
//     products are the shipped files' ids (2, 91, 3, 93, 11, 18, 92, 5, 7)
//   - 3-15 coded events: 75% a code of the sample VSD (any value set or medication list, so
//     every measure finds its codes), 25% a code no value set holds; dates 60% in the MY, 25% in
//     the two years prior, 15% three to ten years prior; 10% supplemental, 5% EMR, 5% denied;
//     LOINC events carry a value half of the time; 0.5% carry a discharge status
//   - Medicare members (products 11, 18, 92) have 12 monthly membership rows in the MY, 2% of
//     them with the hospice flag
//
// Benchmarks (items = member-measure evaluations):
//   BM_OneMeasure/<ID>          one thread, CompiledMeasure::EvaluateValues (the bulk values path)
//   BM_AllMeasures1Thread       one thread, every measure for each member
//   BM_AllMeasuresAllCores      every core, EvaluateValues over contiguous chunks
//   BM_EvaluateAll/<ID>         the public CompiledMeasure::EvaluateAll(members, 0 threads,
//                               {}, explain=false): MemberResult with text values, all cores
//   BM_EvaluateExplain/<ID>     one thread, Evaluate with reasons and evidence, 100,000 members
//   BM_Ablation/<ID>/<variant>  one thread, the measure with parts removed (where the time goes:
//                               full, no_exclusions, no_enrollment, numerators_only)
// Counters: evals_per_s_per_core, peak_rss_mb (the process's), timeline_mb (RSS added by building
// the timelines). HM_MEASURE_BENCH_MEMBERS=N uses N members instead of 1,000,000.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/timeline.h"
#include "hedis_mockup/value_sets.h"

namespace {

constexpr int kMy = 2026;

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Current RSS from /proc/self/statm (pages).
double CurrentRssMb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long size = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

std::size_t Members() {
  const char* n = std::getenv("HM_MEASURE_BENCH_MEMBERS");
  return n ? static_cast<std::size_t>(std::atoll(n)) : 1'000'000;
}

unsigned Cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// splitmix64: a small deterministic generator, seeded per member.
struct Rng {
  std::uint64_t s;
  std::uint64_t Next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool Chance(double p) { return static_cast<double>(Next() % 1'000'000) < p * 1'000'000.0; }
};

hm::Date Day(int y, int m, int d) { return *hm::Date::FromYmd(y, m, d); }
hm::Date Plus(hm::Date d, int days) { return *hm::Date::FromDays(d.days() + days); }

struct Code {
  hm::CodeSystem system;
  std::string code, written;
};

struct World {
  hm::ValueSetDirectory vsd;
  std::vector<hm::CompiledMeasure> measures;
  std::vector<std::string> measure_texts;  // parallel to measures
  std::vector<std::string> skipped;        // "ID: why"
  std::vector<hm::MemberTimeline> members;
  std::size_t events = 0, spans = 0, monthly = 0;
  double build_s = 0, timeline_mb = 0;
};

const char* const kProducts[] = {"2", "91", "3", "93", "11", "18", "92", "5", "7"};

hm::MemberTimeline MakeMember(std::size_t i, const std::vector<Code>& vsd_codes,
                              const std::vector<Code>& noise) {
  Rng r{0x5eed0000ULL + i};
  hm::MemberTimeline t;
  t.demographics.member_id = fmt::format("BM{:07}", i);
  t.demographics.birth_date = Plus(Day(1940, 1, 1), r.Int(0, 80 * 365));
  const int sex = r.Int(0, 99);
  t.demographics.sex = sex < 49 ? hm::Sex::kFemale : sex < 98 ? hm::Sex::kMale : hm::Sex::kUnknown;
  if (r.Chance(0.005)) t.demographics.death_date = Plus(Day(kMy, 1, 1), r.Int(0, 364));

  // Enrollment: 1-3 spans, consecutive, sometimes with a gap, the last through the MY or beyond.
  const int n_spans = r.Int(1, 3);
  std::string product = kProducts[r.Int(0, 8)];
  hm::Date start = Plus(Day(2015, 1, 1), r.Int(0, 11 * 365));
  for (int s = 0; s < n_spans; ++s) {
    hm::EnrollmentSpan span;
    span.start = start;
    const bool last = s == n_spans - 1;
    if (last) {
      span.end = r.Chance(0.9) ? (r.Chance(0.5) ? Day(kMy, 12, 31) : Day(2050, 12, 31))
                               : Plus(Day(kMy, 1, 1), r.Int(0, 363));
    } else {
      span.end = Plus(start, r.Int(60, 900));
    }
    if (span.end < span.start) span.end = span.start;
    if (r.Chance(0.1)) product = kProducts[r.Int(0, 8)];
    span.product_id = product;
    if (r.Chance(0.01)) span.benefits.Set(hm::Benefit::kHospice);
    t.enrollment.push_back(std::move(span));
    start = Plus(t.enrollment.back().end, r.Chance(0.3) ? r.Int(2, 91) : 1);
  }

  // Events.
  const int n_events = r.Int(3, 15);
  t.events.reserve(static_cast<std::size_t>(n_events));
  for (int k = 0; k < n_events; ++k) {
    const Code& c = r.Chance(0.75) ? vsd_codes[r.Next() % vsd_codes.size()]
                                   : noise[r.Next() % noise.size()];
    hm::CodedEvent e;
    e.system = c.system;
    e.code = c.code;
    e.code_as_written = c.written;
    const int when = r.Int(0, 99);
    if (when < 60) e.date = Plus(Day(kMy, 1, 1), r.Int(0, 364));
    else if (when < 85) e.date = Plus(Day(kMy - 2, 1, 1), r.Int(0, 2 * 365 - 1));
    else e.date = Plus(Day(kMy - 10, 1, 1), r.Int(0, 7 * 365));
    const int src = r.Int(0, 99);
    e.source = src < 10 ? hm::DataSource::kSupplemental : src < 15 ? hm::DataSource::kEmr : hm::DataSource::kClaim;
    if (r.Chance(0.05)) e.claim_status = hm::ClaimStatus::kDenied;
    if (e.system == hm::CodeSystem::kLoinc) {
      e.table = hm::SourceTable::kLab;
      if (r.Chance(0.5)) e.value = static_cast<double>(r.Int(10, 2000)) / 10.0;
    } else if (e.system == hm::CodeSystem::kNdc || e.system == hm::CodeSystem::kRxNorm) {
      e.table = hm::SourceTable::kPharmacy;
    }
    if (r.Chance(0.005)) e.extra["DISCH_STATUS"] = r.Chance(0.5) ? "20" : "01";
    t.events.push_back(std::move(e));
  }
  t.SortEvents();

  // Monthly membership rows (Medicare): one per month of the MY.
  if (product == "11" || product == "18" || product == "92") {
    const bool hospice = r.Chance(0.02);
    for (int m = 1; m <= 12; ++m) {
      hm::MonthlyMembership row;
      row.run_date = Day(kMy, m, 1);
      row.hospice = hospice && m >= 10;
      t.monthly.push_back(std::move(row));
    }
  }
  return t;
}

World& GetWorld() {
  static World* world = [] {
    auto* w = new World;
    auto vsd = hm::ValueSetDirectory::Load({std::string(HM_SOURCE_DIR) + "/examples/vsd"},
                                           hm::VsdLoadOptions{.use_cache = false});
    if (!vsd.ok()) {
      std::fprintf(stderr, "VSD: %s\n", vsd.status().ToString().c_str());
      std::exit(1);
    }
    w->vsd = std::move(*vsd);
    for (const std::string& id : hm::ShippedMeasures()) {
      auto text = hm::ShippedMeasureText(id);
      if (!text.ok()) continue;
      auto m = hm::CompiledMeasure::FromText(*text, id + ".yaml", w->vsd, kMy);
      if (!m.ok()) {
        w->skipped.push_back(id + ": " + m.status().ToString());
        continue;
      }
      w->measures.push_back(std::move(*m));
      w->measure_texts.push_back(*text);
    }
    std::vector<Code> vsd_codes, noise;
    for (const hm::ValueSetCode& c : w->vsd.codes()) vsd_codes.push_back({c.system, c.normalized, c.code});
    for (int k = 0; k < 200; ++k) {
      noise.push_back({hm::CodeSystem::kCpt, fmt::format("{}", 10000 + k * 37), fmt::format("{}", 10000 + k * 37)});
    }
    noise.push_back({hm::CodeSystem::kIcd10Cm, "J069", "J06.9"});
    noise.push_back({hm::CodeSystem::kIcd10Cm, "M545", "M54.5"});
    noise.push_back({hm::CodeSystem::kLoinc, "2345-7", "2345-7"});

    const double rss0 = CurrentRssMb();
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t n = Members();
    w->members.reserve(n);
    for (std::size_t i = 0; i < n; ++i) w->members.push_back(MakeMember(i, vsd_codes, noise));
    w->build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    w->timeline_mb = CurrentRssMb() - rss0;
    for (const auto& t : w->members) {
      w->events += t.events.size();
      w->spans += t.enrollment.size();
      w->monthly += t.monthly.size();
    }
    return w;
  }();
  return *world;
}

void Counters(benchmark::State& state, double evals, unsigned cores) {
  state.SetItemsProcessed(static_cast<std::int64_t>(evals) * state.iterations());
  state.counters["evals_per_s_per_core"] =
      benchmark::Counter(evals / cores, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_mb"] = PeakRssMb();
  state.counters["timeline_mb"] = GetWorld().timeline_mb;
}

void BM_OneMeasure(benchmark::State& state, std::size_t m) {
  World& w = GetWorld();
  std::vector<std::int32_t> values;
  for (auto _ : state) {
    for (const auto& t : w.members) {
      w.measures[m].EvaluateValues(t, values);
      benchmark::DoNotOptimize(values.data());
    }
  }
  Counters(state, static_cast<double>(w.members.size()), 1);
}

void BM_AllMeasures1Thread(benchmark::State& state) {
  World& w = GetWorld();
  std::vector<std::int32_t> values;
  for (auto _ : state) {
    for (const auto& t : w.members) {
      for (const auto& m : w.measures) {
        m.EvaluateValues(t, values);
        benchmark::DoNotOptimize(values.data());
      }
    }
  }
  Counters(state, static_cast<double>(w.members.size() * w.measures.size()), 1);
}

void BM_AllMeasuresAllCores(benchmark::State& state) {
  World& w = GetWorld();
  const unsigned cores = Cores();
  for (auto _ : state) {
    std::vector<std::thread> pool;
    const std::size_t chunk = (w.members.size() + cores - 1) / cores;
    for (unsigned c = 0; c < cores; ++c) {
      pool.emplace_back([&, c] {
        std::vector<std::int32_t> values;
        const std::size_t first = c * chunk, last = std::min(w.members.size(), first + chunk);
        for (std::size_t i = first; i < last; ++i) {
          for (const auto& m : w.measures) {
            m.EvaluateValues(w.members[i], values);
            benchmark::DoNotOptimize(values.data());
          }
        }
      });
    }
    for (auto& th : pool) th.join();
  }
  Counters(state, static_cast<double>(w.members.size() * w.measures.size()), cores);
  state.counters["cores"] = cores;
}

void BM_EvaluateAll(benchmark::State& state, std::size_t m) {
  World& w = GetWorld();
  for (auto _ : state) {
    std::vector<hm::MemberResult> results = w.measures[m].EvaluateAll(w.members, 0, {}, false);
    benchmark::DoNotOptimize(results.data());
    state.PauseTiming();  // freeing 1,000,000 results is not the evaluation
    results = {};
    state.ResumeTiming();
  }
  Counters(state, static_cast<double>(w.members.size()), Cores());
  state.counters["cores"] = Cores();
}

void BM_EvaluateExplain(benchmark::State& state, std::size_t m) {
  World& w = GetWorld();
  const std::size_t n = std::min<std::size_t>(100'000, w.members.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      hm::MemberResult r = w.measures[m].Evaluate(w.members[i]);
      benchmark::DoNotOptimize(r.flags.data());
    }
  }
  Counters(state, static_cast<double>(n), 1);
}

// The measure's YAML with top-level parts removed, compiled again.
std::optional<hm::CompiledMeasure> Variant(std::size_t m, const std::string& variant) {
  World& w = GetWorld();
  YAML::Node doc = YAML::Load(w.measure_texts[m]);
  if (variant == "no_exclusions" || variant == "numerators_only") doc.remove("exclusions");
  if (variant == "no_enrollment" || variant == "numerators_only") doc.remove("enrollment");
  if (variant == "numerators_only") doc.remove("event");
  YAML::Emitter out;
  out << doc;
  auto c = hm::CompiledMeasure::FromText(out.c_str(), variant + ".yaml", w.vsd, kMy);
  if (!c.ok()) return std::nullopt;
  return std::move(*c);
}

void BM_Ablation(benchmark::State& state, std::size_t m, std::string variant) {
  World& w = GetWorld();
  std::optional<hm::CompiledMeasure> measure = Variant(m, variant);
  if (!measure) {
    state.SkipWithError("variant does not compile");
    return;
  }
  std::vector<std::int32_t> values;
  for (auto _ : state) {
    for (const auto& t : w.members) {
      measure->EvaluateValues(t, values);
      benchmark::DoNotOptimize(values.data());
    }
  }
  Counters(state, static_cast<double>(w.members.size()), 1);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  World& w = GetWorld();
  std::string ids;
  for (const auto& m : w.measures) ids += (ids.empty() ? "" : ", ") + m.id();
  std::fprintf(stderr,
               "measure_bench: %zu members (%zu spans, %zu events, %zu monthly rows) built in %.1f s, "
               "%.0f MB RSS (%.0f bytes/member); %zu measures: %s; %u cores\n",
               w.members.size(), w.spans, w.events, w.monthly, w.build_s, w.timeline_mb,
               w.timeline_mb * 1024 * 1024 / std::max<std::size_t>(1, w.members.size()),
               w.measures.size(), ids.c_str(), Cores());
  for (const std::string& s : w.skipped) std::fprintf(stderr, "measure_bench: skipped %s\n", s.c_str());

  const auto unit = benchmark::kMillisecond;
  for (std::size_t m = 0; m < w.measures.size(); ++m) {
    benchmark::RegisterBenchmark(("BM_OneMeasure/" + w.measures[m].id()).c_str(), BM_OneMeasure, m)
        ->Unit(unit)->Iterations(1);
  }
  benchmark::RegisterBenchmark("BM_AllMeasures1Thread", BM_AllMeasures1Thread)->Unit(unit)->Iterations(1);
  benchmark::RegisterBenchmark("BM_AllMeasuresAllCores", BM_AllMeasuresAllCores)->Unit(unit)->Iterations(1)->UseRealTime();
  for (std::size_t m = 0; m < w.measures.size(); ++m) {
    benchmark::RegisterBenchmark(("BM_EvaluateAll/" + w.measures[m].id()).c_str(), BM_EvaluateAll, m)
        ->Unit(unit)->Iterations(1)->UseRealTime();
  }
  for (std::size_t m = 0; m < w.measures.size(); ++m) {
    benchmark::RegisterBenchmark(("BM_EvaluateExplain/" + w.measures[m].id()).c_str(), BM_EvaluateExplain, m)
        ->Unit(unit)->Iterations(1);
  }
  for (std::size_t m = 0; m < w.measures.size(); ++m) {
    for (const char* v : {"full", "no_exclusions", "no_enrollment", "numerators_only"}) {
      benchmark::RegisterBenchmark(fmt::format("BM_Ablation/{}/{}", w.measures[m].id(), v).c_str(),
                                   BM_Ablation, m, std::string(v))
          ->Unit(unit)->Iterations(1);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
