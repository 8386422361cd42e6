#include "measure/measure_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "measure/criterion_file.h"
#include "testing/temp_dir.h"
#include "util/files.h"

namespace hm::measure {
namespace {

Result<MeasureDefinition> Read(const std::string& yaml) { return ReadMeasureText(yaml, "m.yaml"); }

std::string PsaPath() { return hm::testing::SourceDir() + "/measures/psa.yaml"; }

// A measure with one numerator; `extra` is added at the top level (after line 4).
std::string Minimal(const std::string& extra = "") {
  return "measure: X\n"
         "numerators:\n"
         "  - id: NUM\n"
         "    event: {value_sets: [A]}\n" +
         extra;
}

TEST(MeasureFileTest, PsaLoadsWithItsPopulation) {
  Result<MeasureDefinition> psa = ReadMeasureFile(PsaPath());
  ASSERT_TRUE(psa.ok()) << psa.status().ToString();
  EXPECT_EQ(psa->file, PsaPath());
  EXPECT_EQ(psa->id, "PSA");
  EXPECT_EQ(psa->name, "Non-Recommended PSA-Based Screening in Older Men");
  EXPECT_TRUE(psa->inverse);
  EXPECT_EQ(psa->product_ids.size(), 9u);
  EXPECT_EQ(psa->product_ids.at("11"), "medicare");
  EXPECT_EQ(psa->product_ids.at("92"), "medicare");
  EXPECT_EQ(psa->product_ids.at("2"), "commercial");
  EXPECT_EQ(psa->product_ids.at("93"), "medicaid");
  EXPECT_EQ(psa->product_ids.at("7"), "exchange");
  EXPECT_EQ(psa->product_lines, std::vector<std::string>{"medicare"});
  EXPECT_EQ(psa->age_as_of, "12/31/MY");
  EXPECT_EQ(psa->age_min, 70);
  EXPECT_EQ(psa->age_max, 200);
  EXPECT_EQ(psa->sex, "male");
  EXPECT_TRUE(psa->bands.empty());
  EXPECT_FALSE(psa->event.has_value());

  const ContinuousEnrollment& ce = psa->enrollment;
  ASSERT_EQ(ce.periods.size(), 1u);
  EXPECT_EQ(ce.periods[0].window.from.date, "1/1/MY");
  EXPECT_EQ(ce.periods[0].window.to.date, "12/31/MY");
  EXPECT_EQ(ce.periods[0].max_gaps, 1);
  EXPECT_EQ(ce.periods[0].max_gap_days, 45);
  EXPECT_EQ(ce.periods[0].medicaid_max_gap_months, 0);
  ASSERT_TRUE(ce.anchor.has_value());
  EXPECT_EQ(ce.anchor->kind, WindowEnd::Kind::kDate);
  EXPECT_EQ(ce.anchor->date, "12/31/MY");
  EXPECT_EQ(ce.benefits, std::vector<std::string>{"medical"});
}

TEST(MeasureFileTest, PsaLoadsWithItsExclusionsAndNumerator) {
  Result<MeasureDefinition> psa = ReadMeasureFile(PsaPath());
  ASSERT_TRUE(psa.ok()) << psa.status().ToString();
  std::vector<std::string> ids;
  for (const Exclusion& exclusion : psa->exclusions) ids.push_back(exclusion.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"hospice", "deceased", "palliative_care",
                                           "prostate_cancer", "prostate_dysplasia", "elevated_psa",
                                           "five_ari"}));
  const Exclusion& hospice = psa->exclusions[0];
  EXPECT_TRUE(hospice.has_criterion);
  EXPECT_EQ(hospice.criterion.value_sets,
            (std::vector<std::string>{"Hospice Encounter", "Hospice Intervention"}));
  EXPECT_TRUE(hospice.enrollment_hospice_flag);
  EXPECT_TRUE(hospice.monthly_hospice_flag);
  EXPECT_FALSE(hospice.report_date);
  EXPECT_GT(hospice.where.line, 0);

  const Exclusion& deceased = psa->exclusions[1];
  EXPECT_FALSE(deceased.has_criterion);
  EXPECT_TRUE(deceased.death);
  // NUBC's expired statuses, and 43 as QA's engine reads it.
  EXPECT_EQ(deceased.discharge_statuses, (std::vector<std::string>{"20", "40", "41", "42", "43"}));
  EXPECT_FALSE(deceased.report_date);

  const Criterion& cancer = psa->exclusions[3].criterion;
  ASSERT_TRUE(cancer.window.has_value());
  EXPECT_EQ(cancer.window->from.kind, WindowEnd::Kind::kEarliest);
  EXPECT_EQ(cancer.window->to.date, "12/31/MY");
  EXPECT_TRUE(psa->exclusions[3].report_date);
  EXPECT_EQ(psa->exclusions[4].criterion.window->from.date, "1/1/MY-1");

