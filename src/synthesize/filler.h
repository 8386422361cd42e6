// Filler: the member columns no scenario talks about (names, address, phone, e-mail), plausible,
// clearly synthetic (555-01xx phone numbers, example.test e-mail, "Mockup" street names), unique
// per member, and a pure function of the seed and the member's position: another seed changes the
// filler and nothing else.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hedis_mockup/tables.h"
#include "hedis_mockup/timeline.h"

namespace hm::synthesize {

// Fills the names when empty, and the MEMBER_IN columns MEM_ADDR1, MEM_CITY, MEM_STATE, MEM_ZIP,
// MEM_COUNTY, MEM_PHONE, MEM_EMAIL when the layout has them and the scenario did not state them.
// `index` is the member's position in the run (0-based): the middle name spells it, so that no
// two members share a full name. Which columns the layout has is worked out once, in the
// constructor (a --scale run fills a million members).
class Filler {
 public:
  Filler(const Layout& layout, std::uint64_t seed);
  void Fill(Demographics& demographics, std::size_t index) const;

 private:
  std::uint64_t seed_;
  std::uint32_t columns_ = 0;  // a bit per filler column the layout's MEMBER_IN has
};

}  // namespace hm::synthesize
