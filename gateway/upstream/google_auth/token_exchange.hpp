// Trades a service account's signed assertion for an access token at the token URI its key names
// (RFC 7523's jwt-bearer grant, form-encoded).
#pragma once

#include "gateway/config/upstream_options.hpp"
#include "gateway/upstream/google_auth/service_account.hpp"
#include "gateway/upstream/google_auth/token_cache.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate::google_auth {

// The form body of the exchange.
std::string exchange_form(std::string_view assertion);

// The token from the endpoint's answer (access_token, expires_in), or the problem, in words that
// quote no secret.
fetched_token read_token_answer(unsigned status, std::string_view body);

task<fetched_token> exchange_assertion(upstream_client& client, const service_account& account,
                                       const upstream_timeouts& timeouts);

}  // namespace keygate::google_auth