  const Criterion& elevated = psa->exclusions[5].criterion;
  ASSERT_EQ(elevated.kind, Criterion::Kind::kAnyOf);
  ASSERT_EQ(elevated.children.size(), 2u);
  const Criterion& lab = elevated.children[0];
  EXPECT_EQ(lab.value_sets, std::vector<std::string>{"PSA Lab Test Exclusion"});
  ASSERT_TRUE(lab.value.has_value());
  EXPECT_EQ(lab.value->op, ValueTest::Op::kGreater);
  EXPECT_DOUBLE_EQ(lab.value->threshold, 4.0);
  EXPECT_EQ(lab.window->from.date, "1/1/MY-1");
  EXPECT_EQ(lab.window->to.date, "12/31/MY-1");
  EXPECT_EQ(lab.value_within_days, 7);
  EXPECT_EQ(elevated.children[1].value_within_days, 0);
  EXPECT_EQ(psa->exclusions[6].criterion.value_sets,
            std::vector<std::string>{"5 Alpha Reductase Inhibitor Medications"});

  ASSERT_EQ(psa->numerators.size(), 1u);
  const Numerator& num = psa->numerators[0];
  EXPECT_EQ(num.id, "NE");
  EXPECT_EQ(num.name, "PSA-based screening in the MY");
  EXPECT_EQ(num.date_flag, "NUMERATOR_DT");
  EXPECT_EQ(num.criterion.kind, Criterion::Kind::kEvent);
  EXPECT_EQ(num.criterion.value_sets,
            (std::vector<std::string>{"PSA Lab Test", "PSA Test Result or Finding"}));
  EXPECT_EQ(num.criterion.count, 1);
  EXPECT_FALSE(num.criterion.sources.include_denied);
  EXPECT_FALSE(num.criterion.sources.supplemental);
  EXPECT_EQ(num.criterion.window->from.date, "1/1/MY");
}

void CollectValueSets(const Criterion& criterion, std::set<std::string>& names) {
  names.insert(criterion.value_sets.begin(), criterion.value_sets.end());
  names.insert(criterion.with_value_sets.begin(), criterion.with_value_sets.end());
  for (const Criterion& child : criterion.children) CollectValueSets(child, names);
}

// Every name psa.yaml uses is a value set or medication list of the sample VSD.
TEST(MeasureFileTest, PsaNamesOnlyValueSetsOfTheSampleVsd) {
  Result<MeasureDefinition> psa = ReadMeasureFile(PsaPath());
  ASSERT_TRUE(psa.ok()) << psa.status().ToString();
  std::set<std::string> names;
  for (const Exclusion& exclusion : psa->exclusions) CollectValueSets(exclusion.criterion, names);
  for (const Numerator& numerator : psa->numerators) CollectValueSets(numerator.criterion, names);
  std::string vsd;
  for (const char* file : {"value_sets_to_codes.csv", "medication_lists_to_codes.csv"}) {
    Result<std::string> text =
        util::ReadFile(hm::testing::SourceDir() + "/examples/vsd/" + file);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    vsd += *text;
  }
  for (const std::string& name : names) {
    EXPECT_NE(vsd.find("\n" + name + ","), std::string::npos) << name;
  }
}

struct ErrorCase {
  const char* name;
  std::string yaml;
  int line;  // 0: the status has no line
  std::vector<std::string> says;  // substrings of message + "; " + hint
  StatusCode code = StatusCode::kInvalidInput;
};

void ExpectError(const ErrorCase& c) {
  SCOPED_TRACE(c.name);
  Result<MeasureDefinition> result = Read(c.yaml);
  ASSERT_FALSE(result.ok()) << c.yaml;
  const Status& status = result.status();
  EXPECT_EQ(status.code(), c.code) << status.ToString();
  EXPECT_EQ(status.location().file, "m.yaml");
  EXPECT_EQ(status.location().line, c.line) << status.ToString();
  const std::string text = status.message() + "; " + status.hint();
  for (const std::string& part : c.says) EXPECT_NE(text.find(part), std::string::npos) << text;
  EXPECT_FALSE(status.hint().empty()) << status.ToString();
}

TEST(MeasureFileTest, UnknownFieldNamesTheFieldTheMapAndTheKnownOnes) {
  const std::string yaml = Minimal(
      "enrollment:\n"
      "  periods:\n"
      "    - from: 1/1/MY\n"
      "      to: 12/31/MY\n"
      "      max_gap: 1\n");
  Result<MeasureDefinition> result = Read(yaml);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "unknown field 'max_gap' in enrollment period; known: from, to, max_gaps, "
            "max_gap_days, medicaid_max_gap_months");
  EXPECT_EQ(result.status().hint(), "did you mean 'max_gaps'?");
  EXPECT_EQ(result.status().ToString(),
            "m.yaml: line 9: unknown field 'max_gap' in enrollment period; known: from, to, "
            "max_gaps, max_gap_days, medicaid_max_gap_months; did you mean 'max_gaps'?");
}

