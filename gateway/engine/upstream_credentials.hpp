// Credentials a provider fetches before a request instead of reading them from the configuration
// (an OAuth2 access token), for the HTTP provider to put on each request it sends.
#pragma once

#include <optional>
#include <string>

#include "gateway/base/openai_error.hpp"
#include "gateway/engine/provider.hpp"

namespace keygate {

struct granted_credential {
  std::string credential;               // what went on the request, to name it if it is refused
  std::optional<openai_error> refusal;  // none could be had: the client's error, naming the
                                        // deployment
};

class upstream_credentials {
 public:
  virtual ~upstream_credentials() = default;
  // Puts the deployment's credential on `request`, fetching one first when none is fresh.
  virtual task<granted_credential> authorize(attempt_call& call,
                                             upstream_request& request) const = 0;
  // The upstream answered 401 to `credential`: it is dropped, so the next request fetches anew,
  // and the client's error says which deployment could not authenticate.
  virtual openai_error refused(const deployment& target, const std::string& credential,
                               openai_error upstream) const = 0;
};

}  // namespace keygate
