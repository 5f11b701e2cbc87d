// A Google service account's JSON key file (docs/vertex.md#auth): who signs, with which key, and
// where the signed assertion is exchanged for an access token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace keygate::google_auth {

struct service_account {
  std::string client_email;
  std::string private_key_id;
  std::string private_key;  // PEM; a secret: never logged, never in an error
  std::string token_uri;
};

// The key, or why the JSON is not one. The reason names fields, never their values.
struct service_account_result {
  std::optional<service_account> account;
  std::string problem;
};
service_account_result read_service_account(std::string_view json);

}  // namespace keygate::google_auth
