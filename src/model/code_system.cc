#include "hedis_mockup/code_system.h"

#include <array>
#include <cctype>

#include "util/text.h"

namespace hm {
namespace {

struct SystemInfo {
  CodeSystem system;
  std::string_view name;  // NCQA's spelling
  std::string_view id;
  // Other spellings seen in VSDs and QA workbooks, already in util::NameKey form.
  std::array<std::string_view, 4> aliases;
};

constexpr std::array<SystemInfo, kCodeSystemCount> kSystems = {{
    {CodeSystem::kCpt, "CPT", "cpt", {"cpt4", "cpt1"}},
    {CodeSystem::kCptCatII, "CPT-CAT-II", "cpt_cat_ii",
     {"cptii", "cptcat2", "cpt2", "cptcategoryii"}},
    {CodeSystem::kHcpcs, "HCPCS", "hcpcs", {"hcpcslevelii", "hcpcs2"}},
    {CodeSystem::kIcd10Cm, "ICD10CM", "icd10cm", {"icd10", "icd10diagnosis"}},
    {CodeSystem::kIcd10Pcs, "ICD10PCS", "icd10pcs", {"icd10procedure"}},
    {CodeSystem::kIcd9Cm, "ICD9CM", "icd9cm", {"icd9", "icd9diagnosis"}},
    {CodeSystem::kIcd9Pcs, "ICD9PCS", "icd9pcs", {"icd9procedure"}},
    {CodeSystem::kLoinc, "LOINC", "loinc", {}},
    {CodeSystem::kSnomedCt, "SNOMED CT US Edition", "snomed_ct", {"snomedct", "snomed", "sct"}},
    {CodeSystem::kCvx, "CVX", "cvx", {}},
    {CodeSystem::kNdc, "NDC", "ndc", {}},
    {CodeSystem::kRxNorm, "RxNorm", "rxnorm", {"rxcui"}},
    {CodeSystem::kUbRev, "UBREV", "ubrev", {"rev", "revenue", "revenuecode"}},
    {CodeSystem::kUbTob, "UBTOB", "ubtob", {"tob", "typeofbill", "billtype"}},
    {CodeSystem::kPos, "POS", "pos", {"placeofservice"}},
    {CodeSystem::kModifier, "Modifier", "modifier", {"mod", "cptmodifier"}},
    {CodeSystem::kHl7, "HL7", "hl7", {}},
}};

const SystemInfo& Info(CodeSystem system) { return kSystems[static_cast<std::size_t>(system)]; }

bool IsIcd(CodeSystem system) {
  return system == CodeSystem::kIcd10Cm || system == CodeSystem::kIcd10Pcs ||
         system == CodeSystem::kIcd9Cm || system == CodeSystem::kIcd9Pcs;
}

// NDCs are printed as 10 digits in three hyphenated segments of varying width; HEDIS pharmacy
// data uses the 11-digit 5-4-2 form, so each segment is left-padded to that width.
std::string NormalizeNdc(const std::string& code) {
  std::size_t first = code.find('-');
  std::size_t second = first == std::string::npos ? first : code.find('-', first + 1);
  if (second == std::string::npos) {
    std::string digits;
    for (char c : code) {
      if (c != '-' && c != ' ') digits += c;
    }
    return digits;
  }
  auto pad = [](std::string part, std::size_t width) {
    return part.size() < width ? std::string(width - part.size(), '0') + part : part;
  };
  return pad(code.substr(0, first), 5) + pad(code.substr(first + 1, second - first - 1), 4) +
         pad(code.substr(second + 1), 2);
}

}  // namespace

std::optional<CodeSystem> ParseCodeSystem(std::string_view name) {
  const std::string key = util::NameKey(name);
  if (key.empty()) return std::nullopt;
  for (const SystemInfo& info : kSystems) {
    if (util::NameKey(info.name) == key) return info.system;
    for (std::string_view alias : info.aliases) {
      if (!alias.empty() && alias == key) return info.system;
    }
  }
  return std::nullopt;
}

std::string_view CodeSystemName(CodeSystem system) { return Info(system).name; }
std::string_view CodeSystemId(CodeSystem system) { return Info(system).id; }

std::string KnownCodeSystemNames() {
  std::string names;
  for (const SystemInfo& info : kSystems) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

std::string NormalizeCode(CodeSystem system, std::string_view code) {
  std::string out(util::Trim(code));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (IsIcd(system)) {
    std::erase(out, '.');
  } else if (system == CodeSystem::kNdc) {
    out = NormalizeNdc(out);
  }
  return out;
}

}  // namespace hm
