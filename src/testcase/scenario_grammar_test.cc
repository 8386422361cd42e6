// Tests of the scenario grammar (ReadScenarioText): the declarative cases in
// test/cases/scenario/*.test, then GoogleTest cases for spans, arbitrary bytes and value-set
// matching against a VSD the test writes.
//
// Case file format (one or more cases per file; '#' lines outside "input:" are comments):
//
//   name: gender code in parentheses       starts a case; the name is printed on failure
//   my: 2026                               optional measurement year (default 2026)
//   known_gap: "(M)" is not read ...       optional: the grammar does not yet read the case as a QA
//                                          analyst means it. The case is kept as written (what it
//                                          SHOULD give) and skipped, counted and printed by
//                                          ScenarioGrammarFiles.KnownGaps; when it starts passing
//                                          that test fails so the line is removed.
//   input:                                 every line up to "expect:" is the scenario text,
//   Verify, if a member is (M)             verbatim, joined with "\n"
//   expect:                                the WHOLE reading, one line each, in any order:
//   gender: Gender=M                         a fact: FactKindName, ": ", Describe(fact, my)
//   unparsed: junk here                      an unparsed fragment's text
//   assumed: read '...' as ...               an assumption, verbatim
//   attention: ...                           an attention line, verbatim
//
// A case ends at the next "name:" line or at the end of the file. Blank lines in "expect:" are
// ignored. Facts are compared as a multiset (their order is the grammar's reading order, not part
// of the meaning); fragments, assumptions and attention lines in order.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <variant>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hedis_mockup/testcases.h"
#include "hedis_mockup/value_sets.h"
#include "testcase/value_set_match.h"
#include "testing/case_file.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

constexpr int kMy = 2026;

struct FileCase {
  std::string file;
  std::string name;
  int line = 0;  // of "name:"
  int my = kMy;
  std::string known_gap;
  std::string input;
  std::vector<std::string> facts, unparsed, assumed, attention;
};

