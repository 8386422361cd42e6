#include "draft/value_set_citations.h"

#include <algorithm>
#include <array>

namespace hm::draft {
namespace {

constexpr std::size_t kMaxNameWords = 12;
constexpr std::size_t kMaxNameBytes = 300;

// Small words that may join the capitalised words of a name ("Prostate Cancer and History of
// Prostate Cancer").
constexpr std::array<std::string_view, 10> kJoiners = {"and", "or", "of", "for", "with",
                                                       "to", "in", "on", "without", "&"};
// Capitalised words that start a sentence or a clause, never a name.
constexpr std::array<std::string_view, 12> kNotNames = {
    "The", "A", "An", "Any", "Use", "Using", "Refer", "See", "Members", "Exclude", "Or", "And"};

template <std::size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool StartsName(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::vector<std::string_view> WordsBefore(std::string_view text, std::size_t end) {
  std::vector<std::string_view> words;  // nearest first
  std::size_t pos = end;
  // A name is short: looking further back than this would make text without spaces quadratic.
  const std::size_t earliest = end > kMaxNameBytes ? end - kMaxNameBytes : 0;
  while (pos > earliest && words.size() <= kMaxNameWords) {
    while (pos > earliest && text[pos - 1] == ' ') --pos;
    const std::size_t stop = pos;
    while (pos > earliest && text[pos - 1] != ' ') --pos;
    if (stop > pos) words.push_back(text.substr(pos, stop - pos));
  }
  return words;
}

// The name ending just before `end` (the start of "Value Set" or "List"), or "".
std::string NameBefore(std::string_view text, std::size_t end, std::string_view last_word) {
  std::vector<std::string_view> taken;
  if (!last_word.empty()) taken.push_back(last_word);
  for (std::string_view word : WordsBefore(text, end)) {
    if (taken.size() >= kMaxNameWords) return "";
    const char tail = word.back();
    if (tail == ';' || tail == ',' || tail == ':' || tail == '.' || tail == ')') break;
    const bool opens = word.front() == '(';
    if (opens) word.remove_prefix(1);
    if (word.empty()) break;
    if (OneOf(word, kJoiners) || (StartsName(word[0]) && !OneOf(word, kNotNames))) {
      taken.push_back(word);
    } else {
      break;
    }
    if (opens) break;
  }
  while (!taken.empty() && OneOf(taken.back(), kJoiners)) taken.pop_back();
  std::string name;
  for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
    if (!name.empty()) name += ' ';
    name += *it;
  }
  return name;
}

struct Cited {
  std::size_t at;
  std::string name;
};

}  // namespace

std::vector<std::string> CitedValueSets(std::string_view text) {
  std::vector<Cited> cited;
  for (std::size_t at = text.find("Value Set"); at != std::string_view::npos;
       at = text.find("Value Set", at + 1)) {
    cited.push_back({at, NameBefore(text, at, "")});
  }
  // Medication lists keep their last word: "... Medications List" is named "... Medications".
  for (std::string_view suffix : {std::string_view("Medications List"),
                                  std::string_view("Medication List")}) {
    const std::string_view kept = suffix.substr(0, suffix.find(' '));
    for (std::size_t at = text.find(suffix); at != std::string_view::npos;
         at = text.find(suffix, at + 1)) {
      cited.push_back({at, NameBefore(text, at, kept)});
    }
  }
  std::stable_sort(cited.begin(), cited.end(),
                   [](const Cited& a, const Cited& b) { return a.at < b.at; });
  std::vector<std::string> names;
  for (Cited& c : cited) {
    if (!c.name.empty() && std::find(names.begin(), names.end(), c.name) == names.end()) {
      names.push_back(std::move(c.name));
    }
  }
  return names;
}

}  // namespace hm::draft
