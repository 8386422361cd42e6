#include "hedis_mockup/progress.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "backbone/progress_render.h"
#include "hedis_mockup/log.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A clock the test moves by hand, and a sink that keeps every event.
struct Harness {
  Clock::time_point now = Clock::time_point() + std::chrono::hours(1);
  std::vector<ProgressEvent> events;

  ProgressOptions Options(milliseconds interval = milliseconds(100)) {
    ProgressOptions options;
    options.interval = interval;
    options.clock = [this] { return now; };
    return options;
  }
  ProgressCallback Sink() {
    return [this](const ProgressEvent& event) { events.push_back(event); };
  }
};

TEST(ProgressTest, EventsAreThrottledAndTheFinishIsAlwaysSent) {
  Harness h;
  Progress progress("Reading", 10, h.Sink(), h.Options());
  const Clock::time_point start = h.now;
  const int steps_ms[] = {50, 100, 150, 199, 260, 300};
  for (int ms : steps_ms) {
    h.now = start + milliseconds(ms);
    progress.Advance();
  }
  // Due at 100 ms; sent then, next due at 200: the step at 260 sends; 300 is too soon after it.
  ASSERT_EQ(h.events.size(), 2u);
  EXPECT_EQ(h.events[0].done, 2);
  EXPECT_EQ(h.events[1].done, 5);
  EXPECT_FALSE(h.events[1].finished);
  h.now += milliseconds(1);
  progress.Finish();
  ASSERT_EQ(h.events.size(), 3u);
  EXPECT_TRUE(h.events[2].finished);
  EXPECT_EQ(h.events[2].done, 6);
  EXPECT_EQ(h.events[2].task, "Reading");
  EXPECT_EQ(h.events[2].total, 10);
}

TEST(ProgressTest, RateIsTheAverageSinceTheStart) {
  Harness h;
  {
    Progress progress("Rows", 0, h.Sink(), h.Options());
    progress.Advance(500);
    h.now += std::chrono::seconds(2);
  }
  ASSERT_EQ(h.events.size(), 1u) << "the destructor finishes";
  EXPECT_DOUBLE_EQ(h.events[0].elapsed_seconds, 2.0);
  EXPECT_DOUBLE_EQ(h.events[0].rate_per_second, 250.0);
  EXPECT_TRUE(h.events[0].finished);
}

TEST(ProgressTest, FinishIsSentOnceAndNothingFollowsIt) {
  Harness h;
  {
    Progress progress("Rows", 3, h.Sink(), h.Options(milliseconds(0)));
    progress.Finish();
    progress.Finish();
    h.now += milliseconds(500);
    progress.Advance();
  }
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_TRUE(h.events[0].finished);
}

TEST(ProgressTest, ANullSinkIsANoOp) {
  Progress progress("Nothing", 10, nullptr);
  progress.Advance(5);
  progress.Finish();
  SUCCEED();
}

TEST(ProgressTest, ConcurrentAdvancesAreAllCountedAndEventsStayInOrder) {
  std::mutex mutex;
  std::vector<ProgressEvent> events;
  ProgressCallback sink = [&](const ProgressEvent& event) {
    std::lock_guard lock(mutex);  // the test's own check; Progress already serialises calls
    events.push_back(event);
  };
  constexpr int kThreads = 4;
  constexpr int kEach = 20'000;
  {
    ProgressOptions options;
    options.interval = milliseconds(0);  // every Advance may send: the most contention
    Progress progress("Parallel", kThreads * kEach, sink, options);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) progress.Advance();
      });
    }
    for (auto& thread : threads) thread.join();
  }
  ASSERT_FALSE(events.empty());
  EXPECT_TRUE(events.back().finished);
  EXPECT_EQ(events.back().done, kThreads * kEach);
  // Events from many threads must arrive in order: counts and clock readings never go backwards.
  // (An ordering property, not a speed check.)
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1].done, events[i].done) << i;
    EXPECT_LE(events[i - 1].elapsed_seconds, events[i].elapsed_seconds) << i;
    EXPECT_FALSE(events[i - 1].finished) << i;
  }
}