TEST(MeasureFileTest, StructureErrorsNameLineAndField) {
  const ErrorCase cases[] = {
      {"unknown top-level field", Minimal("sexx: male\n"), 5,
       {"unknown field 'sexx' in the measure", "did you mean 'sex'?"}},
      {"unknown field in an event",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], windw: MY}\n", 4, {"unknown field 'windw' in event criterion", "'window'"}},
      {"a monthly flag that is not lti or hospice",
       "measure: X\nnumerators:\n  - id: NUM\n    monthly: {flag: snf}\n", 4,
       {"monthly flag 'snf' is not lti or hospice"}},
      {"unknown field in a monthly criterion",
       "measure: X\nnumerators:\n  - id: NUM\n    monthly: {flag: lti, when: MY}\n", 4,
       {"unknown field 'when' in monthly criterion"}},
      {"unknown field in sources",
       "measure: X\nnumerators:\n  - id: NUM\n    event:\n      value_sets: [A]\n"
       "      sources: {claim: false}\n",
       6, {"unknown field 'claim' in sources", "'claims'"}},
      {"field twice", "measure: X\nmeasure: Y\nnumerators: [{id: N, ref: N}]\n", 2,
       {"field 'measure' appears twice"}},
      {"missing measure", "numerators:\n  - {id: NUM, event: {value_sets: [A]}}\n", 1,
       {"has no field 'measure'"}},
      {"missing numerators", "measure: X\nname: Y\n", 1, {"has no field 'numerators'"}},
      {"empty numerators", "measure: X\nnumerators: []\n", 2, {"the list is empty"}},
      {"numerator without id", "measure: X\nnumerators:\n  - event: {value_sets: [A]}\n", 3,
       {"numerator 1 has no field 'id'"}},
      {"numerator without criterion", "measure: X\nnumerators:\n  - id: NUM\n    name: n\n", 3,
       {"numerator 'NUM' has no criterion", "event, most_recent"}},
      {"numerator with two criteria",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A]}\n"
       "    any_of: [{ref: NUM}]\n",
       5, {"two criteria, 'event' and 'any_of'", "combine them"}},
      {"criterion item with two kinds",
       "measure: X\nnumerators:\n  - id: NUM\n    any_of:\n"
       "      - {event: {value_sets: [A]}, age: {min: 3}}\n",
       5, {"item 1 of any_of has two criteria, 'event' and 'age'"}},
      {"empty criterion item", "measure: X\nnumerators:\n  - id: NUM\n    any_of:\n      - {}\n",
       5, {"item 1 of any_of is empty", "event, most_recent"}},
      {"empty any_of", "measure: X\nnumerators:\n  - id: NUM\n    all_of: []\n", 4,
       {"all_of: expected a list of criteria, found an empty list"}},
      {"not of nothing", "measure: X\nnumerators:\n  - id: NUM\n    not: {}\n", 4,
       {"not is empty"}},
      {"event without value sets", "measure: X\nnumerators:\n  - id: NUM\n    event: {count: 2}\n",
       4, {"event criterion has no field 'value_sets'"}},
      {"most_recent without value",
       "measure: X\nnumerators:\n  - id: NUM\n    most_recent: {value_sets: [A]}\n", 4,
       {"most_recent criterion has no field 'value'"}},
      {"exclusion that excludes nobody",
       Minimal("exclusions:\n  - id: nobody\n    report_date: false\n"), 6,
       {"exclusion 'nobody' excludes nobody"}},
      {"exclusion window without built-ins",
       Minimal("exclusions:\n  - id: x\n    event: {value_sets: [A]}\n    window: MY\n"), 8,
       {"field 'window' of exclusion 'x'", "put the window inside the event"}},
      {"two documents", Minimal("---\nmeasure: Y\n"), 5, {"more than one YAML document"}},
      {"empty file", "# nothing\n", 0, {"the measure file is empty"}},
      {"root is a list", "- measure: X\n", 1, {"the measure: expected a map of fields"}},
  };
  for (const ErrorCase& c : cases) ExpectError(c);
}