std::vector<FileCase> ReadCases(const std::filesystem::path& path, std::string* error) {
  std::vector<FileCase> cases;
  for (const testing::CaseBlock& block : testing::ReadCaseFile(path, {"my", "known_gap"}, error)) {
    FileCase c;
    c.file = block.file;
    c.name = block.name;
    c.line = block.line;
    if (auto my = block.header.find("my"); my != block.header.end()) c.my = std::stoi(my->second);
    if (auto gap = block.header.find("known_gap"); gap != block.header.end()) c.known_gap = gap->second;
    c.input = block.input;
    for (const std::string& line : block.expect) {
      const auto colon = line.find(": ");
      if (colon == std::string::npos) {
        *error = path.string() + ":" + std::to_string(block.line) + " (" + block.name +
                 "): expected '<kind>: <text>', found '" + line + "'";
        return {};
      }
      const std::string head = line.substr(0, colon), rest = line.substr(colon + 2);
      if (head == "unparsed") c.unparsed.push_back(rest);
      else if (head == "assumed") c.assumed.push_back(rest);
      else if (head == "attention") c.attention.push_back(rest);
      else c.facts.push_back(line);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<FileCase> AllCases(std::string* error) {
  const std::filesystem::path dir =
      std::filesystem::path(hm::testing::SourceDir()) / "test" / "cases" / "scenario";
  if (!std::filesystem::is_directory(dir)) {
    *error = "no folder " + dir.string() + " (is HM_SOURCE_DIR set?)";
    return {};
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<FileCase> all;
  for (const auto& file : files) {
    std::vector<FileCase> cases = ReadCases(file, error);
    if (!error->empty()) return {};
    if (cases.empty()) {
      *error = file.string() + " holds no case";
      return {};
    }
    for (FileCase& c : cases) all.push_back(std::move(c));
  }
  return all;
}

// What a case reads to, in the case-file words.
struct Outcome {
  std::vector<std::string> facts, unparsed, assumed, attention;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome Read(const std::string& text, int my) {
  TestCaseOptions options;
  options.measurement_year = my;
  const TextReading r = ReadScenarioText(text, options);
  Outcome out;
  for (const Fact& f : r.facts) {
    out.facts.push_back(std::string(FactKindName(f.body)) + ": " + Describe(f.body, my));
  }
  std::sort(out.facts.begin(), out.facts.end());
  for (const Fragment& f : r.unparsed) out.unparsed.push_back(f.text);
  out.assumed = r.assumptions;
  out.attention = r.attention;
  return out;
}

Outcome Wanted(const FileCase& c) {
  Outcome want{c.facts, c.unparsed, c.assumed, c.attention};
  std::sort(want.facts.begin(), want.facts.end());
  return want;
}

// The outcome as case-file lines, to compare by eye or paste.
std::string Show(const Outcome& o) {
  std::string out;
  for (const std::string& l : o.facts) out += "\n    " + l;
  for (const std::string& l : o.unparsed) out += "\n    unparsed: " + l;
  for (const std::string& l : o.assumed) out += "\n    assumed: " + l;
  for (const std::string& l : o.attention) out += "\n    attention: " + l;
  return out.empty() ? " (nothing)" : out;
}

std::string Where(const FileCase& c) {
  return c.file + ":" + std::to_string(c.line) + " (" + c.name + ")";
}

// Spans must hold what they claim, whatever the reading.
void CheckSpans(const std::string& text, int my) {
  TestCaseOptions options;
  options.measurement_year = my;
  const TextReading r = ReadScenarioText(text, options);
  for (const Fact& f : r.facts) {
    EXPECT_LT(f.begin, f.end) << FactKindName(f.body);
    EXPECT_LE(f.end, text.size()) << FactKindName(f.body);
  }
  for (const Fragment& f : r.unparsed) {
    ASSERT_LE(f.end, text.size());
    EXPECT_EQ(text.substr(f.begin, f.end - f.begin), f.text);
  }
}

TEST(ScenarioGrammarFiles, AllCasesPass) {
  std::string error;
  const std::vector<FileCase> cases = AllCases(&error);
  ASSERT_TRUE(error.empty()) << error;
  int run = 0;
  for (const FileCase& c : cases) {
    if (!c.known_gap.empty()) continue;
    ++run;
    SCOPED_TRACE(Where(c));
    const Outcome got = Read(c.input, c.my);
    const Outcome want = Wanted(c);
    EXPECT_TRUE(got == want) << "input:\n" << c.input << "\n  got" << Show(got) << "\n  want"
                         << Show(want);
    CheckSpans(c.input, c.my);
  }
  EXPECT_GE(run, 60) << "fewer declarative cases than written: a file failed to load?";
}

// Cases marked known_gap: what QA means and the grammar does not read yet. Skipped, but each is
// printed with what it reads to now, so the gaps stay visible. A gap that closes fails here, so
// that its known_gap line is removed and the case guards the fix.
TEST(ScenarioGrammarFiles, KnownGaps) {
  std::string error;
  const std::vector<FileCase> cases = AllCases(&error);
  ASSERT_TRUE(error.empty()) << error;
  int gaps = 0;
  for (const FileCase& c : cases) {
    if (c.known_gap.empty()) continue;
    ++gaps;
    const Outcome got = Read(c.input, c.my);
    const Outcome want = Wanted(c);
    EXPECT_FALSE(got == want) << Where(c) << " passes now: remove its 'known_gap:' line";
    CheckSpans(c.input, c.my);
    std::cout << "[ KNOWN GAP ] " << Where(c) << ": " << c.known_gap << "\n  input: " << c.input
              << "\n  got" << Show(got) << "\n  want" << Show(want) << "\n";
  }
  if (gaps > 0) GTEST_SKIP() << gaps << " scenario case(s) marked known_gap (printed above)";
}

// ---------------------------------------------------------------------------------------------
// Spans, arbitrary bytes, long input.

TextReading ReadText(std::string_view text, const ValueSetDirectory* vsd = nullptr) {
  TestCaseOptions options;
  options.measurement_year = kMy;
  options.vsd = vsd;
  return ReadScenarioText(text, options);
}

std::string SpanOf(const std::string& text, const Fact& f) {
  return text.substr(f.begin, f.end - f.begin);
}

// Skips with the gap's description while the grammar does not do what QA means (see the file
// header: known gaps stay visible); passes once it does.
#define HM_KNOWN_GAP(holds, why) \
  if (!(holds)) GTEST_SKIP() << "known gap: " << why

TEST(ScenarioGrammarTest, FactAndFragmentSpansPointAtTheirBytes) {
  const std::string text =
      "Verify, if a member is (male) 70 years as of December 31 of the measurement year.\n"
      "CE:\r\n"
      "1/1/MY-1 TO 12/31/MY --prod id 11\n"
      "  likes purple elephants  \n"
      "Hospice Intervention Value Set: 12/31/MY -- Suppl\n"
      "RACE_CODE_1: 2126-1";
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), 5u) << Show(Outcome{});
  std::map<std::string, std::string> spans;
  for (const Fact& f : r.facts) {
    EXPECT_EQ(f.provenance, Provenance::kText);
    spans[std::string(FactKindName(f.body))] = SpanOf(text, f);
  }
  EXPECT_EQ(spans["gender"], "(male)");
  EXPECT_EQ(spans["age"], "70 years as of December 31 of the measurement year");
  EXPECT_EQ(spans["enrollment"], "1/1/MY-1 TO 12/31/MY");
  EXPECT_EQ(spans["field"], "RACE_CODE_1: 2126-1");
  EXPECT_TRUE(spans["event"].starts_with("Hospice Intervention Value Set")) << spans["event"];
  ASSERT_EQ(r.unparsed.size(), 1u);
  EXPECT_EQ(r.unparsed[0].text, "likes purple elephants");
  EXPECT_EQ(r.unparsed[0].begin, text.find("likes"));
  EXPECT_EQ(r.unparsed[0].end, text.find("elephants") + 9);
}

TEST(ScenarioGrammarTest, EventSpanCoversTheDatesItRead) {
  const std::string text = "Hospice Intervention Value Set: 12/31/MY";
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), 1u);
  HM_KNOWN_GAP(SpanOf(text, r.facts[0]) == text,
               "an event's span ends at its name ('" << SpanOf(text, r.facts[0])
               << "'), not at the date it read, so a reviewer highlighting the span misses it");
}

TEST(ScenarioGrammarTest, NbspIsSpaceAndDashesAreDashes) {
  const std::string text = "\xC2\xA0(male)\xC2\xA0\n1/1/MY \xE2\x80\x93 12/31/MY";  // an en dash
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), 2u);
  EXPECT_EQ(SpanOf(text, r.facts[0]), "(male)");
  EXPECT_EQ(Describe(r.facts[1].body, kMy), "Enrollment: 1/1/MY to 12/31/MY");
  EXPECT_TRUE(r.unparsed.empty());
}

