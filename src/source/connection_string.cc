#include "source/connection_string.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

namespace hm::source {
namespace {

// Masking is hand-written: libpq parses connection strings but has no call that prints one back
// without its password, and a string we refuse (mysql://u:p@h) never reaches libpq at all.

constexpr std::string_view kMask = "***";
constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kPostgresPrefixes[] = {"postgresql://", "postgres://"};

bool IsSecretKey(std::string_view key) {
  std::string lower;
  for (const char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.ends_with("password");
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// URI query keys are percent-decoded by libpq, so "p%61ssword" is a password too.
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
        HexDigit(text[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Builds the masked text piece by piece: kept text is copied, secrets are replaced and recorded.
class Masker {
 public:
  explicit Masker(std::string_view text) : text_(text) {}
  // Copies text up to `begin`, then masks [begin, end).
  void MaskSpan(std::size_t begin, std::size_t end) {
    if (begin < copied_ || end <= begin) return;
    out_.display.append(text_.substr(copied_, begin - copied_));
    out_.display.append(kMask);
    out_.secrets.emplace_back(text_.substr(begin, end - begin));
    copied_ = end;
  }
  MaskedConnectionString Finish() && {
    out_.display.append(text_.substr(copied_));
    return std::move(out_);
  }

 private:
  std::string_view text_;
  std::size_t copied_ = 0;
  MaskedConnectionString out_;
};

// "scheme://user:PASSWORD@host...": like libpq, the user info ends at the first '@' before any
// '/'. Returns where the rest of the URI (host onwards) starts.
std::size_t MaskUserInfo(std::string_view uri, std::size_t authority, Masker& masker) {
  const std::size_t end = uri.find_first_of("@/", authority);
  if (end == std::string_view::npos || uri[end] != '@') return authority;
  const std::size_t colon = uri.find(':', authority);
  if (colon < end) masker.MaskSpan(colon + 1, end);
  return end + 1;
}

// "?a=1&password=X": libpq splits the query at '&' and each parameter at its first '='.
void MaskQuery(std::string_view uri, std::size_t from, Masker& masker) {
  std::size_t start = uri.find('?', from);
  while (start != std::string_view::npos) {
    const std::size_t begin = start + 1;
    const std::size_t end = std::min(uri.find('&', begin), uri.size());
    const std::size_t equals = uri.find('=', begin);
    if (equals < end && IsSecretKey(PercentDecoded(uri.substr(begin, equals - begin)))) {
      masker.MaskSpan(equals + 1, end);
    }
    start = end < uri.size() ? end : std::string_view::npos;
  }
}

// The end of a keyword-form value starting at `at`: a quoted value runs to its closing quote, an
// unquoted one to white space; in both a backslash escapes the next character (as in libpq).
std::size_t KeywordValueEnd(std::string_view text, std::size_t at) {
  const bool quoted = at < text.size() && text[at] == '\'';
  std::size_t i = quoted ? at + 1 : at;
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
    } else if (quoted ? text[i] == '\'' : std::isspace(static_cast<unsigned char>(text[i]))) {
      return quoted ? i + 1 : i;
    } else {
      ++i;
    }
  }
  return text.size();
}

std::size_t SkipSpaces(std::string_view text, std::size_t at) {
  while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  return at;
}

// libpq's keyword form: "host=h password = 'X' user=u".
void MaskKeywords(std::string_view text, Masker& masker) {
  std::size_t at = SkipSpaces(text, 0);
  while (at < text.size()) {
    const std::size_t key_end = text.find_first_of("= \t\n\r\f\v", at);
    if (key_end == std::string_view::npos) return;
    const std::size_t equals = SkipSpaces(text, key_end);
    if (equals >= text.size() || text[equals] != '=') return;
    const std::size_t value = SkipSpaces(text, equals + 1);
    const std::size_t value_end = KeywordValueEnd(text, value);
    if (IsSecretKey(text.substr(at, key_end - at))) masker.MaskSpan(value, value_end);
    at = SkipSpaces(text, value_end);
  }
}

Status Unsupported(const MaskedConnectionString& masked) {
  return Status::InvalidInput(
      fmt::format("unsupported connection string '{}'", masked.display),
      "use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
}

Result<ConnectionTarget> ParsePostgres(std::string_view text, MaskedConnectionString masked) {
  char* error = nullptr;
  const std::string uri(text);
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (options == nullptr) {
    std::string why = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
    return Status::InvalidInput(
        fmt::format("invalid PostgreSQL connection string '{}': {}", masked.display,
                    ScrubSecrets(why, masked.secrets)),
        "write it as postgresql://USER@HOST:PORT/DATABASE");
  }
  PQconninfoFree(options);
  return ConnectionTarget{SqlBackend::kPostgres, uri, std::move(masked)};
}

Result<ConnectionTarget> ParseSqlite(std::string_view text, MaskedConnectionString masked) {
  std::string_view path = text.substr(kSqlitePrefix.size());
  if (path.starts_with("//")) path.remove_prefix(2);  // sqlite:///abs/path, as other tools write
  if (path.empty()) {
    return Status::InvalidInput(fmt::format("no database path in '{}'", masked.display),
                                "write sqlite:PATH, or sqlite::memory: for an in-memory database");
  }
  return ConnectionTarget{SqlBackend::kSqlite, std::string(path), std::move(masked)};
}

}  // namespace

MaskedConnectionString MaskSecrets(std::string_view connection_string) {
  Masker masker(connection_string);
  // A SQLite path carries no password, and "password=" may be part of a file name.
  if (connection_string.starts_with(kSqlitePrefix)) return std::move(masker).Finish();
  const std::size_t scheme = connection_string.find("://");
  if (scheme != std::string_view::npos) {
    const std::size_t host = MaskUserInfo(connection_string, scheme + 3, masker);
    MaskQuery(connection_string, host, masker);
  } else {
    MaskKeywords(connection_string, masker);
  }
  return std::move(masker).Finish();
}

// One pass over `text`, longest secret first at each position: the masks written are never
// scanned again, so a secret that is part of the mask ("*") or of another secret cannot make the
// text grow on every secret (which the fuzzer found: exponential growth with repeated "*").
std::string ScrubSecrets(std::string text, const std::vector<std::string>& secrets) {
  std::vector<std::string_view> sorted;
  for (const std::string& secret : secrets) {
    if (!secret.empty()) sorted.push_back(secret);
  }
  if (sorted.empty()) return text;
  std::sort(sorted.begin(), sorted.end(),
            [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::string_view rest = std::string_view(text).substr(at);
    const auto hit = std::find_if(sorted.begin(), sorted.end(),
                                  [&](std::string_view s) { return rest.starts_with(s); });
    if (hit == sorted.end()) {
      out += text[at++];
    } else {
      out.append(kMask);
      at += hit->size();
    }
  }
  return out;
}

Result<ConnectionTarget> ParseConnectionString(std::string_view connection_string) {
  MaskedConnectionString masked = MaskSecrets(connection_string);
  if (connection_string.empty()) {
    return Status::InvalidInput("empty connection string",
                                "use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  }
  if (connection_string.find('\0') != std::string_view::npos) {
    return Status::InvalidInput(
        fmt::format("connection string '{}' contains a NUL character", masked.display));
  }
  for (const std::string_view prefix : kPostgresPrefixes) {
    if (connection_string.starts_with(prefix)) {
      return ParsePostgres(connection_string, std::move(masked));
    }
  }
  if (connection_string.starts_with(kSqlitePrefix)) {
    return ParseSqlite(connection_string, std::move(masked));
  }
  return Unsupported(masked);
}

}  // namespace hm::source