TEST(MeasureFileTest, TypeErrorsNameLineFieldAndWhatWasFound) {
  const ErrorCase cases[] = {
      {"word for a number",
       Minimal("enrollment:\n  periods:\n    - {from: 1/1/MY, to: 12/31/MY, max_gaps: one}\n"), 7,
       {"field 'max_gaps' of enrollment period: expected a whole number, found 'one'"}},
      {"number out of range", Minimal("age: {min: 300}\n"), 5,
       {"field 'min' of age: 300 is out of range"}},
      {"unknown gate flag", Minimal("numerators_require: [AG, NE]\n"), 5,
       {"field 'numerators_require' of the measure: 'NE' is not a population flag"}},
      {"unknown stays", Minimal("stays: admission\n"), 5,
       {"field 'stays' of the measure: expected any_day or service_date, found 'admission'"}},
      {"yes for a boolean", Minimal("inverse: yes\n"), 5,
       {"field 'inverse' of the measure: expected true or false, found 'yes'"}},
      {"scalar for a list", "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: A}\n",
       4, {"field 'value_sets' of event criterion: expected a list, found 'A'"}},
      {"map for a text", Minimal("name: {a: 1}\n"), 5, {"expected a word or text, found a map"}},
      {"scalar for a map", Minimal("age: 70\n"), 5, {"age: expected a map of fields", "'70'"}},
      {"map for the numerator list", "measure: X\nnumerators: {id: NUM}\n", 2,
       {"field 'numerators' of the measure: expected a list, found a map"}},
      {"empty value", Minimal("sex:\n"), 5, {"field 'sex'", "found nothing"}},
      {"count zero", "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], count: 0}\n",
       4, {"field 'count' of event criterion: 0 is out of range"}},
      {"id not a word", "measure: X\nnumerators:\n  - id: my num\n    ref: NUM\n", 3,
       {"'my num' is not a single word"}},
      {"bad sex", Minimal("sex: m\n"), 5, {"expected male, female or any, found 'm'"}},
      {"bad product line", Minimal("product_lines: [medicare, medicard]\n"), 5,
       {"unknown product line 'medicard'"}},
      {"product line without ids",
       Minimal("product_ids: {medicare: [11]}\nproduct_lines: [medicaid]\n"), 6,
       {"product line 'medicaid' has no product ids"}},
      {"product id in two lines", Minimal("product_ids: {medicare: [11], medicaid: [11]}\n"), 5,
       {"product id 11 is already in"}},
      {"unknown product line in ids", Minimal("product_ids: {medicar: [11]}\n"), 5,
       {"unknown field 'medicar' in product_ids", "'medicare'"}},
      {"bands overlap", Minimal("bands:\n  - {id: 1, min: 3, max: 11}\n  - {id: 2, min: 11}\n"), 7,
       {"band 2 (11-200) overlaps band 1 (3-11)"}},
      {"band id twice", Minimal("bands:\n  - {id: 1, min: 3, max: 11}\n  - {id: 1, min: 12}\n"),
       7, {"band id 1 appears twice"}},
      {"age max below min", Minimal("age: {min: 70, max: 60}\n"), 5, {"max 60 is below min 70"}},
      {"age criterion without bounds",
       "measure: X\nnumerators:\n  - id: NUM\n    age: {as_of: 12/31/MY}\n", 4,
       {"age criterion has neither min nor max"}},
      {"sources all false",
       "measure: X\nnumerators:\n  - id: NUM\n    event:\n      value_sets: [A]\n      sources: "
       "{claims: false, supplemental: false, emr: false}\n",
       6, {"nothing can count"}},
      {"anchor earliest",
       Minimal("enrollment:\n  periods: [{from: 1/1/MY, to: 12/31/MY}]\n  anchor: earliest\n"), 7,
       {"the anchor date cannot be 'earliest'"}},
  };
  for (const ErrorCase& c : cases) ExpectError(c);
}

std::string WithWindow(const std::string& window) {
  return "measure: X\nnumerators:\n  - id: NUM\n    event:\n      value_sets: [A]\n"
         "      window: " +
         window + "\n";
}

