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

std::uint32_t DataBuilder::SetFor(const std::string& name, const std::string& oid,
                                  const std::string& version, bool medication_list) {
  auto [it, inserted] = set_by_key_.try_emplace(util::NameKey(name), sets_.size());
  if (inserted) {
    sets_.push_back({name, oid, version, medication_list});
  } else {
    // A link row may name a set before its codes are read; fill what it left blank.
    SetInfo& info = sets_[it->second];
    if (info.oid.empty()) info.oid = oid;
    if (info.version.empty()) info.version = version;
  }
  return it->second;
}

void DataBuilder::AddCode(const std::string& value_set, const std::string& oid,
                          const std::string& version, bool medication_list, ValueSetCode code) {
  code.value_set = SetFor(value_set, oid, version, medication_list);
  rows_.push_back(std::move(code));
}

void DataBuilder::AddMeasureLink(const std::string& measure_id, const std::string& measure_name,
                                 const std::string& value_set, const std::string& oid,
                                 bool medication_list) {
  SetFor(value_set, oid, "", medication_list);
  links_.push_back({measure_id, measure_name, util::NameKey(value_set)});
}

ValueSetDirectory::Data DataBuilder::Finish() && {
  ValueSetDirectory::Data data;

  // Value sets in loose-name order; `rank` maps the builder's index to the final one.
  std::vector<std::uint32_t> order(sets_.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::string> keys(sets_.size());
  for (std::uint32_t i = 0; i < sets_.size(); ++i) keys[i] = util::NameKey(sets_[i].name);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(keys[a], sets_[a].name) < std::tie(keys[b], sets_[b].name);
  });
  std::vector<std::uint32_t> rank(sets_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  for (std::uint32_t builder_index : order) {
    const SetInfo& info = sets_[builder_index];
    data.value_sets.push_back({info.name, info.oid, info.version, info.medication_list, 0, 0});
  }

  // Codes grouped by value set, duplicates dropped.
  for (ValueSetCode& row : rows_) row.value_set = rank[row.value_set];
  auto code_key = [](const ValueSetCode& c) {
    return std::tie(c.value_set, c.system, c.normalized);
  };
  std::stable_sort(rows_.begin(), rows_.end(),
                   [&](const ValueSetCode& a, const ValueSetCode& b) { return code_key(a) < code_key(b); });
  rows_.erase(std::unique(rows_.begin(), rows_.end(),
                          [&](const ValueSetCode& a, const ValueSetCode& b) {
                            return code_key(a) == code_key(b);
                          }),
              rows_.end());
  data.codes = std::move(rows_);
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
    MeasureValueSets& measure = measures[util::Lower(link.measure_id)];
    if (measure.id.empty()) measure = {link.measure_id, link.measure_name, {}};
    sets_of[util::Lower(link.measure_id)].insert(rank[set_by_key_.at(link.set_key)]);
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