TEST(ProgressRenderTest, NumbersAndRates) {
  const std::pair<std::int64_t, std::string> grouped[] = {
      {0, "0"}, {999, "999"}, {1000, "1,000"}, {150000, "150,000"}, {1234567, "1,234,567"},
      {-1234, "-1,234"}, {INT64_MIN, "-9,223,372,036,854,775,808"}};
  for (const auto& [value, text] : grouped) EXPECT_EQ(GroupThousands(value), text) << value;
  EXPECT_EQ(RateText(98000.4), "98,000/s");
  EXPECT_EQ(RateText(2.54), "2.5/s");
  EXPECT_EQ(RateText(0), "0.0/s");
}

TEST(ProgressRenderTest, CountsWithAndWithoutATotal) {
  ProgressEvent event{"Task", 75000, 150000, 0.75, 100000, false};
  EXPECT_EQ(ProgressCounts(event, 10), "[#####.....] 75,000/150,000 (50%) 100,000/s");
  EXPECT_EQ(ProgressCounts(event, 0), "75,000/150,000 (50%) 100,000/s");
  event.total = 0;
  EXPECT_EQ(ProgressCounts(event, 10), "75,000 100,000/s");
  event.total = 10;  // more done than announced: the bar stays full, not past it
  event.finished = true;
  EXPECT_EQ(ProgressCounts(event, 4), "[####] 75,000/10 (100%) 100,000/s in 0.8 s");
}

TEST(ProgressRenderTest, TerminalRedrawsOneLineAndEndsItOnFinish) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  ASSERT_NE(out, nullptr);
  ProgressCallback terminal = TerminalProgress(out);
  terminal(ProgressEvent{"Load", 5, 10, 2, 2.5, false});
  terminal(ProgressEvent{"Load", 10, 10, 4, 2.5, true});
  std::fclose(out);
  const std::string written(buffer, size);
  std::free(buffer);
  EXPECT_EQ(written,
            "\rLoad [##########..........] 5/10 (50%) 2.5/s\033[K"
            "\rLoad [####################] 10/10 (100%) 2.5/s in 4.0 s\033[K\n");
}

class LogProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::LogOptions options;
    options.to_stderr = false;
    options.file = dir_.File("run.log");
    ASSERT_TRUE(log::Configure(options).ok());
  }
  void TearDown() override { ASSERT_TRUE(log::Configure(log::LogOptions{}).ok()); }

  std::vector<std::string> Lines() const {
    log::Flush();
    std::istringstream in(util::ReadFile(dir_.File("run.log")).value());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  hm::testing::TempDir dir_;
};

TEST_F(LogProgressTest, LogsEveryNSecondsAndAtTheFinish) {
  ProgressCallback sink = LogProgress(5);
  const double times[] = {1, 4.9, 5, 7, 9.9, 10.5};
  for (double t : times) sink(ProgressEvent{"Rows", static_cast<std::int64_t>(t), 0, t, 1, false});
  sink(ProgressEvent{"Rows", 11, 0, 11, 1, true});
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("INFO  Rows: 5 1.0/s"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("Rows: 10 1.0/s"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("Rows: 11 1.0/s in 11.0 s"), std::string::npos) << lines[2];
}

// A task that ends before its first periodic line logs its end at debug level only.
TEST_F(LogProgressTest, ShortTaskEndsAtDebugLevel) {
  ProgressCallback sink = LogProgress(5);
  sink(ProgressEvent{"Quick", 10, 10, 0.2, 50, true});
  EXPECT_TRUE(Lines().empty()) << "info level hides it";
  log::LogOptions debug;
  debug.to_stderr = false;
  debug.file = dir_.File("run.log");
  debug.level = log::Level::kDebug;
  ASSERT_TRUE(log::Configure(debug).ok());
  sink(ProgressEvent{"Quick", 10, 10, 0.2, 50, true});
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("DEBUG Quick: 10/10"), std::string::npos) << lines[0];
}

TEST_F(LogProgressTest, AutoLogsWhenStderrIsNotTheLog) {
  ProgressCallback sink = AutoProgress();
  ASSERT_TRUE(sink);
  sink(ProgressEvent{"Rows", 2, 3, 6, 0.3, false});
  sink(ProgressEvent{"Rows", 3, 3, 7, 0.4, true});
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("Rows: 3/3 (100%)"), std::string::npos) << lines[1];

  log::LogOptions quiet;
  quiet.level = log::Level::kWarn;
  ASSERT_TRUE(log::Configure(quiet).ok());
  EXPECT_FALSE(AutoProgress()) << "-q: no progress at all";
}

}  // namespace
}  // namespace hm