TEST(MeasureFileTest, DateWindowAndValueErrors) {
  const ErrorCase cases[] = {
      {"window ends before it starts", WithWindow("{from: 12/31/MY, to: 1/1/MY}"), 6,
       {"the window ends (1/1/MY) before it starts (12/31/MY)", "swap"}},
      {"window across years backwards", WithWindow("{from: 1/1/MY, to: 12/31/MY-1}"), 6,
       {"ends (12/31/MY-1) before it starts (1/1/MY)"}},
      {"birthday window backwards", WithWindow("{from: birthday 13, to: birthday 9}"), 6,
       {"ends (birthday 9) before it starts (birthday 13)"}},
      {"same birthday, offset backwards", WithWindow("{from: birthday 13, to: birthday 13 - 1 day}"),
       6, {"ends (birthday 13 - 1 days)"}},
      {"window ends at earliest", WithWindow("{from: 1/1/MY, to: earliest}"), 6,
       {"cannot run from 1/1/MY to earliest"}},
      {"window without to", WithWindow("{from: 1/1/MY}"), 6, {"has no field 'to'"}},
      {"bad window word", WithWindow("last_year"), 6,
       {"expected MY, prior_year or {from: ..., to: ...}, found 'last_year'"}},
      {"bad date", WithWindow("{from: 13/1/MY, to: 12/31/MY}"), 6,
       {"field 'from' of window of event criterion: bad date '13/1/MY'", "1/1/MY-1"}},
      {"date without MY", WithWindow("{from: 2026-01-01, to: 12/31/MY}"), 6,
       {"date '2026-01-01' does not depend on the measurement year"}},
      {"bad birthday", WithWindow("{from: birthday nine, to: birthday 13}"), 6,
       {"bad birthday 'birthday nine'"}},
      {"bad age as_of", Minimal("age: {as_of: Dec 32 MY, min: 3}\n"), 5,
       {"field 'as_of' of age: bad date"}},
      {"bad CE period date",
       Minimal("enrollment:\n  periods:\n    - {from: 1/1/MY, to: 12/31/MX}\n"), 7,
       {"field 'to' of enrollment period: bad date '12/31/MX'"}},
      {"CE period backwards",
       Minimal("enrollment:\n  periods:\n    - {from: 1/1/MY, to: 12/31/MY-1}\n"), 7,
       {"enrollment period: the window ends"}},
      {"value without operator",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], value: \"4.0\"}\n", 4,
       {"bad value test '4.0'", "< N"}},
      {"value with two operators",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], value: \">> 4\"}\n", 4,
       {"bad value test '>> 4'"}},
      {"value with a word",
       "measure: X\nnumerators:\n  - id: NUM\n    most_recent: {value_sets: [A], value: < nine}\n",
       4, {"field 'value' of most_recent criterion: bad value test '< nine'"}},
      {"a nearby value without a value test",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], value_within_days: 7}\n", 4,
       {"value_within_days", "no value test to take a nearby value for", "add `value:`"}},
      {"a nearby value too far",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A], value: \"> 4\", value_within_days: 400}\n",
       4, {"value_within_days"}},
  };
  for (const ErrorCase& c : cases) ExpectError(c);
}

TEST(MeasureFileTest, IdErrors) {
  const ErrorCase cases[] = {
      {"duplicate id", Minimal("exclusions:\n  - id: NUM\n    death: {}\n"), 6,
       {"id 'NUM' is already used at line 3"}},
      {"duplicate numerator",
       "measure: X\nnumerators:\n  - {id: A, ref: B}\n  - {id: B, age: {min: 1}}\n"
       "  - {id: A, age: {min: 2}}\n",
       5, {"id 'A' is already used at line 3"}},
      {"ref to unknown id",
       "measure: X\nnumerators:\n  - id: NUM\n    all_of:\n      - ref: hospise\n"
       "exclusions:\n  - {id: hospice, death: {}}\n",
       5, {"ref to unknown id 'hospise'", "did you mean 'hospice'?"}},
      {"ref cycle",
       "measure: X\nnumerators:\n  - {id: A, ref: B}\n  - {id: B, not: {ref: A}}\n", 3,
       {"refs go round in a cycle: A -> B -> A"}},
      {"ref to itself", "measure: X\nnumerators:\n  - {id: A, ref: A}\n", 3,
       {"cycle: A -> A"}},
      {"denominator event refs unknown", Minimal("event: {ref: NUMM}\n"), 5,
       {"ref to unknown id 'NUMM'"}},
  };
  for (const ErrorCase& c : cases) ExpectError(c);
}

TEST(MeasureFileTest, YamlSyntaxErrorsCarryLineAndColumn) {
  const ErrorCase cases[] = {
      {"unclosed list", "measure: X\nnumerators:\n  - {id: NUM, event: {value_sets: [A}}\n", 3,
       {"YAML syntax error at column"}},
      {"unquoted > value",
       "measure: X\nnumerators:\n  - id: NUM\n    event: {value_sets: [A]}\n"
       "exclusions:\n  - id: e\n    event:\n      value_sets: [B]\n      value: > 4.0\n",
       9, {"YAML syntax error", "quote text that starts with >"}},
      {"bad indentation", "measure: X\n  name: Y\nnumerators: []\n", 2, {"YAML syntax error"}},
      {"tab", "measure: X\nnumerators:\n\t- id: NUM\n", 3, {"YAML syntax error"}},
      // yaml-cpp 0.7's LoadAll loops forever on these (jbeder/yaml-cpp#1040).
      {"lone comma", ",", 1, {"YAML syntax error at column 1: unexpected ','"}},
      {"comma after a flow list", "[a],", 1, {"YAML syntax error"}},
  };
  for (const ErrorCase& c : cases) ExpectError(c);
}

