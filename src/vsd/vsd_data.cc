#include "vsd/vsd_data.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "util/text.h"

namespace hm {

void ValueSetDirectory::Data::IndexNames() {
  by_name.clear();
  by_name.reserve(value_sets.size());
  for (std::uint32_t i = 0; i < value_sets.size(); ++i) {
    by_name.emplace(util::NameKey(value_sets[i].name), i);
  }
}

namespace vsd {

std::uint32_t DataBuilder::SetFor(std::string_view name, std::string_view oid,
                                  std::string_view version, bool medication_list) {
  auto [it, inserted] = set_by_key_.try_emplace(util::NameKey(name), sets_.size());
  if (inserted) {
    sets_.push_back({std::string(name), std::string(oid), std::string(version), medication_list});
  } else {
    SetInfo& info = sets_[it->second];
    if (info.oid.empty()) info.oid = oid;
    if (info.version.empty()) info.version = version;
  }
  return it->second;
}

void DataBuilder::AddCode(std::uint32_t set, ValueSetCode code) {
  code.value_set = set;
  rows_.push_back(std::move(code));
}

void DataBuilder::AddMeasureLink(const std::string& measure_id, const std::string& measure_name,
                                 const std::string& value_set, const std::string& oid,
                                 bool medication_list) {
  links_.push_back({measure_id, measure_name, SetFor(value_set, oid, "", medication_list)});
}

namespace {

// The builder's set indices in loose-name order.
template <typename Set>
std::vector<std::uint32_t> NameOrder(const std::vector<Set>& sets) {
  std::vector<std::string> keys(sets.size());
  for (std::size_t i = 0; i < sets.size(); ++i) keys[i] = util::NameKey(sets[i].name);
  std::vector<std::uint32_t> order(sets.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(keys[a], sets[a].name) < std::tie(keys[b], sets[b].name);
  });
  return order;
}

// `codes` grouped by value set then (system, normalized code), without duplicates. Sorting
// indices rather than the rows themselves moves 4 bytes per swap instead of five strings.
std::vector<ValueSetCode> GroupCodes(std::vector<ValueSetCode> codes) {
  auto key = [&](std::uint32_t i) {
    return std::tie(codes[i].value_set, codes[i].system, codes[i].normalized);
  };
  std::vector<std::uint32_t> order(codes.size());
  std::iota(order.begin(), order.end(), 0);
  // Stable, so that of two duplicate rows the first one read is kept.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  std::vector<ValueSetCode> grouped;
  grouped.reserve(codes.size());
  for (std::uint32_t i : order) {
    if (!grouped.empty() && std::tie(grouped.back().value_set, grouped.back().system,
                                     grouped.back().normalized) == key(i)) {
      continue;  // a duplicate of the row kept last (rows are moved into `grouped` as kept)
    }
    grouped.push_back(std::move(codes[i]));
  }
  return grouped;
}

}  // namespace

ValueSetDirectory::Data DataBuilder::Finish() && {
  ValueSetDirectory::Data data;

  const std::vector<std::uint32_t> order = NameOrder(sets_);
  std::vector<std::uint32_t> rank(sets_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  for (std::uint32_t builder_index : order) {
    SetInfo& info = sets_[builder_index];
    data.value_sets.push_back({std::move(info.name), std::move(info.oid), std::move(info.version),
                               info.medication_list, 0, 0});
  }

  for (ValueSetCode& row : rows_) row.value_set = rank[row.value_set];
  data.codes = GroupCodes(std::move(rows_));
  for (std::uint32_t i = 0; i < data.codes.size(); ++i) {
    ValueSet& set = data.value_sets[data.codes[i].value_set];
    if (set.code_count == 0) set.first_code = i;
    ++set.code_count;
  }

  // The reverse index.
  data.by_code.resize(data.codes.size());
  std::iota(data.by_code.begin(), data.by_code.end(), 0);
  const auto& codes = data.codes;
  std::sort(data.by_code.begin(), data.by_code.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(codes[a].system, codes[a].normalized, codes[a].value_set) <
           std::tie(codes[b].system, codes[b].normalized, codes[b].value_set);
  });

  // Measures, each with its value sets in name order.
  std::map<std::string, MeasureValueSets> measures;
  std::map<std::string, std::set<std::uint32_t>> sets_of;
  for (const Link& link : links_) {
    const std::string key = util::Lower(link.measure_id);
    MeasureValueSets& measure = measures[key];
    if (measure.id.empty()) measure = {link.measure_id, link.measure_name, {}};
    sets_of[key].insert(rank[link.set]);
  }
  for (auto& [key, measure] : measures) {
    measure.value_sets.assign(sets_of[key].begin(), sets_of[key].end());
    data.measures.push_back(std::move(measure));
  }
  data.IndexNames();
  return data;
}

}  // namespace vsd
}  // namespace hm