TEST(ScenarioGrammarTest, NonAsciiWordsAreReportedWhole) {
  const std::string text = "(male) \xC3\xA9t\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80";
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), 1u);
  CheckSpans(text, kMy);
  const std::string got = r.unparsed.empty() ? "(none)" : r.unparsed[0].text;
  HM_KNOWN_GAP(r.unparsed.size() == 1 && got == "\xC3\xA9t\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80",
               "non-ASCII bytes are symbols and symbols are filler, so 'été ✓ 😀' is reported "
               "as the fragment '" << got << "' and a line of only non-ASCII text is dropped "
               "silently");
}

void CheckAnyReading(const std::string& text) {
  const TextReading r = ReadText(text);
  for (const Fact& f : r.facts) {
    ASSERT_LE(f.begin, f.end);
    ASSERT_LE(f.end, text.size());
  }
  std::size_t previous_end = 0;
  for (const Fragment& f : r.unparsed) {
    ASSERT_LT(f.begin, f.end);
    ASSERT_LE(f.end, text.size());
    ASSERT_GE(f.begin, previous_end) << "fragments overlap or are out of order";
    ASSERT_EQ(text.substr(f.begin, f.end - f.begin), f.text);
    previous_end = f.end;
  }
}

TEST(ScenarioGrammarTest, ArbitraryBytesNeverCrash) {
  // Pieces of the grammar's words, so the random texts reach deep into the productions.
  static const char* const kPieces[] = {
      "Value Set", ":", "-", "--", "12/31/MY", "1/1/MY-1", "to", " ", "\n", "(", ")", "=", "M",
      "male", "Gender", "years as of", "gap of", "2", "45", "days", "Plan", "Plan1", "prod id",
      "Product_id", "&", "BEN_MEDICAL", "'Y'", "Suppl", "Denied", "CE", "AD", "BE", "V2", "CPT",
      "LAB_VALUE", "NULL", "Hospice", "Rundate", "DISCH_STATUS", "serv_dt", "from", "visit_in",
      "with", "only", "benefit", "not", "enrolled", "on", "Numerator", "compliant", "\xC2\xA0",
      "\xE2\x80\x93", "\xE2\x80", "\xF0", std::string_view("\0", 1).data(), "Age Range",
      "3-11", "17+", "DOB", "deceased", "Exact", "Medications List", "5", "\r", "result >4",
      "(PCP - 1,9", "Imputed Code Used:", "00054039513", "LOINC CODE: no code"};
  unsigned state = 20260101;
  const auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(next() % 30);
    for (int i = 0; i < length; ++i) {
      if (next() % 5 == 0) {
        text += static_cast<char>(next() & 0xFF);  // any byte, NUL and invalid UTF-8 included
      } else {
        text += kPieces[next() % std::size(kPieces)];
        if (next() % 2) text += ' ';
      }
    }
    SCOPED_TRACE(::testing::PrintToString(text));
    CheckAnyReading(text);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(ScenarioGrammarTest, NulBytesAreText) {
  const std::string text("(male)\0\0 junk\0here", 20);
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(FactKindName(r.facts[0].body), "gender");
  CheckAnyReading(text);
  EXPECT_FALSE(r.unparsed.empty());
}

TEST(ScenarioGrammarTest, VeryLongInputIsReadWhole) {
  constexpr int kLines = 5000;
  std::string text;
  for (int i = 0; i < kLines; ++i) text += "Hospice Intervention Value Set: 12/31/MY -- Suppl\n";
  text += std::string(200000, 'x') + "\n";                   // one very long word
  for (int i = 0; i < 20000; ++i) text += "lorem ipsum ";     // one very long line of words
  for (int i = 0; i < 20000; ++i) text += "12/31/MY ";        // and of dates
  const TextReading r = ReadText(text);
  ASSERT_EQ(r.facts.size(), static_cast<std::size_t>(kLines));
  for (const Fact& f : r.facts) {
    const auto* event = std::get_if<EventFact>(&f.body);
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(event->source, StatedSource::kSupplemental);
  }
  ASSERT_GE(r.unparsed.size(), 2u);
  EXPECT_EQ(r.unparsed[0].text.size(), 200000u);
  CheckAnyReading(text);
}

// ---------------------------------------------------------------------------------------------
// Value-set names against a VSD the test writes.

const char* kVsdCodes =
    "Value Set Name,Value Set OID,Value Set Version,Code,Definition,Code System,Code System OID,"
    "Code System Version\n"
    "PSA Lab Test,2.999.1,2026,84153,Total PSA,CPT,2.16.840.1.113883.6.12,2026\n"
    "Hospice Intervention,2.999.2,2026,183919006,Hospice care,SNOMEDCT,x,2026\n"
    "5 Alpha Reductase Inhibitor Medications,2.999.3,2026,00054039513,Finasteride,NDC,x,2026\n"
    "Outpatient,2.999.4,2026,99203,Office visit,CPT,2.16.840.1.113883.6.12,2026\n"
    "Inpatient Stay,2.999.5,2026,0100,Room and board,UBREV,x,2026\n";

const char* kVsdMeasures =
    "Measure ID,Measure Name,Value Set Name,Value Set OID\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,PSA Lab Test,2.999.1\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,Hospice Intervention,2.999.2\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,"
    "5 Alpha Reductase Inhibitor Medications,2.999.3\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,Outpatient,2.999.4\n"
    "PSA,Non-Recommended PSA-Based Screening in Older Men,Inpatient Stay,2.999.5\n";

class ScenarioVsdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("vsd/value_sets_to_codes.csv", kVsdCodes);
    dir_.Write("vsd/measures_to_value_sets.csv", kVsdMeasures);
    VsdLoadOptions options;
    options.cache_dir = dir_.File("cache");
    auto vsd = ValueSetDirectory::Load({dir_.File("vsd")}, options);
    ASSERT_TRUE(vsd.ok()) << vsd.status().ToString();
    vsd_ = std::make_unique<ValueSetDirectory>(std::move(*vsd));
  }

  // The one event the text must read to.
  EventFact OneEvent(const TextReading& r) {
    EXPECT_EQ(r.facts.size(), 1u);
    EXPECT_TRUE(r.unparsed.empty());
    if (r.facts.empty() || !std::holds_alternative<EventFact>(r.facts[0].body)) return {};
    return std::get<EventFact>(r.facts[0].body);
  }

  hm::testing::TempDir dir_;
  std::unique_ptr<ValueSetDirectory> vsd_;
};