TEST(MeasureFileTest, EveryProblemIsReportedNotJustTheFirst) {
  Result<MeasureDefinition> result = Read(
      "measure: X\n"
      "sexx: male\n"
      "age: {min: old}\n"
      "numerators:\n"
      "  - {id: NUM, ref: nothing}\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().location().line, 2);
  ASSERT_EQ(result.status().more().size(), 2u) << result.status().ToString();
  EXPECT_NE(result.status().more()[0].find("line 3"), std::string::npos);
  EXPECT_NE(result.status().more()[1].find("ref to unknown id 'nothing'"), std::string::npos);
}

TEST(MeasureFileTest, ReadsEveryCriterionKind) {
  Result<MeasureDefinition> m = Read(
      "measure: X\n"
      "numerators:\n"
      "  - id: EVENT\n"
      "    event:\n"
      "      value_sets: [Outpatient, Telephone Visits]\n"
      "      window: prior_year\n"
      "      count: 2\n"
      "      min_days_apart: 146\n"
      "      value: '>= 7.5'\n"
      "      with: [Essential Hypertension]\n"
      "      age_at_event_min: 9\n"
      "      sources: {claims: true, supplemental: false, emr: false, denied: true}\n"
      "  - id: RECENT\n"
      "    most_recent: {value_sets: [Systolic], value: < 140, missing_passes: true}\n"
      "  - id: ALL\n"
      "    all_of: [{ref: EVENT}, {ref: RECENT}]\n"
      "  - id: ANY\n"
      "    any_of: [{ref: EVENT}, {age: {as_of: 12/31/MY-1, min: 66, max: 80}}]\n"
      "  - id: NOT\n"
      "    not: {ref: ALL}\n");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->numerators.size(), 5u);
  const Criterion& event = m->numerators[0].criterion;
  EXPECT_EQ(event.kind, Criterion::Kind::kEvent);
  EXPECT_EQ(event.value_sets, (std::vector<std::string>{"Outpatient", "Telephone Visits"}));
  EXPECT_EQ(event.window->from.date, "1/1/MY-1");
  EXPECT_EQ(event.count, 2);
  EXPECT_EQ(event.min_days_apart, 146);
  EXPECT_EQ(event.value->op, ValueTest::Op::kGreaterEqual);
  EXPECT_DOUBLE_EQ(event.value->threshold, 7.5);
  EXPECT_EQ(event.value->text, ">= 7.5");
  EXPECT_EQ(event.with_value_sets, std::vector<std::string>{"Essential Hypertension"});
  EXPECT_EQ(event.age_at_event_min, 9);
  EXPECT_TRUE(event.sources.claims);
  EXPECT_FALSE(event.sources.supplemental);
  EXPECT_FALSE(event.sources.emr);
  EXPECT_TRUE(event.sources.include_denied);
  EXPECT_EQ(event.where.line, 5);

  const Criterion& recent = m->numerators[1].criterion;
  EXPECT_EQ(recent.kind, Criterion::Kind::kMostRecent);
  EXPECT_EQ(recent.value->op, ValueTest::Op::kLess);
  EXPECT_DOUBLE_EQ(recent.value->threshold, 140);
  EXPECT_TRUE(recent.missing_passes);
  EXPECT_FALSE(recent.window.has_value());

  const Criterion& all = m->numerators[2].criterion;
  EXPECT_EQ(all.kind, Criterion::Kind::kAllOf);
  ASSERT_EQ(all.children.size(), 2u);
  EXPECT_EQ(all.children[1].kind, Criterion::Kind::kRef);
  EXPECT_EQ(all.children[1].ref, "RECENT");

  const Criterion& any = m->numerators[3].criterion;
  EXPECT_EQ(any.kind, Criterion::Kind::kAnyOf);
  ASSERT_EQ(any.children.size(), 2u);
  const Criterion& age = any.children[1];
  EXPECT_EQ(age.kind, Criterion::Kind::kAge);
  EXPECT_EQ(age.age_as_of, "12/31/MY-1");
  EXPECT_EQ(age.age_min, 66);
  EXPECT_EQ(age.age_max, 80);

  const Criterion& negation = m->numerators[4].criterion;
  EXPECT_EQ(negation.kind, Criterion::Kind::kNot);
  ASSERT_EQ(negation.children.size(), 1u);
  EXPECT_EQ(negation.children[0].ref, "ALL");
}

