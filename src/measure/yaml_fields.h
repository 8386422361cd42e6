// Checked access to the YAML maps of a measure file: every field is one the map may have, appears
// once and has the expected type, and each problem becomes one diagnostic naming the file, the
// line and the field. Reading goes on after a problem so that one run reports all of them
// (STYLE.md 8); measure_file.cc stops at the checkpoint.
//
// yaml-cpp stays behind this header and measure_file.cc: nothing outside src/measure/ sees it.
//
// Thread-safety: a ReadContext and its Fields belong to one read; distinct reads may run on
// distinct threads.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hedis_mockup/status.h"
#include "measure/definition.h"

namespace hm::measure {

// The state of one read of a measure file.
struct ReadContext {
  std::string file;  // as messages name it
  Diagnostics diagnostics{50};
  // Work budget in YAML nodes visited. Aliases let a few hundred bytes name millions of nodes;
  // a real measure visits a few hundred.
  std::int64_t nodes_left = 200000;
  bool over_budget = false;

  // Where `node` was written (1-based; zeros when yaml-cpp has no mark).
  static Where At(const YAML::Node& node);
  // Records a problem at `where`. `hint` says what to do about it.
  void Error(Where where, std::string message, std::string hint = {});
  void Error(const YAML::Node& at, std::string message, std::string hint = {});
  // Spends one node of the budget; false (reported once) when it is spent.
  bool Visit(const YAML::Node& node);
};

// "a list", "a map", "nothing", or the scalar in quotes: what a type error says it found.
std::string Describe(const YAML::Node& node);

// The text of a scalar node; reports anything else as "expected `expected`".
std::optional<std::string> ReadScalar(ReadContext& ctx, const YAML::Node& node,
                                      const std::string& what, std::string_view expected);

// The fields of one YAML map, checked against the names the map may have.
class Fields {
 public:
  // Reports a node that is not a map, keys that are not words, repeated fields and unknown ones
  // (with the known names and the closest one). `what` names the map in messages: "enrollment
  // period", "exclusion 'hospice'".
  Fields(ReadContext& ctx, const YAML::Node& map, std::string what,
         std::vector<std::string_view> known);

  bool is_map() const { return is_map_; }
  const std::string& what() const { return what_; }
  ReadContext& ctx() const { return *ctx_; }
  Where where() const { return ReadContext::At(map_); }

  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  // The value of `key`, or nullptr when the map does not have it.
  const YAML::Node* Find(std::string_view key) const;
  // Where the value of `key` was written (the key's line when the value is empty).
  Where At(std::string_view key) const;
  // Records a problem with field `key` ("field 'count' of event: ...").
  void Error(std::string_view key, const std::string& message, std::string hint = {}) const;
  // Records that required field `key` is missing, unless the map is not a map at all (already
  // reported). Returns whether it is present.
  bool Require(std::string_view key) const;

  // Typed fields. Each returns std::nullopt when the field is absent or wrong (reported).
  std::optional<std::string> String(std::string_view key) const;
  std::optional<int> Int(std::string_view key, int min, int max) const;
  std::optional<bool> Bool(std::string_view key) const;  // true | false only
  std::optional<std::vector<std::string>> StringList(std::string_view key) const;
  // A list of any nodes (maps, usually), each read by the caller.
  std::optional<std::vector<YAML::Node>> List(std::string_view key) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node, value;
  };
  std::string Label(std::string_view key) const;
  void ReportUnknown(const Entry& entry, const std::vector<std::string_view>& known) const;

  ReadContext* ctx_;
  YAML::Node map_;
  std::string what_;
  bool is_map_ = false;
  std::vector<Entry> entries_;
};

}  // namespace hm::measure
