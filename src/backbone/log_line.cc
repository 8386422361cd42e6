#include "backbone/log_line.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hm::log {
namespace {

bool IsControl(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

bool HasControl(std::string_view value) {
  return std::any_of(value.begin(), value.end(), IsControl);
}

void AppendEscaped(std::string& out, std::string_view value) {
  if (!HasControl(value)) {
    out += value;
    return;
  }
  for (char c : value) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (IsControl(c)) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
}

bool NeedsQuotes(std::string_view value) {
  return value.empty() || value.find_first_of(" \"=") != std::string_view::npos ||
         HasControl(value);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view value) {
  // Printable ASCII other than '"' and '\\' is its own JSON form: the common case skips building
  // a json value. Anything else (escapes, UTF-8, broken UTF-8) goes through nlohmann.
  const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += value;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(value))
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string TextBody(std::span<const ContextField> context, std::string_view message,
                     ExtraFields fields) {
  std::string out;
  out.reserve(message.size() + 96);
  for (const auto& [key, value] : context) {
    if (value.empty()) continue;
    out += '[';
    out += key;
    out += '=';
    AppendEscaped(out, value);
    out += "] ";
  }
  AppendEscaped(out, message);
  for (const auto& [key, value] : fields) {
    out += ' ';
    AppendEscaped(out, key);
    out += '=';
    if (NeedsQuotes(value)) {
      AppendJsonString(out, value);
    } else {
      out += value;
    }
  }
  return out;
}

std::string JsonBody(std::span<const ContextField> context, std::string_view message,
                     ExtraFields fields) {
  std::string out;
  out.reserve(message.size() + 128);
  out += "\"message\":";
  AppendJsonString(out, message);
  for (const auto& [key, value] : context) {
    if (value.empty()) continue;
    out += ',';
    AppendJsonString(out, key);
    out += ':';
    AppendJsonString(out, value);
  }
  if (fields.size() == 0) return out;
  out += ",\"fields\":{";
  bool first = true;
  for (const auto& [key, value] : fields) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, key);
    out += ':';
    AppendJsonString(out, value);
  }
  out += '}';
  return out;
}

}  // namespace hm::log
