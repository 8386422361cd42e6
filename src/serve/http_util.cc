#include "serve/http_util.h"

#include <nlohmann/json.hpp>

namespace hm::serve {

void SendJson(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(json, "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message, const std::string& hint) {
  nlohmann::ordered_json body = {{"error", message}};
  if (!hint.empty()) body["hint"] = hint;
  // Replace: never let invalid UTF-8 from a message make dump() throw.
  SendJson(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SendStatus(httplib::Response& res, const Status& status) {
  std::string message = status.location().ToString();
  message += message.empty() ? status.message() : ": " + status.message();
  SendError(res, HttpStatusFor(status), message, status.hint());
}

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidInput: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kLimitExceeded: return 413;
    case StatusCode::kIoError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::size_t count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::size_t at = 0;
    while (at < header.size()) {
      const std::size_t end = std::min(header.find(';', at), header.size());
      std::string pair = header.substr(at, end - at);
      const std::size_t start = pair.find_first_not_of(' ');
      pair = start == std::string::npos ? "" : pair.substr(start);
      if (pair.starts_with(name + "=")) return pair.substr(name.size() + 1);
      at = end + 1;
    }
  }
  return "";
}

httplib::Headers SecurityHeaders() {
  return {{"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"},
          {"X-Frame-Options", "DENY"}};
}

void DrainBody(const httplib::Request& req, const httplib::ContentReader& reader) {
  const auto discard = [](const char*, std::size_t) { return true; };
  if (req.is_multipart_form_data()) {
    reader([](const httplib::MultipartFormData&) { return true; }, discard);
  } else {
    reader(discard);
  }
}

}  // namespace hm::serve
