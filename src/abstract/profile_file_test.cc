// Reading timeline profiles: the shipped ones load; every mistake is reported with its line.
#include <gtest/gtest.h>

#include <string>

#include "abstract/profile_file.h"
#include "hedis_mockup/abstract.h"

namespace hm {
namespace {

constexpr const char* kMinimal = R"(profile: mini
patient_key: pid
sources:
  - name: dx
    view: v_dx
    events:
      - type: diagnosis
        date: dx_date
anchor:
  code_prefixes: [C71]
  preference: [problem_list]
  evidence:
    - kind: problem_list
      source: dx
      date: dx_date
      code: code
)";

TEST(ProfileFileTest, ShippedProfilesLoad) {
  EXPECT_EQ(ShippedProfileNames(), (std::vector<std::string>{"hedis", "oncology"}));
  for (const std::string& name : ShippedProfileNames()) {
    const Result<TimelineProfile> profile = LoadTimelineProfile(name);
    ASSERT_TRUE(profile.ok()) << name << ": " << profile.status().ToString();
    EXPECT_EQ(profile->name, name);
    EXPECT_EQ(profile->sources.size(), 6u) << name;
  }
  const TimelineProfile oncology = *LoadTimelineProfile("oncology");
  EXPECT_EQ(oncology.patient_key, "patient_fhir_id");
  EXPECT_EQ(oncology.anchor.preference,
            (std::vector<std::string>{"pathology", "problem_list", "imaging"}));
  EXPECT_EQ(oncology.Find("imaging")->view, "v_imaging");
}

TEST(ProfileFileTest, MinimalProfileReads) {
  const Result<TimelineProfile> profile = ReadTimelineProfile(kMinimal, "mini.yaml");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(profile->sources[0].events[0].date_column, "dx_date");
  EXPECT_FALSE(profile->anchor.evidence[0].match_any);
}

struct BadCase {
  std::string name;
  std::string from, to;  // replaced in kMinimal
  std::string expected;  // in the error text
};

TEST(ProfileFileTest, MistakesAreReportedWithTheirLine) {
  const BadCase cases[] = {
      {"unknown field", "    view: v_dx\n", "    view: v_dx\n    requried: true\n",
       "mini.yaml: line 6: unknown field 'requried' in source 1; known: name, view, sql, "
       "required, events; did you mean 'required'?"},
      {"view with SQL", "view: v_dx", "view: v_dx; DROP TABLE x", "is not a view name"},
      {"view and sql", "    view: v_dx\n", "    view: v_dx\n    sql: SELECT 1 WHERE $1\n",
       "needs exactly one of 'view' and 'sql'"},
      {"sql without $1", "    view: v_dx\n", "    sql: SELECT * FROM t\n", "does not use $1"},
      {"event without date", "        date: dx_date\n", "", "has no field 'date'"},
      {"event without type", "      - type: diagnosis\n        date", "      - date",
       "neither 'type' nor 'type_column'"},
      {"evidence of unknown source", "      source: dx\n", "      source: nope\n",
       "names source 'nope'"},
      {"kind not in preference", "preference: [problem_list]", "preference: [other]",
       "not in the anchor's preference order"},
      {"bad match", "      code: code\n", "      code: code\n      match: maybe\n",
       "neither 'diagnosis' nor 'any'"},
      {"no recognition", "  code_prefixes: [C71]\n", "", "no 'code_prefixes' or 'name_keywords'"},
      {"patient key", "patient_key: pid", "patient_key: \"pid; --\"", "is not a column name"},
  };
  for (const BadCase& c : cases) {
    std::string text = kMinimal;
    const std::size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.name;
    text.replace(at, c.from.size(), c.to);
    const Result<TimelineProfile> profile = ReadTimelineProfile(text, "mini.yaml");
    ASSERT_FALSE(profile.ok()) << c.name;
    EXPECT_EQ(profile.status().code(), StatusCode::kInvalidInput) << c.name;
    EXPECT_NE(profile.status().ToString().find(c.expected), std::string::npos)
        << c.name << ": " << profile.status().ToString();
  }
}

TEST(ProfileFileTest, AllProblemsOfOneFileAreReported) {
  std::string text = kMinimal;
  text.replace(text.find("    view: v_dx\n"), 15, "    viewx: v_dx\n    colour: red\n");
  const Result<TimelineProfile> profile = ReadTimelineProfile(text, "mini.yaml");
  ASSERT_FALSE(profile.ok());
  EXPECT_GE(profile.status().more().size(), 2u) << profile.status().ToString();
}

TEST(ProfileFileTest, SyntaxErrorsAndUnknownNames) {
  EXPECT_FALSE(ReadTimelineProfile("profile: [", "x.yaml").ok());
  EXPECT_FALSE(ReadTimelineProfile("", "x.yaml").ok());
  EXPECT_FALSE(ReadTimelineProfile("- a\n- b\n", "x.yaml").ok());
  const Result<TimelineProfile> missing = LoadTimelineProfile("no-such-profile");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().ToString().find("hedis, oncology"), std::string::npos);
}

TEST(ProfileFileTest, SqlNames) {
  for (const char* good : {"v_imaging", "MEMBER_IN", "warehouse.v_imaging", "_x1"}) {
    EXPECT_TRUE(abstract::IsSqlName(good)) << good;
  }
  for (const char* bad : {"", "1abc", "a b", "a;", "a.", ".a", "a..b", "\"a\"", "a-b"}) {
    EXPECT_FALSE(abstract::IsSqlName(bad)) << bad;
  }
}

}  // namespace
}  // namespace hm
