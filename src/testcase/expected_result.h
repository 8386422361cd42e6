// The "Expected Result" cell of a QA test case, read into key/value expectations (issue 4, part 3).
//
// QA analysts write what the engine's member-level output should hold for the test member:
//   "CE=1"   "PL is 1"   "AG=1\nAGE_END_REP_YR=70, Gender=M"   "AD=1, CE=1 and BE=1, product id 11"
//   "HOSPICE_EXCL=1, RE=1,EXCLUSION_DT=NULL"   "Exclusion_dt=1/1/MY-1"   "Numerator_dt: 12/31/MY"
//   "Member should not appear"
// ParseExpected turns such a cell into a list of Expectations, an "absent" mark, and the fragments
// it did not understand. Nothing is dropped silently: every byte of the cell that is not a
// separator ends up in an Expectation, in the absence phrase, or in an unparsed Fragment, each with
// its span, so a report can quote it.
//
// Grammar (a cursor walks the cell; words are case-insensitive):
//   cell       = { separator } [ item { separator { separator } item } ]
//   separator  = "," | ";" | line break | the word "and"
//   item       = scope | absence | ["for"] key_value | product_id
//              | <anything else: an unparsed Fragment>
//   scope      = "for all" ["valid"] "product line"["s"] ["and" "plan"["s"]]   (to the line's end)
//                                                   -> ExpectedResult::all_product_lines
//              | "for" LINE {("," | "and" | "/") LINE}                         (to the line's end)
//                LINE = commercial | medicaid | medicare | exchange | marketplace
//                                                   -> ExpectedResult::product_lines
//   "for" before a key_value is read only when the key is PRODUCT_ID or PLAN_ID ("For
//   Product_id=11, CE=1"): it names the output row the following items are about.
//   key_value  = KEY ( "=" | "==" | ":" | "is" ) VALUE [ "for" (PLAN | PRODUCT_ID) key_value ]
//                [ other trailing words: an unparsed Fragment ]
//   product_id = "product" "id" [ "=" | ":" | "is" ] VALUE                -> PRODUCT_ID
//   KEY        = ASCII letter or "_", then letters, digits, "_"
//   VALUE      = a date ParseDatePrefix reads ("1/1/MY-1", "1st DEC of MY", "12/31/MY - 1")
//              | 'quoted' or "quoted" text | a run of non-blank, non-separator bytes (a trailing
//                "." is dropped): NULL, an integer, Y/N, M/F/O/U, a word
//   A date may run over a separator ("Jan 1, MY"); it is taken only if a separator or the end
//   follows it.
// How a VALUE is read depends on the key's kind (see KnownKeys()): flags take 0/1 (Y/Yes/N/No),
// integers take integers, GENDER takes M/F/O/U (Male/Female/Other/Unknown), dates take a date.
// NULL is accepted for every key. A known key with a value of the wrong kind ("CE=2",
// "Exclusion_dt=soon") makes the whole item an unparsed Fragment. Unknown keys are kept with
// known == false and whatever value was written (NULL, integer, date or text); a checker reports
// them as "not checked", never as passed.
//
// Absence ("the member is not in the engine's output"). An item is an absence phrase when its words
// (lower-cased, apostrophes removed, so "won't" is "wont") contain
//   NEG [filler...] VERB      NEG    = not doesnt dont wont shouldnt wouldnt cannot cant never isnt
//                             filler = be been being get getting to is
//                             VERB   = a word starting with appear, report, populat, show, present,
//                                      or "in" followed later by output, table or result
// and the words before NEG are only modal verbs (should will would must does do is it may) or
// include "member"; or when it starts with "no member" and a VERB follows. So "Member should not
// appear", "should not be reported", "doesn't appear in member table", "not in the output",
// "Member wont appear" and "No member should populate in Member_PSA table" are absences, while
// "SN are not reportable" (a product, not the member) and "Member should not be duplicated" are not.
// An absence sets ExpectedResult::absent; the other items of the cell are still returned, so a
// checker can notice a contradiction (absent, yet CE=1).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hedis_mockup/date.h"
#include "hedis_mockup/testcases.h"

namespace hm::testcase {

// What a key's value must be.
enum class KeyKind : std::uint8_t { kFlag, kInteger, kGender, kDate };

struct KeyInfo {
  std::string_view key;      // canonical, upper case
  KeyKind kind;
  std::string_view meaning;  // one line, quoted by the docs
};

// Every key ParseExpected knows, with its meaning. Besides these rows, NE<n> and SNE<n> (NE1, SNE2,
// ...) are known flags: numerator n of a measure with several (WCC: 1 BMI, 2 nutrition, 3 activity).
std::span<const KeyInfo> KnownKeys();

// Synonyms folded into a canonical key (upper-cased first): SEX -> GENDER, PRODUCTID and
// "product id" -> PRODUCT_ID, SUBMEASURE_ID -> SUB_MEASURE_ID, EXCLUSION_DATE -> EXCLUSION_DT,
// NUMERATOR_DATE -> NUMERATOR_DT. NE, SNE and NUM stay as written: they may be distinct output
// columns (NE = numerator, SNE = numerator by supplemental data) and folding would hide which one
// the analyst meant. Returns the canonical key, or the upper-cased key when it is not known.
std::string CanonicalKey(std::string_view raw_key);

// The value types (Value, Expectation, Fragment, ExpectedResult) are public, in
// hedis_mockup/testcases.h; these names keep the reader's code short.
using hm::Expectation;
using hm::ExpectedResult;
using hm::Flag;
using hm::Fragment;
using hm::NullValue;
using hm::Value;
using hm::ValueToString;

// Reads an Expected Result cell. Dates are relative to `measurement_year`. Any bytes are accepted;
// never throws (except std::bad_alloc). Time is linear in the size of the cell.
// The standard layout's one-word results are read too: "Compliant" is NUM=1, "Not Compliant" and
// "Non-Compliant" NUM=0, "Excluded" RE=1.
// `default_key`, when not empty, is the key of bare values ("1,9,3,10" in a column headed
// "Expected Result-Member_WCC.Product_Rollup_id" is PRODUCT_ROLLUP_ID=1, =9, =3, =10).
// A line naming another output table ("File id detail table") puts the items after it in that
// table (Expectation::table); they are kept as not checked.
ExpectedResult ParseExpected(std::string_view cell, int measurement_year,
                             std::string_view default_key = {});

}  // namespace hm::testcase
