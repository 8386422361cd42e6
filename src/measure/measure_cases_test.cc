// The measures' declarative tests: test/cases/measures/<measure>/*.test, each case a member's
// timeline (test/testing/timeline_text.h) and the flags it must give. The shipped measure file is
// compiled against the project's sample VSD (examples/vsd) for MY 2026. Only the flags a case
// lists are checked; on a mismatch the engine's reason and evidence for that flag are printed.
//
// Case format ('#' lines are comments):
//   name: age 70 on Dec 31 is in
//   timeline:
//   member: born 12/31/MY-70, male
//   enroll: 1/1/MY - 12/31/MY product 11
//   expect: PL=1 AG=1 CE=1
// Rows per product (ProductRow in measure.h): PRODUCT_ROWS lists the rows ("-" for none) by
// product, or product/plan where the member has several plans; FLAG@ROW is a flag of that row:
//   expect: PRODUCT_ROWS=2,11 AD@2=0 AD@11=1 CE=1
//   expect: PRODUCT_ROWS=11/1,11/2 HOSPICE_EXCL@11/1=1 HOSPICE_EXCL@11/2=0
// REPORTED=0 says the engine writes no row for the member (enrollment.non_reportable_coverage).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hedis_mockup/measure.h"
#include "hedis_mockup/value_sets.h"
#include "testing/temp_dir.h"
#include "testing/timeline_text.h"
#include "util/text.h"

namespace hm {
namespace {

constexpr int kMy = 2026;

struct Case {
  std::string file;
  int line = 0;
  std::string name;
  std::string timeline;
  std::vector<std::pair<std::string, std::string>> expect;
};

std::vector<Case> ReadCases(const std::filesystem::path& path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  enum { kNone, kTimeline } state = kNone;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view trimmed = util::Trim(line);
    if (trimmed.starts_with("#")) continue;
    if (trimmed.starts_with("name:")) {
      cases.push_back({path.filename().string(), number, std::string(util::Trim(trimmed.substr(5))), "", {}});
      state = kNone;
    } else if (trimmed == "timeline:") {
      state = kTimeline;
    } else if (trimmed.starts_with("expect:")) {
      std::istringstream words{std::string(trimmed.substr(7))};
      for (std::string w; words >> w;) {
        const std::size_t eq = w.find('=');
        if (eq != std::string::npos && !cases.empty()) cases.back().expect.emplace_back(w.substr(0, eq), w.substr(eq + 1));
      }
      state = kNone;
    } else if (state == kTimeline && !cases.empty()) {
      cases.back().timeline += line + "\n";
    }
  }
  return cases;
}

// "11", or "11/2" for product 11 in plan 2.
std::string RowName(const ProductRow& row) {
  return row.plan_id.empty() ? row.product_id : row.product_id + "/" + row.plan_id;
}

// "AD" is the member's flag; "AD@11" is the flag in product 11's row (null when there is none).
const FlagResult* FlagOf(const MemberResult& result, const std::string& key) {
  const std::size_t at = key.find('@');
  if (at == std::string::npos) return result.Find(key);
  for (const ProductRow& row : result.product_rows) {
    if (RowName(row) != key.substr(at + 1)) continue;
    for (const FlagResult& f : row.flags) {
      if (f.name == key.substr(0, at)) return &f;
    }
  }
  return nullptr;
}

TEST(MeasureCases, EveryShippedMeasurePassesItsCases) {
  const std::filesystem::path root = std::filesystem::path(testing::SourceDir());
  auto vsd = ValueSetDirectory::Load({(root / "examples" / "vsd").string()}, {});
  ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
  const std::filesystem::path cases_dir = root / "test" / "cases" / "measures";
  ASSERT_TRUE(std::filesystem::is_directory(cases_dir)) << cases_dir;
  int checked = 0;
  for (const auto& dir : std::filesystem::directory_iterator(cases_dir)) {
    if (!dir.is_directory()) continue;
    const std::string id = dir.path().filename().string();
    auto text = ShippedMeasureText(id);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    auto measure = CompiledMeasure::FromText(*text, id + ".yaml", *vsd, kMy);
    ASSERT_TRUE(measure.ok()) << measure.status().ToString();
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
      if (f.path().extension() == ".test") files.push_back(f.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      for (const Case& c : ReadCases(file)) {
        SCOPED_TRACE(id + "/" + c.file + ":" + std::to_string(c.line) + " (" + c.name + ")");
        auto timeline = testing::ParseTimelineText(c.timeline, "M" + std::to_string(c.line), kMy);
        ASSERT_TRUE(timeline.ok()) << timeline.status().ToString();
        const MemberResult result = measure->Evaluate(*timeline);
        EXPECT_FALSE(c.expect.empty()) << "a case without 'expect:' checks nothing";
        for (const auto& [flag, want] : c.expect) {
          if (flag == "REPORTED") {
            EXPECT_EQ(result.reported ? "1" : "0", want) << flag;
            ++checked;
            continue;
          }
          if (flag == "PRODUCT_ROWS") {
            std::vector<std::string> ids;
            for (const ProductRow& row : result.product_rows) ids.push_back(RowName(row));
            EXPECT_EQ(ids.empty() ? "-" : fmt::format("{}", fmt::join(ids, ",")), want) << flag;
            ++checked;
            continue;
          }
          const FlagResult* got = FlagOf(result, flag);
          ASSERT_NE(got, nullptr) << "no flag " << flag;
          std::string evidence;
          for (const std::string& e : got->evidence) evidence += "\n    " + e;
          EXPECT_EQ(got->value, want) << flag << ": " << got->reason << evidence;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 0);
  std::cout << checked << " flags checked\n";
}

}  // namespace
}  // namespace hm
