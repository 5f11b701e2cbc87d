// Cohere's error answers in the fake (docs/cohere.md): {"id","message"} with the
// status that names the kind (400, 401, 404, 422, 429, 498, 500, ...).
#pragma once

#include <string>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// Cohere's body for `status`; an empty message picks the status's usual one. `retry_after` adds
// a retry-after header.
keygate::task<void> send_cohere_error(keygate::exchange& ex, int status, std::string message,
                                      const fault_knobs& knobs);

}  // namespace fake
