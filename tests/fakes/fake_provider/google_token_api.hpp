// Google's OAuth2 token endpoint for service accounts (POST /token, the jwt-bearer grant): the
// assertion's RS256 signature is checked against the public key a test registered for its
// client_email, and its claims (aud, iss, scope, iat, exp) the way Google checks them. Issued
// tokens live token_lifetime seconds and can all be revoked at once.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

// POST /token
keygate::task<void> google_token(keygate::exchange& ex);
// POST /fake/google/accounts {"client_email": ..., "public_key": PEM}: a service account the
// token endpoint knows.
keygate::task<void> google_register_account(keygate::exchange& ex);

// The token is one the endpoint issued, not expired and not revoked.
bool google_token_valid(std::string_view token);
// Every token issued so far stops working; later exchanges issue working ones.
void google_revoke_tokens();
void google_set_token_lifetime(long seconds);
std::uint64_t google_token_exchanges();

}  // namespace fake
