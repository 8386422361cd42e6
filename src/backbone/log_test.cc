#include "hedis_mockup/log.h"

#include <sys/stat.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::log {
namespace {

using nlohmann::json;

// Each test logs into a file of its own folder and reads it back; the default configuration is
// restored afterwards so that other tests log to stderr as a library would.
class LogTest : public ::testing::Test {
 protected:
  void TearDown() override { ASSERT_TRUE(Configure(LogOptions{}).ok()); }

  LogOptions FileOptions(Format format, Level level = Level::kTrace) const {
    LogOptions options;
    options.to_stderr = false;
    options.file = dir_.File("run.log");
    options.format = format;
    options.level = level;
    options.hash_key_file = dir_.File("key");
    return options;
  }

  void ConfigureFile(Format format, Level level = Level::kTrace) {
    ASSERT_TRUE(Configure(FileOptions(format, level)).ok());
  }

  std::vector<std::string> Lines(const std::string& name = "run.log") const {
    Flush();
    auto bytes = util::ReadFile(dir_.File(name));
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    std::vector<std::string> lines;
    std::istringstream in(bytes.ok() ? *bytes : "");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  std::vector<json> JsonLines() const {
    std::vector<json> parsed;
    for (const std::string& line : Lines()) parsed.push_back(json::parse(line));
    return parsed;
  }

  hm::testing::TempDir dir_;
};

TEST(ParseTest, LevelsAndFormats) {
  const std::pair<std::string_view, Level> levels[] = {
      {"trace", Level::kTrace}, {"DEBUG", Level::kDebug}, {"info", Level::kInfo},
      {"warn", Level::kWarn},   {"Warning", Level::kWarn}, {"error", Level::kError},
      {"off", Level::kOff}};
  for (const auto& [name, level] : levels) {
    auto parsed = ParseLevel(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, level) << name;
  }
  EXPECT_EQ(*ParseFormat("text"), Format::kText);
  EXPECT_EQ(*ParseFormat("JSON"), Format::kJson);
  EXPECT_STREQ(LevelName(Level::kWarn), "warn");
}

TEST(ParseTest, UnknownNamesListTheValidOnes) {
  const std::string_view bad_levels[] = {"", "verbose", "infos"};
  for (std::string_view name : bad_levels) {
    auto parsed = ParseLevel(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput) << name;
    EXPECT_NE(parsed.status().ToString().find("trace, debug, info, warn, error, off"),
              std::string::npos) << parsed.status().ToString();
  }
  auto format = ParseFormat("yaml");
  ASSERT_FALSE(format.ok());
  EXPECT_NE(format.status().ToString().find("'yaml'"), std::string::npos);
  EXPECT_NE(format.status().ToString().find("text or json"), std::string::npos);
}

TEST(ContextTest, ScopesNestAndRestore) {
  EXPECT_TRUE(Current().measure.empty());
  {
    ScopedContext outer;
    outer.Session("S1").Measure("PSA");
    {
      ScopedContext inner;
      EXPECT_EQ(Current().measure, "PSA") << "an inner scope starts from the outer context";
      inner.Patient("p123").Phase("PHASE_1");
      EXPECT_EQ(Current().patient_id, "p123");
      EXPECT_EQ(Current().session_id, "S1");
    }
    EXPECT_TRUE(Current().patient_id.empty());
    EXPECT_TRUE(Current().phase.empty());
    EXPECT_EQ(Current().measure, "PSA");
    {
      Context installed;
      installed.profile = "oncology";
      ScopedContext replaced(installed);
      EXPECT_TRUE(Current().measure.empty()) << "an installed context replaces the whole context";
      EXPECT_EQ(Current().profile, "oncology");
    }
    EXPECT_EQ(Current().session_id, "S1");
  }
  EXPECT_TRUE(Current().session_id.empty());
  EXPECT_TRUE(Current().measure.empty());
}

TEST_F(LogTest, TextLineShape) {
  ConfigureFile(Format::kText);
  {
    ScopedContext context;
    context.Session("S1").Measure("PSA").Patient("p123").Phase("PHASE_1");
    Write(Level::kInfo, "Loading pathology", {{"rows", "5"}, {"note", "two words"}});
  }
  Warn("no context {}", 42);
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  const std::regex first(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  \[session_id=S1\] \[measure=PSA\] )"
      R"(\[patient_id=p123\] \[phase=PHASE_1\] Loading pathology rows=5 note="two words")");
  EXPECT_TRUE(std::regex_match(lines[0], first)) << lines[0];
  EXPECT_TRUE(std::regex_match(lines[1], std::regex(R"(\S+Z WARN  no context 42)"))) << lines[1];
}

TEST_F(LogTest, TextKeepsOneCallOnOneLine) {
  ConfigureFile(Format::kText);
  Info("first\nforged line\r\x01");
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(R"(first\nforged line\r\x01)"), std::string::npos) << lines[0];
}