TEST_F(ScenarioVsdTest, ExactNameIsMatchedWithoutComment) {
  for (const char* text : {"PSA Lab Test Value Set: 3/15/MY", "psa lab-test value set: 3/15/MY",
                           "Hospice Intervention Value Set:- 12/31/MY"}) {
    SCOPED_TRACE(text);
    const TextReading r = ReadText(text, vsd_.get());
    const EventFact event = OneEvent(r);
    EXPECT_FALSE(event.matched.empty());
    EXPECT_TRUE(event.matched == "PSA Lab Test" || event.matched == "Hospice Intervention")
        << event.matched;
    EXPECT_TRUE(r.assumptions.empty()) << r.assumptions.front();
    EXPECT_TRUE(r.attention.empty()) << r.attention.front();
  }
}

TEST_F(ScenarioVsdTest, PluralIsMatched) {
  const TextReading r = ReadText("PSA Lab Tests Value Set: 3/15/MY", vsd_.get());
  const EventFact event = OneEvent(r);
  EXPECT_EQ(event.value_set, "PSA Lab Tests") << "the name is kept as written";
  EXPECT_EQ(event.matched, "PSA Lab Test");
  EXPECT_TRUE(r.attention.empty());
}

TEST_F(ScenarioVsdTest, PluralMatchIsListedAsAnAssumption) {
  // testcases.h gives "read 'PSA Lab Tests' as the value set 'PSA Lab Test'" as the example of an
  // assumption, and the issue asks that every fuzzy match be reported.
  const TextReading r = ReadText("PSA Lab Tests Value Set: 3/15/MY", vsd_.get());
  HM_KNOWN_GAP(r.assumptions.size() == 1 &&
                   r.assumptions[0].find("'PSA Lab Test'") != std::string::npos,
               "a plural match (ValueSetMatch::kAlias) is not listed as an assumption, although "
               "Scenario::assumptions in testcases.h gives exactly this as its example; "
               "value_set_match.h says only kFuzzy is listed. The docs disagree.");
}

