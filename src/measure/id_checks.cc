#include "measure/id_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "util/text.h"

namespace hm::measure {
namespace {

struct Ref {
  std::string id;
  Where where;
};

// An id and the refs its criterion makes.
struct Node {
  Where where;
  std::vector<Ref> refs;
};

void CollectRefs(const Criterion& criterion, std::vector<Ref>& refs) {
  if (criterion.kind == Criterion::Kind::kRef) refs.push_back({criterion.ref, criterion.where});
  for (const Criterion& child : criterion.children) CollectRefs(child, refs);
}

// The id nodes, reporting repeated ids.
std::map<std::string, Node> CollectIds(ReadContext& ctx, const MeasureDefinition& def) {
  std::map<std::string, Node> nodes;
  auto add = [&](const std::string& id, Where where, const Criterion* criterion) {
    if (id.empty()) return;  // missing; reported where it was read
    const auto [it, added] = nodes.emplace(id, Node{where, {}});
    if (!added) {
      ctx.Error(where, fmt::format("id '{}' is already used at line {}", id, it->second.where.line),
                "numerators and exclusions share one set of ids; rename one of them");
      return;
    }
    if (criterion != nullptr) CollectRefs(*criterion, it->second.refs);
  };
  // In file order, so that the second of two equal ids is the one reported.
  struct Owner {
    const std::string* id;
    Where where;
    const Criterion* criterion;
  };
  std::vector<Owner> owners;
  for (const Exclusion& exclusion : def.exclusions) {
    owners.push_back({&exclusion.id, exclusion.where,
                      exclusion.has_criterion ? &exclusion.criterion : nullptr});
  }
  for (const Numerator& numerator : def.numerators) {
    owners.push_back({&numerator.id, numerator.where, &numerator.criterion});
  }
  std::stable_sort(owners.begin(), owners.end(), [](const Owner& a, const Owner& b) {
    return a.where.line < b.where.line;
  });
  for (const Owner& owner : owners) add(*owner.id, owner.where, owner.criterion);
  return nodes;
}

std::string KnownIds(const std::map<std::string, Node>& nodes) {
  std::string known;
  for (const auto& [id, node] : nodes) known += (known.empty() ? "" : ", ") + id;
  return known.empty() ? "none" : known;
}

void CheckRef(ReadContext& ctx, const Ref& ref, const std::map<std::string, Node>& nodes) {
  if (nodes.contains(ref.id)) return;
  std::string hint = fmt::format("known ids: {}", KnownIds(nodes));
  for (const auto& [id, node] : nodes) {
    if (util::EditDistance(id, ref.id) <= 2) hint = fmt::format("did you mean '{}'? {}", id, hint);
  }
  ctx.Error(ref.where, fmt::format("ref to unknown id '{}'", ref.id), std::move(hint));
}

// Depth-first search for a cycle through `id`; `path` holds the ids being visited.
enum class Mark { kNew, kActive, kDone };
bool FindCycle(const std::string& id, const std::map<std::string, Node>& nodes,
               std::map<std::string, Mark>& marks, std::vector<std::string>& path) {
  Mark& mark = marks[id];
  if (mark == Mark::kDone) return false;
  if (mark == Mark::kActive) {
    path.push_back(id);
    return true;
  }
  mark = Mark::kActive;
  path.push_back(id);
  const auto it = nodes.find(id);
  for (const Ref& ref : it == nodes.end() ? std::vector<Ref>{} : it->second.refs) {
    if (nodes.contains(ref.id) && FindCycle(ref.id, nodes, marks, path)) return true;
  }
  path.pop_back();
  marks[id] = Mark::kDone;
  return false;
}

void CheckCycles(ReadContext& ctx, const std::map<std::string, Node>& nodes) {
  std::map<std::string, Mark> marks;
  for (const auto& [id, node] : nodes) {
    std::vector<std::string> path;
    if (!FindCycle(id, nodes, marks, path)) continue;
    // The path may lead into the cycle from outside it: keep only the cycle.
    path.erase(path.begin(), std::find(path.begin(), path.end(), path.back()));
    std::string cycle;
    for (const std::string& step : path) cycle += (cycle.empty() ? "" : " -> ") + step;
    ctx.Error(nodes.at(path.back()).where, fmt::format("refs go round in a cycle: {}", cycle),
              "a numerator or exclusion cannot depend on itself");
    return;  // one cycle is enough to fix first
  }
}

}  // namespace

void CheckIds(ReadContext& ctx, const MeasureDefinition& def) {
  const std::map<std::string, Node> nodes = CollectIds(ctx, def);
  for (const auto& [id, node] : nodes) {
    for (const Ref& ref : node.refs) CheckRef(ctx, ref, nodes);
  }
  if (def.event) {
    std::vector<Ref> refs;
    CollectRefs(*def.event, refs);
    for (const Ref& ref : refs) CheckRef(ctx, ref, nodes);
  }
  CheckCycles(ctx, nodes);
}

}  // namespace hm::measure
