#include "hedis_mockup/code_system.h"

#include <optional>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace hm {
namespace {

TEST(CodeSystemTest, ParsesEveryCanonicalNameAndId) {
  std::set<std::string_view> ids;
  for (int i = 0; i < kCodeSystemCount; ++i) {
    const auto system = static_cast<CodeSystem>(i);
    EXPECT_EQ(ParseCodeSystem(CodeSystemName(system)), system) << CodeSystemName(system);
    EXPECT_EQ(ParseCodeSystem(CodeSystemId(system)), system) << CodeSystemId(system);
    EXPECT_TRUE(ids.insert(CodeSystemId(system)).second) << "duplicate id " << CodeSystemId(system);
    EXPECT_NE(KnownCodeSystemNames().find(CodeSystemName(system)), std::string::npos)
        << CodeSystemName(system);
  }
}

TEST(CodeSystemTest, ParsesAliasesIgnoringCaseSpacesAndPunctuation) {
  struct Case {
    const char* name;
    std::optional<CodeSystem> expected;
  };
  const Case cases[] = {
      {"CPT", CodeSystem::kCpt},
      {"cpt", CodeSystem::kCpt},
      {"CPT4", CodeSystem::kCpt},
      {"CPT-4", CodeSystem::kCpt},
      {"CPT1", CodeSystem::kCpt},
      {"CPT-CAT-II", CodeSystem::kCptCatII},
      {"CPT II", CodeSystem::kCptCatII},
      {"CPTII", CodeSystem::kCptCatII},
      {"CPT Cat 2", CodeSystem::kCptCatII},
      {"CPT2", CodeSystem::kCptCatII},
      {"CPT Category II", CodeSystem::kCptCatII},
      {"HCPCS", CodeSystem::kHcpcs},
      {"HCPCS Level II", CodeSystem::kHcpcs},
      {"HCPCS2", CodeSystem::kHcpcs},
      {"ICD10CM", CodeSystem::kIcd10Cm},
      {"ICD-10-CM", CodeSystem::kIcd10Cm},
      {"icd 10 cm", CodeSystem::kIcd10Cm},
      {"ICD10", CodeSystem::kIcd10Cm},
      {"ICD-10 Diagnosis", CodeSystem::kIcd10Cm},
      {"ICD10PCS", CodeSystem::kIcd10Pcs},
      {"ICD-10-PCS", CodeSystem::kIcd10Pcs},
      {"ICD10 Procedure", CodeSystem::kIcd10Pcs},
      {"ICD9CM", CodeSystem::kIcd9Cm},
      {"ICD-9", CodeSystem::kIcd9Cm},
      {"ICD9 Diagnosis", CodeSystem::kIcd9Cm},
      {"ICD9PCS", CodeSystem::kIcd9Pcs},
      {"ICD-9 Procedure", CodeSystem::kIcd9Pcs},
      {"LOINC", CodeSystem::kLoinc},
      {"SNOMED CT US Edition", CodeSystem::kSnomedCt},
      {"SNOMEDCT", CodeSystem::kSnomedCt},
      {"SNOMED-CT", CodeSystem::kSnomedCt},
      {"SNOMED", CodeSystem::kSnomedCt},
      {"SCT", CodeSystem::kSnomedCt},
      {"CVX", CodeSystem::kCvx},
      {"NDC", CodeSystem::kNdc},
      {"RxNorm", CodeSystem::kRxNorm},
      {"RXCUI", CodeSystem::kRxNorm},
      {"UBREV", CodeSystem::kUbRev},
      {"UB-REV", CodeSystem::kUbRev},
      {"Rev", CodeSystem::kUbRev},
      {"Revenue Code", CodeSystem::kUbRev},
      {"UBTOB", CodeSystem::kUbTob},
      {"TOB", CodeSystem::kUbTob},
      {"Type of Bill", CodeSystem::kUbTob},
      {"Bill Type", CodeSystem::kUbTob},
      {"POS", CodeSystem::kPos},
      {"Place of Service", CodeSystem::kPos},
      {"Modifier", CodeSystem::kModifier},
      {"MOD", CodeSystem::kModifier},
      {"CPT Modifier", CodeSystem::kModifier},
      {"HL7", CodeSystem::kHl7},
      {" loinc ", CodeSystem::kLoinc},
      // Unknown names.
      {"", std::nullopt},
      {"  ", std::nullopt},
      {"---", std::nullopt},
      {"ICD11", std::nullopt},
      {"ICD-10-CA", std::nullopt},
      {"CPT3", std::nullopt},
      {"SNOMED CT UK Edition", std::nullopt},
      {"LOINCS", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseCodeSystem(c.name), c.expected) << '"' << c.name << '"';
  }
}

TEST(CodeSystemTest, KnownNamesAreCommaSeparated) {
  const std::string names = KnownCodeSystemNames();
  EXPECT_EQ(names.rfind("CPT, CPT-CAT-II, HCPCS", 0), 0u) << names;
  EXPECT_NE(names.find("SNOMED CT US Edition"), std::string::npos);
}

TEST(CodeSystemTest, NormalizeCode) {
  struct Case {
    CodeSystem system;
    const char* code;
    const char* expected;
  };
  const Case cases[] = {
      // ICD without the dot, upper case, trimmed.
      {CodeSystem::kIcd10Cm, "Z90.13", "Z9013"},
      {CodeSystem::kIcd10Cm, "Z9013", "Z9013"},
      {CodeSystem::kIcd10Cm, "z90.13", "Z9013"},
      {CodeSystem::kIcd10Cm, "  C61 ", "C61"},
      {CodeSystem::kIcd10Cm, "N42.3", "N423"},
      {CodeSystem::kIcd10Pcs, "0dtj4zz", "0DTJ4ZZ"},
      {CodeSystem::kIcd9Cm, "185.", "185"},
      {CodeSystem::kIcd9Pcs, "60.5", "605"},
      // NDC: hyphenated 10-digit forms padded to 11 digits (5-4-2).
      {CodeSystem::kNdc, "0002-1433-80", "00002143380"},   // 4-4-2
      {CodeSystem::kNdc, "12345-678-90", "12345067890"},   // 5-3-2
      {CodeSystem::kNdc, "12345-6789-1", "12345678901"},   // 5-4-1
      {CodeSystem::kNdc, "12345-6789-01", "12345678901"},  // already 5-4-2
      {CodeSystem::kNdc, "00002143380", "00002143380"},    // 11 digits stay
      {CodeSystem::kNdc, " 0002-1433-80 ", "00002143380"},
      // Other systems: only trimmed and upper-cased; dots are meaningful (LOINC has a hyphen).
      {CodeSystem::kCpt, "84153", "84153"},
      {CodeSystem::kHcpcs, "g0103", "G0103"},
      {CodeSystem::kCptCatII, "3074f", "3074F"},
      {CodeSystem::kLoinc, "2857-1", "2857-1"},
      {CodeSystem::kSnomedCt, " 254900004 ", "254900004"},
      {CodeSystem::kModifier, "1p", "1P"},
      {CodeSystem::kCpt, "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeCode(c.system, c.code), c.expected)
        << CodeSystemName(c.system) << " \"" << c.code << '"';
  }
}

}  // namespace
}  // namespace hm
