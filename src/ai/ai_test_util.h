// What the AI tests share: a small VSD written to a temporary folder, scenario rows read with the
// real grammar, and answers in the model's JSON.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "hedis_mockup/ai.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "testing/temp_dir.h"

namespace hm::ai::test {

inline constexpr int kMy = 2026;

inline const char* kVsdCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,2.16.840.1.113883.6.12,2026\n"
    "Hospice Intervention,2.999.2,2026,99377,Hospice care,CPT,2.16.840.1.113883.6.12,2026\n";
inline const char* kVsdMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,PSA Lab Test,2.999.1\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,Hospice Intervention,2.999.2\n";

// The VSD of kVsdCodes in `dir`/vsd.
inline std::unique_ptr<ValueSetDirectory> LoadTestVsd(const hm::testing::TempDir& dir) {
  dir.Write("vsd/value_sets_to_codes.csv", kVsdCodes);
  dir.Write("vsd/measures_to_value_sets.csv", kVsdMeasures);
  VsdLoadOptions options;
  options.cache_dir = dir.File("vsd-cache");
  auto vsd = ValueSetDirectory::Load({dir.File("vsd")}, options);
  EXPECT_TRUE(vsd.ok()) << vsd.status().ToString();
  return vsd.ok() ? std::make_unique<ValueSetDirectory>(std::move(*vsd)) : nullptr;
}

// A text the grammar reads except for its second sentence, which it leaves unparsed.
inline constexpr const char* kPartlyRead =
    "Verify, if a member is (male) 70 years as of December 31 of the measurement year. "
    "Member had the prostate blood marker drawn mid March.";
inline constexpr const char* kNeedle = "prostate blood marker";

// An answer naming `value_set` for fragment 1.
// Options for the fake model server at `endpoint`: one try, short backoff, no cache folder.
inline AiOptions FakeModelOptions(const std::string& endpoint) {
  AiOptions options;
  options.endpoint = endpoint;
  options.model = "fake-model";
  options.timeout = std::chrono::milliseconds(2000);
  options.retries = 0;
  options.backoff_initial = std::chrono::milliseconds(1);
  return options;
}

inline std::string EventAnswer(const std::string& value_set, double confidence = 0.9) {
  return "{\"facts\": [{\"fragment\": 1, \"kind\": \"event\", \"confidence\": " + std::to_string(confidence) +
         ", \"value_set\": \"" + value_set + "\", \"dates\": [\"3/15/MY\"]}]}";
}

}  // namespace hm::ai::test
