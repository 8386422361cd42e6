#include "serve/config_file.h"

#include <cctype>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/password.h"
#include "util/files.h"

namespace hm::serve {
namespace {

using nlohmann::ordered_json;

Result<ordered_json> ReadJson(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("no such config file", "create it with `hedis-mockup user add NAME --config FILE`")
        .InFile(path);
  }
  HM_ASSIGN_OR_RETURN(std::string text, util::ReadFile(path));
  ordered_json json = ordered_json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::InvalidInput("not a JSON object", "see docs/web-api.md, \"Config file\"").InFile(path);
  }
  return json;
}

// A path from the file, taken relative to the file's folder.
std::string Resolve(const std::string& config_path, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(config_path).parent_path() / path).lexically_normal().string();
}

Status Field(const std::string& path, const std::string& key, const char* wants) {
  return Status::InvalidInput(fmt::format("\"server\".\"{}\" must be {}", key, wants)).InFile(path);
}

Status ApplyNumbers(const ordered_json& s, const std::string& path, ServerOptions& o) {
  auto number = [&](const char* key, double min, auto apply) -> Status {
    if (!s.contains(key)) return Status::Ok();
    if (!s[key].is_number() || s[key].get<double>() < min) {
      return Field(path, key, fmt::format("a number of at least {}", min).c_str());
    }
    apply(s[key].get<double>());
    return Status::Ok();
  };
  HM_RETURN_IF_ERROR(number("queue_capacity", 1, [&](double v) { o.queue_capacity = static_cast<std::size_t>(v); }));
  HM_RETURN_IF_ERROR(number("max_upload_mb", 0.001, [&](double v) { o.max_upload_bytes = static_cast<std::uint64_t>(v * 1e6); }));
  HM_RETURN_IF_ERROR(number("rate_per_second", 0.001, [&](double v) { o.rate_per_second = v; }));
  HM_RETURN_IF_ERROR(number("rate_burst", 1, [&](double v) { o.rate_burst = v; }));
  HM_RETURN_IF_ERROR(number("session_hours", 0.001, [&](double v) { o.session_ttl = std::chrono::seconds(static_cast<std::int64_t>(v * 3600)); }));
  HM_RETURN_IF_ERROR(number("shutdown_grace_seconds", 0, [&](double v) { o.shutdown_grace = std::chrono::seconds(static_cast<std::int64_t>(v)); }));
  HM_RETURN_IF_ERROR(number("job_retention_days", 0, [&](double v) { o.job_retention_days = v; }));
  return number("http_threads", 2, [&](double v) { o.http_threads = static_cast<std::size_t>(v); });
}

Status ApplyPaths(const ordered_json& s, const std::string& path, ServerOptions& o) {
  for (const char* key : {"web_dir", "vsd_cache_dir"}) {
    if (!s.contains(key)) continue;
    if (!s[key].is_string()) return Field(path, key, "a string");
    (std::string(key) == "web_dir" ? o.web_dir : o.vsd_cache_dir) = Resolve(path, s[key].get<std::string>());
  }
  if (!s.contains("default_vsd")) return Status::Ok();
  const ordered_json& vsd = s["default_vsd"];
  const ordered_json list = vsd.is_string() ? ordered_json::array({vsd}) : vsd;
  if (!list.is_array()) return Field(path, "default_vsd", "a path or a list of paths");
  o.default_vsd.clear();
  for (const ordered_json& p : list) {
    if (!p.is_string()) return Field(path, "default_vsd", "a path or a list of paths");
    o.default_vsd.push_back(Resolve(path, p.get<std::string>()));
  }
  return Status::Ok();
}

}  // namespace

bool IsValidUserName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

Result<std::map<std::string, UserEntry>> ReadUsers(const std::string& path) {
  HM_ASSIGN_OR_RETURN(ordered_json json, ReadJson(path));
  std::map<std::string, UserEntry> users;
  if (json.contains("users") && json["users"].is_object()) {
    for (const auto& [name, u] : json["users"].items()) {
      if (!IsValidUserName(name) || !u.is_object() || !u.contains("password") ||
          !u["password"].is_string() || !IsArgon2idHash(u["password"].get<std::string>())) {
        return Status::InvalidInput(fmt::format("user '{}' needs a valid name and an argon2id \"password\" hash", name),
                                    "set it with `hedis-mockup user add NAME --config FILE`")
            .InFile(path);
      }
      users[name] = {u["password"].get<std::string>(), u.value("admin", false)};
    }
  }
  if (users.empty()) {
    return Status::InvalidInput("no users", "add one with `hedis-mockup user add NAME --admin --config FILE`").InFile(path);
  }
  return users;
}

Result<ServerOptions> ApplyConfigFile(ServerOptions options) {
  HM_ASSIGN_OR_RETURN(ordered_json json, ReadJson(options.config_file));
  HM_RETURN_IF_ERROR(ReadUsers(options.config_file).status());
  if (!json.contains("server")) return options;
  const ordered_json& s = json["server"];
  if (!s.is_object()) return Status::InvalidInput("\"server\" must be an object").InFile(options.config_file);
  HM_RETURN_IF_ERROR(ApplyNumbers(s, options.config_file, options));
  HM_RETURN_IF_ERROR(ApplyPaths(s, options.config_file, options));
  return options;
}

Status AddUser(const std::string& path, const std::string& name, const std::string& password, bool admin) {
  if (!IsValidUserName(name)) {
    return Status::InvalidInput(fmt::format("invalid user name '{}'", name),
                                "use 1-64 letters, digits, '.', '_' or '-'");
  }
  if (password.empty()) return Status::InvalidInput("empty password", "type a password on standard input");
  ordered_json json = ordered_json::object();
  if (auto existing = ReadJson(path); existing.ok()) {
    json = std::move(existing).value();
  } else if (existing.status().code() != StatusCode::kNotFound) {
    return existing.status();
  }
  HM_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  if (!json.contains("users") || !json["users"].is_object()) json["users"] = ordered_json::object();
  json["users"][name] = {{"password", hash}, {"admin", admin}};
  HM_RETURN_IF_ERROR(util::AtomicWrite(path, json.dump(2) + "\n"));
  // Hashes are slow to crack, not impossible: only the owner (the service account) reads them.
  std::error_code ec;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace, ec);
  return Status::Ok();
}

}  // namespace hm::serve
