#include "draft/value_set_citations.h"

#include <gtest/gtest.h>

namespace hm::draft {
namespace {

TEST(ValueSetCitationsTest, NamesAsTheVsdWritesThem) {
  struct Case {
    const char* text;
    std::vector<std::string> names;
  } cases[] = {
      {"Prostate cancer (Prostate Cancer Value Set) any time", {"Prostate Cancer"}},
      {"A test (PSA Lab Test Value Set; PSA Test Result or Finding Value Set) during",
       {"PSA Lab Test", "PSA Test Result or Finding"}},
      {"(Prostate Cancer and History of Prostate Cancer Value Set)",
       {"Prostate Cancer and History of Prostate Cancer"}},
      {"a 5-ARI (5-Alpha Reductase Inhibitor Medications List) during the year",
       {"5-Alpha Reductase Inhibitor Medications"}},
      {"an outpatient visit using the Outpatient Value Set with", {"Outpatient"}},
      {"Use any Value Set listed", {}},
      {"codes from a value set", {}},
      {"(Ab Value Set) and (Ab Value Set)", {"Ab"}},
      {"Value Set", {}},
      {"of Value Set", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(CitedValueSets(c.text), c.names) << c.text;
}

TEST(ValueSetCitationsTest, CitationsKeepTheirOrder) {
  EXPECT_EQ(CitedValueSets("(Zeta Medications List) then (Alpha Value Set)"),
            (std::vector<std::string>{"Zeta Medications", "Alpha"}));
}

TEST(ValueSetCitationsTest, OverlongRunsAreNotNames) {
  EXPECT_TRUE(CitedValueSets("A B C D E F G H I J K L M N Value Set").empty());
}

}  // namespace
}  // namespace hm::draft