TEST_F(LogTest, JsonLinesParseAndCarryTheFields) {
  ConfigureFile(Format::kJson);
  {
    ScopedContext context;
    context.Session("20260207_174530_a3b2c1").Measure("PSA").Member("M1").Phase("PHASE_1");
    context.Profile("oncology");
    Write(Level::kWarn, "quote \" backslash \\ newline \n caf\xc3\xa9 bad \xff",
          {{"rows", "5"}, {"view", "v_imaging"}});
  }
  Error("plain");
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 2u) << "one object per line, newline escaped";
  const json first = json::parse(lines[0]);
  EXPECT_TRUE(std::regex_match(first.at("timestamp").get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << first.dump();
  EXPECT_EQ(first.at("level"), "warn");
  EXPECT_EQ(first.at("message"), "quote \" backslash \\ newline \n caf\xc3\xa9 bad \xef\xbf\xbd");
  EXPECT_EQ(first.at("session_id"), "20260207_174530_a3b2c1");
  EXPECT_EQ(first.at("measure"), "PSA");
  EXPECT_EQ(first.at("member_id"), "M1");
  EXPECT_EQ(first.at("phase"), "PHASE_1");
  EXPECT_EQ(first.at("profile"), "oncology");
  EXPECT_FALSE(first.contains("patient_id")) << "empty context fields are left out";
  EXPECT_EQ(first.at("fields"), json({{"rows", "5"}, {"view", "v_imaging"}}));
  const json second = json::parse(lines[1]);
  EXPECT_EQ(second.at("level"), "error");
  EXPECT_EQ(second.at("message"), "plain");
  EXPECT_FALSE(second.contains("measure"));
  EXPECT_FALSE(second.contains("fields"));
}

TEST_F(LogTest, LevelFiltering) {
  ConfigureFile(Format::kJson, Level::kWarn);
  EXPECT_FALSE(Enabled(Level::kInfo));
  EXPECT_TRUE(Enabled(Level::kWarn));
  EXPECT_FALSE(Enabled(Level::kOff)) << "kOff is a threshold, never a line's level";
  Trace("t");
  Debug("d");
  Info("i");
  Warn("w");
  Error("e");
  Write(Level::kOff, "off");
  std::vector<std::string> seen;
  for (const json& line : JsonLines()) seen.push_back(line.at("message"));
  EXPECT_EQ(seen, (std::vector<std::string>{"w", "e"}));

  ConfigureFile(Format::kJson, Level::kOff);
  Error("nothing at all");
  EXPECT_EQ(Lines().size(), 2u) << "the reopened file keeps the old lines and adds none";
}

// A minimal thread pool: one worker started before any context is set, like a real pool.
class OneThreadPool {
 public:
  OneThreadPool() : worker_([this] { Run(); }) {}
  ~OneThreadPool() {
    Submit(nullptr);
    worker_.join();
  }
  void Submit(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    ready_.notify_one();
  }

 private:
  void Run() {
    for (;;) {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return !tasks_.empty(); });
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      if (!task) return;
      task();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::thread worker_;
};

TEST_F(LogTest, BindKeepsTheContextAcrossAThreadPool) {
  ConfigureFile(Format::kJson);
  {
    OneThreadPool pool;
    ScopedContext context;
    context.Session("S1").Measure("PSA").Patient("p7").Phase("PHASE_1");
    pool.Submit(Bind([] { Info("bound"); }));
    pool.Submit([] { Info("unbound"); });
    pool.Submit(Bind([] {
      ScopedContext inner;
      inner.Phase("PHASE_2");
      Info("bound, then changed");
    }));
    pool.Submit([] { Info("after"); });
  }
  const auto lines = JsonLines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].at("message"), "bound");
  EXPECT_EQ(lines[0].value("session_id", ""), "S1");
  EXPECT_EQ(lines[0].value("patient_id", ""), "p7");
  EXPECT_EQ(lines[0].value("phase", ""), "PHASE_1");
  EXPECT_FALSE(lines[1].contains("measure")) << "without Bind the worker has its own context";
  EXPECT_EQ(lines[2].value("phase", ""), "PHASE_2");
  EXPECT_EQ(lines[2].value("measure", ""), "PSA");
  EXPECT_FALSE(lines[3].contains("phase")) << "a bound task leaves the worker's context as it was";
}

TEST_F(LogTest, ThreadsKeepTheirOwnContextWhileLoggingTogether) {
  ConfigureFile(Format::kJson);
  constexpr int kThreads = 6;
  constexpr int kLines = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    ScopedContext context;
    context.Patient("p" + std::to_string(t));
    threads.emplace_back(Bind([t] {
      for (int i = 0; i < kLines; ++i) Info("from {}", t);
    }));
  }
  for (auto& thread : threads) thread.join();
  const auto lines = JsonLines();
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kLines));
  for (const json& line : lines) {
    const std::string from = line.at("message").get<std::string>().substr(5);
    EXPECT_EQ(line.value("patient_id", ""), "p" + from) << line.dump();
  }
}

