// The scenario grammar: how the free text of a QA test case becomes Facts (issue 4, part 2).
//
// The text is lexed (scenario_lexer.h) and read line by line. On each line, productions are tried
// at every token left to right; the first that matches consumes its tokens and yields facts or
// details of facts. Tokens no production took are either filler (the words every scenario wraps
// its facts in: "Verify, if a member has", "below", punctuation) or, when they carry content,
// grouped into unparsed Fragments that the row's diagnostics quote.
//
// Productions, in the order they are tried at a token (words are case-insensitive; the docs in
// docs/testcase-formats.md give examples of each):
//
//   label      = LINE-START ("CE"|"AD"|"BE"|"PL"|"AG"|"ED"[N]|"NE"[N]|"V"N|"V"|"RE") (":"|"-")
//                 tester shorthand; sets what a bare date or word on the line means
//   key_value  = KEY ("="|"=="|":"|"as") VALUE      Gender=M  BEN_MEDICAL='Y'  Rundate=12/31/MY
//                 KEY: a word, or "claim den", "lab value", "prod id", "product id", "CPT code",
//                 "file id" ...; dispatched by key (see Apply in the .cc): gender, age, DOB,
//                 benefits, product id, plan, coverage, hospice + rundate, deceased date,
//                 discharge status, codes, lab value, event columns, member columns, component
//                 flags (CE=1 restated)
//   span       = DATE ("to"|"-"|"through"|"till"|"thru") DATE            an enrollment span
//   event      = NAME MARK [code_in_parens] [":"|"-"|"on"|"in"|"during"] [DATE {("and"|",") DATE}]
//                 MARK = "value set" | "value" | "vs" | "medication(s) list" | "list"
//                 NAME = the words before MARK back to a boundary ("has", "with", ",", line start)
//              | NAME ("test"|"tests"|"screening"|"visit"|"visits") ("on"|"in"|":") DATE
//              | NUM NAME "visits"                                    "2 Outpatient visits"
//   phrase     = gender words  | age ("N years as of DATE") | age range | product line words
//              | gaps ("1 gap of 45 days", "two gaps of 20 days", "gap of 1 month", "no gaps")
//              | continuous enrollment | enrolled on DATE (anchor) | benefit phrases
//              | source (primary, suppl...) | denied | POS 81 | table names | file ids
//              | numerator compliant | death ("deceased on DATE") | days of supply | thresholds
//
// Details (source, codes, lab values, columns) attach to the facts read on the same line, else to
// those of the line above: QA writes an event and then its details on the lines below it.
//
// Thread-safety: a ScenarioGrammar is not thread-safe (it caches value-set matches); use one per
// thread. The functions it calls are pure.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "hedis_mockup/testcases.h"
#include "testcase/value_set_match.h"

namespace hm::testcase {

class ScenarioGrammar {
 public:
  explicit ScenarioGrammar(const TestCaseOptions& options) : options_(options) {}

  TextReading Read(std::string_view text);

  // The VSD match of a written value-set name, cached per grammar.
  const ValueSetMatch& Match(const std::string& written);

 private:
  TestCaseOptions options_;
  std::unordered_map<std::string, ValueSetMatch> matches_;
};

}  // namespace hm::testcase
