#include "synthesize/filler.h"

#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "util/hash.h"

namespace hm::synthesize {
namespace {

constexpr std::array<std::string_view, 16> kFirst = {
    "Alex", "Blair", "Casey", "Dana", "Emery", "Finley", "Gray", "Harper",
    "Indy", "Jordan", "Kendall", "Logan", "Morgan", "Noel", "Parker", "Quinn"};
constexpr std::array<std::string_view, 16> kLast = {
    "Abbott", "Barnes", "Carver", "Dalton", "Ellis", "Fowler", "Garrett", "Hayes",
    "Irving", "Jensen", "Keller", "Lawson", "Mercer", "Norris", "Osborne", "Porter"};
struct Place {
  std::string_view city, state, county, zip3;
};
constexpr std::array<Place, 8> kPlaces = {{{"Springfield", "IL", "Sangamon", "627"},
                                           {"Riverton", "WY", "Fremont", "825"},
                                           {"Fairview", "OR", "Multnomah", "970"},
                                           {"Madison", "WI", "Dane", "537"},
                                           {"Georgetown", "TX", "Williamson", "786"},
                                           {"Franklin", "TN", "Williamson", "370"},
                                           {"Clinton", "IA", "Clinton", "527"},
                                           {"Salem", "MA", "Essex", "019"}}};

// splitmix64: a small, well-mixed generator; enough for filler, and the same on every platform
// (std::mt19937's distributions are not).
constexpr auto Mix = util::SplitMix64;

// The index in letters: 0 -> "A", 25 -> "Z", 26 -> "AA" (a spreadsheet column's name).
std::string Letters(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

}  // namespace

constexpr std::array<const char*, 7> kColumns = {"MEM_ADDR1", "MEM_CITY",  "MEM_STATE", "MEM_COUNTY",
                                                 "MEM_ZIP",   "MEM_PHONE", "MEM_EMAIL"};

Filler::Filler(const Layout& layout, std::uint64_t seed) : seed_(seed) {
  const LayoutTable* member = layout.Find(SourceTable::kMember);
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (member != nullptr && member->Find(kColumns[i]) != nullptr) columns_ |= 1u << i;
  }
}

void Filler::Fill(Demographics& d, std::size_t index) const {
  std::uint64_t state = Mix(seed_ ^ Mix(index));
  const auto next = [&](std::size_t n) {
    state = Mix(state);
    return static_cast<std::size_t>(state % n);
  };
  if (d.first_name.empty()) d.first_name = std::string(kFirst[next(kFirst.size())]);
  if (d.last_name.empty()) d.last_name = std::string(kLast[next(kLast.size())]);
  if (d.middle_name.empty()) d.middle_name = Letters(index);
  const Place& place = kPlaces[next(kPlaces.size())];
  // Every draw happens whether or not the layout has the column, so a layout change does not
  // shift the other columns' values.
  const std::string values[] = {
      fmt::format("{} Mockup Ave", 100 + next(9900)),
      std::string(place.city),
      std::string(place.state),
      std::string(place.county),
      fmt::format("{}{:02}", place.zip3, next(100)),
      fmt::format("555-01{:02}", next(100)),  // 555-0100..0199: fictional numbers
      fmt::format("{}.{}.{}@example.test", d.first_name, d.last_name, Letters(index))};
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if ((columns_ >> i & 1u) != 0) d.extra.try_emplace(kColumns[i], values[i]);
  }
}

}  // namespace hm::synthesize
