// The words of the scenario grammar: keys, columns, benefit names, filler. Kept apart from the
// productions (scenario_grammar.cc) so that the vocabulary can grow without touching the grammar.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hm::testcase {

// "ce", "ad", "be", "pl", "ag", "ed", "ed1", "ne", "ne2", "v", "v2", "re", "num": tester shorthand
// written at the start of a line ("CE:", "V2: CPT=99203").
bool IsShorthandLabel(std::string_view lower_word);

// The canonical column a written key names: "ben-hospice" -> BEN_HOSPICE, "claim_den" ->
// CLAIM_DEN, "prod_id" -> PRODUCT_ID, "coverage_indicatior" -> COVERAGE_INDICATOR, "cpt_code" ->
// CPT, "rundate" -> RUN_DT, "sex" -> GENDER, "prac_type_id" -> CLAIM_PRAC_TYPE_ID_1. Words that
// are known flags of the expected result (CE, AD, NE1 ...) are returned upper-cased. `lower` is
// lower case with '-' and ' ' read as '_'. With `allow_unknown`, any other snake_case word
// ("race_code_1") is a key too, upper-cased. nullopt: not a key.
std::optional<std::string> CanonicalDetailKey(std::string_view lower, bool allow_unknown = true);

// Keys that name a code system (CPT, HCPCS, LOINC, SNOMED, ICD10, ICD9, NDC, RXNORM, CVX).
bool IsCodeSystemKey(std::string_view key);
// The code system's name for a CodeRef: CodeSystemName() of the parsed system.
std::string CodeSystemLabel(std::string_view key);

// Whether a word is shaped like an ICD-10-CM code with its dot ("z71.3", "o09.90"): a letter, a
// digit, a letter or digit, '.', then one to four letters or digits. No other system writes codes
// so, which lets "Nutrition Counseling Value Set ( Z71.3)" pin a code without naming its system.
bool IsDottedIcd10Code(std::string_view word);

// The key Describe writes for a CodeRef's system ("CPT", "SNOMED", "ICD10"), the inverse of
// CodeSystemLabel; the label itself when no key names it.
std::string CodeKeyFor(std::string_view label);

// "m", "male", "f", "female", "o", "other", "u", "unknown" -> M, F, O, U.
std::optional<char> GenderCode(std::string_view lower);
// "y", "yes", "1" -> true; "n", "no", "0" -> false.
std::optional<bool> YesNo(std::string_view lower);

// BEN_MEDICAL, BEN_HOSPICE ... (any BEN_ column).
bool IsBenefitColumn(std::string_view key);
// "medical" -> BEN_MEDICAL, "hospice" -> BEN_HOSPICE, "pharmacy"/"rx" -> BEN_RX, "dental" ->
// BEN_DENT, "mental" -> BEN_MH_AMB: the benefit a word names.
std::optional<std::string> BenefitColumnOf(std::string_view lower_word);

// Component flags of the expected result (CE, AD, BE, ED, PL, AG, RE, NE, SNE, NUM, NEn, SNEn).
bool IsFlagKey(std::string_view key);

// Columns by table, for attaching details: ENROLLMENT_IN, event tables (VISIT_IN, EMR_IN, LAB_IN,
// RX_IN), MEMBER_IN.
bool IsEnrollmentColumn(std::string_view column);
bool IsEventColumn(std::string_view column);
bool IsMemberColumn(std::string_view column);

// The table a word names: "visit_in" -> VISIT_IN, "monthly_mbr_in" -> MONTHLY_MBR_IN ...
std::optional<std::string> TableOf(std::string_view lower_word);

// Words every scenario wraps its facts in ("verify", "if", "member", "has", "below" ...): left
// over, they are not reported as not understood.
bool IsFiller(std::string_view lower_word);

// Words that end a value-set name when reading it ("has", "with", "verify" ...).
bool IsNameBoundary(std::string_view lower_word);

// "one" .. "ten", "a", "an", "single" -> 1..10; nullopt otherwise.
std::optional<int> NumberWord(std::string_view lower_word);

std::string Upper(std::string_view text);

}  // namespace hm::testcase
