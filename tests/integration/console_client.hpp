// A browser's side of the console in tests: signs in with a key, keeps the session cookie and the
// CSRF token, and calls the console API (or /v1) with them.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>

#include "harness.hpp"

namespace keygate::testing {

// A keygate config's models and auth for the console tests: "gpt" (priced, on the fake),
// "mock-gpt" (in-process); the master key and two virtual keys, alice and bob.
inline const std::string console_master = "sk-console-master-0000000000";
inline const std::string alice_secret = "sk-alice-console-000000000000";
inline const std::string bob_secret = "sk-bob-console-0000000000000";
std::string console_models_yaml();
std::string console_auth_yaml();

class console_client {
 public:
  explicit console_client(unsigned short port) : port_(port) {}

  // POST /console/session; keeps the cookie and the token when it succeeds.
  http_reply sign_in(const std::string& secret);
  // With the cookie; with the CSRF token unless `with_token` is false.
  http_reply call(const std::string& method, const std::string& target,
                  const std::string& body = "", bool with_token = true,
                  std::map<std::string, std::string> extra = {}) const;
  // The body of a 2xx answer as JSON; fails the test otherwise.
  boost::json::value json(const std::string& method, const std::string& target,
                          const std::string& body = "") const;

  const std::string& token() const { return session_token_; }
  const std::string& csrf() const { return csrf_; }
  void forget_csrf() { csrf_.clear(); }

 private:
  unsigned short port_;
  std::string session_token_;
  std::string csrf_;
};

// The session token in a Set-Cookie value ("kg_session=<token>; ..."); "" when there is none.
std::string session_token_of(const std::string& set_cookie);

}  // namespace keygate::testing
