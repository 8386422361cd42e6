// A measure's section of a specification's text: found by its heading ("Title (ABBR)") and cut into
// labelled fields ("Ages", "Allowable gap", "Numerator" ...), each field's lines joined back into
// running text (line breaks and hyphenation undone, so a value-set name broken across two lines
// reads whole again).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/status.h"

namespace hm::draft {

// The fields the drafter reads, by their canonical names.
enum class FieldKind {
  kDescription,
  kProductLines,
  kAges,
  kContinuousEnrollment,
  kAllowableGap,
  kAnchorDate,
  kBenefit,
  kEvent,
  kRequiredExclusions,
  kDenominator,
  kExclusions,
  kNumerator,
  kOther,  // a heading the drafter does not read ("Definitions"); it ends the field before it
};

struct SpecField {
  FieldKind kind = FieldKind::kOther;
  std::string label;  // as written: "Allowable gap"
  std::string text;   // the field's text on one line, without the label
};

struct MeasureSection {
  std::string id;     // "PSA"
  std::string title;  // "Non-Recommended PSA-Based Screening in Older Men"
  std::vector<SpecField> fields;  // in the order written

  // The first field of `kind`, or null.
  const SpecField* Find(FieldKind kind) const;
};

// "Title (ABBR)" when `line` is a measure heading: a title-cased title, then an abbreviation of
// capitals, digits and '-' in parentheses at the end. Empty id otherwise.
struct Heading {
  std::string id, title;
};
Heading ReadHeading(std::string_view line);

// Joins a field's lines into one: a line ending in a letter and '-' followed by a lowercase word is
// a hyphenated word ("Pros-" + "tate"); other hyphens stay, joined without a space ("Non-" +
// "Recommended"); otherwise lines are joined with a space.
std::string JoinLines(const std::vector<std::string_view>& lines);

// The section of measure `measure` (its abbreviation, case-insensitive; empty: the first measure
// heading in the text), up to the next heading of another measure. Errors: kNotFound naming the
// measures that were found (or saying none was).
Result<MeasureSection> FindMeasureSection(std::string_view text, std::string_view measure);

}  // namespace hm::draft
