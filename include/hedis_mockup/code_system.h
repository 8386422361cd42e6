// Code systems of HEDIS value sets and how codes in them are compared.
//
// Codes are compared in a normal form so that the spellings found in claims, VSD workbooks and QA
// workbooks match: ICD codes without the dot (Z90.13 == Z9013), upper case everywhere, NDCs as
// 11 digits (0002-1433-80 == 00002143380).
//
// Thread-safety: all functions are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hm {

enum class CodeSystem : std::uint8_t {
  kCpt,
  kCptCatII,
  kHcpcs,
  kIcd10Cm,
  kIcd10Pcs,
  kIcd9Cm,   // removed from value sets from MY 2025 but present in older VSDs
  kIcd9Pcs,
  kLoinc,
  kSnomedCt,
  kCvx,
  kNdc,
  kRxNorm,
  kUbRev,
  kUbTob,
  kPos,
  kModifier,
  kHl7,      // HL7 code systems seen in older VSDs
};
inline constexpr int kCodeSystemCount = 17;

// The system for a name as VSD and QA workbooks write it, ignoring case, spaces and punctuation:
// "CPT", "CPT-CAT-II", "CPT II", "ICD10CM", "ICD-10-CM", "SNOMED CT US Edition", "SNOMEDCT",
// "RxNorm", "UBREV", "Rev", "TOB", ... std::nullopt if the name is not a known system.
std::optional<CodeSystem> ParseCodeSystem(std::string_view name);

// The canonical name, as NCQA's VSD spells it ("CPT-CAT-II", "SNOMED CT US Edition").
std::string_view CodeSystemName(CodeSystem system);

// A short stable identifier, for JSON output and cache files ("cpt", "cpt_cat_ii", ...).
std::string_view CodeSystemId(CodeSystem system);

// Every name ParseCodeSystem accepts, comma-separated, for error messages.
std::string KnownCodeSystemNames();

// The normal form of `code` in `system`: trimmed, upper case; ICD-9/10 without dots; NDC as 11
// digits (hyphenated 4-4-2, 5-3-2 and 5-4-1 forms are padded as the FDA defines).
std::string NormalizeCode(CodeSystem system, std::string_view code);

}  // namespace hm
