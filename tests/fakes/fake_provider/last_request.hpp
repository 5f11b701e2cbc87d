// The body of the last chat request the fake received (any API), for tests that check what the
// gateway sent upstream: GET /fake/last-request.
#pragma once

#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

void remember_request(std::string_view body);
// 200 with the body as it came, or 404 before any chat request.
keygate::task<void> respond_last_request(keygate::exchange& ex);

}  // namespace fake
