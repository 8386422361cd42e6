#include "measure/yaml_fields.h"

#include <fmt/format.h>

#include <charconv>

#include "util/text.h"

namespace hm::measure {
namespace {

constexpr std::string_view kLanguageHint = "see docs/measure-language.md";

std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string joined;
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

// The known name closest to `key` when it is close enough to be a typo.
std::string_view Closest(std::string_view key, const std::vector<std::string_view>& known) {
  std::string_view best;
  std::size_t best_distance = 3;  // more edits than this is another word, not a typo
  for (std::string_view name : known) {
    const std::size_t distance = util::EditDistance(key, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

Where ReadContext::At(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

void ReadContext::Error(Where where, std::string message, std::string hint) {
  if (hint.empty()) hint = kLanguageHint;
  Status status = Status::InvalidInput(std::move(message), std::move(hint)).InFile(file);
  if (where.line > 0) status = std::move(status).AtLine(where.line);
  diagnostics.Add(std::move(status));
}

void ReadContext::Error(const YAML::Node& at, std::string message, std::string hint) {
  Error(At(at), std::move(message), std::move(hint));
}

bool ReadContext::Visit(const YAML::Node& node) {
  if (--nodes_left >= 0) return true;
  if (!over_budget) {
    over_budget = true;
    diagnostics.Add(Status::LimitExceeded(
                        "the measure file names too many YAML nodes (through aliases?)",
                        "write the measure without anchors and aliases")
                        .InFile(file)
                        .AtLine(At(node).line));
  }
  return false;
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", node.Scalar());
    default:
      return "nothing";
  }
}

std::optional<std::string> ReadScalar(ReadContext& ctx, const YAML::Node& node,
                                      const std::string& what, std::string_view expected) {
  if (!ctx.Visit(node)) return std::nullopt;
  if (node.IsScalar()) return node.Scalar();
  ctx.Error(node, fmt::format("{}: expected {}, found {}", what, expected, Describe(node)),
            std::string(kLanguageHint));
  return std::nullopt;
}

Fields::Fields(ReadContext& ctx, const YAML::Node& map, std::string what,
               std::vector<std::string_view> known)
    : ctx_(&ctx), map_(map), what_(std::move(what)) {
  if (!ctx.Visit(map)) return;
  if (!map.IsMap()) {
    ctx.Error(map, fmt::format("{}: expected a map of fields ({}), found {}", what_,
                               JoinNames(known), Describe(map)),
              std::string(kLanguageHint));
    return;
  }
  is_map_ = true;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!ctx.Visit(it->first)) return;
    if (!it->first.IsScalar()) {
      ctx.Error(it->first, fmt::format("{}: a field name must be a word, found {}", what_,
                                       Describe(it->first)));
      continue;
    }
    Entry entry{it->first.Scalar(), it->first, it->second};
    if (Has(entry.key)) {
      ctx.Error(entry.key_node, fmt::format("field '{}' appears twice in {}", entry.key, what_),
                "keep one of them");
      continue;
    }
    bool is_known = false;
    for (std::string_view name : known) is_known = is_known || name == entry.key;
    if (!is_known) {
      ReportUnknown(entry, known);
      continue;
    }
    entries_.push_back(std::move(entry));
  }
}

void Fields::ReportUnknown(const Entry& entry, const std::vector<std::string_view>& known) const {
  const std::string_view closest = Closest(entry.key, known);
  std::string hint = closest.empty() ? std::string(kLanguageHint)
                                     : fmt::format("did you mean '{}'?", closest);
  ctx_->Error(entry.key_node,
              fmt::format("unknown field '{}' in {}; known: {}", entry.key, what_,
                          JoinNames(known)),
              std::move(hint));
}

const YAML::Node* Fields::Find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

Where Fields::At(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key != key) continue;
    const Where value_at = ReadContext::At(entry.value);
    // An empty value's mark is where the next token starts, often the next line.
    return entry.value.IsNull() || value_at.line == 0 ? ReadContext::At(entry.key_node) : value_at;
  }
  return where();
}

std::string Fields::Label(std::string_view key) const {
  return fmt::format("field '{}' of {}", key, what_);
}

void Fields::Error(std::string_view key, const std::string& message, std::string hint) const {
  ctx_->Error(At(key), fmt::format("{}: {}", Label(key), message), std::move(hint));
}

bool Fields::Require(std::string_view key) const {
  if (Has(key)) return true;
  if (is_map_) {
    ctx_->Error(map_, fmt::format("{} has no field '{}', which it needs", what_, key),
                fmt::format("add '{}: ...'; {}", key, kLanguageHint));
  }
  return false;
}

std::optional<std::string> Fields::String(std::string_view key) const {
  const YAML::Node* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!ctx_->Visit(*value)) return std::nullopt;
  if (value->IsScalar()) return value->Scalar();
  Error(key, fmt::format("expected a word or text, found {}", Describe(*value)));
  return std::nullopt;
}

std::optional<int> Fields::Int(std::string_view key, int min, int max) const {
  const std::optional<std::string> text = String(key);
  if (!text) return std::nullopt;
  int number = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, error] = std::from_chars(text->data(), end, number);
  if (error != std::errc() || ptr != end) {
    Error(key, fmt::format("expected a whole number, found '{}'", *text));
    return std::nullopt;
  }
  if (number < min || number > max) {
    Error(key, fmt::format("{} is out of range; it must be between {} and {}", number, min, max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> Fields::Bool(std::string_view key) const {
  const std::optional<std::string> text = String(key);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  Error(key, fmt::format("expected true or false, found '{}'", *text));
  return std::nullopt;
}

std::optional<std::vector<YAML::Node>> Fields::List(std::string_view key) const {
  const YAML::Node* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!ctx_->Visit(*value)) return std::nullopt;
  if (!value->IsSequence()) {
    Error(key, fmt::format("expected a list, found {}", Describe(*value)),
          "write [a, b] or one '- item' per line");
    return std::nullopt;
  }
  std::vector<YAML::Node> items;
  for (const YAML::Node& item : *value) items.push_back(item);
  return items;
}

std::optional<std::vector<std::string>> Fields::StringList(std::string_view key) const {
  std::optional<std::vector<YAML::Node>> items = List(key);
  if (!items) return std::nullopt;
  std::vector<std::string> texts;
  bool all_ok = true;
  for (const YAML::Node& item : *items) {
    std::optional<std::string> text = ReadScalar(*ctx_, item, Label(key), "a word or text");
    if (text) {
      texts.push_back(std::move(*text));
    } else {
      all_ok = false;
    }
  }
  if (!all_ok) return std::nullopt;
  return texts;
}

}  // namespace hm::measure
