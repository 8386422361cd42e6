// FactFromJson: one valid object per kind, read to the kind and checked against the fact it
// stands for where the normalization matters; then a table of bad objects, each with the words
// its error must carry.
#include "ai/fact_schema.h"

#include <gtest/gtest.h>

#include "ai/ai_test_util.h"

namespace hm::ai {
namespace {

using nlohmann::json;
using test::kMy;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

json Fact(const std::string& kind, json fields) {
  fields["fragment"] = 1;
  fields["kind"] = kind;
  fields["confidence"] = 0.8;
  return fields;
}

TEST(FactSchemaTest, ReadsEveryKind) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"gender", R"({"gender": "f"})"},
      {"age", R"({"years": 70, "as_of": "12/31/MY"})"},
      {"age_range", R"({"min": 3, "max": null})"},
      {"birth_date", R"({"date": "1956-01-01"})"},
      {"product_line", R"({"product_line": "Medicaid"})"},
      {"enrollment", R"({"start": "1/1/MY-1", "end": "12/31/MY", "product_ids": ["11"],
                         "benefits": {"BEN_MEDICAL": "Y", "others": "N"}})"},
      {"gap", R"({"count": 1, "days": 45})"},
      {"continuous_enrollment", R"({"enrolled": false})"},
      {"enrolled_on", R"({"date": "12/31/MY"})"},
      {"benefit", R"({"benefits": {"ben_hospice": "Y"}})"},
      {"event", R"({"value_set": "PSA Lab Test", "dates": ["3/15/MY"], "source": "supplemental",
                    "codes": [{"system": "CPT", "code": "84153"}]})"},
      {"death", R"({"date": "1/1/MY", "table": "member_in"})"},
      {"monthly_membership", R"({"run_date": "12/31/MY-1", "hospice": true, "fields": {"plan": "2"}})"},
      {"field", R"({"column": "race_code_1", "value": "2126-1"})"},
      {"numerator", R"({"compliant": true})"},
      {"stated_flag", R"({"key": "ad", "set": true})"},
  };
  for (const auto& [kind, fields] : cases) {
    Result<AnswerFact> fact = FactFromJson(Fact(kind, json::parse(fields)), kMy);
    ASSERT_TRUE(fact.ok()) << kind << ": " << fact.status().ToString();
    EXPECT_EQ(FactKindName(fact->body), kind);
    EXPECT_EQ(fact->fragment, 1u) << kind;
    EXPECT_DOUBLE_EQ(fact->confidence, 0.8) << kind;
  }
}

TEST(FactSchemaTest, NormalizesAsTheGrammarWrites) {
  Result<AnswerFact> gender = FactFromJson(Fact("gender", {{"gender", "f"}}), kMy);
  ASSERT_TRUE(gender.ok());
  EXPECT_EQ(std::get<GenderFact>(gender->body).code, 'F');
  Result<AnswerFact> field = FactFromJson(Fact("field", {{"column", "race_code_1"}, {"value", " 2126-1 "}}), kMy);
  ASSERT_TRUE(field.ok());
  EXPECT_EQ(std::get<FieldFact>(field->body), (FieldFact{"RACE_CODE_1", "2126-1"}));
  Result<AnswerFact> age = FactFromJson(Fact("age", {{"years", 70}, {"as_of", "2026-12-31"}}), kMy);
  ASSERT_TRUE(age.ok());
  EXPECT_EQ(std::get<AgeFact>(age->body), (AgeFact{70, D(kMy, 12, 31)}));
}

TEST(FactSchemaTest, RejectsWhatTheSchemaDoesNotAllow) {
  struct Bad {
    const char* name;
    json j;
    const char* message;
  };
  json no_fragment = Fact("numerator", {{"compliant", true}});
  no_fragment.erase("fragment");
  json high = Fact("numerator", {{"compliant", true}});
  high["confidence"] = 1.5;
  json text_confidence = Fact("numerator", {{"compliant", true}});
  text_confidence["confidence"] = "high";
  const std::vector<Bad> cases = {
      {"not an object", json::array(), "JSON object"},
      {"no fragment", no_fragment, "'fragment' is missing"},
      {"confidence above 1", high, "'confidence'"},
      {"confidence as text", text_confidence, "'confidence'"},
      {"unknown kind", Fact("hobby", {}), "unknown kind 'hobby'"},
      {"gender word", Fact("gender", {{"gender", "lady"}}), "'gender'"},
      {"age as text", Fact("age", {{"years", "70"}, {"as_of", "12/31/MY"}}), "'years'"},
      {"age too old", Fact("age", {{"years", 700}, {"as_of", "12/31/MY"}}), "'years'"},
      {"bad date", Fact("birth_date", {{"date", "13/45/MY"}}), "'date'"},
      {"two-digit year", Fact("birth_date", {{"date", "3/15/26"}}), "'date'"},
      {"unknown product line", Fact("product_line", {{"product_line", "dental"}}), "'product_line'"},
      {"gap without length", Fact("gap", {{"count", 1}}), "exactly one"},
      {"benefit not Y/N", Fact("benefit", json::parse(R"({"benefits": {"BEN_RX": "yes"}})")), "\"Y\" or \"N\""},
      {"event without name", Fact("event", json::parse(R"({"dates": ["3/15/MY"]})")), "'value_set' or 'codes'"},
      {"event dates not a list", Fact("event", {{"value_set", "X"}, {"dates", "3/15/MY"}}), "'dates'"},
      {"source unknown", Fact("event", {{"value_set", "X"}, {"source", "fax"}}), "'source'"},
      {"code without system", Fact("event", json::parse(R"({"value_set": "X", "codes": [{"code": "1"}]})")), "'system'"},
      {"field of another kind", Fact("gender", {{"gender", "M"}, {"years", 3}}), "'years' is not a field"},
      {"matched is the reader's", Fact("event", {{"value_set", "X"}, {"matched", "X"}}), "'matched'"},
  };
  for (const Bad& c : cases) {
    Result<AnswerFact> fact = FactFromJson(c.j, kMy);
    ASSERT_FALSE(fact.ok()) << c.name;
    EXPECT_NE(fact.status().message().find(c.message), std::string::npos)
        << c.name << ": " << fact.status().message();
  }
}

TEST(FactSchemaTest, NullIsAnAbsentOptionalField) {
  Result<AnswerFact> fact = FactFromJson(
      Fact("event", json::parse(R"({"value_set": "PSA Lab Test", "dates": ["3/15/MY"], "years": null, "table": null})")), kMy);
  ASSERT_TRUE(fact.ok()) << fact.status().ToString();
  EXPECT_TRUE(std::get<EventFact>(fact->body).table.empty());
}

TEST(FactSchemaTest, SchemaNamesEveryKindAndRequiresTheEnvelope) {
  const auto& schema = AnswerSchema();
  EXPECT_EQ(schema.at("required"), nlohmann::ordered_json({"facts"}));
  const auto& item = schema.at("properties").at("facts").at("items");
  EXPECT_EQ(item.at("properties").at("kind").at("enum").size(), 16u);
  EXPECT_FALSE(item.at("additionalProperties").get<bool>());
  EXPECT_FALSE(item.at("properties").contains("matched")) << "the VSD match is the reader's";
}

}  // namespace
}  // namespace hm::ai
