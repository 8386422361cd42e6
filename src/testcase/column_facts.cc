#include "testcase/column_facts.h"

#include <fmt/format.h>

#include "model/date_expression.h"
#include "testcase/scenario_vocabulary.h"
#include "testcase/structured_layout.h"
#include "util/text.h"

namespace hm::testcase {
namespace {

bool StartsWithAny(std::string_view key, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (key.starts_with(p)) return true;
  }
  return false;
}

// "Satisfy ED,AG,BE,AD condition\n(ED+AG+BE+AD)=4" -> ED, AG, BE, AD: the flags the analyst
// says the enrollment satisfies.
std::vector<std::string> FlagsInHeader(std::string_view key) {
  std::vector<std::string> flags;
  std::size_t i = 0;
  while (i < key.size()) {
    std::size_t j = key.find('_', i);
    if (j == std::string_view::npos) j = key.size();
    const std::string word(key.substr(i, j - i));
    if (IsFlagKey(word) && std::find(flags.begin(), flags.end(), word) == flags.end()) {
      flags.push_back(word);
    }
    i = j + 1;
  }
  return flags;
}

// "Mcaid, Exchange", "Com/Medicare": the product lines a cell names, or nullopt if a part is not
// one.
std::optional<std::vector<std::string>> ProductLines(std::string_view cell) {
  std::vector<std::string> lines;
  std::size_t i = 0;
  while (i <= cell.size()) {
    std::size_t j = cell.find_first_of(",/&", i);
    if (j == std::string_view::npos) j = cell.size();
    const std::string word = util::Lower(util::Trim(cell.substr(i, j - i)));
    i = j + 1;
    if (word.empty()) continue;
    if (word == "commercial" || word == "com" || word == "comm") lines.push_back("commercial");
    else if (word == "medicaid" || word == "mcaid" || word == "mcd") lines.push_back("medicaid");
    else if (word == "medicare" || word == "mcare" || word == "mcr") lines.push_back("medicare");
    else if (word == "exchange" || word == "marketplace" || word == "mkt") lines.push_back("exchange");
    else return std::nullopt;
  }
  if (lines.empty()) return std::nullopt;
  return lines;
}

// "1/1/MY-11/15/MY", "1/1/MY - 12/31/MY", "1/1/MY to 6/30/MY": the enrollment's span.
bool ReadSpan(std::string_view cell, int my, EnrollmentFact& enrollment) {
  auto first = ParseDatePrefix(cell, my);
  if (!first.ok()) return false;
  std::string_view rest = util::Trim(cell.substr(first->length));
  if (rest.starts_with("-")) rest.remove_prefix(1);
  else if (rest.size() > 2 && util::Lower(rest.substr(0, 2)) == "to") rest.remove_prefix(2);
  else return false;
  auto second = ParseDate(util::Trim(rest), my);
  if (!second.ok()) return false;
  enrollment.start = first->date;
  enrollment.end = *second;
  return true;
}

Fact ColumnFact(FactBody body, const std::string& header) {
  Fact fact;
  fact.body = std::move(body);
  fact.provenance = Provenance::kStructured;
  fact.column = header;
  return fact;
}

}  // namespace

bool IsBookkeepingHeader(std::string_view header) {
  const std::string key = StandardColumnKey(header);
  return StartsWithAny(key, {"ACTUAL", "STATUS", "EXECUTED", "DLL", "COMMENT", "BUG", "QUER",
                             "REMARK", "TESTER", "TESTED", "SOURCE", "EXPECTED", "NOTE"});
}

