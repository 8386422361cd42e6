#include "testcase/value_set_match.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/text.h"

namespace hm::testcase {
namespace {

// Abbreviations QA teams write for value sets and medication lists whose NCQA names are long.
// Keys are NameKey forms.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAliases = {{
    {"5ari", "5 Alpha Reductase Inhibitor Medications"},
    {"5arimedications", "5 Alpha Reductase Inhibitor Medications"},
    {"inpatientstay", "Inpatient Stay"},
    {"inpatiantstay", "Inpatient Stay"},
}};

// "PSA Lab Tests" -> "PSA Lab Test", "Medications" -> "Medication": one trailing 's' off each word.
std::string Singular(std::string_view written) {
  std::string out;
  std::size_t i = 0;
  while (i < written.size()) {
    std::size_t j = i;
    while (j < written.size() && written[j] != ' ') ++j;
    std::string_view word = written.substr(i, j - i);
    if (word.size() > 3 && (word.back() == 's' || word.back() == 'S') &&
        word[word.size() - 2] != 's' && word[word.size() - 2] != 'S') {
      word.remove_suffix(1);
    }
    if (!out.empty()) out += ' ';
    out += word;
    i = j + 1;
  }
  return out;
}

// The lower-case words of `text` (letters and digits), singular, without the words that only say
// "value set".
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
    if (!word.empty() && word != "value" && word != "set" && word != "vs") words.push_back(word);
    word.clear();
  };
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// The shortest VSD name that holds every word written ("PSA TEST" -> "PSA Lab Test", "HOSPICE" ->
// "Hospice Encounter", "PROSTATE_CANCER" -> "Prostate Cancer and History of Prostate Cancer"):
// flag columns and short names name a value set by its key words. Empty when no name holds them
// or two of the shortest length do.
std::string ShortestHoldingWords(std::string_view written, const ValueSetDirectory& vsd) {
  const std::vector<std::string> wanted = Words(written);
  if (wanted.empty()) return {};
  std::string best;
  bool tie = false;
  for (const ValueSet& set : vsd.value_sets()) {
    const std::vector<std::string> have = Words(set.name);
    const bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
      return std::find(have.begin(), have.end(), w) != have.end();
    });
    if (!all) continue;
    if (best.empty() || set.name.size() < best.size()) {
      best = set.name;
      tie = false;
    } else if (set.name.size() == best.size()) {
      tie = true;
    }
  }
  return tie ? std::string() : best;
}

}  // namespace

ValueSetMatch MatchValueSet(std::string_view written, const ValueSetDirectory& vsd) {
  ValueSetMatch match;
  if (const ValueSet* exact = vsd.Find(written)) {
    match.kind = ValueSetMatch::Kind::kExact;
    match.name = exact->name;
    return match;
  }
  const std::string key = util::NameKey(written);
  for (const auto& [alias, name] : kAliases) {
    if (alias == key && vsd.Find(name) != nullptr) {
      match.kind = ValueSetMatch::Kind::kAlias;
      match.name = vsd.Find(name)->name;
      return match;
    }
  }
  if (const ValueSet* plural = vsd.Find(Singular(written))) {
    match.kind = ValueSetMatch::Kind::kAlias;
    match.name = plural->name;
    return match;
  }
  // Rank every name by edit distance on the NameKey form; accept only a clear winner.
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const ValueSet& set : vsd.value_sets()) {
    ranked.emplace_back(util::EditDistance(key, util::NameKey(set.name)), set.name);
  }
  std::sort(ranked.begin(), ranked.end());
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 4);
  if (!ranked.empty() && ranked[0].first <= limit &&
      (ranked.size() == 1 || ranked[1].first > ranked[0].first)) {
    match.kind = ValueSetMatch::Kind::kFuzzy;
    match.name = ranked[0].second;
    return match;
  }
  if (std::string holding = ShortestHoldingWords(written, vsd); !holding.empty()) {
    match.kind = ValueSetMatch::Kind::kFuzzy;
    match.name = std::move(holding);
    return match;
  }
  match.suggestions = vsd.Suggest(written);
  return match;
}

void CheckPinnedCodes(const std::vector<Fact>& facts, const ValueSetDirectory& vsd,
                      std::vector<std::string>& attention) {
  for (const Fact& fact : facts) {
    const EventFact* event = std::get_if<EventFact>(&fact.body);
    if (event == nullptr || event->matched.empty()) continue;
    const ValueSet* set = vsd.Find(event->matched);
    if (set == nullptr) continue;
    std::vector<std::string> outside;
    bool any_inside = false;
    for (const CodeRef& code : event->codes) {
      const std::optional<CodeSystem> system = ParseCodeSystem(code.system);
      if (!system || util::Upper(code.code) == "NULL") continue;
      if (vsd.Contains(*set, *system, code.code)) any_inside = true;
      else outside.push_back(fmt::format("{} {}", code.system, code.code));
    }
    if (any_inside || outside.empty()) continue;
    std::string line = fmt::format(
        "the pinned code {} is not in the VSD's '{}': with this VSD the engine does not count the "
        "event; pin a code of the set, or load the VSD that has it",
        fmt::join(outside, ", "), set->name);
    if (std::find(attention.begin(), attention.end(), line) == attention.end()) attention.push_back(std::move(line));
  }
}

}  // namespace hm::testcase