TEST(MeasureFileTest, ReadsEveryWindowForm) {
  struct Case {
    const char* window;
    WindowEnd::Kind from_kind, to_kind;
    std::string from, to;  // dates, or "birthday N offset" for birthdays
  };
  using K = WindowEnd::Kind;
  const Case cases[] = {
      {"MY", K::kDate, K::kDate, "1/1/MY", "12/31/MY"},
      {"prior_year", K::kDate, K::kDate, "1/1/MY-1", "12/31/MY-1"},
      {"{from: 10/1/MY-2, to: 12/31/MY}", K::kDate, K::kDate, "10/1/MY-2", "12/31/MY"},
      {"{from: earliest, to: 12/31/MY}", K::kEarliest, K::kDate, "", "12/31/MY"},
      {"{from: 1/1/MY, to: latest}", K::kDate, K::kLatest, "1/1/MY", ""},
      {"{from: birthday 9, to: birthday 13}", K::kBirthday, K::kBirthday, "9 0", "13 0"},
      {"{from: birthday 12, to: birthday 13 - 1 day}", K::kBirthday, K::kBirthday, "12 0",
       "13 -1"},
      {"{from: Birthday 2 + 42 days, to: birthday 2+60 days}", K::kBirthday, K::kBirthday,
       "2 42", "2 60"},
      {"{from: birthday 0, to: 12/31/MY}", K::kBirthday, K::kDate, "0 0", "12/31/MY"},
  };
  auto text = [](const WindowEnd& end) {
    return end.kind == K::kBirthday ? std::to_string(end.birthday) + " " +
                                          std::to_string(end.offset_days)
                                    : end.date;
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.window);
    Result<MeasureDefinition> m = Read(WithWindow(c.window));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    const WindowSpec& window = *m->numerators[0].criterion.window;
    EXPECT_EQ(window.from.kind, c.from_kind);
    EXPECT_EQ(window.to.kind, c.to_kind);
    EXPECT_EQ(text(window.from), c.from);
    EXPECT_EQ(text(window.to), c.to);
    EXPECT_EQ(window.where.line, 6);
  }
}

TEST(MeasureFileTest, ReadsBandsEnrollmentAndBuiltIns) {
  Result<MeasureDefinition> m = Read(Minimal(
      "bands:\n"
      "  - {id: 1, min: 3, max: 11}\n"
      "  - {id: 2, min: 12, max: 17}\n"
      "event: {event: {value_sets: [Outpatient]}}\n"
      "enrollment:\n"
      "  periods:\n"
      "    - {from: birthday 12, to: birthday 13, medicaid_max_gap_months: 1}\n"
      "  anchor: birthday 13\n"
      "exclusions:\n"
      "  - id: hospice\n"
      "    monthly_hospice_flag: true\n"
      "    window: prior_year\n"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->bands.size(), 2u);
  EXPECT_EQ(m->bands[1].id, 2);
  EXPECT_EQ(m->bands[1].min, 12);
  EXPECT_EQ(m->bands[1].max, 17);
  ASSERT_TRUE(m->event.has_value());
  EXPECT_EQ(m->event->value_sets, std::vector<std::string>{"Outpatient"});
  const CePeriod& period = m->enrollment.periods.at(0);
  EXPECT_EQ(period.window.from.birthday, 12);
  EXPECT_EQ(period.max_gaps, 1);
  EXPECT_EQ(period.max_gap_days, 45);
  EXPECT_EQ(period.medicaid_max_gap_months, 1);
  EXPECT_EQ(m->enrollment.anchor->kind, WindowEnd::Kind::kBirthday);
  EXPECT_EQ(m->enrollment.benefits, std::vector<std::string>{"medical"});
  const Exclusion& hospice = m->exclusions.at(0);
  EXPECT_FALSE(hospice.has_criterion);
  EXPECT_TRUE(hospice.monthly_hospice_flag);
  EXPECT_FALSE(hospice.enrollment_hospice_flag);
  EXPECT_EQ(hospice.window->from.date, "1/1/MY-1");
}

TEST(MeasureFileTest, DefaultsWhenOptionalPartsAreLeftOut) {
  Result<MeasureDefinition> m = Read(Minimal());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->id, "X");
  EXPECT_FALSE(m->inverse);
  EXPECT_TRUE(m->product_ids.empty());
  EXPECT_TRUE(m->product_lines.empty());
  EXPECT_EQ(m->age_min, 0);
  EXPECT_EQ(m->age_max, 200);
  EXPECT_EQ(m->sex, "");
  EXPECT_TRUE(m->enrollment.periods.empty());
  EXPECT_FALSE(m->enrollment.anchor.has_value());
  EXPECT_TRUE(m->enrollment.benefits.empty());  // no enrollment: BE=1
  EXPECT_FALSE(m->event.has_value());
  EXPECT_FALSE(m->numerators[0].criterion.window.has_value());  // the MY, by compile's default
}