TEST_F(ScenarioVsdTest, AbbreviationIsMatched) {
  for (const char* text : {"5-ARI Medications List: 6/1/MY", "5 ARI Medications List: 6/1/MY"}) {
    SCOPED_TRACE(text);
    const TextReading r = ReadText(text, vsd_.get());
    const EventFact event = OneEvent(r);
    EXPECT_EQ(event.matched, "5 Alpha Reductase Inhibitor Medications");
    EXPECT_TRUE(r.attention.empty()) << r.attention.front();
  }
}

TEST_F(ScenarioVsdTest, MisspeltNameIsAFuzzyMatchListedAsAnAssumption) {
  const TextReading r = ReadText("Hospice Interventon Value Set: 12/31/MY", vsd_.get());
  const EventFact event = OneEvent(r);
  EXPECT_EQ(event.matched, "Hospice Intervention");
  ASSERT_EQ(r.assumptions.size(), 1u);
  EXPECT_EQ(r.assumptions[0],
            "read 'Hospice Interventon' as the value set 'Hospice Intervention' (the closest "
            "name in the VSD)");
  EXPECT_TRUE(r.attention.empty());
}

TEST_F(ScenarioVsdTest, UnknownNameNeedsAttentionWithSuggestions) {
  const TextReading r = ReadText("Hospice Intervention Encounter Value Set: 12/31/MY", vsd_.get());
  const EventFact event = OneEvent(r);
  EXPECT_TRUE(event.matched.empty());
  EXPECT_EQ(event.value_set, "Hospice Intervention Encounter");
  ASSERT_EQ(r.attention.size(), 1u);
  EXPECT_TRUE(r.attention[0].starts_with(
      "value set 'Hospice Intervention Encounter' is not in the VSD: "))
      << r.attention[0];
  const auto suggestions = vsd_->Suggest("Hospice Intervention Encounter");
  if (suggestions.empty()) {
    EXPECT_NE(r.attention[0].find("hedis-mockup vsd info"), std::string::npos) << r.attention[0];
  } else {
    EXPECT_NE(r.attention[0].find("did you mean '" + suggestions[0] + "'"), std::string::npos)
        << r.attention[0];
  }
  EXPECT_NE(r.attention[0].find("did you mean 'Hospice Intervention'"), std::string::npos)
      << "the close name should be suggested: " << r.attention[0];
}