void ReadColumnFacts(const ScenarioRow& row, const TestCaseOptions& options, TextReading& reading) {
  std::vector<std::string> reported;
  // Several enrollment rows (a product switch, a dual enrollment): each row's "enrolled at end"
  // and "satisfy ED,AG,BE,AD" columns are about that row's product, whose output row the engine
  // decides from the stated spans (ProductRow in measure.h); as member facts they would contradict
  // each other.
  const bool per_product = row.row_columns.size() > 1;
  for (const auto& columns : row.row_columns) {
    EnrollmentFact enrollment;
    bool any = false;
    // A row that states its dates states its gaps with them.
    bool dated = false;
    for (const auto& [header, raw] : columns) {
      if (StandardColumnKey(header).starts_with("DATE") &&
          ReadSpan(util::Trim(raw), options.measurement_year, enrollment)) {
        dated = true;
      }
    }
    for (const auto& [header, raw] : columns) {
      if (IsBookkeepingHeader(header)) continue;
      const std::string key = StandardColumnKey(header);
      const std::string value(util::Trim(raw));
      const std::optional<bool> yes = YesNo(util::Lower(value));
      if (key == "PLAN" || key == "PLAN_ID") {
        enrollment.plan = value;
      } else if (key == "PRODUCT" || key == "PRODUCT_ID") {
        // "2,11": the enrollment's product ids.
        std::size_t from = 0;
        while (from <= value.size()) {
          std::size_t to = value.find_first_of(",&/", from);
          if (to == std::string::npos) to = value.size();
          const std::string id(util::Trim(std::string_view(value).substr(from, to - from)));
          if (!id.empty()) enrollment.product_ids.push_back(id);
          from = to + 1;
        }
      } else if (key == "COVERAGE_INDICATOR" || key == "COVERAGE_IND") {
        enrollment.coverage = Upper(value);
      } else if (key == "PRIMARY_COVERAGE" && yes) {
        enrollment.fields["PRIMARY_COVERAGE"] = std::string(1, *yes ? 'Y' : 'N');
      } else if (key == "PRODUCT_DESC" || key == "PRODUCT_LINE") {
        const auto lines = ProductLines(value);
        if (!lines) {
          reading.attention.push_back(fmt::format("column '{}': '{}' is not a product line", header, value));
          continue;
        }
        for (const std::string& line : *lines) reading.facts.push_back(ColumnFact(ProductLineFact{line}, header));
        continue;
      } else if (key.starts_with("DATE") && dated) {
        // read above
      } else if (key == "PRODUCT_ROLLUP" || key == "PRODUCT_ROLLUP_ID") {
        enrollment.fields["PRODUCT_ROLLUP"] = value;  // what the engine should derive; kept
      } else if ((key.starts_with("GAP") || key.starts_with("EXCEED")) && yes && *yes && dated) {
        continue;  // the span's dates make the gap
      } else if (key.starts_with("GAP") && yes) {
        if (*yes) {
          reading.attention.push_back(fmt::format("column '{}' says Y: the gap's length is not stated", header));
        } else {
          reading.facts.push_back(ColumnFact(GapFact{0, 0, 0}, header));
        }
        continue;
      } else if (key.starts_with("EXCEED") && yes && !*yes) {
        continue;  // "does not exceed the allowable gap": what no gap, above, already says
      } else if (key.starts_with("ENROLLED_AT_END") && yes) {
        if (per_product) continue;
        const Date end = *Date::FromYmd(options.measurement_year, 12, 31);
        reading.facts.push_back(ColumnFact(EnrolledOnFact{end, *yes}, header));
        continue;
      } else if (key.starts_with("SATISFY") && yes) {
        if (per_product) continue;
        for (const std::string& flag : FlagsInHeader(key)) {
          reading.facts.push_back(ColumnFact(StatedFlagFact{flag, *yes}, header));
        }
        continue;
      } else {
        if (std::find(reported.begin(), reported.end(), header) == reported.end()) {
          reported.push_back(header);
          reading.attention.push_back(fmt::format(
              "column '{}' ('{}') was not read: the reader does not know what it means", header, value));
        }
        continue;
      }
      any = true;
    }
    if (any) reading.facts.push_back(ColumnFact(std::move(enrollment), "enrollment columns"));
  }
}

}  // namespace hm::testcase
