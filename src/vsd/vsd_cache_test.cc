#include "vsd/vsd_cache.h"

#include <gtest/gtest.h>

namespace hm::vsd {
namespace {

ValueSetDirectory::Data SampleData() {
  DataBuilder builder;
  auto code = [](CodeSystem system, std::string text, std::string definition) {
    ValueSetCode c;
    c.system = system;
    c.code = text;
    c.normalized = NormalizeCode(system, text);
    c.definition = std::move(definition);
    return c;
  };
  builder.AddCode(builder.SetFor("Mammography", "2.999.1", "v1", false), code(CodeSystem::kCpt, "77067", "screen"));
  builder.AddCode(builder.SetFor("Absence of Left Breast", "2.999.2", "v1", false),
                  code(CodeSystem::kIcd10Cm, "Z90.12", "absence"));
  builder.AddCode(builder.SetFor("Dementia Medications", "2.999.3", "v1", true),
                  code(CodeSystem::kNdc, "62856-0246-30", "donepezil"));
  builder.AddMeasureLink("BCS-E", "Breast Cancer Screening", "Mammography", "2.999.1", false);
  return std::move(builder).Finish();
}

TEST(VsdCacheTest, RoundTripsEveryField) {
  const ValueSetDirectory::Data data = SampleData();
  auto decoded = DecodeCache(EncodeCache(data));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->value_sets.size(), data.value_sets.size());
  for (std::size_t i = 0; i < data.value_sets.size(); ++i) {
    EXPECT_EQ(decoded->value_sets[i].name, data.value_sets[i].name);
    EXPECT_EQ(decoded->value_sets[i].oid, data.value_sets[i].oid);
    EXPECT_EQ(decoded->value_sets[i].medication_list, data.value_sets[i].medication_list);
    EXPECT_EQ(decoded->value_sets[i].first_code, data.value_sets[i].first_code);
  }
  ASSERT_EQ(decoded->codes.size(), data.codes.size());
  for (std::size_t i = 0; i < data.codes.size(); ++i) {
    EXPECT_EQ(decoded->codes[i].system, data.codes[i].system);
    EXPECT_EQ(decoded->codes[i].normalized, data.codes[i].normalized);
    EXPECT_EQ(decoded->codes[i].definition, data.codes[i].definition);
  }
  EXPECT_EQ(decoded->by_code, data.by_code);
  ASSERT_EQ(decoded->measures.size(), 1u);
  EXPECT_EQ(decoded->measures[0].value_sets, data.measures[0].value_sets);
  EXPECT_EQ(decoded->by_name.size(), data.value_sets.size());
}

TEST(VsdCacheTest, EveryTruncationIsRejected) {
  const std::string bytes = EncodeCache(SampleData());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_FALSE(DecodeCache(std::string_view(bytes).substr(0, size)).ok()) << "size " << size;
  }
  EXPECT_FALSE(DecodeCache(bytes + "x").ok()) << "trailing bytes";
}

TEST(VsdCacheTest, OutOfRangeIndexIsRejected) {
  std::string bytes = EncodeCache(SampleData());
  // The last by_code entry sits just before the end marker; point it past the codes.
  bytes[bytes.size() - 8] = 100;
  EXPECT_FALSE(DecodeCache(bytes).ok());
}

TEST(VsdCacheTest, NdcIsNormalizedToElevenDigits) {
  const ValueSetDirectory::Data data = SampleData();
  bool found = false;
  for (const ValueSetCode& code : data.codes) {
    if (code.system == CodeSystem::kNdc) {
      EXPECT_EQ(code.normalized, "62856024630");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace hm::vsd
