// A server started in-process on a free port for the API tests, with its own config, data,
// audit and cache folders, and helpers to sign in and submit the bundled example deck.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <httplib.h>

#include "hedis_mockup/server.h"
#include "testing/temp_dir.h"

namespace hm::serve::testing {

// Users of every test server: alice, bob, carol (password "<name>-pw"), and root (admin).
struct TestServer {
  // `tweak` changes the options (after the defaults below, before Start).
  explicit TestServer(const std::function<void(ServerOptions&)>& tweak = {});
  ~TestServer();

  httplib::Client Client() const;

  hm::testing::TempDir dir;
  std::unique_ptr<Server> server;
};

struct SignedInClient {
  std::unique_ptr<httplib::Client> client;
  std::string csrf;
  std::string cookie;  // "hm_session=..."
};
// Signs `user` in; the client sends the cookie and the CSRF token with every request.
// REQUIRES (asserted by the caller): the sign-in succeeds; an empty csrf means it did not.
SignedInClient SignIn(const TestServer& server, const std::string& user);

// The example deck: examples/testcases/psa_example.csv (PSA, MY 2026), without a VSD (the test
// server's default is examples/vsd).
httplib::MultipartFormDataItems ExampleDeck();

// Polls GET /api/jobs/{id} until the job finishes (succeeded, failed, cancelled) or `seconds`
// pass; returns its last JSON ("" if it could not be read).
std::string WaitForJob(httplib::Client& client, const std::string& id, int seconds = 60);

}  // namespace hm::serve::testing