// A draft's `review:` list (docs/measure-drafting.md) is read and ignored; anything but a list of
// strings is still an error.
TEST(MeasureFileTest, ReviewListIsAcceptedAndIgnored) {
  Result<MeasureDefinition> empty = Read(Minimal("review: []\n"));
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  Result<MeasureDefinition> notes =
      Read(Minimal("review:\n  - \"ages: no 'as of' date; 12/31/MY assumed\"\n  - check hospice\n"));
  ASSERT_TRUE(notes.ok()) << notes.status().ToString();
  EXPECT_EQ(notes->numerators.size(), 1u);
  Result<MeasureDefinition> map = Read(Minimal("review: {ages: unclear}\n"));
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().message().find("review"), std::string::npos) << map.status().ToString();
}

TEST(MeasureFileTest, ParseValueTest) {
  struct Case {
    const char* text;
    ValueTest::Op op;
    double threshold;
  };
  const Case good[] = {{"< 140", ValueTest::Op::kLess, 140},
                       {"<=8", ValueTest::Op::kLessEqual, 8},
                       {" > 4.0 ", ValueTest::Op::kGreater, 4.0},
                       {">= -1.5", ValueTest::Op::kGreaterEqual, -1.5},
                       {"= 0", ValueTest::Op::kEqual, 0}};
  for (const Case& c : good) {
    Result<ValueTest> test = ParseValueTest(c.text);
    ASSERT_TRUE(test.ok()) << c.text << ": " << test.status().ToString();
    EXPECT_EQ(test->op, c.op) << c.text;
    EXPECT_DOUBLE_EQ(test->threshold, c.threshold) << c.text;
  }
  for (const char* bad : {"", "<", "4", "=< 4", "< 4 mg", "< nan", "< inf", "! 4", "<< 4"}) {
    EXPECT_FALSE(ParseValueTest(bad).ok()) << bad;
  }
}

TEST(MeasureFileTest, ReadMeasureFileErrors) {
  hm::testing::TempDir dir;
  Result<MeasureDefinition> missing = ReadMeasureFile(dir.File("nope.yaml"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("nope.yaml"), std::string::npos);

  const std::string bad = dir.Write("bad.yaml", "measure: X\nnumerators: [{id: N, reff: N}]\n");
  Result<MeasureDefinition> result = ReadMeasureFile(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().location().file, bad);
  EXPECT_EQ(result.status().location().line, 2);

  const std::string huge = dir.Write("huge.yaml", std::string(kMaxMeasureFileBytes + 1, '#'));
  EXPECT_EQ(ReadMeasureFile(huge).status().code(), StatusCode::kLimitExceeded);
}

TEST(MeasureFileTest, AliasesAndNestingCannotBlowUp) {
  // Ten levels of ten-fold aliases name 10^10 criteria in a few hundred bytes.
  std::string yaml = "measure: X\nnumerators:\n  - id: NUM\n    any_of:\n";
  yaml += "      - &c0 {event: {value_sets: [A]}}\n";
  for (int level = 1; level <= 10; ++level) {
    std::string item = "*c" + std::to_string(level - 1);
    yaml += "      - &c" + std::to_string(level) + " {any_of: [" + item;
    for (int i = 1; i < 10; ++i) yaml += ", " + item;
    yaml += "]}\n";
  }
  Result<MeasureDefinition> bomb = Read(yaml);
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.status().code(), StatusCode::kLimitExceeded) << bomb.status().ToString();

  std::string deep = "measure: X\nnumerators:\n  - id: NUM\n    ";
  for (int i = 0; i < 40; ++i) deep += "not: {";
  deep += "ref: NUM" + std::string(40, '}') + "\n";
  Result<MeasureDefinition> nested = Read(deep);
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("nested more than"), std::string::npos)
      << nested.status().ToString();

  const std::string brackets = "measure: X\nnumerators: " + std::string(100000, '[') + "\n";
  EXPECT_FALSE(Read(brackets).ok());
}

// Mangled input of every kind gives a value or an error with a message, never a crash.
void ExpectNoCrash(const std::string& yaml) {
  Result<MeasureDefinition> result = Read(yaml);
  if (!result.ok()) {
    EXPECT_FALSE(result.status().message().empty());
  }
}

TEST(MeasureFileTest, MangledInputNeverCrashes) {
  Result<std::string> psa = util::ReadFile(PsaPath());
  ASSERT_TRUE(psa.ok()) << psa.status().ToString();
  for (std::size_t size = 0; size < psa->size(); size += 7) ExpectNoCrash(psa->substr(0, size));

  std::mt19937 random(20260315);
  for (int i = 0; i < 3000; ++i) {
    std::string mutated = *psa;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      mutated[random() % mutated.size()] = static_cast<char>(random() % 256);
    }
    ExpectNoCrash(mutated);
  }
  for (int i = 0; i < 500; ++i) {
    std::string bytes(random() % 200, '\0');
    for (char& c : bytes) c = static_cast<char>(random() % 256);
    ExpectNoCrash(bytes);
  }
}

}  // namespace
}  // namespace hm::measure