TEST_F(ScenarioVsdTest, FarNameNeedsAttentionAndNothingIsAssumed) {
  const TextReading r = ReadText("Zebra Crossing Value Set: 1/1/MY", vsd_.get());
  const EventFact event = OneEvent(r);
  EXPECT_TRUE(event.matched.empty());
  ASSERT_EQ(r.attention.size(), 1u);
  EXPECT_TRUE(r.attention[0].starts_with("value set 'Zebra Crossing' is not in the VSD"));
  EXPECT_TRUE(r.assumptions.empty());
}

// A pinned code the named set holds is fine; one it does not hold needs attention, named once.
TEST_F(ScenarioVsdTest, PinnedCodesOutsideTheirValueSetNeedAttention) {
  const TextReading in = ReadText("5-ARI Medications List: 1/1/MY (NDC code: 00054039513 from RX_IN)", vsd_.get());
  std::vector<std::string> attention;
  testcase::CheckPinnedCodes(in.facts, *vsd_, attention);
  EXPECT_TRUE(attention.empty()) << attention.front();

  const TextReading out = ReadText(
      "5-ARI Medications List: 1/1/MY (NDC code: 00000000001 from RX_IN) "
      "5-ARI Medications List: 12/31/MY (NDC code: 00000000001 from RX_IN)", vsd_.get());
  testcase::CheckPinnedCodes(out.facts, *vsd_, attention);
  ASSERT_EQ(attention.size(), 1u);
  EXPECT_NE(attention[0].find("00000000001"), std::string::npos) << attention[0];
  EXPECT_NE(attention[0].find("5 Alpha Reductase Inhibitor Medications"), std::string::npos) << attention[0];
}

// A flag column or a short name names a value set by its key words: the one shortest name holding
// every word, as an assumption; none when no name holds them all.
TEST_F(ScenarioVsdTest, KeyWordsNameTheShortestValueSetHoldingThem) {
  const testcase::ValueSetMatch psa = testcase::MatchValueSet("PSA TEST", *vsd_);
  EXPECT_EQ(psa.kind, testcase::ValueSetMatch::Kind::kFuzzy);
  EXPECT_EQ(psa.name, "PSA Lab Test");
  EXPECT_EQ(testcase::MatchValueSet("HOSPICE", *vsd_).name, "Hospice Intervention");
  EXPECT_EQ(testcase::MatchValueSet("Inpatient Stays VS", *vsd_).name, "Inpatient Stay");
  const testcase::ValueSetMatch none = testcase::MatchValueSet("Outpatient Hospice", *vsd_);
  EXPECT_EQ(none.kind, testcase::ValueSetMatch::Kind::kNone);
}

TEST_F(ScenarioVsdTest, WithoutAVsdNothingIsMatchedOrReported) {
  const TextReading r = ReadText("Zebra Crossing Value Set: 1/1/MY");
  const EventFact event = OneEvent(r);
  EXPECT_TRUE(event.matched.empty());
  EXPECT_TRUE(r.attention.empty());
  EXPECT_TRUE(r.assumptions.empty());
}

}  // namespace
}  // namespace hm
