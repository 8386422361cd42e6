#include "testcase/scenario_vocabulary.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <utility>

#include "hedis_mockup/code_system.h"

namespace hm::testcase {
namespace {

template <std::size_t N>
bool In(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Written key (lower, '_' separated) -> canonical column. Keys already canonical (upper-cased
// equals a known column) need no entry.
constexpr std::pair<std::string_view, std::string_view> kKeySynonyms[] = {
    {"sex", "GENDER"}, {"gender", "GENDER"}, {"mem_gender", "GENDER"},
    {"age_end_rep_yr", "AGE_END_REP_YR"}, {"age", "AGE"},
    {"dob", "DOB"}, {"mem_dob", "DOB"}, {"members_dob", "DOB"}, {"date_of_birth", "DOB"},
    {"deceased_dt", "DECEASED_DT"}, {"deceased_date", "DECEASED_DT"}, {"death_date", "DECEASED_DT"},
    {"rundate", "RUN_DT"}, {"run_date", "RUN_DT"}, {"run_dt", "RUN_DT"},
    {"hospice", "HOSPICE"}, {"hospice_flag", "HOSPICE"}, {"ben_hospic", "BEN_HOSPICE"},
    {"disch_status", "DISCH_STATUS"}, {"discharge_status", "DISCH_STATUS"},
    {"serv_dt", "SERV_DT"}, {"serv_date", "SERV_DT"}, {"service_date", "SERV_DT"},
    {"admit_dt", "ADMIT_DT"}, {"disch_dt", "DISCH_DT"},
    {"lab_value", "LAB_VALUE"}, {"result", "LAB_VALUE"}, {"lab_result", "LAB_VALUE"},
    {"product_id", "PRODUCT_ID"}, {"product", "PRODUCT_ID"}, {"productid", "PRODUCT_ID"}, {"prod_id", "PRODUCT_ID"},
    {"plan", "PLAN_ID"}, {"plan_id", "PLAN_ID"},
    {"coverage_ind", "COVERAGE_INDICATOR"}, {"coverage_indicator", "COVERAGE_INDICATOR"},
    {"coverage_indicatior", "COVERAGE_INDICATOR"},
    {"claim_den", "CLAIM_DEN"}, {"claim_denied", "CLAIM_DEN"},
    {"file_id", "FILE_ID"}, {"fileid", "FILE_ID"},
    {"claim_type", "CLAIM_TYPE"}, {"claimtype", "CLAIM_TYPE"}, {"pos", "POS"},
    {"lab_ind_value", "RESULT_VALUE_IND"}, {"result_value_ind", "RESULT_VALUE_IND"},
    {"prac_type_id", "CLAIM_PRAC_TYPE_ID_1"}, {"prac_type", "CLAIM_PRAC_TYPE_ID_1"},
    {"prov_nbr", "PROV_NBR"}, {"emp", "EMP_ID"}, {"emp_id", "EMP_ID"},
    {"mem_hisp_orig", "MEM_HISP_ORIG"}, {"hp_employee", "HP_EMPLOYEE"},
    {"ecds", "ECDS"}, {"days_supply", "RX_DAYS_SUPP"},
};

// Code-system keys as written ("cpt_code", "hcpc", "smd", "icd10") -> the system's name.
constexpr std::pair<std::string_view, std::string_view> kCodeKeys[] = {
    {"cpt", "CPT"}, {"cpt_code", "CPT"},
    {"hcpcs", "HCPCS"}, {"hcpc", "HCPCS"}, {"hcpcs_code", "HCPCS"}, {"hcpc_code", "HCPCS"},
    {"loinc", "LOINC"}, {"loinc_code", "LOINC"},
    {"snomed", "SNOMED"}, {"smd", "SNOMED"}, {"smd_code", "SNOMED"}, {"snomed_code", "SNOMED"},
    {"icd10", "ICD10CM"}, {"icd_10", "ICD10CM"}, {"icd10_code", "ICD10CM"}, {"icd10cm", "ICD10CM"},
    {"icd9", "ICD9CM"}, {"icd_9", "ICD9CM"}, {"icd", "ICD10CM"},
    {"ndc", "NDC"}, {"ndc_code", "NDC"},
    {"rxnorm", "RXNORM"}, {"rxnorm_code", "RXNORM"},
    {"cvx", "CVX"},
};

constexpr std::string_view kEnrollmentColumns[] = {
    "PRODUCT_ID", "PRODUCT_ID_2", "COVERAGE_INDICATOR", "PLAN_ID", "PBP_NBR", "SUB_TYPE",
    "ASO_IND", "CMS_NUMBER", "EMP_ID", "HP_EMPLOYEE", "MED_ELIG_CAT_ID", "SNP_TYPE", "CIN_NUMBER",
    "SCH_ID", "GRP_ID", "IP_EMPLOYER", "MED_ORG_EXT_ID", "EMLS_ESCL_FL", "FILE_ID", "ENR_START",
    "ENR_END", "BEN_MEDICAL", "BEN_HOSPICE", "BEN_RX", "BEN_DENT", "BEN_MH_INP", "BEN_MH_INT",
    "BEN_MH_AMB", "BEN_CD_INP", "BEN_OS", "PRODUCT_ROLLUP", "PRIMARY_COVERAGE"};

constexpr std::string_view kEventColumns[] = {
    "FILE_ID", "POS", "CLAIM_DEN", "CLAIM_TYPE", "CLAIM_ID", "PROV_NBR", "CLAIM_PRAC_TYPE_ID_1",
    "CLAIM_PRAC_TYPE_ID_2", "CLAIM_PRAC_TYPE_ID_3", "CLAIM_PRAC_TYPE_ID_4", "PROV_TAXONOMY",
    "RESULT_VALUE_IND", "USE_LAB_VALUE", "ADMIT_DT", "DISCH_DT", "SERV_DT", "DISCH_STATUS", "ECDS",
    "RX_DAYS_SUPP", "QUANTITY", "UNITS", "REV", "TOB", "PRODUCT_ID", "PROVIDER", "IMPUTED_CODE",
    "THRESHOLD", "CODE_SYSTEM", "WINDOW", "RESULT_TYPE", "UNIT_TYPE", "BMI_PERCENTILE", "BP_SYST", "BP_DIAS",
    "ADMISSION_STATUS", "PRAC_TYPES"};

constexpr std::string_view kMemberColumns[] = {
    "MEM_LNAME", "MEM_FNAME", "MEM_MNAME", "MEM_HISP_ORIG", "MEM_NEED_INTERPRETER", "RACE_CODE_1",
    "RACE_CODE_2", "RACE_CODE_3", "HIC_NUMBER", "MBI_NUMBER", "MRN_NUMBER", "MEM_STATE", "MEM_ZIP",
    "MEM_CITY", "MEM_COUNTY", "SPOKEN_LANGUAGE_ID", "WRITTEN_LANGUAGE_ID", "OTHER_LANGUAGE_ID",
    "SPOKEN_LANGUAGE_SOURCE", "WRITTEN_LANGUAGE_SOURCE", "OTHER_LANGUAGE_SOURCE", "RACE_SOURCE",
    "ETHNICITY_SOURCE", "DISABILITY_STATUS", "DISABILITY_STATUS_SOURCE", "GUARD_LNAME",
    "GUARD_FNAME", "MEM_SSN"};

constexpr std::string_view kFlags[] = {
    "CE", "AD", "BE", "ED", "PL", "AG", "RE", "NE", "SNE", "NUM", "DEN", "EXCL", "HOSPICE_EXCL",
    "DECEASED_EXCL", "RE_EXCL", "SUB_MEASURE_ID"};

constexpr std::string_view kFiller[] = {
    "verify", "verifying", "validate", "check", "if", "whether", "that", "a", "an", "the",
    "member", "members", "membe", "mem", "has", "have", "having", "had", "is", "are", "was", "be",
    "been", "below", "above", "following", "for", "of", "in", "on", "at", "with", "and", "or",
    "as", "to", "from", "by", "using", "use", "used", "only", "both", "same", "then", "this",
    "these", "which", "who", "it", "its", "record", "records", "just", "also", "there", "here",
    "should", "will", "enrollment", "enrollments", "enrollment_spans", "enrollment_span", "span",
    "spans", "table", "file", "claim", "claims", "data", "code", "codes", "details", "detail",
    "information", "info", "scenario", "note", "criteria", "1st", "2nd", "3rd", "4th", "first",
    "second", "third", "fourth", "fifth", "ben_hospice", "where", "each", "during", "value",
    "given", "either", "any", "via", "date", "but", "belongs", "belong", "enrolllment",
    "respective", "please", "test", "case", "cases", "products"};

constexpr std::string_view kBoundaries[] = {
    "has", "have", "having", "had", "with", "without", "verify", "if", "member", "members", "is",
    "are", "a", "an", "the", "only", "using", "on", "in", "from", "for", "during", "below",
    "that", "also", "and"};

}  // namespace

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsShorthandLabel(std::string_view w) {
  static constexpr std::string_view kLabels[] = {
      "ce", "ad", "be", "pl", "ag", "ed", "ne", "re", "num", "sne", "v"};
  if (In(kLabels, w)) return true;
  // ED1, NE2, V2 ...
  for (std::string_view prefix : {"ed", "ne", "sne", "v"}) {
    if (w.size() > prefix.size() && w.starts_with(prefix) && AllDigits(w.substr(prefix.size()))) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> CanonicalDetailKey(std::string_view lower, bool allow_unknown) {
  std::string key(lower);
  std::replace(key.begin(), key.end(), '-', '_');
  for (const auto& [written, canonical] : kKeySynonyms) {
    if (written == key) return std::string(canonical);
  }
  for (const auto& [written, system] : kCodeKeys) {
    if (written == key) return Upper(written.substr(0, written.find("_code")));
  }
  if (TableOf(key)) return std::nullopt;  // "EMR_IN -LAB_VALUE:4.5": a table, then a key
  const std::string upper = Upper(key);
  if (upper.starts_with("BEN_")) return upper;
  if (upper.starts_with("CLAIM_PRAC_TYPE_ID_")) return upper;
  if (IsFlagKey(upper)) return upper;
  if (In(kEnrollmentColumns, upper) || In(kEventColumns, upper) || In(kMemberColumns, upper)) {
    return upper;
  }
  // Other upper-snake keys ("RACE_CODE_1", "MBI_NUMBER") are columns the grammar keeps as fields.
  if (allow_unknown && key.find('_') != std::string::npos && key.front() != '_' &&
      key.back() != '_') {
    return upper;
  }
  return std::nullopt;
}

bool IsDottedIcd10Code(std::string_view w) {
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (w.size() < 5 || w.size() > 8 || w[3] != '.') return false;
  if (!std::isalpha(static_cast<unsigned char>(w[0])) || !std::isdigit(static_cast<unsigned char>(w[1])) ||
      !alnum(w[2])) {
    return false;
  }
  return std::all_of(w.begin() + 4, w.end(), alnum);
}

bool IsCodeSystemKey(std::string_view key) {
  for (const auto& [written, system] : kCodeKeys) {
    if (Upper(written.substr(0, written.find("_code"))) == key) return true;
  }
  return false;
}

std::string CodeSystemLabel(std::string_view key) {
  for (const auto& [written, system] : kCodeKeys) {
    if (Upper(written.substr(0, written.find("_code"))) == key) {
      if (auto parsed = ParseCodeSystem(system)) return std::string(CodeSystemName(*parsed));
      return std::string(system);
    }
  }
  return std::string(key);
}

std::string CodeKeyFor(std::string_view label) {
  for (const auto& [written, system] : kCodeKeys) {
    const std::string key = Upper(written.substr(0, written.find("_code")));
    if (key.find('_') == std::string::npos && CodeSystemLabel(key) == label) return key;
  }
  return std::string(label);
}

std::optional<char> GenderCode(std::string_view w) {
  if (w == "m" || w == "male") return 'M';
  if (w == "f" || w == "female") return 'F';
  if (w == "o" || w == "other") return 'O';
  if (w == "u" || w == "unknown") return 'U';
  return std::nullopt;
}

std::optional<bool> YesNo(std::string_view w) {
  if (w == "y" || w == "yes" || w == "1") return true;
  if (w == "n" || w == "no" || w == "0") return false;
  return std::nullopt;
}

bool IsBenefitColumn(std::string_view key) { return key.starts_with("BEN_") && key.size() > 4; }

std::optional<std::string> BenefitColumnOf(std::string_view w) {
  if (w == "medical") return "BEN_MEDICAL";
  if (w == "hospice") return "BEN_HOSPICE";
  if (w == "pharmacy" || w == "rx" || w == "drug") return "BEN_RX";
  if (w == "dental") return "BEN_DENT";
  if (w == "mental") return "BEN_MH_AMB";
  return std::nullopt;
}

bool IsFlagKey(std::string_view key) {
  if (In(kFlags, key)) return true;
  for (std::string_view prefix : {"NE", "SNE"}) {
    if (key.size() > prefix.size() && key.starts_with(prefix) &&
        AllDigits(key.substr(prefix.size()))) {
      return true;
    }
  }
  return false;
}

bool IsEnrollmentColumn(std::string_view c) { return In(kEnrollmentColumns, c) || IsBenefitColumn(c); }
bool IsEventColumn(std::string_view c) { return In(kEventColumns, c) || c.starts_with("CLAIM_PRAC_TYPE_ID_"); }
bool IsMemberColumn(std::string_view c) { return In(kMemberColumns, c); }

std::optional<std::string> TableOf(std::string_view w) {
  if (w == "visit_in") return "VISIT_IN";
  if (w == "emr_in" || w == "emr") return "EMR_IN";
  if (w == "lab_in") return "LAB_IN";
  if (w == "rx_in") return "RX_IN";
  if (w == "member_in") return "MEMBER_IN";
  if (w == "monthly_mbr_in" || w == "monthly_mem_in" || w == "monthly_member_in" || w == "mmdf") {
    return "MONTHLY_MBR_IN";
  }
  return std::nullopt;
}

// "member_wcc", "member_psa_0": the engine's output tables, named to say where to look.
bool IsFiller(std::string_view w) { return In(kFiller, w) || (w.starts_with("member_") && w.size() > 7); }
bool IsNameBoundary(std::string_view w) { return In(kBoundaries, w); }

std::optional<int> NumberWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  for (std::size_t i = 0; i < std::size(kWords); ++i) {
    if (kWords[i] == w) return static_cast<int>(i) + 1;
  }
  if (w == "a" || w == "an" || w == "single") return 1;
  return std::nullopt;
}

}  // namespace hm::testcase
