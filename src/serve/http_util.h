// Small pieces every route shares: JSON replies and errors, the session cookie, the security
// headers, and the HTTP status for a Status.
//
// Thread-safety: the functions are reentrant.
#pragma once

#include <string>

#include <httplib.h>

#include "hedis_mockup/status.h"

namespace hm::serve {

inline constexpr const char* kSessionCookie = "hm_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// Sets `status` and a JSON body.
void SendJson(httplib::Response& res, int status, const std::string& json);
// {"error": message, "hint": hint} with `status`.
void SendError(httplib::Response& res, int status, const std::string& message, const std::string& hint = {});
// SendError with the status's message and hint, and the HTTP status HttpStatusFor gives.
void SendStatus(httplib::Response& res, const Status& status);
// 400 for bad input, 404 not found, 413 over a limit, 500 for the server's own failures.
int HttpStatusFor(const Status& status);

// The value of cookie `name` in the request's Cookie headers, or "".
std::string CookieValue(const httplib::Request& req, const std::string& name);

// The headers every response carries (CSP without inline script, nosniff, no referrer, no
// framing): set once as the server's default headers.
httplib::Headers SecurityHeaders();

// Reads and throws away the rest of a request body, so the connection stays in step when a
// request is refused before its upload was read.
void DrainBody(const httplib::Request& req, const httplib::ContentReader& reader);

}  // namespace hm::serve
