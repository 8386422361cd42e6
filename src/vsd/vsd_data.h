// The in-memory form of a loaded Value Set Directory and how it is built from raw sheet rows.
// Internal: front ends use include/hedis_mockup/value_sets.h.
//
// Layout, chosen so that a cached load needs no sorting and no per-code maps:
//  - codes are grouped by value set, so a value set is a range [first_code, first_code+code_count);
//  - by_code holds code indices sorted by (system, normalized code, value set), so a lookup is a
//    binary search;
//  - by_name (loose name -> value set) is rebuilt on every load: value sets number in the
//    thousands, codes in the hundreds of thousands.
//
// Thread-safety: immutable once Finish() has run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hedis_mockup/value_sets.h"

namespace hm {

struct ValueSetDirectory::Data {
  std::vector<ValueSet> value_sets;        // sorted by loose name
  std::vector<ValueSetCode> codes;         // grouped by value set, then (system, normalized)
  std::vector<MeasureValueSets> measures;  // sorted by id
  std::vector<std::uint32_t> by_code;      // see above
  std::unordered_map<std::string, std::uint32_t> by_name;  // util::NameKey(name) -> value set

  // Rebuilds by_name from value_sets.
  void IndexNames();
};

namespace vsd {

// Collects rows as the sheets are read, in any order, then sorts them into Data.
class DataBuilder {
 public:
  // The builder's index of the value set (or medication list) named `name`, created on first use.
  // Names compare loosely (util::NameKey); the first spelling seen is kept, and a later row may
  // fill in an OID or version an earlier one left blank.
  std::uint32_t SetFor(std::string_view name, std::string_view oid, std::string_view version,
                       bool medication_list);
  // One row of "Value Sets to Codes" or "Medication Lists to Codes"; `set` is from SetFor().
  void AddCode(std::uint32_t set, ValueSetCode code);
  // One row of "Measures to Value Sets" or "Measures to Medication Lists".
  void AddMeasureLink(const std::string& measure_id, const std::string& measure_name,
                      const std::string& value_set, const std::string& oid, bool medication_list);
  bool has_codes() const { return !rows_.empty(); }

  // Groups, sorts and removes duplicate (value set, system, code) rows. A value set that a measure
  // names but that has no codes is kept with none (e.g. a medication list when no MLD was given).
  ValueSetDirectory::Data Finish() &&;

 private:
  struct SetInfo {
    std::string name, oid, version;
    bool medication_list = false;
  };
  struct Link {
    std::string measure_id, measure_name;
    std::uint32_t set;
  };
  std::vector<SetInfo> sets_;
  std::unordered_map<std::string, std::uint32_t> set_by_key_;
  std::vector<ValueSetCode> rows_;  // value_set = index into sets_ until Finish()
  std::vector<Link> links_;
};

}  // namespace vsd
}  // namespace hm