TEST_F(LogTest, BindPassesArgumentsAndResults) {
  ScopedContext context;
  context.Measure("BCS");
  auto bound = Bind([](int a, int b) { return Current().measure + std::to_string(a + b); });
  std::string result;
  std::thread([&] { result = bound(2, 3); }).join();
  EXPECT_EQ(result, "BCS5");
}

TEST_F(LogTest, RotationKeepsNFilesOfBoundedSize) {
  LogOptions options = FileOptions(Format::kText);
  options.max_file_bytes = 2048;
  options.max_files = 3;
  ASSERT_TRUE(Configure(options).ok());
  constexpr int kLines = 300;  // ~80 bytes each: about 12 files' worth
  for (int i = 0; i < kLines; ++i) Info("line {:04} {}", i, std::string(40, 'x'));
  Flush();
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    names.push_back(entry.path().filename().string());
    EXPECT_LE(fs::file_size(entry.path()), options.max_file_bytes) << names.back();
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"run.1.log", "run.2.log", "run.log"}));
  // Oldest first, the kept lines are the newest ones, without a gap: line N-k ... line N-1.
  std::vector<std::string> kept;
  for (const char* name : {"run.2.log", "run.1.log", "run.log"}) {
    for (const std::string& line : Lines(name)) kept.push_back(line);
    if (std::string(name) != "run.log") {
      EXPECT_GT(fs::file_size(dir_.File(name)), options.max_file_bytes - 128)
          << name << " was rotated only when nearly full";
    }
  }
  ASSERT_FALSE(kept.empty());
  const int first = kLines - static_cast<int>(kept.size());
  EXPECT_GT(first, 0) << "the oldest lines are gone";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_NE(kept[i].find(fmt::format("line {:04}", first + static_cast<int>(i))),
              std::string::npos) << kept[i];
  }
}

TEST_F(LogTest, HashedIdentifiersAreStableKeyedAndNeverRaw) {
  LogOptions options = FileOptions(Format::kJson);
  options.hash_identifiers = true;
  ASSERT_TRUE(Configure(options).ok());
  std::string first_token;
  {
    ScopedContext context;
    context.Member("M1234567").Patient("Jane Doe");
    Write(Level::kInfo, "matched", {{"member", Id("M1234567")}, {"other", Id("M1234568")}});
    first_token = Id("M1234567");
  }
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].find("M123456"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].find("Jane"), std::string::npos) << lines[0];
  const json line = json::parse(lines[0]);
  EXPECT_TRUE(std::regex_match(line.at("member_id").get<std::string>(),
                               std::regex("id:[0-9a-f]{16}")))
      << line.dump();
  EXPECT_EQ(line.at("member_id"), line.at("fields").at("member")) << "same id, same token";
  EXPECT_NE(line.at("fields").at("member"), line.at("fields").at("other"));
  EXPECT_NE(line.at("patient_id"), line.at("member_id"));

  struct stat key{};
  ASSERT_EQ(::stat(options.hash_key_file.c_str(), &key), 0);
  EXPECT_EQ(key.st_mode & 0777, 0600u);
  EXPECT_EQ(key.st_size, 32);

  ASSERT_TRUE(Configure(options).ok());
  EXPECT_EQ(Id("M1234567"), first_token) << "a second run with the same key: the same token";
  options.hash_key_file = dir_.File("other-key");
  ASSERT_TRUE(Configure(options).ok());
  EXPECT_NE(Id("M1234567"), first_token) << "another installation's key: another token";
}

TEST_F(LogTest, IdentifiersPassThroughWhenHashingIsOff) {
  ConfigureFile(Format::kText);
  EXPECT_EQ(Id("M1234567"), "M1234567");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("key"))) << "no key is made unless asked for";
}

TEST_F(LogTest, ADamagedKeyFileIsNamed) {
  LogOptions options = FileOptions(Format::kText);
  options.hash_identifiers = true;
  dir_.Write("key", "short");
  Status status = Configure(options);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.location().file, options.hash_key_file);
}

TEST_F(LogTest, AnUnwritableLogFileIsAnErrorNamingIt) {
  ConfigureFile(Format::kText);
  LogOptions options = FileOptions(Format::kText);
  options.file = dir_.Write("blocker", "a file, not a folder") + "/sub/run.log";
  Status status = Configure(options);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.location().file, options.file);
  Info("still here");
  const auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u) << "the previous configuration stays in force";
  EXPECT_NE(lines[0].find("still here"), std::string::npos);
}

TEST_F(LogTest, ImpossibleOptionsAreRefused) {
  LogOptions no_files = FileOptions(Format::kText);
  no_files.max_files = 0;
  EXPECT_EQ(Configure(no_files).code(), StatusCode::kInvalidInput);
  LogOptions no_bytes = FileOptions(Format::kText);
  no_bytes.max_file_bytes = 0;
  EXPECT_EQ(Configure(no_bytes).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace hm::log
