// Putting a checked answer into its scenario row: accepted facts are added with provenance kAi
// and their confidence, each listed as an assumption for review; the fragments they came from
// leave the unparsed list (the others stay, so the row still needs attention for them). A
// rejected answer adds its reason to the row's attention list. RecountBook then decides every
// row's status again, the way the reader does.
//
// Thread-safety: pure functions over the values passed.
#pragma once

#include <string>
#include <vector>

#include "ai/answer_check.h"
#include "hedis_mockup/testcases.h"

namespace hm::ai {

// "AI-derived from 'FRAGMENT' (confidence 0.82): WORDS; check it". REQUIRES: fact is kAi.
std::string ReviewNote(const Scenario& scenario, const Fact& fact, int measurement_year);

// REQUIRES: answer accepted (!answer.rejected); fragments as numbered in the prompt.
void MergeAnswer(Scenario& scenario, const std::vector<Fragment>& fragments,
                 const CheckedAnswer& answer, int measurement_year);

// "language model answer rejected (REASON): WHY" on the row's attention list.
void RejectAnswer(Scenario& scenario, RejectReason reason, const std::string& why);

// Each row's status from its unparsed fragments, attention and assumptions (as the reader
// decides it), then the summary.
void RecountBook(TestCaseBook& book);

}  // namespace hm::ai
